import json
import time

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.projects.as_of import parse_as_of
from guatu.projects.management.scope_options import add_scope_arguments, scope_from_options, user_from_options
from guatu.schedules.plan_levels import warm
from guatu.schedules.warnings import scope_warnings, warnings_for


class Command(BaseCommand):
    help = "Red/yellow/green warnings for the projects in scope, with the rules that fired."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the day to look from (default: end of the latest closed reporting month)")
        add_scope_arguments(parser)
        parser.add_argument("--level", choices=["red", "yellow", "green"], help="only this level")
        parser.add_argument("--summary", choices=["list", "platform", "region"], help="counts grouped this way")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--warm", action="store_true",
            help="schedule every project with milestones for the day (each policy's thresholds) ahead of the first "
            "page of the day, and say how many and how long (run it after midnight)",
        )  # fmt: skip

    def handle(self, *args, as_of, level, summary, **options):
        try:
            day = parse_as_of(as_of)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["warm"]:
            started = time.perf_counter()
            done = warm(day)
            counts = ", ".join(f"{n} ({label} days)" for label, n in done.items())
            self.stdout.write(f"截至 {day}: {counts}; {time.perf_counter() - started:.1f} s")
            return
        scope, user = scope_from_options(options), user_from_options(options)
        if summary:
            rows = scope_warnings(scope, day, user=user).summary(summary)
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {"as_of": day.isoformat(), "by": summary, "rows": [r.as_json() for r in rows]},
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            else:
                self.stdout.write(texttable.render(["分组", "红", "黄", "绿"], [
                    [r.label, str(r.counts["red"]), str(r.counts["yellow"]), str(r.counts["green"])] for r in rows
                ], right={1, 2, 3}))  # fmt: skip
            return
        found = warnings_for(scope, day, user=user)
        if level:
            found = [w for w in found if w.level == level]
        if options["json"]:
            self.stdout.write(json.dumps({"as_of": day.isoformat(), "projects": [w.as_json() for w in found]},
                                         ensure_ascii=False, indent=2))  # fmt: skip
            return
        self.stdout.write(f"截至 {day}:{len(found)} 个项目")
        for w in found:
            reasons = ";".join(r.text for r in w.reasons) or "—"
            self.stdout.write(f"[{w.level:>6}] {w.project.code}  {w.project.name}  {reasons}")

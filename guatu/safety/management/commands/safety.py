"""`guatu safety summary|import|export|template|reclassify` — the safety part from the command line.

    guatu safety summary --year 2024 [--through 11] [--region 衢州市] [--platform …] [--as USERNAME] [--json]
    guatu safety import FILE --kind hazards|inspections|accidents [--dry-run] [--as USERNAME] [--json]
    guatu safety export --kind hazards --out F.xlsx|F.csv [--as USERNAME]
    guatu safety template --kind hazards --out F.xlsx
    guatu safety reclassify            # after the accident thresholds were edited

`--as` reads (and writes) as that user, under their scope; without it the command is the system.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.accounts.management.acting import add_as_argument, user_named
from guatu.audit.context import acting
from guatu.core import texttable
from guatu.core.periods import Period
from guatu.projects.scope import Scope, ScopeError

KINDS = ("inspections", "hazards", "accidents")


class Command(BaseCommand):
    help = "安全生产: the year's summary, Excel import/export/templates of inspections, hazards and accidents."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("summary", help="per county: open and overdue hazards, accidents by class, award streaks")
        s.add_argument("--year", type=int, required=True)
        s.add_argument("--through", type=int, help="month (default: the latest reported month of the year, else 12)")
        for key in ("region", "platform", "list", "industry", "department"):
            s.add_argument(f"--{key}", help="code or name")
        add_as_argument(s)
        s.add_argument("--json", action="store_true")
        i = sub.add_parser("import", help="preview (--dry-run) or import a sheet, all or nothing")
        i.add_argument("file")
        i.add_argument("--kind", choices=KINDS, required=True)
        i.add_argument("--dry-run", action="store_true")
        add_as_argument(i)
        i.add_argument("--json", action="store_true")
        e = sub.add_parser("export", help="export the rows in scope to xlsx or CSV")
        e.add_argument("--kind", choices=KINDS, required=True)
        e.add_argument("--out", required=True)
        add_as_argument(e)
        t = sub.add_parser("template", help="an empty sheet to fill in")
        t.add_argument("--kind", choices=KINDS, required=True)
        t.add_argument("--out", required=True)
        r = sub.add_parser("reclassify", help="re-class accidents after the thresholds changed")
        add_as_argument(r)

    def handle(self, *args, action, **options):
        user = user_named(options.get("as_user"))
        getattr(self, f"_{action}")(user, **options)

    def _summary(self, user, *, year, through, json: bool, **options):
        from guatu.safety.api.views import default_through
        from guatu.safety.figures import summary

        try:
            scope = Scope.from_keys(region=options["region"], platform=options["platform"],
                                    project_list=options["list"], industry=options["industry"],
                                    department=options["department"])  # fmt: skip
            period = Period(year, through or default_through(year, user))
            data = summary(scope, period, user=user)
        except (ScopeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self._json(data.as_json())
            return
        rows = [[u.region.name, str(u.inspections), f"{u.hazards_open['general']}/{u.hazards_open['major']}",
                 f"{u.hazards_overdue['general']}/{u.hazards_overdue['major']}",
                 "/".join(str(u.accidents[c]) for c in u.accidents), u.award.run_label if u.award else "—"]
                for u in [*data.counties, data.total]]  # fmt: skip
        self.stdout.write(
            texttable.render(
                [
                    "地区",
                    "检查",
                    "未整改隐患(一般/重大)",
                    "逾期(一般/重大)",
                    "事故(一般/较大/重大/特别重大)",
                    "平安连冠",
                ],
                rows,
            )
        )
        award = data.total.award
        self.stdout.write(f"{data.city.name}{award.title}:{award.run_label}({award.streak.first_year}—"
                          f"{award.streak.last_year}),{data.year}年目标{award.goal_label};"
                          f"满堂红:{_yes_no(data.full_house)};{'有望' if data.on_course else '已无望'}")  # fmt: skip
        for threat in data.threats:
            self.stdout.write(f"  [{threat.rule.get_effect_display()}] {threat.text}")

    def _import(self, user, *, file, kind, dry_run, json: bool, **options):
        from guatu.exchange.importer import ImportError_
        from guatu.exchange.registry import import_kind

        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file")
        try:
            with acting(user) if user is not None else acting(name="guatu safety import"):
                preview = import_kind(path, kind, user=user, commit=not dry_run)
        except (ImportError_, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self._json(preview.as_json())
        else:
            self.stdout.write(f"{preview.file}: {preview.rows} rows — {preview.created} new, {preview.updated} "
                              f"changed, {preview.unchanged} unchanged"
                              + (" (committed)" if preview.committed else " (not written)"))  # fmt: skip
            for error in preview.errors:
                self.stdout.write(f"  {error['sheet']} row {error['row']} {error['column']}: {error['reason']}")
        if preview.errors:
            raise CommandError(f"{len(preview.errors)} errors; nothing was written")

    def _export(self, user, *, kind, out, **options):
        from guatu.exchange.registry import export_kind

        fmt = Path(out).suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError("--out must end in .xlsx or .csv")
        Path(out).write_bytes(export_kind(kind, fmt, user=user))
        self.stdout.write(f"wrote {out}")

    def _template(self, user, *, kind, out, **options):
        from guatu.exchange.registry import template_kind

        Path(out).write_bytes(template_kind(kind))
        self.stdout.write(f"wrote {out}")

    def _reclassify(self, user, **options):
        from guatu.safety.actions import reclassify_accidents

        with acting(user) if user is not None else acting(name="guatu safety reclassify"):
            changed = reclassify_accidents(acting_user=user)
        self.stdout.write(f"{len(changed)} accidents re-classified")

    def _json(self, body) -> None:
        self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2, default=str))


def _yes_no(value: bool | None) -> str:
    return {True: "是", False: "否", None: "待定"}[value]

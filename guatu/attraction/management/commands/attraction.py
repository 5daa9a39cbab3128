"""`guatu attraction …`: 招商引资 from the command line — the same functions as the pages and the API.

    guatu attraction summary --year 2024 [--through 11] [scope/pipeline filters] [--by region] [--as USER] [--json]
    guatu attraction reminders [--as-of 2024-11-30] [filters] [--as USER] [--json]
    guatu attraction transition CODE --to signed [--on DATE] [--reason …] [--event NAME] [--agreed-start DATE]
    guatu attraction convert CODE [--code PROJECT-CODE] [--as USER]
    guatu attraction template leads|lead-talks --out F.xlsx
    guatu attraction export leads|lead-talks --out F.xlsx|F.csv [--as USER]
    guatu attraction import FILE [--kind leads|lead-talks] [--dry-run] [--as USER] [--json]

Without --as the command acts as the system (it sees and may do everything); with --as it reads
and writes as that user, under their scope.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from guatu.accounts.management.acting import add_as_argument, user_named
from guatu.attraction import actions
from guatu.attraction.choices import Source, Stage
from guatu.attraction.figures import BY, Filters, summary
from guatu.attraction.models import IndustryChain, Lead, SigningEvent
from guatu.attraction.reminders import reminders_for
from guatu.core import texttable
from guatu.core.money import fmt_money, fmt_pct
from guatu.core.periods import Period
from guatu.exchange import registry
from guatu.projects.as_of import default_as_of
from guatu.projects.scope import Scope, ScopeError

KINDS = ("leads", "lead-talks")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r}: expected a date such as 2024-11-30") from None


class Command(BaseCommand):
    help = "招商引资: figures, reminders, stage moves, conversion to the ledger, Excel (see `--help` of each)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        p = sub.add_parser("summary", help="stage counts, signings against targets, rates (--json for machines)")
        p.add_argument("--year", type=int, required=True)
        p.add_argument("--through", type=int, default=12, help="last month included (1-12, default 12)")
        p.add_argument("--as-of", dest="as_of", type=_date, help="default: the period's end (or today)")
        p.add_argument("--by", choices=BY, help="also break the cohort down by this")
        self._filters(p)
        p = sub.add_parser("reminders", help="overdue reminders from the time rules")
        p.add_argument("--as-of", dest="as_of", type=_date, help="default: today")
        self._filters(p)
        p = sub.add_parser("transition", help="move a lead to another stage")
        p.add_argument("code")
        p.add_argument("--to", required=True, choices=Stage.values)
        p.add_argument("--on", type=_date, help="default: today (the event's day for a signing at one)")
        p.add_argument("--reason", default="")
        p.add_argument("--event", help="signing event name (a signing at an event)")
        p.add_argument("--agreed-start", dest="agreed_start", type=_date)
        add_as_argument(p)
        p = sub.add_parser("convert", help="turn a signed lead into a ledger project")
        p.add_argument("code")
        p.add_argument("--code", dest="project_code", help="the project's code (default: the lead's)")
        add_as_argument(p)
        p = sub.add_parser("template", help="an empty sheet to fill in")
        p.add_argument("kind", choices=KINDS)
        p.add_argument("--out", required=True)
        p = sub.add_parser("export", help="the leads (or talks) as xlsx or CSV")
        p.add_argument("kind", choices=KINDS)
        p.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
        add_as_argument(p)
        p = sub.add_parser("import", help="import a sheet (all or nothing)")
        p.add_argument("file")
        p.add_argument("--kind", choices=KINDS, default="leads")
        p.add_argument("--dry-run", action="store_true", help="preview only")
        p.add_argument("--json", action="store_true")
        add_as_argument(p)

    def _filters(self, parser) -> None:
        parser.add_argument("--region", help="region code or name (its subtree)")
        parser.add_argument("--platform", help="platform code or name (its subtree)")
        parser.add_argument("--industry", help="industry code or name")
        parser.add_argument("--department", help="department code or name")
        parser.add_argument("--chain", help="industry chain code or name")
        parser.add_argument("--source", choices=Source.values)
        parser.add_argument("--leader", help="the leading leader, as written on the leads")
        parser.add_argument("--event", help="signing event name")
        parser.add_argument("--json", action="store_true", help="print JSON (money as decimal strings in 万元)")
        add_as_argument(parser)

    def handle(self, *args, action: str, **options):
        user = user_named(options.get("as_user"))
        try:
            return getattr(self, f"do_{action}")(user, **options)
        except (actions.AttractionError, ValueError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    def _filters_of(self, options) -> Filters:
        try:
            scope = Scope.from_keys(**{k: options.get(k) for k in ("region", "platform", "industry", "department")})
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc
        chain = self._lookup(IndustryChain, options.get("chain"), "--chain")
        event = self._event(options.get("event"))
        return Filters(
            scope=scope, chain=chain, source=options.get("source"), leader=options.get("leader"), event=event
        )

    def _lookup(self, model, key, option):
        if not key:
            return None
        try:
            return model.objects.lookup(key)
        except (model.DoesNotExist, model.MultipleObjectsReturned) as exc:
            raise CommandError(f"{option}: {exc}") from None

    def _event(self, name):
        if not name:
            return None
        event = SigningEvent.objects.filter(name=name).first()
        if event is None:
            raise CommandError(f"--event: no signing event named “{name}”")
        return event

    def _print(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def do_summary(self, user, *, year, through, as_of, by, json: bool, **options):
        try:
            period = Period(year, through)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = summary(self._filters_of(options), period, user=user, as_of=as_of, by=by)
        if json:
            return self._print(result.as_json())
        f = result.overall
        self.stdout.write(f"{period.label_zh()}  {' · '.join(result.filters.parts()) or '全部'}  截至 {result.as_of}")
        labels = dict(Stage.choices)
        self.stdout.write("阶段: " + "  ".join(f"{labels[s]} {n}" for s, n in result.stages.items()))
        target = f.target
        self.stdout.write(
            f"签约 {f.signed_count} 个 / {fmt_money(f.signed_amount)} 亿元"
            + (
                f"(目标 {target.signed_count} 个 / {fmt_money(target.signed_amount)} 亿元,完成 {fmt_pct(f.count_pct)}"
                f" / {fmt_pct(f.amount_pct)})"
                if target
                else ""
            )
            + f";亿元以上 {f.band('over_100m')},10亿元以上 {f.band('over_1b')},百亿级 {f.band('over_10b')}"
        )
        self.stdout.write(
            f"履约率 {fmt_pct(f.rate('performance'))}  落地率 {fmt_pct(f.rate('landing'))}  "
            f"开工率 {fmt_pct(f.rate('start'))}  投产率 {fmt_pct(f.rate('production'))}  "
            f"实际到位 {fmt_money(f.in_place)} 亿元  产业契合度 {fmt_pct(f.fit_pct)}"
        )
        if result.rows:
            rows = [
                [
                    r.label,
                    str(r.signed_count),
                    fmt_money(r.signed_amount),
                    fmt_pct(r.rate("performance")),
                    fmt_pct(r.rate("landing")),
                    fmt_pct(r.rate("start")),
                    fmt_pct(r.rate("production")),
                ]
                for r in result.rows
            ]
            self.stdout.write(
                texttable.render(
                    ["分组", "签约", "金额(亿元)", "履约率", "落地率", "开工率", "投产率"],
                    rows,
                    right={1, 2, 3, 4, 5, 6},
                )
            )

    def do_reminders(self, user, *, as_of, json: bool, **options):
        leads = self._filters_of(options).apply(Lead.objects.visible_to(user))
        day = as_of or default_as_of(user)
        found = reminders_for(leads, day)
        if json:
            return self._print({"as_of": day.isoformat(), "reminders": [r.as_json() for r in found]})
        for r in found:
            self.stdout.write(f"[{r.level}] {r.lead.code} {r.lead.name}  {r.text}  ({r.lead.leader_name})")
        self.stdout.write(f"{len(found)} reminder(s) as of {day}")

    def _lead(self, user, code: str) -> Lead:
        lead = Lead.objects.visible_to(user).filter(code=code).first()
        if lead is None:
            raise CommandError(f"no lead {code!r} (in your scope)")
        return lead

    def do_transition(self, user, *, code, to, on, reason, event, agreed_start, **options):
        lead = self._lead(user, code)
        actions.transition(
            lead, to, acting_user=user, on=on, reason=reason, event=self._event(event), agreed_start=agreed_start
        )
        self.stdout.write(f"{lead.code}: {Stage(lead.stage).label} since {lead.stage_on}")

    def do_convert(self, user, *, code, project_code, **options):
        project = actions.convert(self._lead(user, code), acting_user=user, code=project_code)
        self.stdout.write(f"{code} → project {project.code} {project.name}")

    def do_template(self, user, *, kind, out, **options):
        Path(out).write_bytes(registry.template_kind(kind))
        self.stdout.write(f"wrote {out}")

    def do_export(self, user, *, kind, out, **options):
        path = Path(out)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError(f"--out {out}: name it .xlsx or .csv")
        path.write_bytes(registry.export_kind(kind, fmt, user=user))
        self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")

    def do_import(self, user, *, file, kind, dry_run, json: bool, **options):
        from guatu.exchange.importer import ImportError_
        from guatu.exchange.reader import UnreadableFile

        try:
            preview = registry.import_kind(Path(file), kind, user=user, commit=not dry_run)
        except (ImportError_, UnreadableFile) as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self._print(preview.as_json())
        else:
            for error in preview.errors:
                self.stdout.write(f"{error['sheet']} row {error['row']} {error['column']}: {error['reason']}")
            verb = "imported" if preview.committed else "would import"
            self.stdout.write(
                f"{file}: {preview.rows} rows; {verb} {preview.created} new, {preview.updated} "
                f"changed, {preview.unchanged} unchanged; {len(preview.errors)} error(s)"
            )
        if preview.errors:
            raise CommandError(f"{len(preview.errors)} error(s); nothing was written")

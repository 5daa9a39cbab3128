"""`guatu funds summary|warnings|import|export|template`: the fund cluster from the command line.

    guatu funds summary --year 2024 [--through 11] [--region 衢州市] [--as USERNAME] [--json]
    guatu funds warnings [--as-of 2024-11-30] [--as USERNAME] [--json]
    guatu funds import FILE --kind funds|fund-commitments|fund-investments [--dry-run] [--as USERNAME] [--json]
    guatu funds export KIND --out FILE.xlsx|FILE.csv [--as USERNAME]
    guatu funds template KIND --out FILE.xlsx

Without --as the command acts as the system (everything); with it, it reads and writes what that user may.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.accounts.management.acting import add_as_argument, user_named
from guatu.audit.context import acting
from guatu.core import texttable
from guatu.core.money import fmt_pct
from guatu.core.periods import Period
from guatu.exchange import registry
from guatu.funds.figures import summary, yi_str
from guatu.funds.scope import FundScope, ScopeError
from guatu.funds.warnings import fund_warnings

KIND_NAMES = ("funds", "fund-commitments", "fund-investments")


def _scope_arguments(parser) -> None:
    parser.add_argument("--region", help="region code or name (its funds and those below)")
    parser.add_argument("--platform", help="platform code or name")
    parser.add_argument("--industry", help="industry code or name (narrows the investment figures)")
    parser.add_argument("--fund", help="fund code or name (it and its sub-funds)")
    parser.add_argument("--level", help="province, city or county")


class Command(BaseCommand):
    help = "The fund cluster (产业基金): summary figures, early-exit warnings, Excel import/export/template."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="summary|warnings|import|export|template")
        p = sub.add_parser("summary", help="the cluster's figures for a year (through a month)")
        p.add_argument("--year", type=int, required=True)
        p.add_argument("--through", type=int, default=12, help="last month included (1-12, default 12)")
        _scope_arguments(p)
        add_as_argument(p)
        p.add_argument("--json", action="store_true", help="print JSON (money as decimal strings)")
        p = sub.add_parser("warnings", help="early-exit warnings as of a day")
        p.add_argument("--as-of", help="the day (default: today)")
        _scope_arguments(p)
        add_as_argument(p)
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("import", help="preview, then commit all or nothing")
        p.add_argument("file")
        p.add_argument("--kind", choices=KIND_NAMES, required=True)
        p.add_argument("--dry-run", action="store_true", help="preview only")
        add_as_argument(p)
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("export", help="write a sheet of what the user may see")
        p.add_argument("kind", choices=KIND_NAMES)
        p.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
        add_as_argument(p)
        p = sub.add_parser("template", help="an empty sheet to fill in")
        p.add_argument("kind", choices=KIND_NAMES)
        p.add_argument("--out", required=True, help="FILE.xlsx")

    def handle(self, *args, action: str, **options):
        user = user_named(options.get("as_user"))
        with acting(**({"user": user} if user is not None else {"name": "guatu funds"})):
            getattr(self, f"_{action}")(user, **options)

    def _summary(self, user, *, year, through, **options):
        try:
            period = Period(year, through)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        scope = _scope(options)
        s = summary(scope, period.start, period.end, user=user)
        if options["json"]:
            data = {"year": year, "through_month": through, **s.as_json()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{period.label_zh()}  {scope.describe()}  单位:亿元")
        rows = [
            ["基金集群规模", yi_str(s.size)],
            ["集群扩容", yi_str(s.growth)],
            ["新增投资", yi_str(s.new_investment)],
            ["撬动各类资本", yi_str(s.leveraged)],
            ["政府出资", yi_str(s.government)],
            ["放大倍数", _plain(s.leverage)],
            ["返投倍数", _plain(s.reinvestment)],
            ["投资进度(认缴)", fmt_pct(s.progress_committed)],
            ["投资进度(实缴)", fmt_pct(s.progress_paid_in)],
            ["投向标志性产业", fmt_pct(s.shares["flagship"])],
            ["市域投资落地", fmt_pct(s.shares["local"])],
            ["支持高端技术", fmt_pct(s.shares["high_tech"])],
            ["投向民营企业", fmt_pct(s.shares["private"])],
        ]
        self.stdout.write(texttable.render(["指标", "数值"], rows, right={1}))
        for w in s.warnings:
            self.stdout.write(f"预警 {w.fund.name}: {w.text}")

    def _warnings(self, user, *, as_of, **options):
        try:
            day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
        except ValueError:
            raise CommandError(f"--as-of {as_of}: expected a date such as 2024-11-30") from None
        found = fund_warnings(day, user=user, scope=_scope(options))
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"as_of": day.isoformat(), "warnings": [w.as_json() for w in found]}, ensure_ascii=False, indent=2
                )
            )
            return
        for w in found:
            self.stdout.write(f"{w.fund.code}  {w.fund.name}  {w.rule}  {w.text}")
        self.stdout.write(f"{len(found)} warnings as of {day.isoformat()}")

    def _import(self, user, *, file, kind, dry_run, **options):
        from guatu.exchange.importer import ImportError_
        from guatu.exchange.reader import UnreadableFile

        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file")
        try:
            preview = registry.import_kind(path, kind, user=user, commit=not dry_run)
        except (ImportError_, UnreadableFile) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(preview.as_json(), ensure_ascii=False, indent=2, default=str))
        else:
            for e in preview.errors[:200]:
                self.stderr.write(f"{preview.file} [{e['sheet']}] row {e['row']}, {e['column']}: {e['reason']}")
            verb = "committed" if preview.committed else "preview"
            self.stdout.write(
                f"{preview.file} ({kind}): {preview.rows} rows — {preview.created} new, "
                f"{preview.updated} changed, {preview.unchanged} unchanged, {len(preview.errors)} errors "
                f"({verb})"
            )
        if preview.errors:
            raise CommandError(f"{path.name}: {len(preview.errors)} errors; nothing was written")

    def _export(self, user, *, kind, out, **options):
        path = Path(out)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError(f"--out {out}: name it *.xlsx or *.csv")
        path.write_bytes(registry.export_kind(kind, fmt, user=user))
        self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")

    def _template(self, user, *, kind, out, **options):
        path = Path(out)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"--out {out}: a template is an .xlsx file")
        path.write_bytes(registry.template_kind(kind))
        self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")


def _scope(options: dict) -> FundScope:
    try:
        return FundScope.from_keys(**{k: options.get(k) for k in ("region", "platform", "industry", "fund", "level")})
    except ScopeError as exc:
        raise CommandError(str(exc)) from exc


def _plain(value) -> str:
    from guatu.funds.figures import ratio_str

    return ratio_str(value) or "—"

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.core.money import fmt_pct
from guatu.core.periods import Period
from guatu.projects.management.scope_options import add_scope_arguments, scope_from_options
from guatu.reporting import actions
from guatu.reporting.defaults import status_month
from guatu.reporting.export import EXPORT_BY, STATUS_ZH, export_status
from guatu.reporting.models import ReportingMonth
from guatu.reporting.status import GROUPINGS, submission_status

GROUP_TITLES = {"county": "县(市、区)", "platform": "平台", "department": "责任单位", "list": "项目名单"}


class Command(BaseCommand):
    help = (
        "报送情况: who has and has not reported for a month (default: the open reporting month), per county, "
        "platform, department and list; --out writes it as xlsx/CSV; --open/--close change the calendar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--month", type=int, help="1-12 (with --year)")
        add_scope_arguments(parser)
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--by", choices=GROUPINGS, help="print only this grouping's table")
        parser.add_argument("--out", help="write the sheet to F.xlsx or F.csv")
        parser.add_argument("--out-by", choices=EXPORT_BY, default="projects", help="what --out lists")
        change = parser.add_mutually_exclusive_group()
        change.add_argument("--open", dest="open_it", action="store_true", help="open the month for reporting")
        change.add_argument("--close", dest="close_it", action="store_true", help="close the month (locks its reports)")
        parser.add_argument("--deadline", help="with --open: YYYY-MM-DD (default: the policy's day of next month)")

    def handle(self, *args, year, month, json: bool, by, out, out_by, open_it, close_it, deadline, **options):
        if (year is None) != (month is None):
            raise CommandError("give both --year and --month, or neither (the open reporting month)")
        try:
            period = Period(year, month) if year else status_month()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if open_it or close_it:
            self._change(period, open_it, deadline)
            return
        status = submission_status(scope_from_options(options), period.year, period.month)
        if out:
            path = Path(out)
            fmt = path.suffix.lower().lstrip(".")
            if fmt not in ("xlsx", "csv"):
                raise CommandError(f"--out {out}: name it *.xlsx or *.csv")
            path.write_bytes(export_status(status, by=out_by, fmt=fmt))
            self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
            return
        if json:
            self.stdout.write(_dumps(status.as_json()))
            return
        self._print(status, [by] if by else list(GROUPINGS))

    def _change(self, period: Period, open_it: bool, deadline: str | None) -> None:
        try:
            if open_it:
                day = dt.date.fromisoformat(deadline) if deadline else None
                opened = actions.open_month(period.year, period.month, acting_user=None, deadline=day)
                self.stdout.write(f"opened {opened}, due {opened.deadline}")
                return
            current = ReportingMonth.objects.for_month(period.year, period.month).first()
            if current is None:
                raise CommandError(f"{period.year}-{period.month:02d} is not in the calendar; --open it first")
            locked = actions.close_month(current, acting_user=None)
            self.stdout.write(f"closed {current}; {locked} reports locked")
        except (actions.CalendarError, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _print(self, status, groupings: list[str]) -> None:
        o = status.overall
        state = {"open": "报送中", "closed": "已关闭", None: "未开启"}[status.state]
        self.stdout.write(
            f"{status.period.year}年{status.period.month}月报送情况  {status.scope.describe()}  {state}  "
            f"报送截止日 {status.deadline}  已报送 {o.reported} / {o.expected}  报送率 {fmt_pct(o.rate)}  "
            f"逾期未报 {o.overdue}"
        )
        headers = ["应报", "已报送", "已审核", "已退回", "草稿", "未报送", "逾期未报", "报送率"]
        for name in groupings:
            rows = [
                [t.label, str(t.expected), str(t.reported), str(t.approved), str(t.returned), str(t.draft),
                 str(t.not_reported), str(t.overdue), fmt_pct(t.rate)]
                for t in [*status.groups[name], o]
            ]  # fmt: skip
            rows[-1][0] = "合计"
            self.stdout.write("")
            self.stdout.write(texttable.render([GROUP_TITLES[name], *headers], rows, right=set(range(1, 9))))
        missing = status.not_reported
        if missing:
            self.stdout.write(f"\n未报送 {len(missing)} 个项目:")
            self.stdout.write(texttable.render(
                ["代码", "项目", "县(市、区)", "责任单位", "联系领导", "状态", "逾期"],
                [[p.code, p.name, p.county, p.department or "—", p.contact or "—", STATUS_ZH[p.status],
                  "是" if p.overdue else ""] for p in missing],
            ))  # fmt: skip


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

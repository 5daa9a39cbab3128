import json

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.core.money import fmt_money, fmt_pct
from guatu.core.periods import Period
from guatu.projects.management.scope_options import add_scope_arguments, scope_from_options, user_from_options
from guatu.projects.progress import progress


class Command(BaseCommand):
    help = "Progress of each project list against its annual target (--json for machines)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--through", type=int, required=True, help="last month included (1-12)")
        add_scope_arguments(parser)
        parser.add_argument("--json", action="store_true", help="print JSON (money as decimal strings in 万元)")
        parser.add_argument("--lagging-page", type=int, default=1,
                            help="which page of each row's laggards the JSON lists (20 a page)")  # fmt: skip

    def handle(self, *args, year, through, json: bool, lagging_page: int, **options):
        try:
            period = Period(year, through)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if lagging_page < 1:
            raise CommandError("--lagging-page starts at 1")
        scope = scope_from_options(options)
        report = progress(scope, period, user=user_from_options(options), lagging_page=lagging_page)
        if json:
            self.stdout.write(_dumps(report.as_json()))
            return
        self.stdout.write(f"{period.label_zh()}  {scope.describe()}  序时进度 {fmt_pct(period.elapsed_pct)}  单位:亿元")
        headers = ["名单", "项目", "已开工", "总投资", "年度计划", "累计完成", "完成率", "状态"]
        rows = [
            [
                row.label,
                str(row.projects),
                str(row.started),
                fmt_money(row.total_investment),
                fmt_money(row.annual_plan),
                fmt_money(row.ytd_actual),
                fmt_pct(row.completion),
                {True: "超序时", False: "滞后", None: "—"}[row.ahead],
            ]
            for row in [*report.rows, report.overall]
        ]
        self.stdout.write(texttable.render(headers, rows, right={1, 2, 3, 4, 5, 6}))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

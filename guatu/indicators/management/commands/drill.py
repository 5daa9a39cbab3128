import json

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.indicators.figures import drill
from guatu.indicators.lookups import indicator_and_unit, parse_period


class Command(BaseCommand):
    help = "Drill an indicator from a unit to its children (share, contribution) and, for investment, its projects."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", required=True)
        parser.add_argument("--unit", required=True, help="reporting unit code or name")
        parser.add_argument("--period", required=True, help="YYYY-MM")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, indicator, unit, period, **options):
        try:
            found, reporting_unit = indicator_and_unit(indicator, unit)
            year, month = parse_period(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        data = drill(found, reporting_unit, year, month).as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        head = data["unit"]
        self.stdout.write(f"{found.name} {data['period']} {head['name']}: {head['value']} {found.unit}, "
                          f"增长 {head['growth_pct']}%")  # fmt: skip
        rows = [[c["name"], c["value"] or "—", c["growth_pct"] or "—", c["share_pct"] or "—",
                 c["contribution_points"] or "—", c["contribution_rate_pct"] or "—"]
                for c in data["children"] + data["zones"]]  # fmt: skip
        self.stdout.write(texttable.render(["单位", "数值", "增幅%", "占比%", "拉动(百分点)", "贡献率%"], rows,
                                           right={1, 2, 3, 4, 5}))  # fmt: skip
        if data["flagged"]:
            self.stdout.write(f"注意:下级合计与本级相差 {data['children_mismatch_pct']}%(统计口径不同)")
        if data["projects"]:
            self.stdout.write(f"重点项目 {len(data['projects'])} 个,本年完成 {data['projects_total']} {found.unit},"
                              f"占 {data['projects_share_pct']}%")  # fmt: skip

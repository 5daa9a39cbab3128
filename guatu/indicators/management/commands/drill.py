import json

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.core.money import round_half_up
from guatu.indicators.figures import drill
from guatu.indicators.lookups import indicator_and_unit, parse_period

DASH = "—"


def _or_dash(value: str | None, suffix: str = "") -> str:
    return DASH if value is None else f"{value}{suffix}"


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
        report = drill(found, reporting_unit, year, month)
        data = report.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        head = data["unit"]
        if head["value"] is None:
            self.stdout.write(f"{found.name} {data['period']} {head['name']}：本期无本级数据")
        else:
            self.stdout.write(f"{found.name} {data['period']} {head['name']}：{head['value']}{found.unit}，"
                              f"增长{_or_dash(head['growth_pct'], '%')}")  # fmt: skip
        if data["shares_of"] == "districts_sum":
            self.stdout.write(
                f"{head['name']}本期无数据，占比与拉动按下辖单位合计{data['districts_sum'] or DASH}{found.unit}计算"
            )
        rows = [
            [
                c["name"],
                _or_dash(c["value"]),
                _or_dash(c["growth_pct"]),
                _or_dash(c["share_pct"]),
                _or_dash(c["contribution_points"]),
                _or_dash(c["contribution_rate_pct"]),
            ]
            for c in data["children"]
        ]
        rows += [[f"{c['name']}（功能区，不计入合计）", _or_dash(c["value"]), _or_dash(c["growth_pct"]),
                  _or_dash(c["share_pct"]), _or_dash(c["contribution_points"]), _or_dash(c["contribution_rate_pct"])]
                 for c in data["zones"]]  # fmt: skip
        if rows:
            self.stdout.write(texttable.render(["单位", "数值", "增幅%", "占比%", "拉动(百分点)", "贡献率%"], rows,
                                               right={1, 2, 3, 4, 5}))  # fmt: skip
        else:
            self.stdout.write(f"{head['name']}以下没有下级统计单位。")
        if data["flagged"]:
            self.stdout.write(
                f"注意：下辖区县合计{data['districts_sum']}{found.unit}，与本级相差{data['children_mismatch_pct']}%"
                f"（超过容差{data['tolerance_pct']}%，统计口径不同）"
            )
        if data["projects"]:
            total = round_half_up(report.projects_total, 2)
            share = f"，占{data['projects_share_pct']}%" if data["projects_share_pct"] is not None else ""
            self.stdout.write(f"重点项目{len(data['projects'])}个，本年完成{total}{found.unit}{share}")
            if data["projects_over_100"]:
                self.stdout.write(
                    "注意：重点项目完成投资超过本级指标值（项目填报的形象投资与统计入库口径不同），请核对"
                )
        elif found.project_measure:
            self.stdout.write(f"{head['name']}内没有可见的重点项目。")

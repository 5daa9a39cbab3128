import json

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.indicators.figures import BAND_NAMES, rank_report
from guatu.indicators.lookups import indicator_and_unit, parse_period


class Command(BaseCommand):
    help = "Rank units among their siblings on an indicator (保五争三拼第一), with target bands and gaps."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", required=True, help="indicator code or name, e.g. GDP")
        parser.add_argument("--period", required=True, help="YYYY-MM (a quarterly indicator uses the quarter up to it)")
        parser.add_argument("--parent", required=True, help="code or name of the unit whose children are ranked")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, indicator, period, parent, **options):
        try:
            found, unit = indicator_and_unit(indicator, parent)
            year, month = parse_period(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = rank_report(found, unit, year, month)
        data = report.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{found.name}  {data['period']}  {unit.name}下辖  按{'增幅' if data['by'] == 'growth' else '总量'}排名"
        )
        rows = [[str(r["rank"]), r["name"], r["value"] or "—", r["growth_pct"] or "—"] for r in data["rows"]]
        rows += [["—", code, "—", "—"] for code in data["missing"]]
        self.stdout.write(texttable.render(["位次", "单位", f"数值({found.unit})", "增幅(%)"], rows, right={0, 2, 3}))
        for t in report.targets:
            band = BAND_NAMES.get(t.band, "未达") if t.band else "未达保位"
            self.stdout.write(f"{t.unit.name}: 目标 保{t.target.keep}争{t.target.strive}拼{t.target.fight}, "
                              f"现第{t.rank}位 ({band})")  # fmt: skip

import json

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.indicators.figures import BAND_NAMES, gap_sentence, rank_report
from guatu.indicators.lookups import indicator_and_unit, parse_period
from guatu.indicators.ranking import RANK_BY

DASH = "—"


class Command(BaseCommand):
    help = "Rank units among their siblings on an indicator (保五争三拼第一), with target bands and gaps."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", required=True, help="indicator code or name, e.g. GDP")
        parser.add_argument("--period", required=True, help="YYYY-MM (a quarterly indicator uses the quarter up to it)")
        parser.add_argument("--parent", required=True, help="code or name of the unit whose children are ranked")
        parser.add_argument("--by", choices=RANK_BY, help="rank by growth or level (default: the indicator's setting)")
        parser.add_argument("--zones", action="store_true", help="rank the functional zones beside the districts")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, indicator, period, parent, by, zones, **options):
        try:
            found, unit = indicator_and_unit(indicator, parent)
            year, month = parse_period(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = rank_report(found, unit, year, month, by=by, zones=zones)
        data = report.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        how = "增幅" if data["by"] == "growth" else "总量"
        self.stdout.write(f"{found.name}  {data['period']}  {unit.name}下辖  按{how}排名")
        rows = [[str(r["rank"]), r["name"] + ("（功能区）" if r["zone"] else ""), r["value"] or DASH,
                 r["growth_pct"] or DASH] for r in data["rows"]]  # fmt: skip
        rows += [[DASH, m["name"] + ("（功能区）" if m["zone"] else ""), "未公布", DASH] for m in data["missing"]]
        self.stdout.write(texttable.render(["位次", "单位", f"数值({found.unit})", "增幅(%)"], rows, right={0, 2, 3}))
        if data["missing"]:
            self.stdout.write("未参与排名（无数据）：" + "、".join(m["name"] for m in data["missing"]))
        if data["zones_not_ranked"]:
            names = "、".join(z["name"] for z in data["zones_not_ranked"])
            self.stdout.write(f"功能区{names}与区县统计范围交叉，未参与排名（加 --zones 可并列排名）")
        for t in report.targets:
            target = f"保{t.target.keep}争{t.target.strive}拼{t.target.fight}"
            if t.rank is None:
                self.stdout.write(f"{t.unit.name}：目标{target}，本期无数据，未排名")
                continue
            band = f"达到“{BAND_NAMES[t.band]}”" if t.band else "未达保位"
            self.stdout.write(f"{t.unit.name}：目标{target}，现第{t.rank}位（{band}）")
            for gap in t.gaps.values():
                if not gap.reached:
                    self.stdout.write("  " + gap_sentence(found, gap, data["by"]))

"""The demo's fund cluster (产业基金): the article's figures from rows that add up to them.

The article (2024-11): "今年以来,衢州市产业基金新增投资87亿元,撬动各类资本超300亿元;基金集群扩容115亿元,
基金集群规模已达845亿元"; the 省高端新材料基金 of 50亿元 with 15亿元 from the provincial fund, 投资进度超90%,
three 100% (市域投资落地, 支持高端技术, 投向民营企业); 投向六大标志性主导产业达投资总量的85%; 省市县三级联动
投资4000万元 in 龙理新能源. It names no fund's LPs and no investment rows besides these: **every fund, LP
and investment row here is illustrative** (marked in its description/note), chosen so that the totals are
exactly the article's (see `guatu/funds/figures.py` for the definitions):

- cluster size 730.00亿元 on 2023-12-31 and 845.00亿元 from 2024-10-31 on: growth 115.00亿元 in 2024;
- new investment 2024: 87.00亿元 in 23 rows, leveraging 312.40亿元 (co-investment + investee financing);
- flagship share 85% exactly, both of 2024's 87亿 (73.95亿) and of everything invested to date (328.95 of 387亿);
- 省高端新材料基金: 50亿元 committed (浙江省产业基金 15亿元), 46亿元 invested (92.0%), all local,
  high-tech and private.

Everything 2024 is dated by 2024-10-31, so the figures read the same through October, November or the year.
Deterministic and idempotent (natural-key upserts that never overwrite what a person changed).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Industry, Platform, Region
from guatu.demo import catalog as c
from guatu.funds.models import Fund, FundCommitment, FundFocus, FundInvestment, within
from guatu.projects.models import Project

REASON = "guatu demo"
DEMO_ACTOR = "guatu demo"
ILLUSTRATIVE = "示例数据:文章未给出该行明细。"
YI = Decimal(10000)
FLAGSHIP_FOCUS = ["FSXCL", "LDCL", "DZHXCL", "TZZ", "XNY", "JCDL", "GDZB", "SMJK"]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def yi(text: str) -> Decimal:
    """亿元 → 万元."""
    return (Decimal(text) * YI).quantize(Decimal("0.01"))


def _years_after(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years) - dt.timedelta(days=1)


# code, name, level, type, structure, parent, manager, region, platform, approved, set up, focus, description
FUNDS = [
    ("QZ-YD", "衢州市产业发展引导基金", "city", "industry", "parent", None, "衢州市国有资本运营有限公司", "330800",
     None, "2019-03-01", "2019-06-28", FLAGSHIP_FOCUS, ILLUSTRATIVE),
    ("ZJ-GDXCL", "省高端新材料基金", "province", "industry", "sub", None, "浙江省新材料产业基金管理有限公司",
     "330800", None, "2022-12-15", "2023-03-15", ["FSXCL", "LDCL", "DZHXCL", "JCDL"],
     "文章:争取到省产业基金出资15亿元在衢组建规模50亿元的省高端新材料基金,聚焦新材料产业链,投资支持浙江先导、"
     "华友钴新等重大产业项目高效落地,投资进度超90%,实现三个100%。其余LP与投资明细为示例数据。"),
    ("QZ-XNY", "衢州市新能源产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司", "330800",
     None, "2021-05-01", "2021-09-10", ["XNY"], ILLUSTRATIVE),
    ("QZ-FG", "衢州市氟硅新材料产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司",
     "330800", None, "2020-12-01", "2021-03-18", ["FSXCL"], ILLUSTRATIVE),
    ("QZ-JCDL", "衢州市集成电路产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司",
     "330800", None, "2022-01-10", "2022-05-20", ["JCDL"], ILLUSTRATIVE),
    ("QZ-TS", "衢州市天使投资基金", "city", "venture", "sub", "QZ-YD", "衢州市创业投资管理有限公司", "330800", None,
     "2022-04-01", "2022-08-01", ["GDZB", "DZHXCL", "SMJK"], ILLUSTRATIVE),
    ("QZ-TZZ", "衢州市特种纸产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司", "330800",
     None, "2022-07-01", "2022-11-08", ["TZZ"], ILLUSTRATIVE),
    ("QZ-SMJK", "衢州市生命健康产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司",
     "330800", None, "2023-01-15", "2023-05-16", ["SMJK"], ILLUSTRATIVE),
    ("QZ-GDZB", "衢州市高端装备产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司",
     "330800", None, "2023-03-20", "2023-08-08", ["GDZB"], ILLUSTRATIVE),
    ("QZ-LD", "衢州市锂电新材料产业基金", "city", "industry", "sub", "QZ-YD", "衢州市产业投资基金管理有限公司",
     "330800", None, "2024-01-10", "2024-04-18", ["LDCL"], ILLUSTRATIVE),
    ("QZ-KC", "衢州市科创创业投资基金", "city", "venture", "sub", "QZ-YD", "衢州市创业投资管理有限公司", "330800",
     None, "2024-03-01", "2024-07-09", ["GDZB", "DZHXCL"], ILLUSTRATIVE),
    ("ZZXC-CY", "衢州智造新城产业投资基金", "city", "industry", "direct", None, "衢州智造新城投资发展有限公司",
     "330800", "ZZXC", "2020-08-01", "2020-11-18", ["DZHXCL", "FSXCL", "XNY"], ILLUSTRATIVE),
    ("KC-CY", "柯城区产业投资基金", "county", "industry", "direct", None, "柯城区国有资产经营有限公司", "330802", None,
     "2021-12-01", "2022-03-01", ["FSXCL"], ILLUSTRATIVE),
    ("QJ-CY", "衢江区产业投资基金", "county", "industry", "direct", None, "衢江区国有资产经营有限公司", "330803", None,
     "2022-03-01", "2022-06-15", ["TZZ"], ILLUSTRATIVE),
    ("LY-CY", "龙游县产业投资基金", "county", "industry", "direct", None, "龙游县国有资产经营有限公司", "330825", None,
     "2021-01-10", "2021-04-12", ["TZZ", "GDZB", "XNY"], ILLUSTRATIVE),
    ("JS-CY", "江山市产业投资基金", "county", "industry", "direct", None, "江山市国有资产经营有限公司", "330881", None,
     "2021-03-01", "2021-07-01", ["GDZB"], ILLUSTRATIVE),
    ("CS-CY", "常山县产业投资基金", "county", "industry", "direct", None, "常山县国有资产经营有限公司", "330822", None,
     "2022-05-01", "2022-09-09", ["GDZB"], ILLUSTRATIVE),
    ("KH-CY", "开化县产业投资基金", "county", "industry", "direct", None, "开化县国有资产经营有限公司", "330824", None,
     "2022-09-01", "2022-12-20", ["GDZB"],
     "示例数据:政府出资2023年1月实缴到位后一年多未开展投资,触发提前退出预警。"),
    ("CS-ZB", "常山县高端装备产业基金", "county", "industry", "direct", None, "常山县国有资产经营有限公司", "330822",
     None, "2023-06-01", None, ["GDZB"], "示例数据:方案批复超过一年仍未完成设立,触发提前退出预警。"),
]  # fmt: skip

SOCIAL, GP = "社会资本出资人(合计)", "基金管理人"

# fund, LP name, class, LP fund, committed 亿元, committed on, paid in 亿元, paid in on
COMMITMENTS = [
    ("QZ-YD", "衢州市财政局", "gov_city", None, "100", "2019-06-28", "90", "2023-06-30"),
    ("QZ-YD", "衢州市财政局", "gov_city", None, "20", "2024-09-30", "15", "2024-10-15"),
    ("ZJ-GDXCL", "浙江省产业基金", "gov_province", None, "15", "2023-03-15", "15", "2023-04-20"),
    ("ZJ-GDXCL", "衢州市产业发展引导基金", "fund", "QZ-YD", "10", "2023-03-15", "10", "2023-04-20"),
    ("ZJ-GDXCL", SOCIAL, "social", None, "24.5", "2023-03-15", "23", "2023-06-30"),
    ("ZJ-GDXCL", GP, "gp", None, "0.5", "2023-03-15", "0.5", "2023-04-20"),
    ("QZ-XNY", "衢州市产业发展引导基金", "fund", "QZ-YD", "20", "2021-09-10", "20", "2021-10-15"),
    ("QZ-XNY", SOCIAL, "social", None, "78", "2021-09-10", "60", "2023-12-20"),
    ("QZ-XNY", GP, "gp", None, "2", "2021-09-10", "2", "2021-10-15"),
    ("QZ-FG", "衢州市产业发展引导基金", "fund", "QZ-YD", "12", "2021-03-18", "12", "2021-04-30"),
    ("QZ-FG", SOCIAL, "social", None, "67", "2021-03-18", "50", "2023-06-30"),
    ("QZ-FG", GP, "gp", None, "1", "2021-03-18", "1", "2021-04-30"),
    ("QZ-JCDL", "衢州市产业发展引导基金", "fund", "QZ-YD", "15", "2022-05-20", "15", "2022-06-20"),
    ("QZ-JCDL", SOCIAL, "social", None, "44", "2022-05-20", "30", "2023-06-30"),
    ("QZ-JCDL", GP, "gp", None, "1", "2022-05-20", "1", "2022-06-20"),
    ("QZ-TS", "衢州市产业发展引导基金", "fund", "QZ-YD", "5", "2022-08-01", "5", "2022-09-01"),
    ("QZ-TS", SOCIAL, "social", None, "4.8", "2022-08-01", "4.8", "2022-09-01"),
    ("QZ-TS", GP, "gp", None, "0.2", "2022-08-01", "0.2", "2022-09-01"),
    ("QZ-TZZ", "衢州市产业发展引导基金", "fund", "QZ-YD", "8", "2022-11-08", "8", "2022-12-08"),
    ("QZ-TZZ", SOCIAL, "social", None, "31.5", "2022-11-08", "20", "2023-06-30"),
    ("QZ-TZZ", GP, "gp", None, "0.5", "2022-11-08", "0.5", "2022-12-08"),
    ("QZ-SMJK", "衢州市产业发展引导基金", "fund", "QZ-YD", "6", "2023-05-16", "6", "2023-06-16"),
    ("QZ-SMJK", SOCIAL, "social", None, "23.7", "2023-05-16", "12", "2023-08-31"),
    ("QZ-SMJK", GP, "gp", None, "0.3", "2023-05-16", "0.3", "2023-06-16"),
    ("QZ-GDZB", "衢州市产业发展引导基金", "fund", "QZ-YD", "10", "2023-08-08", "10", "2023-09-08"),
    ("QZ-GDZB", SOCIAL, "social", None, "39.5", "2023-08-08", "20", "2023-10-31"),
    ("QZ-GDZB", GP, "gp", None, "0.5", "2023-08-08", "0.5", "2023-09-08"),
    ("QZ-LD", "衢州市产业发展引导基金", "fund", "QZ-YD", "10", "2024-04-18", "10", "2024-05-20"),
    ("QZ-LD", SOCIAL, "social", None, "49", "2024-04-18", "20", "2024-08-31"),
    ("QZ-LD", GP, "gp", None, "1", "2024-04-18", "1", "2024-05-20"),
    ("QZ-KC", "衢州市产业发展引导基金", "fund", "QZ-YD", "3", "2024-07-09", "3", "2024-08-01"),
    ("QZ-KC", SOCIAL, "social", None, "11.8", "2024-07-09", "5", "2024-09-30"),
    ("QZ-KC", GP, "gp", None, "0.2", "2024-07-09", "0.2", "2024-08-01"),
    ("ZZXC-CY", "衢州智造新城管理委员会", "gov_city", None, "30", "2020-11-18", "30", "2020-12-31"),
    ("ZZXC-CY", SOCIAL, "social", None, "70", "2020-11-18", "50", "2022-12-31"),
    ("ZZXC-CY", SOCIAL, "social", None, "30", "2024-06-20", "15", "2024-09-30"),
    ("KC-CY", "柯城区财政局", "gov_county", None, "10", "2022-03-01", "10", "2022-04-30"),
    ("KC-CY", SOCIAL, "social", None, "20", "2022-03-01", "10", "2023-06-30"),
    ("QJ-CY", "衢江区财政局", "gov_county", None, "10", "2022-06-15", "10", "2022-07-31"),
    ("QJ-CY", SOCIAL, "social", None, "20", "2022-06-15", "10", "2023-06-30"),
    ("QJ-CY", "衢江区财政局", "gov_county", None, "3", "2024-05-10", "3", "2024-06-30"),
    ("LY-CY", "龙游县财政局", "gov_county", None, "20", "2021-04-12", "20", "2021-05-31"),
    ("LY-CY", SOCIAL, "social", None, "30", "2021-04-12", "20", "2023-06-30"),
    ("JS-CY", "江山市财政局", "gov_county", None, "15", "2021-07-01", "15", "2021-08-31"),
    ("JS-CY", SOCIAL, "social", None, "25", "2021-07-01", "15", "2023-06-30"),
    ("CS-CY", "常山县财政局", "gov_county", None, "8", "2022-09-09", "8", "2022-10-31"),
    ("CS-CY", SOCIAL, "social", None, "12", "2022-09-09", "6", "2023-06-30"),
    ("KH-CY", "开化县财政局", "gov_county", None, "8", "2022-12-20", "8", "2023-01-10"),
    ("KH-CY", SOCIAL, "social", None, "18", "2022-12-20", "0", None),
]  # fmt: skip

# The article's named firms and the ledger projects they back (by the project's name in catalog.NAMED).
PROJECT_OF = {item["owner"]: item["name"] for item in c.NAMED}
XIANDAO, HUAYOU = "先导集成电路材料(衢州)有限公司", "衢州华友钴新材料有限公司"
PROJECT_OF[HUAYOU] = next(item["name"] for item in c.NAMED if item["key"] == "huayou")
LONGLI = "龙理新能源(富锂锰基项目)"
STATE = "state"  # a state-owned investee (not private)
NOT_HIGH_TECH = "plain"

# fund, investee, industry, region, 亿元, date, co-investment 亿元, investee financing 亿元, flags, note
INVESTMENTS = [
    # --- before 2024: 300亿元, of which 255亿元 in flagship industries ---
    ("ZJ-GDXCL", XIANDAO, "JCDL", "330803", "10", "2023-06-20", "15", "20", (), ""),
    ("ZJ-GDXCL", HUAYOU, "LDCL", "330802", "10", "2023-08-15", "12", "18", (), ""),
    ("ZJ-GDXCL", "浙江拓烯光学新材料有限公司", "DZHXCL", "330802", "8", "2023-10-10", "6", "10", (), ""),
    ("QZ-XNY", "衢州极电新能源科技有限公司", "XNY", "330803", "15", "2022-03-01", "20", "30", (), ""),
    ("QZ-XNY", "浙江鹏辉能源科技有限公司", "XNY", "330803", "20", "2023-04-10", "25", "40", (), ""),
    ("QZ-XNY", "杭州恒锐储能科技有限公司", "XNY", "330110", "5", "2022-09-01", "6", "4", (), ""),
    ("QZ-XNY", "衢州昌盛光伏科技有限公司", "XNY", "330822", "5", "2022-12-01", "4", "3", (), ""),
    ("QZ-JCDL", XIANDAO, "JCDL", "330803", "12", "2022-10-20", "18", "20", (), ""),
    ("QZ-JCDL", "衢州芯源封装测试有限公司", "JCDL", "330803", "8", "2023-05-05", "6", "6", (), ""),
    ("QZ-TS", "迦智科技", "GDZB", "330802", "0.8", "2023-03-01", "1", "0.5", (), ""),
    ("QZ-TS", "安必安", "DZHXCL", "330802", "0.7", "2023-06-01", "0.8", "0.3", (), ""),
    ("QZ-TS", "衢州天衢软件科技有限公司", "XDFW", "330802", "0.5", "2022-11-01", "0.5", "0", (), ""),
    ("ZZXC-CY", "衢州创柔新材料有限公司", "DZHXCL", "330802", "25", "2022-06-01", "30", "40", (), ""),
    ("ZZXC-CY", "浙江正和硅材料有限公司", "FSXCL", "330802", "5", "2023-09-01", "3", "5", (), ""),
    ("ZZXC-CY", "衢州智造新城现代物流有限公司", "XDFW", "330803", "15", "2021-05-01", "5", "10", (STATE, NOT_HIGH_TECH),
     ""),
    ("ZZXC-CY", "衢州智造新城数字产业发展有限公司", "XDFW", "330803", "10", "2022-01-01", "5", "5",
     (STATE, NOT_HIGH_TECH), ""),
    ("LY-CY", "龙游金凯特种纸有限公司", "TZZ", "330825", "12", "2021-10-01", "8", "6", (), ""),
    ("LY-CY", "龙游宏泰装备制造有限公司", "GDZB", "330825", "8", "2022-07-01", "5", "4", (), ""),
    ("LY-CY", "龙游文旅发展有限公司", "XDFW", "330825", "5", "2023-02-01", "2", "2", (STATE, NOT_HIGH_TECH), ""),
    ("JS-CY", "江山鼎盛智能装备有限公司", "GDZB", "330881", "10", "2022-02-01", "6", "8", (), ""),
    ("JS-CY", "江山汇通现代物流有限公司", "XDFW", "330881", "9.5", "2022-10-01", "3", "3", (NOT_HIGH_TECH,), ""),
    ("KC-CY", "衢州嘉远氟硅新材料有限公司", "FSXCL", "330802", "8", "2022-08-01", "6", "6", (), ""),
    ("QJ-CY", "衢州永和特种纸业有限公司", "TZZ", "330803", "10", "2023-03-01", "6", "6", (), ""),
    ("QJ-CY", "衢江区文旅发展有限公司", "XDFW", "330803", "2", "2022-12-01", "1", "1", (STATE, NOT_HIGH_TECH), ""),
    ("QZ-TZZ", "衢州凯信特种纸有限公司", "TZZ", "330825", "15", "2023-04-01", "10", "12", (), ""),
    ("QZ-SMJK", "衢州博源生物医药有限公司", "SMJK", "330802", "6", "2023-09-10", "5", "4", (), ""),
    ("QZ-GDZB", "衢州宏泰智能装备有限公司", "GDZB", "330803", "8", "2023-11-15", "6", "6", (), ""),
    ("CS-CY", "常山正泰精密轴承有限公司", "GDZB", "330822", "4", "2023-01-10", "2", "2", (), ""),
    ("CS-CY", "常山胡柚产业发展有限公司", "XDFW", "330822", "3", "2023-05-01", "1", "1", (STATE, NOT_HIGH_TECH), ""),
    ("QZ-FG", "衢州万润氟硅材料有限公司", "FSXCL", "330802", "20", "2021-09-01", "15", "20", (), ""),
    ("QZ-FG", "衢州锦华含氟新材料有限公司", "FSXCL", "330803", "15", "2022-11-11", "10", "12", (), ""),
    ("QZ-FG", "杭州立信氟材料有限公司", "FSXCL", "330106", "5", "2022-04-01", "4", "3", (), ""),
    ("QZ-FG", "衢州聚能有机硅有限公司", "FSXCL", "330802", "9.5", "2023-06-06", "6", "8", (), ""),
    # --- 2024: 87亿元 (73.95亿元 flagship), leveraging 312.40亿元 ---
    ("ZJ-GDXCL", XIANDAO, "JCDL", "330803", "8", "2024-03-12", "20", "30", (), ""),
    ("ZJ-GDXCL", HUAYOU, "LDCL", "330802", "6", "2024-05-20", "15", "19", (), ""),
    ("ZJ-GDXCL", "衢州创柔新材料有限公司", "DZHXCL", "330802", "4", "2024-08-08", "10", "12", (), ""),
    ("QZ-XNY", "浙江鹏辉能源科技有限公司", "XNY", "330803", "10", "2024-04-02", "20", "30", (), ""),
    ("QZ-XNY", LONGLI, "XNY", "330825", "0.1", "2024-06-18", "0.2", "0.5", (),
     "文章:省市县三级联动投资4000万元招引龙理新能源总部迁址龙游;省高质量发展基金的2000万元记为合投。"),
    ("QZ-XNY", "杭州恒锐储能科技有限公司", "XNY", "330110", "3", "2024-07-01", "4", "2", (), ""),
    ("LY-CY", LONGLI, "XNY", "330825", "0.1", "2024-06-18", "0", "0", (),
     "文章:省市县三级联动投资4000万元(县级1000万元,合投记在市级基金一行)。"),
    ("QZ-LD", "衢州瑞丰锂电材料有限公司", "LDCL", "330802", "9", "2024-06-06", "15", "21", (), ""),
    ("QZ-LD", "衢州博源新能源材料有限公司", "LDCL", "330803", "5.8", "2024-09-09", "8", "10", (), ""),
    ("QZ-KC", "迦智科技", "GDZB", "330802", "0.5", "2024-08-20", "1", "0.5", (), ""),
    ("QZ-KC", "安必安", "DZHXCL", "330802", "0.45", "2024-09-25", "0.8", "0.4", (), ""),
    ("QZ-KC", "衢州天衢软件科技有限公司", "XDFW", "330802", "0.3", "2024-10-08", "0.5", "0", (), ""),
    ("ZZXC-CY", "浙江正和硅材料有限公司", "FSXCL", "330802", "2", "2024-02-02", "3", "5", (), ""),
    ("ZZXC-CY", "衢州智造新城数字产业发展有限公司", "XDFW", "330803", "5", "2024-05-05", "5", "5",
     (STATE, NOT_HIGH_TECH), ""),
    ("QZ-JCDL", "衢州芯源封装测试有限公司", "JCDL", "330803", "5", "2024-04-15", "8", "12", (), ""),
    ("QZ-TZZ", "衢州金凯特种纸有限公司", "TZZ", "330825", "5", "2024-03-03", "6", "9", (), ""),
    ("QZ-SMJK", "衢州博源生物医药有限公司", "SMJK", "330802", "3", "2024-06-30", "4", "3", (), ""),
    ("QZ-GDZB", "衢州宏泰智能装备有限公司", "GDZB", "330803", "6", "2024-07-17", "6", "6", (), ""),
    ("QZ-FG", "衢州万润氟硅材料有限公司", "FSXCL", "330802", "4", "2024-10-10", "5", "6", (), ""),
    ("QJ-CY", "衢州永和特种纸业有限公司", "TZZ", "330803", "2", "2024-09-01", "2", "1", (), ""),
    ("QJ-CY", "衢江区文旅发展有限公司", "XDFW", "330803", "2.75", "2024-07-20", "1", "0.5", (STATE, NOT_HIGH_TECH),
     ""),
    ("JS-CY", "江山汇通现代物流有限公司", "XDFW", "330881", "3", "2024-05-15", "2", "1", (NOT_HIGH_TECH,), ""),
    ("CS-CY", "常山胡柚产业发展有限公司", "XDFW", "330822", "2", "2024-04-25", "1", "1", (STATE, NOT_HIGH_TECH), ""),
]  # fmt: skip


def load() -> dict[str, UpsertResult]:
    """Load (or refresh) the demo's funds; idempotent, and it keeps what a person changed."""
    regions = {
        r.code: r for r in Region.objects.filter(code__in={row[7] for row in FUNDS} | {r[3] for r in INVESTMENTS})
    }
    platforms = dict(Platform.objects.values_list("code", "pk"))
    industries = dict(Industry.objects.values_list("code", "pk"))
    keep = {"change_reason": REASON, "protect_people": DEMO_ACTOR}
    result = {}
    for label, parents_first in (("funds", True), ("sub_funds", False)):
        ids = dict(Fund.objects.values_list("code", "pk"))
        rows = []
        for code, name, level, kind, structure, parent, manager, region, platform, approved, set_up, _f, text in FUNDS:
            if (parent is None) != parents_first:
                continue
            set_up_on = d(set_up) if set_up else None
            years = (10, 15, 17) if structure == "parent" else (5, 8, 10)  # a 母基金 runs longer
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "level": level,
                    "kind": kind,
                    "structure": structure,
                    "parent_id": ids[parent] if parent else None,
                    "manager": manager,
                    "region_id": regions[region].pk,
                    "platform_id": platforms[platform] if platform else None,
                    "approved_on": d(approved),
                    "set_up_on": set_up_on,
                    "investment_end": _years_after(set_up_on, years[0]) if set_up_on else None,
                    "exit_end": _years_after(set_up_on, years[1]) if set_up_on else None,
                    "extension_end": _years_after(set_up_on, years[2]) if set_up_on else None,
                    "description": text,
                }
            )
        result[label] = upsert(Fund, ["code"], rows, **keep)
    funds = {f.code: f for f in Fund.objects.select_related("region")}
    result["fund_focus"] = upsert(
        FundFocus,
        ["fund_id", "industry_id"],
        [{"fund_id": funds[row[0]].pk, "industry_id": industries[code]} for row in FUNDS for code in row[11]],
        **keep,
    )
    result["fund_commitments"] = upsert(
        FundCommitment,
        ["fund_id", "lp_name", "committed_on"],
        [
            {
                "fund_id": funds[fund].pk,
                "lp_name": lp,
                "lp_class": cls,
                "lp_fund_id": funds[lp_fund].pk if lp_fund else None,
                "committed": yi(amount),
                "committed_on": d(on),
                "paid_in": yi(paid),
                "paid_in_on": d(paid_on) if paid_on else None,
                "note": "" if fund == "ZJ-GDXCL" and cls == "gov_province" else ILLUSTRATIVE,
            }
            for fund, lp, cls, lp_fund, amount, on, paid, paid_on in COMMITMENTS
        ],
        **keep,
    )
    projects = dict(Project.objects.filter(name__in=set(PROJECT_OF.values())).values_list("name", "pk"))
    rows = []
    for fund, investee, industry, region, amount, on, co, fin, flags, note in INVESTMENTS:
        project = PROJECT_OF.get(investee)
        rows.append(
            {
                "fund_id": funds[fund].pk,
                "investee": investee,
                "project_id": projects.get(project) if project else None,
                "amount": yi(amount),
                "invested_on": d(on),
                "industry_id": industries[industry],
                "region_id": regions[region].pk,
                "is_local": within(regions[region], funds[fund].region),
                "is_private": STATE not in flags,
                "is_high_tech": NOT_HIGH_TECH not in flags,
                "co_investment": yi(co),
                "investee_financing": yi(fin),
                "note": note or ILLUSTRATIVE,
            }
        )
    result["fund_investments"] = upsert(FundInvestment, ["fund_id", "investee", "invested_on"], rows, **keep)
    return result

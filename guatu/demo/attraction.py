"""The demo's 招商引资: the article's leads and event, and an illustrative pipeline around them.

From the article (`ARTICLE` in the descriptions): the 2024-11-07 2024年产业资本招商大会 held by
衢州; 省市县三级联动投资4000万元招引安徽富锂锰基项目(龙理新能源)总部迁址龙游 (a 基金招商 lead into
龙游, introduced and incubated by 陆俊 of 衢州动力电池与储能研究院, the 省高质量发展基金's first project
in the city, towards 高比能固态电池); 鹏辉能源 and UTG among the 百亿级项目 brought in (linked to the
ledger's projects); the 25亿元 年产15万吨高端无机精细化学品项目, the first direct investment of a central
state enterprise in Quzhou's manufacturing, with 衢州资源化工创新研究院 taking a technology stake;
安必安 and 迦智科技 among the fund-backed 主导产业延伸项目; 贝恩资本's acquisition of 阿尔诺维根斯 (衢州造纸厂)
completed on 2023-12-29; 招商引资 as the 一把手 project.

Everything else — the other leads, amounts the article does not give, dates, land, tax, talks,
targets, thresholds (集成电路 ≥ 500万元/亩 and a 千项万亿 candidate ≥ 10亿元 are the issue's examples)
— is ILLUSTRATIVE, fixed (no randomness) and idempotent: a second load writes nothing, and never
overwrites what a person changed. As of 2024-11-30 the 2024 cohort is 16 signings worth 98亿元.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from guatu.accounts.models import Profile, RoleAssignment
from guatu.accounts.roles import Role
from guatu.attraction.choices import Stage
from guatu.attraction.models import (
    AdmissionThreshold,
    AttractionTarget,
    CapitalArrival,
    Contact,
    IndustryChain,
    Lead,
    LeadStageChange,
    SigningEvent,
    Talk,
    TimeRule,
)
from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Department, Industry, Platform, Region
from guatu.demo.people import DEMO_PASSWORD
from guatu.projects.models import Project

REASON = "guatu demo"
DEMO_ACTOR = "guatu demo"
ILLUSTRATIVE = "ILLUSTRATIVE"
EVENT = "2024年产业资本招商大会"
EVENT_NOTE = (
    "ARTICLE: 11月7日,衢州举行2024年产业资本招商大会,邀请头部企业、头部基金、头部机构、头部团队齐聚衢州,"
    "共享机遇、共谋发展、共创未来,携手打造“长三角创投新势力第一城”。ILLUSTRATIVE: 会上签约的项目。"
)

# fmt: off
# (code, name, flagship): the six flagship chains (六大标志性产业链) and one that is not.
CHAINS = [("XCL", "新材料", True), ("XNY", "新能源", True), ("JCDL", "集成电路", True), ("GDZB", "高端装备", True),
          ("SMJK", "生命健康", True), ("TZZ", "特种纸", True), ("XDFW", "现代服务业", False)]

# Leaders (as the leads write them) and, for two, the demo account whose "my leads" lists them.
CITY_TOP, MAYOR, VICE = "市委主要领导", "市政府主要领导", "分管副市长"
LY, QJ, KC, JS, CS, KH, ZZ = ("龙游县委主要领导", "衢江区委主要领导", "柯城区委主要领导", "江山市委主要领导",
                              "常山县委主要领导", "开化县委主要领导", "智造新城党工委主要领导")
ACCOUNTS = {CITY_TOP: "lingdao", LY: "longyou"}
LEADER_USERS = [("longyou", "龙游县主要领导", "330825")]  # username, first name, region (a leader role there)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def lead(code, name, investor, origin, industry, chain, region, platform, source, planned, leader, received,
         history, **extra) -> dict:
    """One lead: `history` is [(stage, "YYYY-MM-DD"[, reason])] after 线索, in order."""
    return {"code": code, "name": name, "investor": investor, "origin": origin, "industry": industry,
            "chain": chain, "region": region, "platform": platform, "source": source, "planned": planned,
            "leader": leader, "received": received, "history": history, **extra}


LEADS = [
    # Earlier cohorts, linked to the ledger's projects (the article's 百亿级 projects).
    lead("ZS2022-001", "衢州创柔超薄柔性玻璃(UTG)项目", "衢州创柔新材料有限公司", "out_of_province", "DZHXCL", "XCL",
         "330802", "ZZXC-GX", "business", 1_000_000, CITY_TOP, "2022-05-10",
         [("screening", "2022-05-12"), ("negotiating", "2022-06-20"), ("signed", "2022-12-20"),
          ("registered", "2023-01-18"), ("land", "2023-03-30"), ("started", "2023-05-01")],
         short_name="UTG", project="衢州创柔超薄柔性玻璃(UTG)项目", agreed_start="2023-05-01", land_mu=800,
         qxwy=True, arrivals=[("2023-12-31", 150_000), ("2024-11-30", 300_000)],
         description="ARTICLE: 招引鹏辉能源、UTG等多个百亿级项目落地;超薄柔性玻璃项目成功点火。"
                     "ILLUSTRATIVE: 金额、日期、用地。"),
    lead("ZS2022-002", "鹏辉能源二期年产36GWh储能电池生产项目", "浙江鹏辉能源科技有限公司", "out_of_province", "XNY",
         "XNY", "330803", "ZZXC-DG", "business", 1_000_000, CITY_TOP, "2022-03-01",
         [("screening", "2022-03-03"), ("negotiating", "2022-04-15"), ("signed", "2022-09-26"),
          ("registered", "2022-11-10"), ("land", "2023-01-15"), ("started", "2023-03-01"),
          ("producing", "2024-06-28")],
         short_name="鹏辉能源", project="鹏辉能源二期年产36GWh储能电池生产项目", agreed_start="2023-03-01",
         land_mu=1000, qxwy=True, arrivals=[("2023-12-31", 200_000), ("2024-11-30", 380_000)],
         description="ARTICLE: 招引鹏辉能源、UTG等多个百亿级项目落地;二期年产36GWh储能电池,其中6GWh已投产。"
                     "ILLUSTRATIVE: 金额、日期、用地。"),
    lead("ZS2023-001", "贝恩资本收购衢州阿尔诺维根斯特种纸项目", "贝恩资本", "overseas", "TZZ", "TZZ", "330803", None,
         "fund", 120_000, MAYOR, "2023-05-08",
         [("screening", "2023-05-10"), ("negotiating", "2023-06-01"), ("signed", "2023-12-29"),
          ("registered", "2023-12-29")],
         short_name="阿尔诺维根斯", capital="foreign", agreed_start="2024-12-31",
         arrivals=[("2023-12-29", 120_000)], talks=[("2024-11-20", "report", "收购后技改方案对接")],
         description="ARTICLE: 积极引入国际资本开展收购并购,2023年12月29日贝恩资本完成对衢州造纸厂阿尔诺维根斯的收购,"
                     "是近年少有的外资收购项目之一。ILLUSTRATIVE: 金额、所在地、其余日期。"),
    lead("ZS2023-002", "电子级氢氟酸项目", "浙江华晟电子材料有限公司", "in_province", "FSXCL", "XCL", "330803", None,
         "business", 20_000, QJ, "2023-06-12",
         [("screening", "2023-06-14"), ("negotiating", "2023-07-01"), ("signed", "2023-10-10"),
          ("suspended", "2024-02-20", "投资方股权调整,暂缓推进"), ("signed", "2024-05-15", "股权调整完成,恢复推进"),
          ("registered", "2024-07-08")],
         agreed_start="2025-03-31", land_mu=40, talks=[("2024-11-18", "report", "办理用地预审")],
         description="ILLUSTRATIVE: 2023年首次签约,中止后于2024年恢复——只在首次签约的2023年计数。"),
    # The 2024 cohort.
    lead("ZS2024-001", "年产15万吨高端无机精细化学品项目", "中国化学工程第七建设有限公司", "out_of_province", "DZHXCL",
         "XCL", "330802", "ZZXC-GX", "institute", 250_000, CITY_TOP, "2023-11-06",
         [("screening", "2023-11-08"), ("negotiating", "2023-12-01"), ("signed", "2024-01-20"),
          ("registered", "2024-02-26"), ("land", "2024-03-28"), ("started", "2024-04-15")],
         short_name="中国化学", project="年产15万吨高端无机精细化学品项目", agreed_start="2024-04-15", land_mu=300,
         tax=9000, qxwy=True, arrivals=[("2024-11-30", 95_000)],
         contacts=[("项目负责人", "中国化学工程第七建设有限公司", "")],
         description="ARTICLE: 总投资25亿元,“国字号”央企直接投资衢州制造业的首个项目;衢州资源化工创新研究院以技术入股。"
                     "ILLUSTRATIVE: 除总投资与开工日期外的日期、用地、税收。"),
    lead("ZS2024-002", "安徽富锂锰基项目(龙理新能源)总部迁址龙游", "龙理新能源", "out_of_province", "XNY", "XNY",
         "330825", "LYKFQ", "fund", 20_000, LY, "2024-03-04",
         [("screening", "2024-03-06"), ("negotiating", "2024-03-20"), ("signed", "2024-05-16"),
          ("registered", "2024-06-20")],
         short_name="龙理新能源", agreed_start="2025-03-01", land_mu=30, fund_investment=4000,
         fund_note="省市县三级联动", team="龙游县新能源产业招商专班", arrivals=[("2024-07-15", 5000)],
         talks=[("2024-11-21", "report", "总部办公场地装修进度")],
         contacts=[("陆俊", "衢州动力电池与储能研究院", "院长,引进孵化人")],
         description="ARTICLE: 新能源产业领域,省市县三级联动投资4000万元招引安徽富锂锰基项目(龙理新能源)总部迁址龙游。"
                     "该项目由衢州动力电池与储能研究院院长陆俊教授引进孵化,是省高质量发展基金在衢州市落地的首个项目,"
                     "也是衢州市“南孔精英”计划创业人才在龙游落地的首个A+项目;推动衢州市在高比能固态电池领域前瞻布局。"
                     "ILLUSTRATIVE: 计划总投资、日期、用地、到位资金。"),
    lead("ZS2024-003", "安必安项目", "安必安", "out_of_province", "DZHXCL", "XCL", "330803", "ZZXC-DG", "fund",
         30_000, ZZ, "2024-04-10",
         [("screening", "2024-04-12"), ("negotiating", "2024-05-06"), ("signed", "2024-08-22"),
          ("registered", "2024-10-10")],
         short_name="安必安", agreed_start="2025-04-30", fund_investment=3000, fund_note="市产业基金",
         talks=[("2024-11-22", "report", "对接设备采购")],
         description="ARTICLE: 布局安必安、迦智科技等一批“高精尖”“小而美”的主导产业延伸项目,基本都有基金投资的身影。"
                     "ILLUSTRATIVE: 产业链、金额、日期、所在地。"),
    lead("ZS2024-004", "迦智科技项目", "迦智科技", "in_province", "GDZB", "GDZB", "330802", "ZZXC-GX", "fund",
         15_000, VICE, "2024-02-19",
         [("screening", "2024-02-21"), ("negotiating", "2024-03-11"), ("signed", "2024-06-18"),
          ("registered", "2024-07-20"), ("land", "2024-10-15")],
         short_name="迦智科技", ownership="leader", agreed_start="2025-01-15", land_mu=25, fund_investment=2000,
         fund_note="市产业基金", arrivals=[("2024-09-30", 3000)], talks=[("2024-11-19", "report", "施工图审查")],
         description="ARTICLE: 布局安必安、迦智科技等一批“高精尖”“小而美”的主导产业延伸项目,基本都有基金投资的身影。"
                     "ILLUSTRATIVE: 金额、日期、用地、所在地。"),
    # Signed at the 2024-11-07 conference (ILLUSTRATIVE: the article names the event, not its signings).
    lead("ZS2024-005", "锂电池材料循环利用项目", "上海锦华新能源科技有限公司", "out_of_province", "LDCL", "XNY",
         "330803", "ZZXC-DG", "fund", 120_000, CITY_TOP, "2024-06-03",
         [("screening", "2024-06-05"), ("negotiating", "2024-07-10"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-06-30", land_mu=150, qxwy=True,
         talks=[("2024-11-20", "report", "对接公司注册")]),
    lead("ZS2024-006", "高纯电子特气项目", "江苏博源电子材料有限公司", "out_of_province", "DZHXCL", "XCL", "330802",
         "ZZXC-GX", "business", 60_000, ZZ, "2024-07-15",
         [("screening", "2024-07-17"), ("negotiating", "2024-08-12"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-05-31", land_mu=80, talks=[("2024-11-25", "report", "对接公司注册")]),
    lead("ZS2024-007", "年产5万吨高性能纤维扩产项目", "浙江恒锐新材料有限公司", "in_province", "FSXCL", "XCL",
         "330881", "JSKFQ", "business", 130_000, JS, "2024-08-01",
         [("screening", "2024-08-02"), ("negotiating", "2024-08-20"), ("signed", "2024-11-07")],
         event=True, kind="increase", existing=80_000, agreed_start="2025-03-31",
         talks=[("2024-11-26", "report", "增资扩产备案")],
         description="ILLUSTRATIVE: 增资扩产,原有投资8亿元,增资后总投资13亿元——只计增资的5亿元。"),
    lead("ZS2024-008", "高端装饰原纸项目", "浙江瑞丰纸业有限公司", "in_province", "TZZ", "TZZ", "330822", "CSKFQ",
         "event", 80_000, CS, "2024-09-09",
         [("screening", "2024-09-11"), ("negotiating", "2024-09-25"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-06-30", talks=[("2024-11-27", "report", "对接公司注册")]),
    lead("ZS2024-009", "生物医药CDMO基地项目", "苏州星辰生物医药有限公司", "out_of_province", "SMJK", "SMJK",
         "330824", "KHKFQ", "fund", 150_000, MAYOR, "2024-05-20",
         [("screening", "2024-05-22"), ("negotiating", "2024-06-18"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-09-30", land_mu=200, qxwy=True,
         talks=[("2024-11-28", "report", "选址踏勘")]),
    lead("ZS2024-010", "氢能装备制造项目", "北京聚能氢能科技有限公司", "out_of_province", "XNY", "XNY", "330825",
         "LYKFQ", "institute", 40_000, LY, "2024-07-01",
         [("screening", "2024-07-03"), ("negotiating", "2024-08-01"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-04-30", talks=[("2024-11-22", "report", "对接公司注册")]),
    lead("ZS2024-011", "数字贸易产业园项目", "杭州汇通数字科技有限公司", "in_province", "XDFW", "XDFW", "330803", None,
         "event", 30_000, QJ, "2024-09-20",
         [("screening", "2024-09-23"), ("negotiating", "2024-10-08"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-03-31", land_mu=60, talks=[("2024-11-25", "report", "对接公司注册")]),
    lead("ZS2024-012", "精密轴承项目", "宁波鼎盛精工有限公司", "in_province", "GDZB", "GDZB", "330881", "JSKFQ",
         "business", 25_000, JS, "2024-08-19",
         [("screening", "2024-08-21"), ("negotiating", "2024-09-10"), ("signed", "2024-11-07")],
         event=True, agreed_start="2025-05-31", land_mu=50, talks=[("2024-11-26", "report", "对接公司注册")]),
    # Other 2024 signings.
    lead("ZS2024-013", "精密汽车零部件项目", "东方精工(日本)株式会社", "overseas", "GDZB", "GDZB", "330802", "ZZXC-GX",
         "resident", 12_000, VICE, "2024-01-08",
         [("screening", "2024-01-10"), ("negotiating", "2024-01-25"), ("signed", "2024-03-12"),
          ("registered", "2024-04-18"), ("land", "2024-07-22")],
         capital="foreign", ownership="leader", agreed_start="2025-01-10", land_mu=20,
         arrivals=[("2024-08-31", 4000)], talks=[("2024-11-20", "report", "驻沪招商小组跟进开工准备")]),
    lead("ZS2024-014", "有机硅下游深加工项目", "浙江嘉远硅材料有限公司", "in_province", "FSXCL", "XCL", "330803", None,
         "business", 35_000, QJ, "2024-01-15",
         [("screening", "2024-01-17"), ("negotiating", "2024-02-01"), ("signed", "2024-02-28"),
          ("registered", "2024-03-20"), ("land", "2024-09-05")],
         agreed_start="2024-04-30", land_mu=100, tax=2000, arrivals=[("2024-10-31", 6000)],
         talks=[("2024-11-25", "report", "施工许可办理中,开工推迟")],
         description="ILLUSTRATIVE: 约定2024年4月30日开工,6个月后仍未开工,进入退出评估;亩均税收低于准入门槛。"),
    lead("ZS2024-015", "跨境电商供应链项目", "衢州凯信供应链管理有限公司", "in_province", "XDFW", "XDFW", "330802",
         None, "event", 3000, KC, "2024-08-05",
         [("screening", "2024-08-07"), ("negotiating", "2024-08-20"), ("signed", "2024-09-10")],
         agreed_start="2025-03-31", talks=[("2024-11-18", "report", "对接公司注册")]),
    lead("ZS2024-016", "光伏组件项目", "江苏明远光伏科技有限公司", "out_of_province", "XNY", "XNY", "330822", "CSKFQ",
         "business", 60_000, CS, "2024-01-22",
         [("screening", "2024-01-24"), ("negotiating", "2024-02-05"), ("signed", "2024-03-05"),
          ("suspended", "2024-08-01", "投资方资金链紧张,项目暂缓")],
         agreed_start="2024-09-30", land_mu=120),
    # The pipeline before signing.
    lead("ZS2024-017", "高端电子铜箔项目", "深圳金凯新材料有限公司", "out_of_province", "LDCL", "XNY", "330802",
         "ZZXC-GX", "resident", 50_000, ZZ, "2024-11-28", []),
    lead("ZS2024-018", "特种工程塑料项目", "山东宏泰化工有限公司", "out_of_province", "FSXCL", "XCL", "330803", None,
         "business", 40_000, QJ, "2024-11-20", [], talks=[("2024-11-20", "contact", "电话接洽,索取项目资料")]),
    lead("ZS2024-019", "半导体封装测试项目", "无锡中科微电子有限公司", "out_of_province", "JCDL", "JCDL", "330803",
         "ZZXC-DG", "fund", 80_000, MAYOR, "2024-10-08", [("screening", "2024-10-10")], land_mu=100,
         talks=[("2024-10-25", "visit", "赴无锡考察")]),
    lead("ZS2024-020", "新能源汽车电驱系统项目", "广东立信动力科技有限公司", "out_of_province", "XNY", "XNY", "330803",
         "ZZXC-DG", "business", 200_000, CITY_TOP, "2024-07-02",
         [("screening", "2024-07-04"), ("negotiating", "2024-08-01")], land_mu=180, qxwy=True,
         talks=[("2024-08-15", "negotiation", "第一轮商务洽谈"), ("2024-11-22", "negotiation", "协议条款磋商")]),
    lead("ZS2024-021", "功能性食品原料项目", "福建永和生物科技有限公司", "out_of_province", "SMJK", "SMJK", "330824",
         "KHKFQ", "event", 18_000, KH, "2024-09-02", [("screening", "2024-09-04"), ("negotiating", "2024-09-30")],
         land_mu=40, talks=[("2024-11-26", "negotiation", "用地条件洽谈")]),
    lead("ZS2024-022", "传统纺织印染项目", "浙江新安纺织有限公司", "in_province", "GDZB", None, "330881", None,
         "business", 8000, JS, "2024-05-06",
         [("screening", "2024-05-08"), ("exited", "2024-06-12", "投资强度不达标,不符合产业导向")], land_mu=60),
    lead("ZS2024-023", "医疗器械项目", "上海正泰医疗科技有限公司", "out_of_province", "SMJK", "SMJK", "330802", None,
         "institute", 12_000, KC, "2024-11-29", [], talks=[("2024-11-29", "contact", "院所推介,首次接洽")]),
    lead("ZS2024-024", "集成电路材料项目", "安徽天衢半导体材料有限公司", "out_of_province", "JCDL", "JCDL", "330803",
         "ZZXC-DG", "fund", 60_000, MAYOR, "2024-08-12", [("screening", "2024-08-14"), ("negotiating", "2024-09-02")],
         land_mu=150, qxwy=True, talks=[("2024-11-25", "negotiation", "基金投资条款")],
         description="ILLUSTRATIVE: 投资强度低于集成电路准入门槛,作为千项万亿候选未达10亿元——标记,不拒绝。"),
]

# Thresholds per industry and year (ILLUSTRATIVE; 集成电路 500万元/亩 and 千项万亿 10亿元 are the examples):
# (industry code or None for the default, year, min intensity 万元/亩, min tax 万元/亩, 千项万亿 minimum 万元).
THRESHOLDS = [(None, 2024, 300, 30, 100_000), ("JCDL", 2024, 500, 50, 100_000), ("XNY", 2024, 400, 40, 100_000),
              ("LDCL", 2024, 400, 40, 100_000)]
# 2024 signing targets (ILLUSTRATIVE): (region, platform, count, amount 万元).
TARGETS = [(None, None, 20, 800_000), (None, "ZZXC", 8, 400_000), ("330825", None, 3, 50_000)]
# fmt: on


def _ensure_leaders() -> None:
    users = get_user_model()
    for username, first_name, region in LEADER_USERS:
        if users.objects.filter(username=username).exists():
            continue
        user = users(username=username, first_name=first_name)
        user.set_password(DEMO_PASSWORD)
        user.save()
        place = Region.objects.get(code=region)
        RoleAssignment.objects.create(user=user, role=Role.LEADER, region=place)
        Profile.objects.create(user=user, home_region=place)


def _history(spec: dict) -> list[dict]:
    rows, stage = [], Stage.LEAD.value
    for step in spec["history"]:
        to, on, reason = step[0], d(step[1]), step[2] if len(step) > 2 else ""
        rows.append({"from_stage": stage, "to_stage": to, "on": on, "reason": reason, "by": DEMO_ACTOR})
        stage = to
    return rows


def _lead_row(spec: dict, ids: dict, event: SigningEvent) -> dict:
    history = _history(spec)
    signed = next((r["on"] for r in history if r["to_stage"] == Stage.SIGNED), None)
    return {
        "code": spec["code"],
        "name": spec["name"],
        "short_name": spec.get("short_name", ""),
        "investor": spec["investor"],
        "origin": spec["origin"],
        "capital": spec.get("capital", "domestic"),
        "industry_id": ids["industry"][spec["industry"]],
        "chain_id": ids["chain"][spec["chain"]] if spec["chain"] else None,
        "region_id": ids["region"][spec["region"]],
        "platform_id": ids["platform"][spec["platform"]] if spec["platform"] else None,
        "department_id": ids["department"][
            "QZ-ZZXC"
            if (spec["platform"] or "").startswith("ZZXC")
            else (f"{spec['region']}-FGJ" if spec["region"] != "330800" else "QZ-TCZX")
        ],
        "source": spec["source"],
        "kind": spec.get("kind", "new"),
        "existing_investment": Decimal(spec["existing"]) if "existing" in spec else None,
        "planned_investment": Decimal(spec["planned"]),
        "land_mu": Decimal(spec["land_mu"]) if "land_mu" in spec else None,
        "expected_tax": Decimal(spec["tax"]) if "tax" in spec else None,
        "qxwy_candidate": spec.get("qxwy", False),
        "fund_investment": Decimal(spec.get("fund_investment", 0)),
        "fund_note": spec.get("fund_note", ""),
        "leader_name": spec["leader"],
        "ownership": spec.get("ownership", "top_leader"),
        "leader_id": ids["user"].get(ACCOUNTS.get(spec["leader"])),
        "team": spec.get("team", ""),
        "received_on": d(spec["received"]),
        "agreed_start": d(spec["agreed_start"]) if "agreed_start" in spec else None,
        "description": spec.get("description", ILLUSTRATIVE + ": 演示数据,非文章所载。"),
        "stage": history[-1]["to_stage"] if history else Stage.LEAD.value,
        "stage_on": history[-1]["on"] if history else d(spec["received"]),
        "signed_on": signed,
        "event_id": event.pk if spec.get("event") else None,
        "project_id": ids["project"][spec["project"]] if "project" in spec else None,
    }


def load() -> dict[str, UpsertResult]:
    """Load (or refresh) the demo's 招商引资 under the demo's actor; returns what changed per table."""
    result: dict[str, UpsertResult] = {}
    city = Region.objects.get(code="330800")
    result["industries"] = upsert(
        Industry,
        ["code"],
        [{"code": "SMJK", "name": "生命健康", "flagship": True, "sort_order": 10}],
        change_reason=REASON,
    )
    result["departments"] = upsert(
        Department,
        ["code"],
        [{"code": "QZ-TCZX", "name": "市投资促进中心", "region_id": city.pk}],
        change_reason=REASON,
    )
    result["chains"] = upsert(
        IndustryChain,
        ["code"],
        [
            {"code": code, "name": name, "flagship": flagship, "sort_order": i}
            for i, (code, name, flagship) in enumerate(CHAINS)
        ],
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["events"] = upsert(
        SigningEvent,
        ["name"],
        [
            {
                "name": EVENT,
                "on": d("2024-11-07"),
                "region_id": city.pk,
                "host": "衢州",
                "description": EVENT_NOTE,
            }
        ],
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    _ensure_leaders()
    event = SigningEvent.objects.get(name=EVENT)
    ids = {
        "industry": dict(Industry.objects.values_list("code", "pk")),
        "chain": dict(IndustryChain.objects.values_list("code", "pk")),
        "region": dict(Region.objects.filter(code__startswith="3308").values_list("code", "pk")),
        "platform": dict(Platform.objects.values_list("code", "pk")),
        "department": dict(Department.objects.values_list("code", "pk")),
        "user": dict(get_user_model().objects.filter(username__in=ACCOUNTS.values()).values_list("username", "pk")),
        "project": dict(
            Project.objects.filter(name__in=[s["project"] for s in LEADS if "project" in s]).values_list("name", "pk")
        ),
    }
    result["leads"] = upsert(
        Lead, ["code"], [_lead_row(s, ids, event) for s in LEADS], change_reason=REASON, protect_people=DEMO_ACTOR
    )
    lead_ids = dict(Lead.objects.filter(code__in=[s["code"] for s in LEADS]).values_list("code", "pk"))

    def rows(key: str, make) -> list[dict]:
        return [{"lead_id": lead_ids[s["code"]], **make(item)} for s in LEADS for item in s.get(key, [])]

    mine = Lead.objects.filter(pk__in=lead_ids.values())
    result["stage_changes"] = upsert(
        LeadStageChange,
        ["lead_id", "on", "to_stage"],
        [{"lead_id": lead_ids[s["code"]], **row} for s in LEADS for row in _history(s)],
        existing=LeadStageChange.objects.filter(lead__in=mine),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["talks"] = upsert(
        Talk,
        ["lead_id", "on", "kind"],
        rows("talks", lambda t: {"on": d(t[0]), "kind": t[1], "summary": t[2], "participants": "招商专班"}),
        existing=Talk.objects.filter(lead__in=mine),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["contacts"] = upsert(
        Contact,
        ["lead_id", "name"],
        rows("contacts", lambda c: {"name": c[0], "organisation": c[1], "title": c[2]}),
        existing=Contact.objects.filter(lead__in=mine),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["arrivals"] = upsert(
        CapitalArrival,
        ["lead_id", "on"],
        rows("arrivals", lambda a: {"on": d(a[0]), "amount": Decimal(a[1]), "note": ILLUSTRATIVE}),
        existing=CapitalArrival.objects.filter(lead__in=mine),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["thresholds"] = upsert(
        AdmissionThreshold,
        ["industry_id", "year"],
        [
            {
                "industry_id": ids["industry"][code] if code else None,
                "year": year,
                "min_intensity": Decimal(intensity),
                "min_tax_per_mu": Decimal(tax),
                "qxwy_min_total": Decimal(qxwy),
            }
            for code, year, intensity, tax, qxwy in THRESHOLDS
        ],
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["time_rules"] = upsert(
        TimeRule,
        ["region_id"],
        [{"region_id": None, "respond_days": 1, "screen_days": 3, "report_days": 14, "exit_review_months": 6}],
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["targets"] = upsert(
        AttractionTarget,
        ["year", "region_id", "platform_id"],
        [
            {
                "year": 2024,
                "region_id": ids["region"][region] if region else None,
                "platform_id": ids["platform"][platform] if platform else None,
                "signed_count": count,
                "signed_amount": Decimal(amount),
            }
            for region, platform, count, amount in TARGETS
        ],
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    return result

"""The demo's 科创平台: 衢州资源化工创新研究院 as the article tells it, a few others, and the city's schemes.

The article's figures for the institute are cumulative over "两年来" (2023 and 2024): 269 talents,
12 first-of-their-kind devices and technology systems, 160余 papers, 90余 patent applications, 6
national/provincial key projects, 300余 services to firms. **The split into years is illustrative**
(each pair sums exactly to the article's figure); 160, 90 and 300 are stored as lower bounds (余).
Its founding year (2023) is read from "两年来"; the 2021 provincial innovation centre it was built
on, the academician teams, the 2023-10 contact, the 2023-12 agreement and the 2024-04 joint centre
with 中国化学工程第七建设有限公司 are the article's; so is the 25亿元 industrialisation project, which is
the ledger's own project (linked, not copied). **The other platforms, their figures and the
schemes' weights and targets are illustrative.** Idempotent like the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Industry, Platform, Region
from guatu.innovation.models import (
    EvaluationScheme,
    GradeBand,
    InnovationPlatform,
    PlatformMilestone,
    PlatformOutput,
    PlatformPartner,
    PlatformProject,
    PlatformType,
    SchemeIndicator,
)
from guatu.projects.models import Project

REASON = "guatu demo"
ACTOR = "guatu demo"
INSTITUTE = "QZ-ZYHG"
INSTITUTE_NAME = "衢州资源化工创新研究院"
CENTRE = "ZJ-GDHXP"
PROJECT_NAME = "年产15万吨高端无机精细化学品项目"
d = dt.date.fromisoformat

# The article's two-year figures and the illustrative split: 2023 + 2024 = the article's figure.
ARTICLE_TOTALS = {"talent": 269, "first_of_kind": 12, "papers": 160, "patent_applications": 90,
                  "funded_projects": 6, "firm_services": 300}  # fmt: skip
INSTITUTE_SPLIT = {
    2023: {"talent": 121, "first_of_kind": 5, "papers": 72, "patent_applications": 38, "funded_projects": 2,
           "firm_services": 130},
    2024: {"talent": 148, "first_of_kind": 7, "papers": 88, "patent_applications": 52, "funded_projects": 4,
           "firm_services": 170},
}  # fmt: skip
LOWER_BOUNDS = "papers,patent_applications,firm_services"  # 160余篇, 90余件, 300余次
SPLIT_NOTE = "文章“两年来”累计数(269人、12套、160余篇、90余件、6项、300余次)的分年拆分为示意"

# (code, name, type, host, founded, precision, region, industrial platform, industry, focus, based on, description)
PLATFORMS = [
    (CENTRE, "浙江省高端化学品技术创新中心", "TIC", "浙大衢州“两院”、巨化集团公司", "2021-01-01", "year", "330802",
     "ZZXC-GX", "DZHXCL", "高端化学品", None,
     "2021年,衢州依托浙大衢州“两院”和巨化集团公司,聚焦高端化学品领域创建省技术创新中心。"),
    (INSTITUTE, INSTITUTE_NAME, "IRI", "", "2023-01-01", "year", "330802", "ZZXC-GX", "DZHXCL",
     "插层结构超分子材料、催化新材料、绿氢提效降本、碳酸盐加氢制低碱度联产新源合成气", CENTRE,
     "在省技术创新中心基础上,先后引进段雪、陈建峰、徐南平、孙世刚等院士团队共建创新研究院,"
     "推动院士团队前沿科技成果产业化。"
     "成立年份据“两年来”推定。"),
    ("QZ-DLDC", "衢州动力电池与储能研究院", "IRI", "", "2021-01-01", "year", "330803", "ZZXC-DG", "LDCL",
     "高比能固态电池、储能材料", None, "示意数据。"),
    ("JS-ZNZB", "江山智能装备产业创新研究院", "IRI", "", "2022-01-01", "year", "330881", "JSKFQ", "GDZB",
     "智能装备、工业机器人", None, "示意平台与数据。"),
    ("QZ-FGYJ", "衢州氟硅新材料研究中心", "NRI", "", "2020-06-01", "month", "330802", "ZZXC-GX", "FSXCL",
     "含氟新材料、有机硅功能材料", None, "示意平台与数据。"),
    ("QZ-JCDL", "衢州集成电路创新研究中心", "NRI", "", "2022-03-01", "month", "330803", "ZZXC-DG", "JCDL",
     "电子化学材料、集成电路材料", None, "示意平台与数据。"),
]  # fmt: skip

PARTNERS = [
    (CENTRE, "university", "浙大衢州“两院”", "依托单位"),
    (CENTRE, "enterprise", "巨化集团公司", "依托单位"),
    (INSTITUTE, "academician", "段雪院士团队", "插层结构超分子材料、催化新材料等成果产业化"),
    (INSTITUTE, "academician", "陈建峰院士团队", "共建创新研究院"),
    (INSTITUTE, "academician", "徐南平院士团队", "共建创新研究院"),
    (INSTITUTE, "academician", "孙世刚院士团队", "共建创新研究院"),
    (INSTITUTE, "enterprise", "中国化学工程第七建设有限公司", "战略合作、工程化创新联合研究中心、产业化项目资金投入"),
]

# (platform, date, precision, kind, title, with)
MILESTONES = [
    (CENTRE, "2021-01-01", "year", "founded",
     "依托浙大衢州“两院”和巨化集团公司,聚焦高端化学品领域创建省技术创新中心", ""),
    (INSTITUTE, "2023-01-01", "year", "founded", "在省技术创新中心基础上引进院士团队共建创新研究院",
     "段雪、陈建峰、徐南平、孙世刚等院士团队"),
    (INSTITUTE, "2023-10-01", "month", "contact",
     "中国化学工程第七建设有限公司在挖掘有潜力的技术项目过程中与段雪院士团队相识", "中国化学工程第七建设有限公司"),
    (INSTITUTE, "2023-12-01", "month", "agreement", "签订战略合作协议", "中国化学工程第七建设有限公司"),
    (INSTITUTE, "2024-04-01", "month", "joint_centre", "合作设立工程化创新联合研究中心,进一步达成产业化项目合作",
     "中国化学工程第七建设有限公司"),
]  # fmt: skip

# Illustrative outputs of the other platforms.
OTHER_OUTPUTS = {
    ("QZ-DLDC", 2023): dict(talent=62, first_of_kind=2, papers=45, patent_applications=33, patent_grants=12,
                            funded_projects=1, firm_services=85, firms_incubated=3, commercial_income="1800",
                            rd_spending="4200", city_support="1500", incidents=0),
    ("QZ-DLDC", 2024): dict(talent=75, first_of_kind=3, papers=52, patent_applications=41, patent_grants=18,
                            funded_projects=2, firm_services=110, firms_incubated=4, commercial_income="2600",
                            rd_spending="5100", city_support="1800", incidents=0),
    ("JS-ZNZB", 2023): dict(talent=40, first_of_kind=3, papers=18, patent_applications=35, patent_grants=14,
                            funded_projects=1, firm_services=90, firms_incubated=2, commercial_income="1200",
                            rd_spending="2600", city_support="900", incidents=0),
    ("JS-ZNZB", 2024): dict(talent=58, first_of_kind=4, papers=24, patent_applications=48, patent_grants=20,
                            funded_projects=2, firm_services=150, firms_incubated=3, commercial_income="1650",
                            rd_spending="3100", city_support="1000", incidents=1),
    ("QZ-FGYJ", 2023): dict(talent=20, papers=15, patent_applications=25, patent_grants=11, funded_projects=1,
                            firm_services=70, firms_incubated=3, commercial_income="2100", rd_spending="3000",
                            city_support="800", incidents=0),
    ("QZ-FGYJ", 2024): dict(talent=28, papers=19, patent_applications=34, patent_grants=16, funded_projects=2,
                            firm_services=96, firms_incubated=5, commercial_income="3350", rd_spending="3600",
                            city_support="1000", incidents=0),
    ("QZ-JCDL", 2023): dict(talent=15, papers=6, patent_applications=10, patent_grants=3, funded_projects=0,
                            firm_services=25, firms_incubated=1, commercial_income="400", rd_spending="1800",
                            city_support="1000", incidents=0),
    ("QZ-JCDL", 2024): dict(talent=22, papers=9, patent_applications=18, patent_grants=6, funded_projects=0,
                            firm_services=40, firms_incubated=2, commercial_income="900", rd_spending="2500",
                            city_support="1200", incidents=0),
}  # fmt: skip

BANDS = [("优秀", 90), ("良好", 70), ("合格", 60), ("不合格", 0)]
# (measure, basis, kind, weight, target, cap) — illustrative weights and targets.
IRI_2024 = [
    ("talent", "annual", "normal", 20, 150, None),
    ("first_of_kind", "annual", "normal", 20, 6, None),
    ("papers", "annual", "normal", 10, 90, None),
    ("patent_applications", "annual", "normal", 15, 50, None),
    ("funded_projects", "annual", "normal", 15, 3, None),
    ("firm_services", "annual", "normal", 20, 160, None),
    ("first_of_kind", "cumulative", "bonus", 2, 5, 5),
    ("incidents", "annual", "deduction", 5, 1, 10),
]
IRI_2023 = [
    ("talent", "annual", "normal", 20, 100, None),
    ("first_of_kind", "annual", "normal", 20, 4, None),
    ("papers", "annual", "normal", 10, 80, None),
    ("patent_applications", "annual", "normal", 15, 40, None),
    ("funded_projects", "annual", "normal", 15, 3, None),
    ("firm_services", "annual", "normal", 20, 120, None),
    ("first_of_kind", "cumulative", "bonus", 2, 5, 5),
    ("incidents", "annual", "deduction", 5, 1, 10),
]
NRI_2024 = [
    ("talent", "annual", "normal", 15, 50, None),
    ("patent_applications", "annual", "normal", 15, 30, None),
    ("patent_grants", "annual", "normal", 10, 15, None),
    ("firms_incubated", "annual", "normal", 15, 5, None),
    ("commercial_income", "annual", "normal", 25, 3000, None),
    ("firm_services", "annual", "normal", 20, 100, None),
    ("funded_projects", "annual", "bonus", 2, 1, 6),
    ("incidents", "annual", "deduction", 5, 1, 10),
]
SCHEMES = [
    (2023, "IRI", "2023年度产业创新研究院导向化绩效评价方案", IRI_2023),
    (2024, "IRI", "2024年度产业创新研究院导向化绩效评价方案", IRI_2024),
    (2024, "NRI", "2024年度新型研发机构导向化绩效评价方案", NRI_2024),
]
SCHEME_NOTE = "示意方案:权重与目标值为演示用,由市级管理员在“评价方案”中维护。"


def _upsert(model, keys, rows, **kwargs) -> UpsertResult:
    return upsert(model, keys, rows, change_reason=REASON, protect_people=ACTOR, **kwargs)


def _platform_row(item: tuple, ids: dict) -> dict:
    code, name, type_code, host, founded, precision, region, park, industry, focus, based_on, description = item
    return {
        "code": code, "name": name, "platform_type_id": ids["type"][type_code], "host": host,
        "founded": d(founded), "founded_precision": precision, "region_id": ids["region"][region],
        "industrial_platform_id": ids["platform"][park], "industry_id": ids["industry"][industry], "focus": focus,
        "based_on_id": ids["innovation"][based_on] if based_on else None, "description": description,
    }  # fmt: skip


def load() -> dict[str, UpsertResult]:
    ids = {
        "type": dict(PlatformType.objects.values_list("code", "pk")),
        "region": dict(Region.objects.values_list("code", "pk")),
        "platform": dict(Platform.objects.values_list("code", "pk")),
        "industry": dict(Industry.objects.values_list("code", "pk")),
    }
    result = {}
    ids["innovation"] = {}
    # The centre first: the institute is built on it.
    result["innovation_platforms"] = _upsert(InnovationPlatform, ["code"], [_platform_row(PLATFORMS[0], ids)])
    ids["innovation"] = dict(InnovationPlatform.objects.values_list("code", "pk"))
    more = _upsert(InnovationPlatform, ["code"], [_platform_row(p, ids) for p in PLATFORMS[1:]])
    result["innovation_platforms"].created += more.created
    result["innovation_platforms"].updated += more.updated
    result["innovation_platforms"].unchanged += more.unchanged
    ids["innovation"] = platform_ids = dict(InnovationPlatform.objects.values_list("code", "pk"))

    result["innovation_partners"] = _upsert(PlatformPartner, ["platform_id", "name"], [
        {"platform_id": platform_ids[p], "kind": kind, "name": name, "organisation": "", "role": role, "since": None}
        for p, kind, name, role in PARTNERS])  # fmt: skip
    result["innovation_milestones"] = _upsert(PlatformMilestone, ["platform_id", "date", "title"], [
        {"platform_id": platform_ids[p], "date": d(day), "precision": precision, "kind": kind, "title": title,
         "partner": partner, "note": ""} for p, day, precision, kind, title, partner in MILESTONES])  # fmt: skip
    result["innovation_outputs"] = _upsert(PlatformOutput, ["platform_id", "year"], _output_rows(platform_ids))
    project = Project.objects.get(name=PROJECT_NAME)
    result["innovation_projects"] = _upsert(PlatformProject, ["platform_id", "project_id", "relation"], [{
        "platform_id": platform_ids[INSTITUTE], "project_id": project.pk, "relation": "tech_equity",
        "since": d("2024-04-01"),
        "note": "产业化项目:研究院以技术入股,中国化学工程第七建设有限公司以资金投入;"
                "“国字号”央企直接投资衢州制造业的首个项目。",
    }])  # fmt: skip
    result.update(_load_schemes(ids["type"]))
    return result


def load_lead_links() -> dict[str, UpsertResult]:
    """The institute's link to the 招商 lead its industrialisation came from (after the leads are loaded)."""
    from guatu.attraction.models import Lead
    from guatu.innovation.models import PlatformLead

    lead = Lead.objects.filter(code="ZS2024-001").first()
    platform = InnovationPlatform.objects.filter(code=INSTITUTE).first()
    if lead is None or platform is None:
        return {}
    return {"innovation_leads": _upsert(PlatformLead, ["platform_id", "lead_id", "relation"], [{
        "platform_id": platform.pk, "lead_id": lead.pk, "relation": "tech_equity", "since": d("2023-12-01"),
        "note": "2023年12月签订合作协议(技术入股),2024年4月共建联合中心。",
    }])}  # fmt: skip


def _output_rows(platform_ids: dict) -> list[dict]:
    blank = {key: None for key in ("talent", "first_of_kind", "papers", "patent_applications", "patent_grants",
                                   "funded_projects", "firm_services", "firms_incubated", "commercial_income",
                                   "rd_spending", "city_support", "incidents")}  # fmt: skip
    rows = [
        {**blank, **figures, "platform_id": platform_ids[INSTITUTE], "year": year, "lower_bounds": LOWER_BOUNDS,
         "note": SPLIT_NOTE}
        for year, figures in INSTITUTE_SPLIT.items()
    ]  # fmt: skip
    for (code, year), figures in OTHER_OUTPUTS.items():
        values = {k: Decimal(v) if isinstance(v, str) else v for k, v in figures.items()}
        rows.append({**blank, **values, "platform_id": platform_ids[code], "year": year, "lower_bounds": "",
                     "note": "示意数据"})  # fmt: skip
    return rows


def _load_schemes(type_ids: dict) -> dict[str, UpsertResult]:
    result = {
        "innovation_schemes": _upsert(
            EvaluationScheme,
            ["year", "platform_type_id"],
            [
                {
                    "year": year,
                    "platform_type_id": type_ids[t],
                    "name": name,
                    "bonus_cap": Decimal(10),
                    "note": SCHEME_NOTE,
                }
                for year, t, name, _items in SCHEMES
            ],
        )
    }
    scheme_ids = {(s.year, s.platform_type_id): s.pk for s in EvaluationScheme.objects.all()}
    indicators, bands = [], []
    for year, t, _name, items in SCHEMES:
        scheme_id = scheme_ids[(year, type_ids[t])]
        for order, (measure, basis, kind, weight, target, cap) in enumerate(items, start=1):
            indicators.append({"scheme_id": scheme_id, "order": order, "measure": measure, "basis": basis,
                               "kind": kind, "weight": Decimal(weight), "target": Decimal(target),
                               "cap": None if cap is None else Decimal(cap)})  # fmt: skip
        bands += [{"scheme_id": scheme_id, "name": name, "min_score": Decimal(low)} for name, low in BANDS]
    result["innovation_indicators"] = _upsert(SchemeIndicator, ["scheme_id", "measure", "basis", "kind"], indicators)
    result["innovation_bands"] = _upsert(GradeBand, ["scheme_id", "name"], bands)
    return result

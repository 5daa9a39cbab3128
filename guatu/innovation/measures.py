"""The outputs a platform reports each year (one column each on `PlatformOutput`).

The catalogue is code because each measure is a typed column (counts are whole numbers, money is
万元 with `money_field`); a new measure is a field, a migration and one line here. What the city
asks of them — indicators, weights, targets, bands — is data (`EvaluationScheme`), never code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Measure:
    key: str  # the PlatformOutput field
    label: Promise
    unit: Promise  # what one counts: 人, 套 … (万元 for money)
    header: str  # the Chinese column header guatu writes in sheets
    synonyms: tuple[str, ...] = ()  # other header labels in officers' sheets
    money: bool = False


PEOPLE, SETS, PAPERS = pgettext_lazy("unit", "people"), pgettext_lazy("unit", "sets"), pgettext_lazy("unit", "papers")
PATENTS, PROJECTS = pgettext_lazy("unit", "patents"), pgettext_lazy("unit", "projects")
TIMES, FIRMS = pgettext_lazy("unit", "times"), pgettext_lazy("unit", "firms")
WAN, INCIDENTS = pgettext_lazy("unit", "10k yuan"), pgettext_lazy("unit", "incidents")

MEASURES: tuple[Measure, ...] = (
    Measure("talent", _("high-level talent brought in"), PEOPLE, "引育高层次人才", ("高层次人才", "引育人才")),
    Measure("first_of_kind", _("first-of-their-kind devices and technology systems"), SETS, "首台套装置及技术体系",
            ("首台套工程化装置及技术体系", "首台套")),
    Measure("papers", _("papers published"), PAPERS, "发表论文", ("论文", "论文数")),
    Measure("patent_applications", _("patent applications"), PATENTS, "申请专利", ("专利申请", "专利申请数")),
    Measure("patent_grants", _("patents granted"), PATENTS, "授权专利", ("专利授权", "专利授权数")),
    Measure("funded_projects", _("national and provincial key projects won"), PROJECTS, "获批国家和省级重点项目",
            ("获批重点项目", "国家和省级科研项目", "获批项目")),
    Measure("firm_services", _("services to firms"), TIMES, "服务企业", ("服务企业次数",)),
    Measure("firms_incubated", _("firms incubated"), FIRMS, "孵化企业", ("孵化企业数",)),
    Measure("commercial_income", _("commercialisation income"), WAN, "成果转化收入",
            ("技术合同及成果转化收入", "成果转化"), money=True),
    Measure("rd_spending", _("R&D spending"), WAN, "研发投入", ("研发经费", "研发经费投入"), money=True),
    Measure("city_support", _("city support"), WAN, "市级支持资金", ("市级财政支持", "财政支持"), money=True),
    Measure("incidents", _("integrity or safety incidents"), INCIDENTS, "科研诚信或安全事件", ("违规事件", "安全事件")),
)  # fmt: skip
BY_KEY = {m.key: m for m in MEASURES}
KEYS = tuple(BY_KEY)
COUNT_MAX = 9_999_999  # far beyond any platform; whole numbers only


def measure(key: str) -> Measure:
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown measure {key!r}; one of {', '.join(KEYS)}") from None


def choices() -> list[tuple[str, Promise]]:
    return [(m.key, m.label) for m in MEASURES]

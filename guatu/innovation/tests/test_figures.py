"""Figures from the stored rows: since founding, scorecards, ranking with ties, year on year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from guatu.core.models import Region
from guatu.innovation import figures
from guatu.innovation.models import (
    EvaluationScheme,
    GradeBand,
    InnovationPlatform,
    PlatformOutput,
    PlatformType,
    SchemeIndicator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab_type():
    return PlatformType.objects.get(code="KL")  # the demo has no 重点实验室: a clean type to rank


def lab(code: str, outputs: dict[int, dict], region="330802") -> InnovationPlatform:
    platform = InnovationPlatform.objects.create(
        code=code, name=f"实验室{code}", platform_type=PlatformType.objects.get(code="KL"),
        founded=dt.date(2020, 1, 1), region=Region.objects.get(code=region),
    )  # fmt: skip
    for year, values in outputs.items():
        PlatformOutput.objects.create(platform=platform, year=year, **values)
    return platform


def lab_scheme(year: int, target_papers="10") -> EvaluationScheme:
    scheme = EvaluationScheme.objects.create(year=year, platform_type=PlatformType.objects.get(code="KL"),
                                             name=f"{year}年度重点实验室评价方案", bonus_cap=D(5))  # fmt: skip
    SchemeIndicator.objects.create(scheme=scheme, order=1, measure="papers", weight=D(60), target=D(target_papers))
    SchemeIndicator.objects.create(scheme=scheme, order=2, measure="talent", basis="cumulative", weight=D(40),
                                   target=D(20))  # fmt: skip
    SchemeIndicator.objects.create(scheme=scheme, order=3, measure="funded_projects", kind="bonus", weight=D(2),
                                   target=D(1), cap=D(4))  # fmt: skip
    for name, low in (("优秀", 90), ("良好", 70), ("合格", 60), ("不合格", 0)):
        GradeBand.objects.create(scheme=scheme, name=name, min_score=D(low))
    return scheme


def test_since_founding_sums_the_reported_years_and_skips_the_blank_ones():
    platform = lab("L1", {2022: {"talent": 5}, 2023: {"talent": None, "papers": 4}, 2024: {"talent": 7}})
    outputs = figures.outputs_of([platform])[platform.pk]
    talent = figures.cumulative(outputs, "talent", 2024)
    assert (talent.value, talent.years) == (D(12), [2022, 2024])
    assert figures.cumulative(outputs, "talent", 2023).value == D(5)
    assert figures.cumulative(outputs, "rd_spending", 2024).value is None  # never reported: not 0
    assert figures.annual(outputs, "talent", 2023).value is None


def test_a_scorecard_uses_this_years_or_the_cumulative_figures_as_each_indicator_says(lab_type):
    lab_scheme(2024)
    platform = lab("L2", {2023: {"talent": 10, "papers": 8}, 2024: {"talent": 6, "papers": 5, "funded_projects": 3}})
    card = figures.scorecard(platform, 2024)
    lines = {line.indicator.measure: line for line in card.lines}
    assert lines["papers"].item.actual == D(5) and lines["papers"].item.score == D(30)  # 60 × 5/10
    assert lines["talent"].item.actual == D(16) and lines["talent"].item.score == D(32)  # 40 × 16/20
    assert lines["funded_projects"].item.score == D(4)  # 2 per project, capped at 4
    assert card.total == D(66) and card.grade == "合格"
    data = card.as_json()
    assert data["total"] == "66.00" and data["outputs"][0]["ratio_pct"] == "50.0" and data["outputs"][0]["gap"] == "5"


def test_a_platform_without_a_scheme_for_its_type_and_year_has_no_score(lab_type):
    card = figures.scorecard(lab("L3", {2024: {"papers": 3}}), 2024)
    assert card.scheme is None and card.total is None and card.as_json()["total"] is None


def test_platforms_rank_within_their_type_with_ties_sharing_a_rank(lab_type):
    lab_scheme(2024)
    a = lab("LA", {2024: {"papers": 10, "talent": 20}})
    b = lab("LB", {2024: {"papers": 5, "talent": 10}})
    c = lab("LC", {2024: {"papers": 5, "talent": 10}})
    d = lab("LD", {2024: {"papers": 1}})
    groups = figures.ranking([d, c, b, a], 2024)
    assert len(groups) == 1
    assert [(r.platform.code, r.rank, str(r.card.total)) for r in groups[0].rows] == [
        ("LA", 1, "100.00"), ("LB", 2, "50.00"), ("LC", 2, "50.00"), ("LD", 4, "6.00")]  # fmt: skip


def test_the_ranking_sets_last_years_total_and_rank_beside_this_years(lab_type):
    lab_scheme(2023, target_papers="5")
    lab_scheme(2024)
    a = lab("LE", {2023: {"papers": 5, "talent": 20}, 2024: {"papers": 10, "talent": 0}})
    row = figures.ranking([a], 2024)[0].rows[0]
    assert (str(row.previous.total), row.previous_rank, str(row.card.total), str(row.change)) == (
        "100.00", 1, "100.00", "0.00")  # fmt: skip


def test_year_on_year_growth_needs_both_years_and_a_nonzero_base():
    platform = lab("LF", {2022: {"papers": 0, "talent": 4}, 2023: {"papers": 5, "talent": 5}, 2024: {"talent": 6}})
    yoy = figures.year_on_year(platform)
    rows = {r.key: r for r in yoy.rows}
    assert yoy.years == [2022, 2023, 2024]
    assert rows["talent"].growth == [None, D(25), D(20)]
    assert rows["papers"].growth == [None, None, None]  # from 0: no rate; to a blank year: none
    assert rows["papers"].as_json()["growth_pct"] == [None, None, None] and rows["talent"].total == D(15)


def test_the_demo_ranking_of_research_institutes_2024():
    groups = {g.platform_type.code: g for g in figures.ranking(InnovationPlatform.objects.all(), 2024)}
    iri = groups["IRI"]
    assert [(r.platform.code, r.rank, str(r.card.total), r.card.grade) for r in iri.rows] == [
        ("QZ-ZYHG", 1, "104.31", "优秀"),
        ("JS-ZNZB", 2, "64.68", "合格"),
        ("QZ-DLDC", 3, "63.83", "合格"),
    ]
    assert groups["TIC"].scheme is None and groups["TIC"].rows[0].rank is None

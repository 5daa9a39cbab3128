"""The figures on leads made by hand on the test platform: cohorts, sizes, rates, targets, funnel."""

from decimal import Decimal as D

import pytest

from guatu.attraction.figures import Filters, breakdown, summary
from guatu.attraction.models import AttractionTarget, CapitalArrival, IndustryChain
from guatu.attraction.tests.conftest import d, new_lead, signed_lead, walk
from guatu.core.models import Platform
from guatu.core.money import fmt_pct, pct_str
from guatu.core.periods import Period
from guatu.projects.scope import Scope
from guatu.test import sample_platform

pytestmark = pytest.mark.django_db


def tp(**extra) -> Filters:
    return Filters(scope=Scope(platform=sample_platform()), **extra)


@pytest.fixture
def cohort():
    """Eight 2024 signings on TP (one of them a capital increase), one 2023 signing, two unsigned leads."""
    xcl, xdfw = IndustryChain.objects.get(code="XCL"), IndustryChain.objects.get(code="XDFW")
    leads = {
        "A": walk(
            signed_lead("T-A", planned="10000", chain=xcl),
            ("registered", "2024-04-01"),
            ("land", "2024-05-01"),
            ("started", "2024-06-01"),
            ("producing", "2024-09-01"),
        ),
        "B": walk(signed_lead("T-B", planned="99999.99", chain=xcl), ("registered", "2024-04-01")),
        "C": signed_lead("T-C", planned="100000", chain=xdfw),
        "D": signed_lead("T-D", planned="1000000", chain=xcl, region="330803"),
        "E": signed_lead("T-E", planned="9999.99", chain=xcl),
        "F": walk(signed_lead("T-F", planned="30000"), ("suspended", "2024-08-01", {"reason": "暂缓"})),
        "G": signed_lead("T-G", planned="130000", kind="increase", existing_investment=D("80000"), chain=xcl),
        "H": walk(signed_lead("T-H", planned="20000", chain=xcl), ("registered", "2024-11-01"), ("land", "2024-12-02")),
        "old": walk(
            new_lead("T-OLD", received="2023-03-01"),
            ("screening", "2023-03-02"),
            ("negotiating", "2023-03-03"),
            ("signed", "2023-06-01", {"agreed_start": d("2024-01-31")}),
        ),
        "talks": walk(
            new_lead("T-TALK", received="2024-05-01"), ("screening", "2024-05-02"), ("negotiating", "2024-06-01")
        ),
        "new": new_lead("T-NEW", received="2024-11-20"),
    }
    CapitalArrival.objects.create(lead=leads["A"], on=d("2024-07-01"), amount=D("6000"))
    CapitalArrival.objects.create(lead=leads["A"], on=d("2024-12-15"), amount=D("1000"))
    return leads


def test_the_cohort_is_the_periods_first_signings_with_increases_counting_only_the_increase(cohort):
    f = summary(tp(), Period(2024, 11), user=None).overall
    assert f.signed_count == 8
    # 10000 + 99999.99 + 100000 + 1000000 + 9999.99 + 30000 + 50000 (increase) + 20000
    assert f.signed_amount == D("1319999.98")
    assert {name: f.band(name) for name in ("over_100m", "over_1b", "over_10b")} == {
        "over_100m": 7,
        "over_1b": 2,
        "over_10b": 1,
    }


def test_rates_are_reached_over_signed_as_of_the_periods_end_rounded_half_up(cohort):
    f = summary(tp(), Period(2024, 11), user=None).overall
    assert (f.reached("registered"), f.reached("land"), f.reached("started"), f.reached("producing")) == (3, 1, 1, 1)
    assert f.rate("performance") == D("37.5") and fmt_pct(f.rate("landing")) == "12.5%"
    year = summary(tp(), Period(2024, 12), user=None).overall  # H got land on 2024-12-02
    assert year.reached("land") == 2 and pct_str(year.rate("landing")) == "25.0"


def test_capital_in_place_counts_arrivals_up_to_the_day_and_fit_is_the_flagship_share(cohort):
    f = summary(tp(), Period(2024, 11), user=None).overall
    assert f.in_place == D("6000")
    assert summary(tp(), Period(2024, 12), user=None).overall.in_place == D("7000")
    # not in a flagship chain: C (现代服务业, 100000) and F (no chain, 30000)
    assert f.fit_pct == (D("1319999.98") - D("130000")) * 100 / D("1319999.98")
    assert pct_str(f.fit_pct) == "90.2"


def test_a_selection_without_signings_has_no_rates():
    f = summary(tp(), Period(2024, 11), user=None).overall
    assert (f.signed_count, f.rate("start"), f.fit_pct, f.in_place_pct) == (0, None, None, None)
    assert summary(tp(), Period(2024, 11), user=None).as_json()["rates"]["start_pct"] is None


def test_the_target_applies_to_its_exact_scope_only(cohort):
    AttractionTarget.objects.create(
        year=2024, platform=Platform.objects.get(code="TP"), signed_count=16, signed_amount=D("1000000")
    )
    f = summary(tp(), Period(2024, 11), user=None).overall
    assert (pct_str(f.count_pct), pct_str(f.amount_pct)) == ("50.0", "132.0")
    assert summary(tp(source="business"), Period(2024, 11), user=None).overall.target is None


def test_the_pipeline_counts_leads_by_the_stage_they_held_that_day(cohort):
    stages = summary(tp(), Period(2024, 11), user=None).stages
    assert {k: v for k, v in stages.items() if v} == {
        "lead": 1,
        "negotiating": 1,
        "signed": 5,
        "registered": 2,
        "producing": 1,
        "suspended": 1,
    }
    assert summary(tp(), Period(2023, 12), user=None).stages["signed"] == 1


def test_the_funnel_follows_the_leads_received_in_the_period(cohort):
    funnel = dict(summary(tp(), Period(2024, 11), user=None).funnel)
    assert [
        funnel[s]
        for s in ("lead", "screening", "negotiating", "signed", "registered", "land", "started", "producing", "reached")
    ] == [10, 9, 9, 8, 3, 1, 1, 1, 0]


def test_the_cumulative_cohort_spans_every_signing_year(cohort):
    result = summary(tp(), Period(2024, 11), user=None)
    assert result.cumulative.signed_count == 9 and result.cumulative.band("over_10b") == 1
    assert [m.lead.code for m in result.cumulative.band_members("over_10b")] == ["T-D"]


def test_a_breakdown_adds_up_to_the_whole(cohort):
    result = summary(tp(), Period(2024, 11), user=None, by="region")
    assert [(row.label, row.signed_count, row.signed_amount) for row in result.rows] == [
        ("柯城区", 7, D("319999.98")),
        ("衢江区", 1, D("1000000")),
    ]
    assert result.rows[0].query["region"] and result.rows[0].query["signed_year"] == "2024"
    years = breakdown(result.cumulative.members, "year", result.period, result.filters)
    assert [(row.label, row.signed_count) for row in years] == [("2023", 1), ("2024", 8)]
    with pytest.raises(ValueError):
        breakdown([], "colour", result.period, result.filters)

"""Admission thresholds: below one a lead is flagged, never refused; the latest year up to the lead's."""

from decimal import Decimal as D

import pytest

from guatu.attraction.models import AdmissionThreshold
from guatu.attraction.tests.conftest import new_lead
from guatu.attraction.thresholds import Thresholds, check
from guatu.core.models import Industry

pytestmark = pytest.mark.django_db


def test_an_integrated_circuit_lead_below_500_per_mu_is_flagged_not_refused():
    jcdl = Industry.objects.get(code="JCDL")
    low = new_lead("T-IC1", industry=jcdl, planned="60000", land_mu=D("150"))  # 400 万元/亩
    at = new_lead("T-IC2", industry=jcdl, planned="75000", land_mu=D("150"))  # exactly 500
    flags = check(low).flags
    assert [(f.rule, f.value, f.minimum) for f in flags] == [("intensity", D("400"), D("500.00"))]
    assert flags[0].text == "投资强度400.00万元/亩，低于准入门槛500.00。"
    assert not check(at).flagged and low.pk is not None


def test_an_industry_without_its_own_row_takes_the_default_and_tax_per_mu_is_checked():
    lead = new_lead(
        "T-TAX", industry=Industry.objects.get(code="FSXCL"), planned="35000", land_mu=D("100"), expected_tax=D("2000")
    )
    result = check(lead)
    assert result.threshold.industry is None and result.threshold.year == 2024
    assert [(f.rule, f.value, f.minimum) for f in result.flags] == [("tax", D("20"), D("30.00"))]


def test_a_candidate_for_the_provinces_list_below_its_minimum_total_is_flagged():
    lead = new_lead("T-QX", planned="99999.99", qxwy_candidate=True)
    assert [f.rule for f in check(lead).flags] == ["qxwy"]
    assert not check(new_lead("T-QX2", planned="100000", qxwy_candidate=True)).flagged


def test_a_lead_is_checked_against_the_latest_year_up_to_its_own():
    xny = Industry.objects.get(code="XNY")
    rows = [
        AdmissionThreshold(industry=xny, year=2022, min_intensity=D(100)),
        AdmissionThreshold(industry=xny, year=2024, min_intensity=D(400)),
    ]
    table = Thresholds(rows)
    assert table.for_lead(new_lead("T-Y23", received="2023-05-01")).year == 2022
    assert table.for_lead(new_lead("T-Y24", received="2024-05-01")).year == 2024
    assert Thresholds([]).check(new_lead("T-Y0", land_mu=D(1))).flags == []

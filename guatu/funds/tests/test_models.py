"""The rules a fund, a commitment and an investment meet however they arrive, and the record they leave."""

import pytest
from django.core.exceptions import ValidationError

from guatu.audit.context import acting
from guatu.core.models import Industry, Region
from guatu.funds.choices import FundPhase
from guatu.funds.models import FundFocus
from guatu.funds.tests.helpers import commit, d, invest, make_fund
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def test_a_local_investment_is_one_in_the_funds_region():
    fund = make_fund("T1")
    row = invest(fund, "甲", "100", "2023-01-01", region="330102")
    assert row.is_local is True
    row.is_local = False
    with pytest.raises(ValidationError) as exc:
        row.save()
    assert "is_local" in exc.value.message_dict and "上城区" in exc.value.message_dict["is_local"][0]


def test_an_investee_outside_the_funds_region_is_not_local_and_a_local_one_names_its_region():
    fund = make_fund("T1")
    outside = invest(fund, "乙", "100", "2023-01-01", region="330802")
    assert outside.is_local is False
    outside.region, outside.is_local = None, True
    with pytest.raises(ValidationError) as exc:
        outside.save()
    assert "region" in exc.value.message_dict


def test_a_fund_cannot_invest_before_it_is_set_up_or_after_it_is_liquidated():
    fund = make_fund("T1", set_up="2023-06-01")
    with pytest.raises(ValidationError) as exc:
        invest(fund, "甲", "100", "2023-05-31")
    assert "invested_on" in exc.value.message_dict
    fund.closed_on = d("2024-01-01")
    fund.save()
    with pytest.raises(ValidationError):
        invest(fund, "甲", "100", "2024-01-02")
    assert invest(fund, "甲", "100", "2024-01-01").amount == 100


def test_the_parent_must_be_a_fund_of_funds_and_never_a_cycle():
    direct = make_fund("T1")
    with pytest.raises(ValidationError) as exc:
        make_fund("T2", structure="sub", parent=direct)
    assert "parent" in exc.value.message_dict
    top = make_fund("P1", structure="parent")
    middle = make_fund("P2", structure="parent", parent=top)
    top.parent = middle
    with pytest.raises(ValidationError) as exc:
        top.save()
    assert "parent" in exc.value.message_dict


def test_the_term_dates_run_in_order():
    fund = make_fund("T1", set_up="2023-01-01")
    fund.investment_end = d("2022-12-31")
    with pytest.raises(ValidationError) as exc:
        fund.full_clean()
    assert "investment_end" in exc.value.message_dict


def test_paid_in_never_exceeds_the_commitment_and_has_its_day():
    fund = make_fund("T1")
    with pytest.raises(ValidationError) as exc:
        commit(fund, "社会资本", "100", "2022-01-01", paid="101", paid_on="2022-02-01")
    assert "paid_in" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        commit(fund, "社会资本", "100", "2022-01-01", paid="50")
    assert "paid_in_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        commit(fund, "社会资本", "100", "2022-01-01", paid="50", paid_on="2021-12-31")
    assert "paid_in_on" in exc.value.message_dict


def test_a_fund_lp_names_the_fund_and_has_its_class():
    parent = make_fund("P1", structure="parent")
    sub = make_fund("S1", structure="sub", parent=parent)
    with pytest.raises(ValidationError) as exc:
        commit(sub, "母基金", "10", "2022-01-01", lp_class="fund")
    assert "lp_fund" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        commit(sub, "母基金", "10", "2022-01-01", lp_class="social", lp_fund=parent)
    assert "lp_class" in exc.value.message_dict
    assert commit(sub, "母基金", "10", "2022-01-01", lp_class="fund", lp_fund=parent).is_government


def test_the_phase_is_read_from_the_dates():
    fund = make_fund("T1", set_up="2020-01-01")
    fund.investment_end, fund.exit_end, fund.extension_end = d("2024-12-31"), d("2027-12-31"), d("2029-12-31")
    assert [fund.phase(d(day)) for day in ("2019-12-31", "2024-12-31", "2025-01-01", "2028-01-01", "2030-01-01")] == [
        FundPhase.PREPARING,
        FundPhase.INVESTING,
        FundPhase.EXITING,
        FundPhase.EXTENDED,
        FundPhase.EXPIRED,
    ]
    fund.closed_on = d("2026-01-01")
    assert fund.phase(d("2026-01-01")) == FundPhase.CLOSED


def test_every_change_is_recorded_with_who_and_the_old_and_new_figures(officer):
    fund = make_fund("T1")
    with acting(officer, reason="更正"):
        row = invest(fund, "甲", "100", "2023-01-01")
        row.amount = 120
        row.save()
    last = records_of(row)[-1]
    assert (last.username, last.reason, last.before["amount"], last.after["amount"]) == (
        "officer",
        "更正",
        "100.00",
        "120.00",
    )


def test_focus_industries_are_links_on_the_record():
    fund = make_fund("T1")
    fund.focus_industries.set(Industry.objects.filter(code__in=["FSXCL", "XNY"]))
    link = FundFocus.objects.get(fund=fund, industry__code="XNY")
    assert records_of(link)[0].action == "create"
    fund.focus_industries.set(Industry.objects.filter(code="FSXCL"))
    assert records_of(link)[-1].action == "delete"
    assert Region.objects.get(code="330100").funds.get() == fund

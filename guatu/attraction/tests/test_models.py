"""The rules a lead meets however it arrives (form, API, import): capital increases, events, bounds."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from guatu.attraction.models import Lead, SigningEvent
from guatu.attraction.tests.conftest import d, new_lead
from guatu.core.models import Region

pytestmark = pytest.mark.django_db


def test_a_capital_increase_counts_only_the_increase():
    lead = new_lead("T-CI", planned="130000", kind="increase", existing_investment=D("80000"))
    assert lead.counted_investment == D("50000")


def test_a_capital_increase_needs_the_existing_investment_below_the_new_total():
    with pytest.raises(ValidationError) as exc:
        new_lead("T-CI1", planned="130000", kind="increase")
    assert "existing_investment" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        new_lead("T-CI2", planned="80000", kind="increase", existing_investment=D("80000"))
    assert "planned_investment" in exc.value.message_dict


def test_a_new_investment_has_no_existing_investment():
    with pytest.raises(ValidationError) as exc:
        new_lead("T-N1", existing_investment=D("5"))
    assert "existing_investment" in exc.value.message_dict


def test_intensity_and_tax_per_mu_come_from_the_counted_amount_and_the_land():
    lead = new_lead("T-MU", planned="50000", land_mu=D("80"), expected_tax=D("2000"))
    assert (lead.intensity, lead.tax_per_mu) == (D("625"), D("25"))
    assert new_lead("T-MU2").intensity is None


@pytest.mark.parametrize("mu", ["1000000", "-1"])
def test_land_outside_its_bounds_is_refused(mu):
    with pytest.raises(ValidationError) as exc:
        new_lead("T-MU3", land_mu=D(mu))
    assert "land_mu" in exc.value.message_dict


def test_money_beyond_what_both_databases_store_exactly_is_refused():
    with pytest.raises(ValidationError) as exc:
        new_lead("T-BIG", planned="10000000000")
    assert "planned_investment" in exc.value.message_dict


def test_a_lead_cannot_be_received_in_the_future():
    with pytest.raises(ValidationError) as exc:
        new_lead("T-FUT", received="2099-01-01")
    assert "received_on" in exc.value.message_dict


def test_a_signing_at_an_event_is_dated_the_events_day():
    event = SigningEvent.objects.create(
        name="测试签约会", on=d("2024-06-01"), region=Region.objects.get(code="330800"), host="衢州"
    )
    lead = new_lead("T-EV")
    lead.signed_on, lead.event = d("2024-06-02"), event
    with pytest.raises(ValidationError) as exc:
        lead.save()
    assert exc.value.message_dict["signed_on"] == ["在测试签约会签约的日期应为活动当天(2024-06-01)。"]
    assert Lead.objects.get(pk=lead.pk).signed_on is None

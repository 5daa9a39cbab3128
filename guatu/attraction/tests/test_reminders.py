"""Reminders from the time rules, with how many days late, and the warnings they feed."""

import datetime as dt

import pytest

from guatu.attraction.models import Lead, Talk, TimeRule
from guatu.attraction.reminders import add_months, attraction_warnings, reminders_for
from guatu.attraction.tests.conftest import d, new_lead, signed_lead, walk
from guatu.core.models import Region
from guatu.projects.scope import Scope
from guatu.test import sample_platform

pytestmark = pytest.mark.django_db


def found(*leads, on: str):
    return [
        (r.lead.code, r.rule, r.level, r.days_late)
        for r in reminders_for(Lead.objects.filter(pk__in=[x.pk for x in leads]), d(on))
    ]


def test_months_are_added_to_the_same_day_or_the_months_last():
    assert add_months(d("2024-04-30"), 6) == d("2024-10-30")
    assert add_months(d("2024-08-31"), 6) == d("2025-02-28")
    assert add_months(d("2023-11-15"), 3) == d("2024-02-15")


def test_a_lead_nobody_answered_within_a_day_or_screened_within_three_is_late():
    lead = new_lead("T-R1", received="2024-11-20")
    assert found(lead, on="2024-11-21") == []
    assert found(lead, on="2024-11-22") == [("T-R1", "respond", "yellow", 1)]
    Talk.objects.create(lead=lead, on=d("2024-11-22"), summary="电话接洽")
    assert found(lead, on="2024-11-30") == [("T-R1", "screen", "yellow", 7)]


def test_a_lead_in_talks_reports_every_two_weeks():
    lead = walk(new_lead("T-R2", received="2024-10-01"), ("screening", "2024-10-03"))
    Talk.objects.create(lead=lead, on=d("2024-10-25"), summary="考察")
    assert found(lead, on="2024-11-08") == []
    assert found(lead, on="2024-11-30") == [("T-R2", "report", "yellow", 22)]


def test_a_signed_lead_not_started_six_months_after_its_agreed_start_is_due_for_an_exit_review():
    lead = signed_lead("T-R3", signed="2024-02-28")
    lead.agreed_start = d("2024-04-30")
    lead.save()
    Talk.objects.create(lead=lead, on=d("2024-10-20"), summary="催办开工")
    Talk.objects.create(lead=lead, on=d("2024-11-25"), summary="施工许可办理中")
    assert found(lead, on="2024-10-30") == []
    assert found(lead, on="2024-11-30") == [("T-R3", "exit_review", "red", 31)]


def test_a_region_can_set_its_own_rules():
    TimeRule.objects.create(region=Region.objects.get(code="330802"), respond_days=3, screen_days=5)
    lead = new_lead("T-R4", received="2024-11-20")
    assert found(lead, on="2024-11-23") == []
    assert found(lead, on="2024-11-26") == [("T-R4", "respond", "yellow", 3), ("T-R4", "screen", "yellow", 1)]


def test_a_started_lead_not_in_the_ledger_is_a_reminder_to_convert_it():
    lead = walk(signed_lead("T-R5"), ("registered", "2024-03-10"), ("started", "2024-04-15"))
    assert found(lead, on="2024-05-01") == [("T-R5", "convert", "yellow", 16)]


def test_warnings_put_exit_reviews_first_and_stay_in_the_users_scope(outsider):
    late = signed_lead("T-R6", signed="2024-02-28")
    late.agreed_start = d("2023-01-31")
    late.save()
    new_lead("T-R7", received="2024-11-20")
    scope = Scope(platform=sample_platform())
    warnings = attraction_warnings(scope, dt.date(2024, 11, 30), user=None)
    assert [(w.lead.code, w.level) for w in warnings] == [("T-R6", "red"), ("T-R7", "yellow")]
    assert attraction_warnings(scope, dt.date(2024, 11, 30), user=outsider) == []

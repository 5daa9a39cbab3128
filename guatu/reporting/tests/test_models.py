"""The calendar's and the policy's own rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guatu.reporting.models import ReportingMonth, ReportingPolicy, next_month

pytestmark = pytest.mark.django_db


def test_the_next_month_wraps_the_year():
    assert next_month(2024, 11) == (2024, 12) and next_month(2024, 12) == (2025, 1)


def test_the_policy_is_seeded_with_the_fifth_and_eighty_percent():
    policy = ReportingPolicy.current()
    assert policy.pk is not None and (policy.deadline_day, policy.reported_share_pct) == (5, Decimal(80))
    assert policy.deadline_for(2024, 12) == dt.date(2025, 1, 5)


def test_a_missing_policy_reads_as_the_defaults_without_writing():
    ReportingPolicy.objects.all().delete()
    policy = ReportingPolicy.current()
    assert policy.pk is None and policy.deadline_for(2024, 2) == dt.date(2024, 3, 5)
    assert not ReportingPolicy.objects.exists()


@pytest.mark.parametrize(("day", "share"), [(0, "80"), (29, "80"), (5, "0"), (5, "100.01")])
def test_the_policy_bounds(day, share):
    with pytest.raises(ValidationError):
        ReportingPolicy(deadline_day=day, reported_share_pct=Decimal(share)).full_clean()


def test_a_month_knows_its_end_and_period():
    month = ReportingMonth(year=2024, month=2, deadline=dt.date(2024, 3, 5))
    assert month.month_end == dt.date(2024, 2, 29) and month.period.label_zh() == "2024年1至2月"
    assert str(month) == "2024-02"

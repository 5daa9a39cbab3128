"""The warning rules at their thresholds (defaults: 30 days overdue, 15 days float, 10/20 points)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from guatu.core.models import Region
from guatu.projects.scope import Scope
from guatu.schedules.models import Milestone, WarningPolicy
from guatu.schedules.tests.helpers import chain, d
from guatu.schedules.warnings import summarise, warnings_for
from guatu.test import make_project, sample_list, sample_platform

pytestmark = pytest.mark.django_db
AS_OF = d("2024-06-30")


def warning_of(code: str, scope: Scope | None = None, as_of: dt.date = AS_OF):
    found = warnings_for(scope or Scope(platform=sample_platform()), as_of)
    return next(w for w in found if w.project.code == code)


def project_with_overdue(code: str, days_overdue: int):
    project = make_project(code, plan=None)
    project.planned_completion = d("2025-12-31")
    project.save()
    planned = (AS_OF - dt.timedelta(days=days_overdue)).isoformat()
    chain(project, ("a", 0, "2024-01-01", "2024-01-01"), ("b", 10, planned, None, "2024-01-02"),
          ("c", 30, "2025-12-31", None))  # fmt: skip
    return project


@pytest.mark.parametrize(("days", "level"), [(1, "yellow"), (30, "yellow"), (31, "red")])
def test_an_overdue_milestone_is_yellow_up_to_30_days_and_red_beyond(days, level):
    project_with_overdue("W1", days)
    warning = warning_of("W1")
    assert warning.level == level
    assert warning.milestone_levels["b"] == level
    assert [r.rule for r in warning.reasons] == ["overdue"]
    assert f"{days}" in warning.reasons[0].text


def test_a_citys_policy_changes_the_threshold():
    WarningPolicy.objects.create(region=Region.objects.get(code="330800"), red_overdue_days=10)
    project_with_overdue("W1", 15)
    assert warning_of("W1").level == "yellow"  # default policy for the platform scope
    assert warning_of("W1", Scope(platform=sample_platform(), region=Region.objects.get(code="330802"))).level == "red"


@pytest.mark.parametrize(("slack", "level"), [(14, "yellow"), (15, "green")])
def test_float_under_15_days_is_yellow(slack, level):
    project = make_project("W2", plan=None)
    project.planned_completion = AS_OF + dt.timedelta(days=30 + slack)
    project.save()
    chain(project, ("a", 0, "2024-01-01", "2024-01-01"), ("b", 30, None, None))
    warning = warning_of("W2")
    assert warning.plan.rows[1].timing.float_days == slack
    assert warning.level == level


def test_a_promise_that_can_no_longer_be_met_is_red():
    project = make_project("W3", plan=None)
    project.planned_completion = AS_OF + dt.timedelta(days=29)
    project.save()
    chain(project, ("a", 0, "2024-01-01", "2024-01-01"), ("b", 30, "2024-07-29", None))
    warning = warning_of("W3")
    assert warning.level == "red"
    promise = next(r for r in warning.reasons if r.rule == "promise")
    assert "1" in promise.text and warning.plan.days_missed == 1


@pytest.mark.parametrize(("ytd", "level"), [("400", "green"), ("399", "yellow"), ("300", "yellow"), ("299", "red")])
def test_completion_points_below_time_elapsed(ytd, level):
    # June: 序时进度 50%. 40% is 10 points below (green), 39.9% just over 10 (yellow),
    # 30% exactly 20 below (yellow), 29.9% over 20 (red).
    make_project("W4", plan="1000", ytd_by_month={6: ytd})
    warning = warning_of("W4")
    assert warning.level == level
    if level != "green":
        assert warning.reasons[0].rule == "completion"


def test_a_project_with_no_plan_or_milestones_is_green():
    make_project("W5", plan=None)
    assert warning_of("W5").level == "green"


def test_actuals_after_the_as_of_day_are_not_known_yet():
    project = make_project("W6", plan=None)
    project.planned_completion = d("2025-12-31")
    project.save()
    chain(project, ("a", 0, "2024-01-01", "2024-01-01"), ("b", 10, "2024-05-01", "2024-07-15", "2024-04-20"),
          ("c", 30, "2025-12-31", None))  # fmt: skip
    assert warning_of("W6").level == "red"  # as of June 30, b was 60 days overdue
    assert warning_of("W6", as_of=d("2024-07-31")).level == "green"


def test_the_summary_counts_by_list():
    lst = sample_list()
    make_project("S1", plan="1000", ytd_by_month={6: "100"}, lists=(lst,))
    make_project("S2", plan="1000", ytd_by_month={6: "600"}, lists=(lst,))
    rows = summarise(warnings_for(Scope(platform=sample_platform()), AS_OF), "list", 2024)
    row = next(r for r in rows if r.label == lst.name)
    assert (row.counts["red"], row.counts["yellow"], row.counts["green"]) == (1, 0, 1)
    assert [w.project.code for w in row.projects["red"]] == ["S1"]
    assert row.as_json()["red_projects"] == ["S1"]


def test_negative_float_is_never_green():
    # b must finish by the promise (07-20) but cannot finish before 07-30: 10 days of negative float,
    # while its own planned date (08-31, set long ago) is not yet overdue.
    project = make_project("W7", plan=None)
    project.planned_completion = d("2024-07-20")
    project.save()
    chain(project, ("a", 0, "2024-01-01", "2024-01-01"), ("b", 30, "2024-08-31", None))
    warning = warning_of("W7")
    assert warning.plan.rows[1].timing.float_days == -10
    assert warning.milestone_levels["b"] == "red"
    assert "negative_float" in [r.rule for r in warning.reasons]


def test_a_network_that_cannot_be_scheduled_is_red_with_the_reason_and_not_green():
    project = make_project("W8", plan=None)
    project.planned_completion = d("2025-12-31")
    project.save()
    chain(project, ("a", 0, None, None), ("b", 10, None, None))
    Milestone.objects.filter(project=project, key="a").update(predecessors="b")  # a cycle, stored behind the checks
    warning = warning_of("W8")
    assert warning.level == "red" and warning.unschedulable
    assert [r.rule for r in warning.reasons] == ["unschedulable"]
    assert "循环" in warning.reasons[0].text and "A" in warning.reasons[0].text


def test_one_projects_absurd_lag_does_not_break_warnings_for_the_others():
    good = make_project("W9", plan=None)
    good.planned_completion = d("2025-12-31")
    good.save()
    chain(good, ("a", 0, "2024-01-01", "2024-01-01"), ("b", 30, None, None))
    bad = make_project("W10", plan=None)
    bad.planned_completion = d("2025-12-31")
    bad.save()
    chain(bad, ("a", 0, None, None), ("b", 10, None, None))
    Milestone._base_manager.filter(project=bad, key="b").update(predecessors="a+99999999")  # stored before the rules
    found = {w.project.code: w for w in warnings_for(Scope(platform=sample_platform()), AS_OF)}
    assert found["W9"].level == "green"
    assert found["W10"].level == "red" and found["W10"].unschedulable
    assert "3650" in found["W10"].reasons[0].text


def test_the_database_refuses_a_duration_beyond_ten_years():
    project = make_project("W11", plan=None)
    with pytest.raises(IntegrityError), transaction.atomic():  # past the model's own validation, too
        Milestone(project=project, key="a", name="A", duration_days=2147483647).save(validate=False)

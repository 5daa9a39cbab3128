"""The problem list: its workflow, overdue flags and counts per department."""

import pytest

from guatu.core.models import Department
from guatu.schedules.actions import WorkflowError, transition_problem
from guatu.schedules.models import Problem
from guatu.schedules.problems import overdue_by_department
from guatu.schedules.tests.helpers import d
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem():
    fgw = Department.objects.get(code="QZ-FGW")
    return Problem.objects.create(project=make_project("Q1"), type="land", title="用地指标未落实", department=fgw,
                                  raised_on=d("2024-09-01"), deadline=d("2024-10-31"))  # fmt: skip


def test_a_problem_goes_open_in_progress_resolved_closed(problem, officer):
    transition_problem(problem, "in_progress", acting_user=officer)
    transition_problem(problem, "resolved", acting_user=officer, resolution="已完成土地出让", on=d("2024-11-20"))
    transition_problem(problem, "closed", acting_user=officer)
    problem.refresh_from_db()
    assert (problem.status, problem.resolved_on, problem.resolution) == ("closed", d("2024-11-20"), "已完成土地出让")
    records = records_of(problem)
    assert [r.after["status"] for r in records] == ["open", "in_progress", "resolved", "closed"]
    assert records[-1].user == officer


@pytest.mark.parametrize(("path", "bad"), [([], "closed"), (["in_progress"], "closed"), ([], "open")])
def test_bad_transitions_are_refused(problem, path, bad):
    for step in path:
        transition_problem(problem, step)
    with pytest.raises(WorkflowError, match="问题不能从"):
        transition_problem(problem, bad)


def test_resolving_or_closing_needs_a_resolution(problem):
    with pytest.raises(WorkflowError, match="请先填写解决情况"):
        transition_problem(problem, "resolved", resolution="   ")
    problem.refresh_from_db()
    assert problem.status == "open"


def test_a_closed_problem_stays_closed(problem):
    transition_problem(problem, "resolved", resolution="ok")
    transition_problem(problem, "closed")
    for target in ("open", "in_progress", "resolved"):
        with pytest.raises(WorkflowError):
            transition_problem(problem, target)


def test_reopening_clears_the_resolved_day(problem):
    transition_problem(problem, "resolved", resolution="ok", on=d("2024-10-01"))
    transition_problem(problem, "in_progress")
    problem.refresh_from_db()
    assert problem.resolved_on is None


def test_overdue_problems_are_flagged_and_counted_per_department(problem):
    fgw = Department.objects.get(code="QZ-FGW")
    before = overdue_by_department(d("2024-11-30")).get(fgw.name, 0)
    assert problem.is_overdue(d("2024-11-01")) and not problem.is_overdue(d("2024-10-31"))
    for title, deadline in (("资金未到位", "2024-11-15"), ("能耗指标待批", "2024-12-31")):  # overdue; not yet due
        Problem.objects.create(project=problem.project, type="funding", title=title, department=fgw,
                               raised_on=d("2024-09-01"), deadline=d(deadline))  # fmt: skip
    assert overdue_by_department(d("2024-11-30"))[fgw.name] == before + 1
    transition_problem(problem, "resolved", resolution="ok")
    assert overdue_by_department(d("2024-11-30"))[fgw.name] == before

"""Workflows that touch several rows, each atomic; history records who did it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.audit.context import records_acting_user
from guatu.projects.models import Project
from guatu.schedules.choices import ProblemStatus
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, ScheduleApproval
from guatu.schedules.plans import build_plan


class WorkflowError(ValueError):
    """A workflow step that is not allowed; the message says why."""


@records_acting_user
@transaction.atomic
def apply_template(
    project: Project, template: MilestoneTemplate, *, acting_user=None, as_of: dt.date
) -> list[Milestone]:
    """Give the project its own editable copy of the template's milestones, scheduled back from its promise."""
    if project.planned_completion is None:
        raise WorkflowError(_("%(project)s has no planned production/completion date to schedule back from.") % {
            "project": project})  # fmt: skip
    if project.milestones.exists():
        raise WorkflowError(_("%(project)s already has milestones; edit them instead.") % {"project": project})
    milestones = [
        Milestone(project=project, key=step.key, name=step.name, order=step.order, duration_days=step.duration_days,
                  predecessors=step.predecessors)
        for step in template.steps.all()
    ]  # fmt: skip
    for m in milestones:
        m.save()
    ScheduleApproval.objects.update_or_create(project=project, defaults={"template": template})
    approve_plan(project, acting_user=acting_user, as_of=as_of)
    return milestones


@records_acting_user
@transaction.atomic
def approve_plan(project: Project, *, acting_user=None, as_of: dt.date, set_baseline: bool = False) -> None:
    """Write the 倒排 dates (latest start/finish) as the plan of every unfinished milestone.

    The baseline is set the first time, or when asked; otherwise re-approving keeps it, so that
    planned, current and actual can be compared.
    """
    milestones = list(project.milestones.all())
    plan = build_plan(project, milestones, as_of)
    if plan.error:
        raise WorkflowError(plan.error)
    approval, _created = ScheduleApproval.objects.get_or_create(project=project)
    first = approval.baseline_at is None
    for row in plan.rows:
        m = row.milestone
        if row.actual_finish is None:
            m.planned_start, m.planned_finish = row.timing.latest_start, row.timing.latest_finish
        if first or set_baseline:
            m.baseline_start, m.baseline_finish = m.planned_start, m.planned_finish
        m.save()
    now = timezone.now()
    approval.approved_at, approval.approved_by = now, acting_user
    if first or set_baseline:
        approval.baseline_at, approval.baseline_by = now, acting_user
    approval.save()


# From each status, where a problem may go next.
TRANSITIONS = {
    ProblemStatus.OPEN: {ProblemStatus.IN_PROGRESS, ProblemStatus.RESOLVED},
    ProblemStatus.IN_PROGRESS: {ProblemStatus.RESOLVED, ProblemStatus.OPEN},
    ProblemStatus.RESOLVED: {ProblemStatus.CLOSED, ProblemStatus.IN_PROGRESS},
    ProblemStatus.CLOSED: set(),
}


def next_statuses(problem: Problem) -> list[ProblemStatus]:
    """Where this problem may go from its current status (what the page offers)."""
    return sorted(TRANSITIONS[ProblemStatus(problem.status)], key=list(ProblemStatus).index)


@records_acting_user
@transaction.atomic
def transition_problem(problem: Problem, to: str, *, acting_user=None, resolution: str = "",
                       on: dt.date | None = None) -> Problem:  # fmt: skip
    """Move a problem along open → in progress → resolved → closed; resolving and closing need a resolution."""
    current = ProblemStatus(problem.status)
    target = ProblemStatus(to)
    if target not in TRANSITIONS[current]:
        raise WorkflowError(_("A problem cannot go from “%(from)s” to “%(to)s”.") % {
            "from": current.label, "to": target.label})  # fmt: skip
    text = (resolution or problem.resolution).strip()
    if target in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED) and not text:
        raise WorkflowError(_("Say how the problem was resolved before marking it %(to)s.") % {"to": target.label})
    problem.status = target
    problem.resolution = text
    if target == ProblemStatus.RESOLVED:
        problem.resolved_on = on or timezone.localdate()
    elif target in (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS):
        problem.resolved_on = None
    problem.save()
    return problem

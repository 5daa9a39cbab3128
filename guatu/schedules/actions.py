"""Every write to a project's milestones, plans and problems: one function per verb, each atomic.

The page, the API, the admin and the CLI all call these, so each way in gets the same checks:
a milestone network is checked whole (cycles, unknown predecessors, bounds) after the write and
inside the same transaction, so a network that cannot be scheduled is never stored. History
records who did it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.audit.context import records_acting_user
from guatu.projects.models import Project
from guatu.schedules.choices import ProblemStatus
from guatu.schedules.links import key_for, parse_links
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, ScheduleApproval
from guatu.schedules.network import Row, check_rows, refuse_removal
from guatu.schedules.plans import build_plan


class WorkflowError(ValueError):
    """A workflow step that is not allowed; the message says why (`messages`: every reason)."""

    def __init__(self, message: str | list[str]):
        self.messages = [message] if isinstance(message, str) else list(message)
        super().__init__(" ".join(str(m) for m in self.messages))


def _check(rows: Iterable[Row]) -> None:
    try:
        check_rows(rows)
    except ValidationError as exc:
        raise WorkflowError(exc.messages) from None


@records_acting_user
@transaction.atomic
def save_network(
    project: Project,
    *,
    save: Iterable[Milestone] = (),
    delete: Iterable[Milestone] = (),
    acting_user=None,
) -> list[Milestone]:
    """Write milestones of one project (new or changed, and removed) as one change.

    Each row is validated (`full_clean`), a removal that others still come after is refused, and
    the stored network is checked whole before the transaction commits: any problem undoes
    everything and says why. New milestones without a key get one made from their name.
    """
    save, delete = list(save), [m for m in delete if m.pk]
    gone = {m.pk for m in delete}
    stored = list(project.milestones.exclude(pk__in=gone))
    keep = {m.pk: m for m in stored}
    for m in save:
        if m.pk:
            keep[m.pk] = m
    rows = [Row.of(m) for m in keep.values() if m.pk] + [Row.of(m) for m in save if not m.pk and m.key]
    try:
        refuse_removal(rows, [Row.of(m) for m in delete])
    except ValidationError as exc:
        raise WorkflowError(exc.messages) from None
    for m in delete:
        m.delete()
    taken = {m.key for m in keep.values()} | {m.key for m in save if m.key}
    errors: list[str] = []
    for m in save:
        m.project = project
        if not m.key:
            m.key = key_for(m.name, taken)
            taken.add(m.key)
        try:
            m.full_clean(exclude=["project"], validate_unique=False)
        except ValidationError as exc:
            errors += [f"{m.name}: {msg}" for msgs in exc.message_dict.values() for msg in msgs]
    if errors:
        raise WorkflowError(errors)
    _check(Row.of(m) for m in [*keep.values(), *(m for m in save if not m.pk)])
    for m in sorted(save, key=lambda m: m.pk is None):  # changes first: a key freed before it is reused
        if Milestone.objects.filter(project=project, key=m.key).exclude(pk=m.pk).exists():
            raise WorkflowError(_("%(project)s already has a milestone with the key %(key)s.") % {
                "project": project, "key": m.key})  # fmt: skip
        m.save()
    _check(Row.of(m) for m in project.milestones.all())  # what is stored now, whole
    return save


@records_acting_user
def delete_milestone(milestone: Milestone, *, acting_user=None) -> None:
    """Remove one milestone; refused (with the names) while others come after it."""
    save_network(milestone.project, delete=[milestone], acting_user=acting_user)


@records_acting_user
def add_milestone(
    project: Project, *, name: str, duration_days: int, predecessors: str = "", note: str = "", acting_user=None
) -> Milestone:
    """A new milestone after its predecessors (placed in the list after the last of them)."""
    milestone = Milestone(project=project, name=name, duration_days=duration_days, predecessors=predecessors,
                          note=note)  # fmt: skip
    milestones = list(project.milestones.order_by("order", "pk"))
    try:
        after = {link.predecessor for link in parse_links(predecessors)}
    except ValueError as exc:
        raise WorkflowError(str(exc)) from None
    position = max((i + 1 for i, m in enumerate(milestones) if m.key in after), default=len(milestones))
    reordered = [*milestones[:position], milestone, *milestones[position:]]
    moved = []
    for order, m in enumerate(reordered):
        if m.order != order or m is milestone:
            m.order = order
            moved.append(m)
    save_network(project, save=moved, acting_user=acting_user)
    return milestone


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
    steps = list(template.steps.all())
    if not steps:
        raise WorkflowError(_("The template %(template)s has no steps.") % {"template": template})
    try:
        check_rows(Row.of(step) for step in steps)
    except ValidationError as exc:
        raise WorkflowError([_("The template %(template)s cannot be used:") % {"template": template},
                             *exc.messages]) from None  # fmt: skip
    milestones = [
        Milestone(project=project, key=step.key, name=step.name, order=step.order, duration_days=step.duration_days,
                  predecessors=step.predecessors)
        for step in steps
    ]  # fmt: skip
    save_network(project, save=milestones, acting_user=acting_user)
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
    if not milestones:
        raise WorkflowError(_("%(project)s has no milestones to approve.") % {"project": project})
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

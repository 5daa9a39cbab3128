"""Building milestone networks for tests."""

from __future__ import annotations

import datetime as dt

from guatu.projects.models import Project
from guatu.schedules.models import Milestone


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def chain(project: Project, *steps: tuple) -> list[Milestone]:
    """Milestones in a chain: (key, duration, planned_finish, actual_finish[, actual_start])."""
    made, previous = [], ""
    for order, (key, duration, planned, actual, *started) in enumerate(steps):
        made.append(Milestone.objects.create(
            project=project, key=key, name=key.upper(), order=order, duration_days=duration, predecessors=previous,
            planned_finish=d(planned) if planned else None, actual_finish=d(actual) if actual else None,
            actual_start=d(started[0]) if started and started[0] else None,
        ))  # fmt: skip
        previous = key
    return made

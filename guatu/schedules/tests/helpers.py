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


def formset_data(project: Project) -> dict:
    """The milestone editor's table as the browser posts it, unchanged (predecessors as name pickers)."""
    from guatu.schedules.links import parse_links

    milestones = list(project.milestones.order_by("order", "pk"))
    data = {"action": "save", "m-TOTAL_FORMS": len(milestones), "m-INITIAL_FORMS": len(milestones)}
    for i, m in enumerate(milestones):
        links = parse_links(m.predecessors)
        fields = {
            "id": m.pk,
            "name": m.name,
            "duration_days": m.duration_days,
            "predecessors_key": [link.predecessor for link in links],
            "predecessors_lag": [str(link.lag) if link.lag else "" for link in links],
            "actual_start": m.actual_start or "",
            "actual_finish": m.actual_finish or "",
            "note": m.note,
        }
        data.update({f"m-{i}-{name}": value for name, value in fields.items()})
    return data


def change_data(m, **changes) -> dict:
    """A milestone admin form's fields as stored, with `changes`."""
    fields = ["key", "name", "order", "duration_days", "predecessors", "planned_start", "planned_finish",
              "baseline_start", "baseline_finish", "actual_start", "actual_finish", "note"]  # fmt: skip
    return {**{f: "" if getattr(m, f) is None else getattr(m, f) for f in fields}, **changes}

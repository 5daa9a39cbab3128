"""Reads of the problem list that several callers share."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from guatu.schedules.models import Problem


def overdue_by_department(today: dt.date, user=None, problems=None) -> dict[str, int]:
    """How many unresolved problems each department has past their deadline (of `problems`, or all)."""
    problems = Problem.objects.visible_to(user) if problems is None else problems
    rows = (problems.overdue(today).values("department__name")
            .annotate(n=Count("pk")).order_by("-n", "department__name"))  # fmt: skip
    return {row["department__name"]: row["n"] for row in rows}


def problems_context(project, user=None, today: dt.date | None = None) -> dict:
    """A project's problems for its pages: each with the moves allowed next and how overdue it is."""
    from guatu.schedules.actions import next_statuses

    today = today or timezone.localdate()
    problems = project.problem_items.select_related("department").order_by("status", "deadline", "pk")
    rows = [(p, next_statuses(p), p.days_overdue(today)) for p in problems]
    return {"problems": rows, "today": today, "overdue_count": sum(1 for _p, _m, days in rows if days)}

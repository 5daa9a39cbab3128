"""Reads of the problem list that several callers share."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from guatu.schedules.models import Problem


def overdue_by_department(today: dt.date, user=None, problems=None) -> dict[str, int]:
    """How many unresolved problems each department has past their deadline (of `problems`, or all)."""
    problems = Problem.objects.visible_to(user) if problems is None else problems
    rows = (problems.overdue(today).values("department__name")
            .annotate(n=Count("pk")).order_by("-n", "department__name"))  # fmt: skip
    return {row["department__name"]: row["n"] for row in rows}

"""Who may import what: a role that adds and changes the model a kind writes (`guatu.accounts.access`).
Which rows they may write is checked row by row at import."""

from __future__ import annotations

from guatu.accounts.access import may
from guatu.projects.models import AnnualPlan, MonthlyReport, Project

MODELS = {"reports": MonthlyReport, "plans": AnnualPlan, "projects": Project}


def may_import(user, kind: str) -> bool:
    model = MODELS[kind]
    return may(user, model, "add") and may(user, model, "change")

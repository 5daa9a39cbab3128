"""Who may import what: a role that adds and changes the model a kind writes (`guatu.accounts.access`).
Which rows they may write is checked row by row at import."""

from __future__ import annotations

from guatu.accounts.access import may
from guatu.projects.models import AnnualPlan, MonthlyReport, Project

MODELS = {"reports": MonthlyReport, "plans": AnnualPlan, "projects": Project}


def model_of(kind: str):
    """The model a kind of sheet writes: the ledger's, or a registered part's (`guatu.exchange.registry`)."""
    from guatu.exchange import registry

    if kind in MODELS:
        return MODELS[kind]
    if kind == "indicators":
        from guatu.indicators.models import IndicatorValue

        return IndicatorValue
    return registry.get(kind).model


def may_import(user, kind: str) -> bool:
    """A role that adds or changes the kind's rows somewhere (each row is checked against the scope)."""
    try:
        model = model_of(kind)
    except ValueError:
        return False
    return may(user, model, "add") or may(user, model, "change")

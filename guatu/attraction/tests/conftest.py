"""Leads built by hand on the test platform `TP` (in 柯城区), apart from the demo's, so that figures
scoped to `TP` are exactly what a test made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guatu.attraction import actions
from guatu.attraction.models import Lead
from guatu.core.models import Industry, Region
from guatu.test import sample_platform

D = Decimal


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def new_lead(
    code: str, *, planned: str = "20000", region: str = "330802", received: str = "2024-01-10", **fields
) -> Lead:
    """A saved lead at 线索 on the test platform (the system acting)."""
    lead = Lead(
        code=code,
        name=f"测试线索{code}",
        investor=f"测试投资方{code}",
        origin="out_of_province",
        industry=fields.pop("industry", None) or Industry.objects.get(code="XNY"),
        region=Region.objects.get(code=region),
        platform=sample_platform(),
        source=fields.pop("source", "business"),
        planned_investment=D(planned),
        leader_name=fields.pop("leader_name", "测试领导"),
        received_on=d(received),
        **fields,
    )
    return actions.save_lead(lead, acting_user=None)


def walk(lead: Lead, *steps: tuple) -> Lead:
    """Move a lead through (stage, "YYYY-MM-DD"[, extra kwargs]) steps as the system."""
    for step in steps:
        to, on, extra = step[0], d(step[1]), (step[2] if len(step) > 2 else {})
        actions.transition(lead, to, acting_user=None, on=on, **extra)
    return lead


SIGN = {"agreed_start": d("2025-01-31")}


def signed_lead(code: str, signed: str = "2024-03-01", **fields) -> Lead:
    lead = new_lead(code, **fields)
    return walk(lead, ("screening", "2024-01-12"), ("negotiating", "2024-01-20"), ("signed", signed, SIGN))


@pytest.fixture
def lead(db) -> Lead:
    return new_lead("T-001")

"""Small safety rows built by hand for tests (the demo's stay untouched: each test rolls back)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guatu.core.models import Region
from guatu.safety.models import Accident, Hazard, Inspection
from guatu.test import make_project

DAY = dt.date(2024, 6, 3)


def inspection(code: str = "AJ-T-1", *, project=None, region: str = "330802", firm: str = "", on=DAY) -> Inspection:
    if project is None and not firm:
        project = make_project(f"P-{code}", region=region)
    return Inspection.objects.create(
        code=code,
        inspected_on=on,
        inspectors="测试员",
        project=project,
        firm=firm,
        region=None if project else Region.objects.get(code=region),
    )


def hazard(code: str = "YH-T-1", *, grade: str = "general", deadline=dt.date(2024, 6, 30), at=None, **extra) -> Hazard:
    at = at or inspection(f"AJ-{code}")
    supervised = {"supervised": True, "supervision_level": "city"} if grade == "major" else {}
    return Hazard.objects.create(
        code=code,
        inspection=at,
        grade=grade,
        description=f"隐患{code}",
        found_on=at.inspected_on,
        owner="责任人",
        deadline=deadline,
        **supervised,
        **extra,
    )


def accident(code: str = "SG-T-1", *, deaths=0, injuries=0, loss="0", region: str = "330802", on=DAY) -> Accident:
    return Accident.objects.create(
        code=code,
        occurred_on=on,
        firm="测试企业",
        region=Region.objects.get(code=region),
        description="测试事故",
        deaths=deaths,
        serious_injuries=injuries,
        direct_loss=Decimal(loss),
    )

"""Turning what people type (codes, names, "2024-11") into indicators, units and periods."""

from __future__ import annotations

from guatu.core import params
from guatu.indicators.models import Indicator, ReportingUnit


def indicator_and_unit(indicator: str, unit: str) -> tuple[Indicator, ReportingUnit]:
    try:
        found = Indicator.objects.lookup(indicator.upper() if indicator.isascii() else indicator)
    except (Indicator.DoesNotExist, Indicator.MultipleObjectsReturned) as exc:
        raise ValueError(f"--indicator: {exc}") from None
    try:
        reporting_unit = ReportingUnit.objects.lookup(unit)
    except (ReportingUnit.DoesNotExist, ReportingUnit.MultipleObjectsReturned) as exc:
        raise ValueError(f"--unit: {exc}") from None
    return found, reporting_unit


def parse_period(text: str) -> tuple[int, int]:
    """A month such as 2024-11, inside the sane calendar; ParamError (a ValueError) names `period`."""
    return params.parse_period(text, "period")

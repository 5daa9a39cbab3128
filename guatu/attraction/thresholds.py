"""Admission thresholds (准入门槛): a lead's investment intensity and tax per 亩 against the city's
minimums for its industry and year, and a 千项万亿 candidate against the minimum total. A lead below a
threshold is flagged, never refused."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.attraction.models import AdmissionThreshold, Lead
from guatu.core.money import fmt_amount


@dataclass(frozen=True)
class Flag:
    rule: str  # "intensity", "tax", "qxwy"
    value: Decimal
    minimum: Decimal
    text: str

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "value": str(self.value.quantize(Decimal("0.01"))),
            "minimum": str(self.minimum),
            "text": self.text,
        }


@dataclass
class ThresholdCheck:
    """A lead's figures per 亩 and the thresholds it falls below."""

    threshold: AdmissionThreshold | None
    intensity: Decimal | None
    tax_per_mu: Decimal | None
    flags: list[Flag] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


class Thresholds:
    """The thresholds table, loaded once, answering for any number of leads."""

    def __init__(self, rows: Iterable[AdmissionThreshold] | None = None):
        rows = list(AdmissionThreshold.objects.select_related("industry") if rows is None else rows)
        self.rows = sorted(rows, key=lambda r: -r.year)

    def for_lead(self, lead: Lead) -> AdmissionThreshold | None:
        """The row for the lead's industry in the latest year up to its year (signing, else received);
        the default row (no industry) when its industry has none."""
        day = lead.signed_on or lead.received_on
        year = day.year if day else None
        for industry_id in (lead.industry_id, None):
            for row in self.rows:
                if row.industry_id == industry_id and (year is None or row.year <= year):
                    return row
        return None

    def check(self, lead: Lead) -> ThresholdCheck:
        row = self.for_lead(lead)
        result = ThresholdCheck(row, lead.intensity, lead.tax_per_mu)
        if row is None:
            return result
        if row.min_intensity is not None and result.intensity is not None and result.intensity < row.min_intensity:
            result.flags.append(
                Flag(
                    "intensity",
                    result.intensity,
                    row.min_intensity,
                    _("Investment intensity %(value)s (10k yuan per mu) is below the %(minimum)s the city sets.")
                    % {"value": fmt_amount(result.intensity), "minimum": fmt_amount(row.min_intensity)},
                )
            )
        if row.min_tax_per_mu is not None and result.tax_per_mu is not None and result.tax_per_mu < row.min_tax_per_mu:
            result.flags.append(
                Flag(
                    "tax",
                    result.tax_per_mu,
                    row.min_tax_per_mu,
                    _("Tax per mu %(value)s (10k yuan) is below the %(minimum)s the city sets.")
                    % {"value": fmt_amount(result.tax_per_mu), "minimum": fmt_amount(row.min_tax_per_mu)},
                )
            )
        counted = lead.counted_investment
        if lead.qxwy_candidate and row.qxwy_min_total is not None and counted < row.qxwy_min_total:
            result.flags.append(
                Flag(
                    "qxwy",
                    counted,
                    row.qxwy_min_total,
                    _("As a 千项万亿 candidate it needs %(minimum)s (10k yuan); it brings %(value)s.")
                    % {"value": fmt_amount(counted), "minimum": fmt_amount(row.qxwy_min_total)},
                )
            )
        return result


def check(lead: Lead) -> ThresholdCheck:
    """One lead's check (a page); use `Thresholds` for many."""
    return Thresholds().check(lead)

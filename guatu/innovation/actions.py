"""Workflows across the scheme's rows: saving a scheme with its indicators and bands, copying it to a year."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guatu.accounts.access import require
from guatu.audit.context import acting
from guatu.innovation import scoring
from guatu.innovation.choices import IndicatorKind
from guatu.innovation.models import EvaluationScheme, GradeBand, SchemeIndicator

ZERO = Decimal(0)


def _as(user):
    """Act as `user`; None keeps whoever acts already (the system in a command)."""
    return acting(user) if user is not None else acting()


def _normal_weight(indicator: SchemeIndicator | None) -> Decimal:
    if indicator is None or indicator.kind != IndicatorKind.NORMAL:
        return ZERO
    return indicator.weight or ZERO


def check_weights(scheme: EvaluationScheme, indicators: Sequence[SchemeIndicator],
                  removed: Sequence[SchemeIndicator] = ()) -> None:  # fmt: skip
    """Refuse a set of changes after which the scheme's normal weights would exceed the full marks."""
    changed = {i.pk for i in [*indicators, *removed] if i.pk}
    others = SchemeIndicator.objects.filter(scheme=scheme).exclude(pk__in=changed) if scheme.pk else []
    total = sum((_normal_weight(i) for i in [*indicators, *others]), ZERO)
    if total > scoring.FULL_MARKS:
        raise ValidationError(_("The normal items' weights would add up to %(total)s, more than %(full)s.")
                              % {"total": total, "full": scoring.FULL_MARKS})  # fmt: skip


def saving_order(indicators: Sequence[SchemeIndicator]) -> list[SchemeIndicator]:
    """Rows lowering the normal weights first, so no single save passes through a sum the rule refuses."""
    stored = {i.pk: i for i in SchemeIndicator.objects.filter(pk__in=[i.pk for i in indicators if i.pk])}
    return sorted(indicators, key=lambda i: _normal_weight(i) - _normal_weight(stored.get(i.pk)))


def save_scheme(
    scheme: EvaluationScheme,
    indicators: Sequence[SchemeIndicator],
    removed: Sequence[SchemeIndicator] = (),
    bands: Sequence[GradeBand] = (),
    removed_bands: Sequence[GradeBand] = (),
    *,
    acting_user,
) -> EvaluationScheme:
    """Save a scheme and its changed rows in one transaction, the weights checked as a whole."""
    check_weights(scheme, indicators, removed)
    with transaction.atomic(), _as(acting_user):
        require(acting_user, "change" if scheme.pk else "add", scheme)
        scheme.save()
        for row in [*removed, *removed_bands]:
            require(acting_user, "delete", row)
            row.delete()
        for row in [*saving_order(indicators), *bands]:
            row.scheme = scheme
            require(acting_user, "change" if row.pk else "add", row)
            row.save()
    return scheme


def copy_scheme(scheme: EvaluationScheme, year: int, *, acting_user) -> EvaluationScheme:
    """The scheme, its indicators and bands for another year (the same platform type), to edit from there."""
    if EvaluationScheme.objects.filter(year=year, platform_type=scheme.platform_type).exists():
        raise ValidationError(_("There is already a %(year)s scheme for %(type)s.")
                              % {"year": year, "type": scheme.platform_type})  # fmt: skip
    name = scheme.name.replace(str(scheme.year), str(year)) if str(scheme.year) in scheme.name else (
        f"{year} {scheme.name}")  # fmt: skip
    with transaction.atomic(), _as(acting_user), acting(reason=f"copied from {scheme}"):
        copy = EvaluationScheme(year=year, platform_type=scheme.platform_type, name=name, bonus_cap=scheme.bonus_cap,
                                note=scheme.note)  # fmt: skip
        require(acting_user, "add", copy)
        copy.save()
        SchemeIndicator.objects.bulk_create(
            [SchemeIndicator(scheme=copy, order=i.order, measure=i.measure, basis=i.basis, kind=i.kind,
                             weight=i.weight, target=i.target, cap=i.cap) for i in scheme.indicators.all()]
        )  # fmt: skip
        GradeBand.objects.bulk_create([GradeBand(scheme=copy, name=b.name, min_score=b.min_score)
                                       for b in scheme.bands.all()])  # fmt: skip
    return copy

"""指标: the indicator catalog, reporting units (regions and zones), values and rank targets."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from guatu.audit.tracking import TrackedModel
from guatu.core.models import Platform, Region
from guatu.core.querysets import LookupQuerySet
from guatu.core.trees import TreeNode, TreeQuerySet
from guatu.indicators.choices import Frequency, Kind, ProjectMeasure, RankBy, Unit, UnitKind, Vintage
from guatu.projects.models import year_field

VALUE_MAX = Decimal("99999999999.9999")


class Indicator(models.Model):
    """A main economic indicator (主要经济指标)."""

    code = models.CharField(_("code"), max_length=16, unique=True, help_text=_("Short ASCII code, e.g. GDP"))
    name = models.CharField(_("name"), max_length=50, unique=True)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.AMOUNT)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    rank_by = models.CharField(_("rank by"), max_length=8, choices=RankBy.choices, default=RankBy.GROWTH)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    real_growth = models.BooleanField(
        _("growth is real (at constant prices)"), default=False,
        help_text=_("Real growth cannot be derived from nominal levels; only published figures are stored."),
    )  # fmt: skip
    project_measure = models.CharField(
        _("drills down to key projects"), max_length=12, choices=ProjectMeasure.choices, blank=True, default=""
    )
    mismatch_tolerance_pct = models.DecimalField(
        _("tolerance of the districts' sum (%)"), max_digits=5, decimal_places=2, default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("The drill-down flags a unit whose districts add up to more than this far from its own figure."),
    )  # fmt: skip
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LookupQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def months(self) -> tuple[int, ...]:
        """The months a value is published for."""
        return {Frequency.MONTHLY: tuple(range(1, 13)), Frequency.QUARTERLY: (3, 6, 9, 12),
                Frequency.ANNUAL: (12,)}[Frequency(self.frequency)]  # fmt: skip


class ReportingUnit(TreeNode):
    """Something statistics are published for: a region, or a functional zone / platform with a parent."""

    kind = models.CharField(_("kind"), max_length=8, choices=UnitKind.choices, default=UnitKind.REGION)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region"))
    platform = models.ForeignKey(Platform, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("platform"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TreeQuerySet.as_manager()

    class Meta(TreeNode.Meta):
        verbose_name = _("reporting unit")
        verbose_name_plural = _("reporting units")

    @property
    def is_zone(self) -> bool:
        """A functional zone overlaps the districts: ranked beside them only when asked, never in their sum."""
        return self.kind != UnitKind.REGION


class IndicatorValue(TrackedModel):
    """indicator × unit × period (named by its last month) → YTD value and growth as published."""

    access_paths = {"region": "unit__region", "platform": "unit__platform"}
    # Published statistics: ranking a city among its province's peers needs the peers' figures, so
    # every role reads them; entering and revising them stays within the user's scope.
    public_read = True

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(ReportingUnit, on_delete=models.PROTECT, related_name="values", verbose_name=_("unit"))
    year = year_field()
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    # Bounded to 15 significant digits so that SQLite (8-byte floats) stores every value exactly.
    value = models.DecimalField(
        _("value"), max_digits=20, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(-VALUE_MAX), MaxValueValidator(VALUE_MAX)],
    )  # fmt: skip
    growth_pct = models.DecimalField(
        _("growth (%)"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("-100")), MaxValueValidator(Decimal("999999.99"))],
    )  # fmt: skip
    growth_derived = models.BooleanField(
        _("growth derived"), default=False, help_text=_("Nominal growth computed from both years' levels.")
    )
    vintage = models.CharField(_("vintage"), max_length=12, choices=Vintage.choices, default=Vintage.PRELIMINARY)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "unit__path", "year", "month"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "year", "month"], name="indicatorvalue_unique"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="indicatorvalue_month"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit} {self.year}-{self.month:02d}"

    def clean(self) -> None:
        if self.value is None and self.growth_pct is None:
            raise ValidationError(_("A value needs a level, a growth rate, or both."))


class RankTarget(TrackedModel):
    """保五争三拼第一: the rank bands a unit aims for on an indicator in a year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(ReportingUnit, on_delete=models.CASCADE, related_name="targets", verbose_name=_("unit"))
    year = year_field()
    keep = models.PositiveSmallIntegerField(_("keep (保)"), default=5)
    strive = models.PositiveSmallIntegerField(_("strive (争)"), default=3)
    fight = models.PositiveSmallIntegerField(_("fight for (拼)"), default=1)

    class Meta:
        verbose_name = _("rank target")
        verbose_name_plural = _("rank targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "unit", "year"], name="ranktarget_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator} {self.year}: 保{self.keep}争{self.strive}拼{self.fight}"

    def clean(self) -> None:
        if not self.fight <= self.strive <= self.keep:
            raise ValidationError(_("The ranks must read fight ≤ strive ≤ keep, e.g. (5, 3, 1)."))

"""科创平台: innovation platforms, what they produce each year, and how the city evaluates them.

Platforms, their partners, milestones, yearly outputs and links to ledger projects stand in a
region (and maybe on an industrial platform): they are under the access rule like the ledger.
Platform types and evaluation schemes (indicators, grade bands) are the city's reference data:
everyone with a role reads them, the city administrator writes them. Every write is validated,
versioned and recorded (`TrackedModel`).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.accounts.roles import register
from guatu.audit.tracking import TrackedModel
from guatu.core.models import Industry, Platform, Region
from guatu.core.querysets import LookupQuerySet
from guatu.innovation import measures, scoring
from guatu.innovation.choices import Basis, DatePrecision, IndicatorKind, LinkRelation, MilestoneKind, PartnerKind
from guatu.innovation.querysets import EvaluationSchemeQuerySet, InnovationPlatformQuerySet, PlatformOutputQuerySet
from guatu.projects.models import MONEY_MAX, money_field, year_field

ZERO = Decimal(0)
POINTS_MAX = Decimal(100)
DATE_MIN_YEAR = 1950  # platforms (a 重点实验室) can be older than the ledger's 2000


def points_field(verbose_name, **kwargs) -> models.DecimalField:
    """Points on a scorecard: 0–100, two decimals."""
    return models.DecimalField(
        verbose_name, max_digits=5, decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(POINTS_MAX)], **kwargs,
    )  # fmt: skip


def count_field(verbose_name) -> models.PositiveIntegerField:
    """A yearly count (people, papers …); blank = not reported, which is not the same as 0."""
    return models.PositiveIntegerField(
        verbose_name, null=True, blank=True, validators=[MaxValueValidator(measures.COUNT_MAX)]
    )


def _check_date(value, field: str, errors: dict) -> None:
    if value is not None and not DATE_MIN_YEAR <= value.year <= 2100:
        errors[field] = _("The date must be between %(lo)s and 2100.") % {"lo": DATE_MIN_YEAR}


def fuzzy_date(value, precision: str) -> str:
    """A date as far as it is known: 2023年12月, 2021年, 2024-04-15."""
    if value is None:
        return "—"
    if precision == DatePrecision.YEAR:
        return _("in %(year)s") % {"year": value.year}
    if precision == DatePrecision.MONTH:
        return _("%(month)s/%(year)s") % {"year": value.year, "month": value.month}
    return value.isoformat()


class PlatformType(models.Model):
    """A kind of platform (省技术创新中心, 新型研发机构 …); schemes are set per year and type."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LookupQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("platform type")
        verbose_name_plural = _("platform types")

    def __str__(self) -> str:
        return self.name


SCOPED = {"region": "platform__region", "platform": "platform__industrial_platform"}


class InnovationPlatform(TrackedModel):
    """An innovation platform (科创平台): a research institute, an innovation centre, a laboratory …"""

    access_paths = {"region": "region", "platform": "industrial_platform"}

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    platform_type = models.ForeignKey(
        PlatformType, verbose_name=_("platform type"), on_delete=models.PROTECT, related_name="platforms"
    )
    host = models.CharField(_("host organisation"), max_length=200, blank=True, help_text=_("依托单位"))
    based_on = models.ForeignKey(
        "self", verbose_name=_("built on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="built_upon",
        help_text=_("The platform this one was built on (e.g. a provincial innovation centre)."),
    )  # fmt: skip
    founded = models.DateField(_("founded"))
    founded_precision = models.CharField(
        _("founding date known to the"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="innovation_platforms"
    )
    industrial_platform = models.ForeignKey(
        Platform, verbose_name=_("industrial platform"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="innovation_platforms",
    )  # fmt: skip
    industry = models.ForeignKey(
        Industry, verbose_name=_("main industry"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="innovation_platforms",
    )  # fmt: skip
    focus = models.CharField(_("focus fields"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = InnovationPlatformQuerySet.as_manager()

    class Meta:
        ordering = ["platform_type__sort_order", "code"]
        verbose_name = _("innovation platform")
        verbose_name_plural = _("innovation platforms")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("innovation:platform_detail", args=[self.code])

    @property
    def founded_display(self) -> str:
        return fuzzy_date(self.founded, self.founded_precision)

    @property
    def founded_display_sheet(self) -> str:
        """The founding date for a sheet, as far as it is known: 2021 / 2023-12 / 2024-04-15."""
        if self.founded_precision == DatePrecision.YEAR:
            return str(self.founded.year)
        if self.founded_precision == DatePrecision.MONTH:
            return f"{self.founded.year}-{self.founded.month:02d}"
        return self.founded.isoformat()

    def clean(self) -> None:
        errors: dict = {}
        _check_date(self.founded, "founded", errors)
        if self.based_on_id is not None and self.based_on_id == self.pk:
            errors["based_on"] = _("A platform cannot be built on itself.")
        if errors:
            raise ValidationError(errors)


class PlatformPartner(TrackedModel):
    """An academician team, university, enterprise … working with the platform."""

    access_paths = SCOPED

    platform = models.ForeignKey(
        InnovationPlatform, verbose_name=_("innovation platform"), on_delete=models.CASCADE, related_name="partners"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=300, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["platform", "kind", "pk"]
        verbose_name = _("platform partner")
        verbose_name_plural = _("platform partners")
        constraints = [models.UniqueConstraint(fields=["platform", "name"], name="innovation_partner_unique")]

    def __str__(self) -> str:
        return f"{self.platform} · {self.name}"

    def clean(self) -> None:
        errors: dict = {}
        _check_date(self.since, "since", errors)
        if errors:
            raise ValidationError(errors)


class PlatformMilestone(TrackedModel):
    """A step in the platform's life: founded, an agreement, a joint centre, a project …"""

    access_paths = SCOPED

    platform = models.ForeignKey(
        InnovationPlatform, verbose_name=_("innovation platform"), on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("date known to the"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=300)
    partner = models.CharField(_("with"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["platform", "date", "pk"]
        verbose_name = _("platform milestone")
        verbose_name_plural = _("platform milestones")
        constraints = [
            models.UniqueConstraint(fields=["platform", "date", "title"], name="innovation_milestone_unique")
        ]

    def __str__(self) -> str:
        return f"{self.platform} · {self.date_display} {self.title}"

    @property
    def date_display(self) -> str:
        return fuzzy_date(self.date, self.precision)

    def clean(self) -> None:
        errors: dict = {}
        _check_date(self.date, "date", errors)
        if errors:
            raise ValidationError(errors)


class PlatformOutput(TrackedModel):
    """What a platform produced in one year: one row per platform and year, one column per measure.

    Wide rather than one row per measure: each measure is typed (whole counts, money in 万元 with its
    bounds), a year's report is one form and one sheet row, and the rules see the whole year at once.
    A blank figure is "not reported", which is not 0. `lower_bounds` names the measures whose figure
    is a lower bound (the article's 160余篇 is stored as 160 and written "160余").
    """

    access_paths = SCOPED

    platform = models.ForeignKey(
        InnovationPlatform, verbose_name=_("innovation platform"), on_delete=models.CASCADE, related_name="outputs"
    )
    year = year_field()
    talent = count_field(_("high-level talent brought in"))
    first_of_kind = count_field(_("first-of-their-kind devices and technology systems"))
    papers = count_field(_("papers published"))
    patent_applications = count_field(_("patent applications"))
    patent_grants = count_field(_("patents granted"))
    funded_projects = count_field(_("national and provincial key projects won"))
    firm_services = count_field(_("services to firms"))
    firms_incubated = count_field(_("firms incubated"))
    commercial_income = money_field(_("commercialisation income (10k yuan)"), null=True, blank=True)
    rd_spending = money_field(_("R&D spending (10k yuan)"), null=True, blank=True)
    city_support = money_field(
        _("city support (10k yuan)"), null=True, blank=True, help_text=_("What the city adds: its own funds.")
    )
    incidents = count_field(_("integrity or safety incidents"))
    lower_bounds = models.CharField(
        _("lower-bound figures"), max_length=300, blank=True,
        help_text=_("Measures whose figure is a lower bound (written 余), comma-separated keys."),
    )  # fmt: skip
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = PlatformOutputQuerySet.as_manager()

    class Meta:
        ordering = ["platform", "year"]
        verbose_name = _("platform output")
        verbose_name_plural = _("platform outputs")
        constraints = [models.UniqueConstraint(fields=["platform", "year"], name="innovation_output_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.platform} {self.year}"

    def value(self, key: str) -> Decimal | None:
        raw = getattr(self, measures.measure(key).key)
        return None if raw is None else Decimal(raw)

    def values(self) -> dict[str, Decimal | None]:
        return {key: self.value(key) for key in measures.KEYS}

    @property
    def lower_bound_keys(self) -> set[str]:
        return {k.strip() for k in self.lower_bounds.split(",") if k.strip()}

    def clean(self) -> None:
        errors: dict = {}
        if self.platform_id and self.year and self.year < self.platform.founded.year:
            errors["year"] = _("The platform was founded in %(founded)s; there is no output before.") % {
                "founded": self.platform.founded.year}  # fmt: skip
        if self.year and self.year > timezone.localdate().year:
            errors["year"] = _("Outputs are reported for years that have begun, not for %(year)s.") % {
                "year": self.year}  # fmt: skip
        unknown = self.lower_bound_keys - set(measures.KEYS)
        if unknown:
            errors["lower_bounds"] = _("Unknown measures: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        else:
            self.lower_bounds = ",".join(k for k in measures.KEYS if k in self.lower_bound_keys)
        if errors:
            raise ValidationError(errors)


class PlatformLink(TrackedModel):
    """What came out of a platform (技术入股, 产业化项目 …): the relation, since when, a note. A subclass
    names the platform (its own related name) and the thing linked, as `linked_field`."""

    linked_field: str

    relation = models.CharField(_("relation"), max_length=20, choices=LinkRelation.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.platform} → {getattr(self, self.linked_field)} ({self.get_relation_display()})"

    def clean(self) -> None:
        errors: dict = {}
        _check_date(self.since, "since", errors)
        if errors:
            raise ValidationError(errors)


class PlatformProject(PlatformLink):
    """A ledger project that came out of a platform."""

    access_paths = {**SCOPED, "project": "project"}
    linked_field = "project"

    platform = models.ForeignKey(
        InnovationPlatform, verbose_name=_("innovation platform"), on_delete=models.CASCADE,
        related_name="project_links",
    )  # fmt: skip
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="innovation_links"
    )

    class Meta:
        ordering = ["platform", "project__code"]
        verbose_name = _("platform project")
        verbose_name_plural = _("platform projects")
        constraints = [
            models.UniqueConstraint(fields=["platform", "project", "relation"], name="innovation_project_link_unique")
        ]


class PlatformLead(PlatformLink):
    """An investment lead (招商线索) that came out of a platform — the firms its results bring, before
    they sign; once signed, the lead's project joins the ledger."""

    access_paths = SCOPED
    linked_field = "lead"

    platform = models.ForeignKey(
        InnovationPlatform, verbose_name=_("innovation platform"), on_delete=models.CASCADE,
        related_name="lead_links",
    )  # fmt: skip
    lead = models.ForeignKey(
        "attraction.Lead", verbose_name=_("investment lead"), on_delete=models.CASCADE, related_name="innovation_links"
    )

    class Meta:
        ordering = ["platform", "lead__code"]
        verbose_name = _("platform lead")
        verbose_name_plural = _("platform leads")
        constraints = [
            models.UniqueConstraint(fields=["platform", "lead", "relation"], name="innovation_lead_link_unique")
        ]


class EvaluationScheme(TrackedModel):
    """The city's evaluation (导向化绩效评价) of one platform type in one year: indicators and bands."""

    year = year_field()
    platform_type = models.ForeignKey(
        PlatformType, verbose_name=_("platform type"), on_delete=models.PROTECT, related_name="schemes"
    )
    name = models.CharField(_("name"), max_length=200)
    bonus_cap = points_field(_("bonus cap (points)"), default=Decimal(10),
                             help_text=_("Bonus items together add at most this."))  # fmt: skip
    note = models.TextField(_("note"), blank=True)

    objects = EvaluationSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "platform_type__sort_order"]
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        constraints = [
            models.UniqueConstraint(fields=["year", "platform_type"], name="innovation_scheme_unique_per_year_type")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("innovation:scheme_detail", args=[self.pk])

    def as_scoring(self) -> scoring.Scheme:
        """The scheme as the pure scorer reads it (indicator keys are the indicators' ids)."""
        return scoring.Scheme(
            indicators=tuple(i.as_scoring() for i in self.indicators.all()),
            bands=tuple(scoring.Band(b.name, b.min_score) for b in self.bands.all()),
            bonus_cap=self.bonus_cap,
        )

    @property
    def normal_weights(self) -> Decimal:
        return sum((i.weight for i in self.indicators.all() if i.kind == IndicatorKind.NORMAL), ZERO)


class SchemeIndicator(TrackedModel):
    """One indicator of a scheme: a measure (this year's or since founding), its kind, weight, target, cap."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("evaluation scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    measure = models.CharField(_("measure"), max_length=32, choices=measures.choices())
    basis = models.CharField(_("counts"), max_length=16, choices=Basis.choices, default=Basis.ANNUAL)
    kind = models.CharField(_("kind"), max_length=16, choices=IndicatorKind.choices, default=IndicatorKind.NORMAL)
    weight = points_field(_("weight (points)"))
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(MONEY_MAX)],
        help_text=_("In the measure's unit (万元 for money). Blank or 0: no ratio; any output scores the item."),
    )  # fmt: skip
    cap = points_field(
        _("cap (points)"), null=True, blank=True,
        help_text=_("Bonus and deduction items: the most points the item gives or takes (default: the weight)."),
    )  # fmt: skip

    class Meta:
        ordering = ["scheme", "order", "pk"]
        verbose_name = _("scheme indicator")
        verbose_name_plural = _("scheme indicators")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "measure", "basis", "kind"], name="innovation_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} · {self.label}"

    @property
    def label(self) -> str:
        name = str(measures.measure(self.measure).label)
        return name if self.basis == Basis.ANNUAL else f"{name} ({Basis(self.basis).label})"

    @property
    def unit(self) -> str:
        return str(measures.measure(self.measure).unit)

    def as_scoring(self) -> scoring.Indicator:
        return scoring.Indicator(key=str(self.pk), kind=self.kind, weight=self.weight, target=self.target,
                                 cap=self.cap, label=self.label)  # fmt: skip

    def clean(self) -> None:
        errors: dict = {}
        if self.kind == IndicatorKind.NORMAL and self.cap is not None:
            errors["cap"] = _("A normal item has no cap: it scores at most its weight.")
        if self.kind == IndicatorKind.NORMAL and self.scheme_id and self.weight is not None and not getattr(
                self, "_skip_sum_check", False):  # fmt: skip
            others = self.scheme.indicators.filter(kind=IndicatorKind.NORMAL).exclude(pk=self.pk)
            total = sum(others.values_list("weight", flat=True), ZERO) + self.weight
            if total > scoring.FULL_MARKS:
                errors["weight"] = _("The normal items' weights would add up to %(total)s, more than %(full)s.") % {
                    "total": total, "full": scoring.FULL_MARKS}  # fmt: skip
        if errors:
            raise ValidationError(errors)


class GradeBand(TrackedModel):
    """A grade of a scheme (优秀 ≥ 90 …): a total reaching `min_score` earns it, the highest one wins."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("evaluation scheme"), on_delete=models.CASCADE, related_name="bands"
    )
    name = models.CharField(_("grade"), max_length=50)
    min_score = models.DecimalField(
        _("minimum score"), max_digits=6, decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal(200))],
    )  # fmt: skip

    class Meta:
        ordering = ["scheme", "-min_score"]
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="innovation_band_name_unique"),
            models.UniqueConstraint(fields=["scheme", "min_score"], name="innovation_band_min_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.min_score}"


register(
    "innovation",
    "innovation.innovationplatform",
    "innovation.platformpartner",
    "innovation.platformmilestone",
    "innovation.platformoutput",
    "innovation.platformproject",
    "innovation.platformlead",
)

"""招商引资: investment leads, their dated stage history, talks, contacts, capital in place, signing
events, and the rules the city sets (admission thresholds, time rules, yearly targets). Money in 万元."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.accounts.roles import register
from guatu.attraction.choices import Capital, LeadKind, Origin, Ownership, Source, Stage, TalkKind
from guatu.attraction.querysets import LeadQuerySet, LookupTrackedQuerySet
from guatu.attraction.stages import ACTIVE, rank
from guatu.audit.tracking import TrackedModel, TrackedQuerySet
from guatu.core.models import Department, Industry, Platform, Region
from guatu.projects.models import Project, money_field, year_field

ZERO = Decimal(0)
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
date_bounds = [MinValueValidator(DATE_MIN), MaxValueValidator(DATE_MAX)]
# 亩 (1/15 ha): up to 999,999.99 — far beyond any site — with two places, exact on both databases.
MU_MAX = Decimal("999999.99")
LEAD_PATHS = {"region": "lead__region", "platform": "lead__platform", "department": "lead__department"}


def mu_field(verbose_name, **kwargs) -> models.DecimalField:
    """An area in 亩, 0 to 999,999.99."""
    return models.DecimalField(
        verbose_name,
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(MU_MAX)],
        **kwargs,
    )


def per_mu_field(verbose_name, **kwargs) -> models.DecimalField:
    """A threshold in 万元 per 亩 (0 to 99,999,999.99)."""
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("99999999.99"))],
        **kwargs,
    )


class IndustryChain(TrackedModel):
    """An industry chain (产业链); `flagship` marks the city's 标志性产业链 (产业契合度 counts them)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    flagship = models.BooleanField(_("flagship"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LookupTrackedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")

    def __str__(self) -> str:
        return self.name


class SigningEvent(TrackedModel):
    """A signing event (招商大会/集中签约) that groups the signings made at it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    on = models.DateField(_("date"), validators=date_bounds)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    host = models.CharField(_("host (as the briefing writes it)"), max_length=50, help_text=_("e.g. 衢州"))
    description = models.TextField(_("description"), blank=True, max_length=5000)

    class Meta:
        ordering = ["-on", "name"]
        verbose_name = _("signing event")
        verbose_name_plural = _("signing events")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("attraction:event_detail", args=[self.pk])


class Lead(TrackedModel):
    """An investment lead (招商线索): an investor and the project it may bring, owned by a leader.

    `stage`, `stage_on`, `signed_on` and `event` move only by `guatu.attraction.actions` (dated, in
    the change record, with the history in `LeadStageChange`). A lead counts once, at its first
    signing (`signed_on`); a capital increase counts only the increase.
    """

    access_paths = {"region": "region", "platform": "platform", "department": "department"}

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("project name"), max_length=200, db_index=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True, help_text=_("e.g. 鹏辉能源, UTG"))
    investor = models.CharField(_("investor"), max_length=200)
    origin = models.CharField(_("investor origin"), max_length=16, choices=Origin.choices)
    capital = models.CharField(
        _("domestic or foreign capital"), max_length=16, choices=Capital.choices, default=Capital.DOMESTIC
    )
    industry = models.ForeignKey(Industry, verbose_name=_("industry"), on_delete=models.PROTECT, related_name="+")
    chain = models.ForeignKey(
        IndustryChain,
        verbose_name=_("industry chain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("attraction source"), max_length=16, choices=Source.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=LeadKind.choices, default=LeadKind.NEW)
    increase_of = models.ForeignKey(
        Project,
        verbose_name=_("project increased"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capital_increases",
        help_text=_("For a capital increase: the earlier project, if in the ledger."),
    )
    existing_investment = money_field(
        _("existing investment (10k yuan)"),
        null=True,
        blank=True,
        help_text=_("For a capital increase: what the investor had already invested; only the increase counts."),
    )
    planned_investment = money_field(_("planned investment (10k yuan)"))
    land_mu = mu_field(_("land need (mu)"), null=True, blank=True)
    expected_tax = money_field(_("expected yearly tax (10k yuan)"), null=True, blank=True)
    qxwy_candidate = models.BooleanField(_("千项万亿 candidate"), default=False)
    fund_investment = money_field(
        _("fund co-investment (10k yuan)"),
        default=ZERO,
        blank=True,
        help_text=_("Money that government or industry funds put in to bring the lead here."),
    )
    fund_note = models.CharField(_("funds involved"), max_length=200, blank=True, help_text=_("e.g. 省市县三级联动"))
    leader_name = models.CharField(_("leading leader"), max_length=100, help_text=_("e.g. 市委主要领导"))
    ownership = models.CharField(_("leader's role"), max_length=16, choices=Ownership.choices, default=Ownership.LEADER)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader's account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attraction_leads",
        help_text=_("Their “my leads” page lists the leads they own."),
    )
    team = models.CharField(_("attraction team"), max_length=300, blank=True)
    received_on = models.DateField(_("received on"), validators=date_bounds)
    agreed_start = models.DateField(_("agreed start"), null=True, blank=True, validators=date_bounds)
    description = models.TextField(_("description"), blank=True, max_length=5000)

    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.LEAD, editable=False)
    stage_on = models.DateField(_("in this stage since"), null=True, blank=True, editable=False)
    signed_on = models.DateField(_("first signed on"), null=True, blank=True, editable=False)
    event = models.ForeignKey(
        SigningEvent,
        verbose_name=_("signed at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
        editable=False,
    )
    project = models.OneToOneField(
        Project,
        verbose_name=_("ledger project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead",
        editable=False,
    )

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("investment lead")
        verbose_name_plural = _("investment leads")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("attraction:lead_detail", args=[self.code])

    @property
    def counted_investment(self) -> Decimal:
        """What the lead counts for: the planned investment, or for a capital increase only the increase."""
        planned = self.planned_investment or ZERO
        if self.kind == LeadKind.INCREASE:
            return max(planned - (self.existing_investment or ZERO), ZERO)
        return planned

    @property
    def intensity(self) -> Decimal | None:
        """Investment intensity (投资强度), 万元 per 亩; None without land."""
        return self.counted_investment / self.land_mu if self.land_mu else None

    @property
    def tax_per_mu(self) -> Decimal | None:
        """Expected tax per 亩 (亩均税收), 万元; None without land or tax."""
        return self.expected_tax / self.land_mu if self.land_mu and self.expected_tax is not None else None

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == LeadKind.INCREASE:
            if self.existing_investment is None:
                errors["existing_investment"] = _("A capital increase needs the investment already made.")
            elif self.planned_investment is not None and self.existing_investment >= self.planned_investment:
                errors["planned_investment"] = _(
                    "For a capital increase the planned investment is the total after the increase; it must "
                    "exceed the existing %(existing)s."
                ) % {"existing": self.existing_investment}
        else:
            if self.existing_investment:
                errors["existing_investment"] = _("Only a capital increase has an existing investment.")
            if self.increase_of_id:
                errors["increase_of"] = _("Only a capital increase names the project it increases.")
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("A lead cannot be received in the future.")
        if self.stage_on and self.received_on and self.stage_on < self.received_on:
            errors["received_on"] = _("The lead was received after its stage changed (%(day)s).") % {
                "day": self.stage_on
            }
        if self.event_id and self.signed_on and self.event.on != self.signed_on:
            errors["signed_on"] = _("A signing at %(event)s is dated the event's day, %(day)s.") % {
                "event": self.event.name,
                "day": self.event.on,
            }
        if errors:
            raise ValidationError(errors)


class LeadStageChange(TrackedModel):
    """One dated move of a lead from a stage to the next (the history `Lead.stage` summarises)."""

    access_paths = LEAD_PATHS

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from stage"), max_length=16, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=16, choices=Stage.choices)
    to_rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True, editable=False)
    on = models.DateField(_("date"), validators=date_bounds)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    by = models.CharField(_("moved by"), max_length=150, blank=True)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["lead", "on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["lead", "on"], name="leadstage_lead_on")]

    def __str__(self) -> str:
        return f"{self.lead.code} {self.on:%Y-%m-%d} {self.get_from_stage_display()} → {self.get_to_stage_display()}"

    def clean(self) -> None:
        self.to_rank = rank(self.to_stage) if self.to_stage else None
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": _("A stage change cannot be dated in the future.")})


class Talk(TrackedModel):
    """A dated entry in a lead's talks log (洽谈记录): contacts, visits, negotiations, progress reports."""

    access_paths = LEAD_PATHS

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="talks")
    on = models.DateField(_("date"), validators=date_bounds)
    kind = models.CharField(_("kind"), max_length=16, choices=TalkKind.choices, default=TalkKind.NEGOTIATION)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    summary = models.TextField(_("talk summary"), max_length=5000)
    next_step = models.CharField(_("next step"), max_length=500, blank=True)

    class Meta:
        ordering = ["lead", "-on", "-id"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": _("A talk cannot be dated in the future.")})


class Contact(TrackedModel):
    """A person on the investor's side (or an intermediary) the team talks to."""

    access_paths = LEAD_PATHS

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("contact's title"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["lead", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class CapitalArrival(TrackedModel):
    """Capital actually in place (实际到位资金) for a lead, on a day."""

    access_paths = LEAD_PATHS

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="arrivals")
    on = models.DateField(_("date"), validators=date_bounds)
    amount = money_field(_("amount (10k yuan)"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["lead", "on", "id"]
        verbose_name = _("capital in place")
        verbose_name_plural = _("capital in place")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.amount}"

    def clean(self) -> None:
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": _("Capital cannot arrive in the future.")})


class AdmissionThreshold(TrackedModel):
    """The admission thresholds (准入门槛) the city sets per industry and year. A lead below one is
    flagged, not refused. An empty industry is the default for industries without a row of their own;
    a lead is checked against the latest year up to its own (signing, else received) year."""

    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: every industry without its own thresholds."),
    )
    year = year_field()
    min_intensity = per_mu_field(_("minimum investment intensity (10k yuan per mu)"), null=True, blank=True)
    min_tax_per_mu = per_mu_field(_("minimum tax per mu (10k yuan)"), null=True, blank=True)
    qxwy_min_total = money_field(_("minimum total for a 千项万亿 candidate (10k yuan)"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "industry__sort_order"]
        verbose_name = _("admission threshold")
        verbose_name_plural = _("admission thresholds")
        constraints = [
            models.UniqueConstraint(Coalesce("industry", Value(0)), "year", name="one_threshold_per_industry_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.industry or _('all industries')}"


class TimeRule(TrackedModel):
    """The time rules the city sets for leads; one per region, the most specific applies (an empty
    region is the default). Breaking one raises a reminder (and feeds the warnings)."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the default for every region without rules of its own."),
    )
    respond_days = models.PositiveSmallIntegerField(
        _("respond within (days)"), default=1, validators=[MaxValueValidator(365)]
    )
    screen_days = models.PositiveSmallIntegerField(
        _("screen within (days)"), default=3, validators=[MaxValueValidator(365)]
    )
    report_days = models.PositiveSmallIntegerField(
        _("report every (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    exit_review_months = models.PositiveSmallIntegerField(
        _("exit review after the agreed start (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("time rule")
        verbose_name_plural = _("time rules")
        constraints = [models.UniqueConstraint(Coalesce("region", Value(0)), name="one_time_rule_per_region")]

    def __str__(self) -> str:
        return str(self.region or _("default"))


class AttractionTarget(TrackedModel):
    """The year's signing targets (签约目标) for a scope: a region and/or a platform, or neither (the
    whole). A figure is compared with the target whose region and platform are exactly its scope's."""

    year = year_field()
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_count = models.PositiveIntegerField(_("signed projects"), validators=[MaxValueValidator(1_000_000)])
    signed_amount = money_field(_("signed investment (10k yuan)"))

    class Meta:
        ordering = ["-year", "region", "platform"]
        verbose_name = _("signing target")
        verbose_name_plural = _("signing targets")
        constraints = [
            models.UniqueConstraint(
                "year", Coalesce("region", Value(0)), Coalesce("platform", Value(0)), name="one_target_per_scope_year"
            )
        ]

    def __str__(self) -> str:
        where = " · ".join(str(p) for p in (self.region, self.platform) if p) or _("everything")
        return f"{self.year} {where}"


register(
    "attraction",
    "attraction.lead",
    "attraction.leadstagechange",
    "attraction.talk",
    "attraction.contact",
    "attraction.capitalarrival",
)

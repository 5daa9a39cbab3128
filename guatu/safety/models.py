"""安全生产: inspections of project sites and firms, the hazards they find and the loop that closes
them, accidents classed by the State Council's thresholds, the yearly 平安 awards and the rules of
what threatens them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.accounts.roles import register
from guatu.audit.tracking import TrackedModel
from guatu.core.models import Department, Platform, Region
from guatu.projects.models import Project, money_field, year_field
from guatu.safety import classification
from guatu.safety.choices import (
    OPEN_STATUSES,
    AccidentClass,
    HazardGrade,
    HazardStatus,
    SupervisionLevel,
    ThreatEffect,
    ThreatKind,
)
from guatu.safety.querysets import AccidentQuerySet, HazardQuerySet, InspectionQuerySet

register("safety", "safety.inspection", "safety.hazard", "safety.accident")

PEOPLE_MAX = 100_000  # deaths or injuries: far beyond any accident, small enough for every database
DATE_MIN = dt.date(2000, 1, 1)
S = HazardStatus

# The hazard loop: from each status, where a hazard may go next. A 一般 hazard may be rectified on
# the spot (found → verified, 立查立改); a 重大 one goes through rectification. 销号 (closed) is final.
MOVES: dict[str, set[str]] = {
    S.FOUND: {S.RECTIFYING, S.VERIFIED},
    S.RECTIFYING: {S.VERIFIED},
    S.VERIFIED: {S.CLOSED, S.RECTIFYING},
    S.CLOSED: set(),
}


def move_error(old: str, new: str, grade: str) -> str | None:
    """Why a hazard may not go from `old` to `new` (None when it may)."""
    if old == new:
        return None
    if new not in MOVES[old]:
        return str(_("A hazard cannot go from “%(from)s” to “%(to)s”.") % {
            "from": HazardStatus(old).label, "to": HazardStatus(new).label})  # fmt: skip
    if old == S.FOUND and new == S.VERIFIED and grade == HazardGrade.MAJOR:
        return str(
            _("A major hazard must be rectified (整改) before it is verified; it cannot be verified on the spot.")
        )
    return None


def _not_future(errors: dict, name: str, value) -> None:
    if value and value > timezone.localdate():
        errors[name] = _("This date is in the future.")


class Place(TrackedModel):
    """Where something happened: a ledger project's site, or a firm in a region (and platform).

    For a project the region and platform are the project's: taken from it when left empty, and an
    error when they disagree with it."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    firm = models.CharField(_("firm"), max_length=200, blank=True, help_text=_("The firm (company) at the site."))
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def take_place_from_project(self) -> None:
        if self.project_id is None:
            return
        project = self.project
        if self.region_id is None:
            self.region_id = project.region_id
        if self.platform_id is None:
            self.platform_id = project.platform_id

    def full_clean(self, *args, **kwargs) -> None:
        self.take_place_from_project()
        super().full_clean(*args, **kwargs)

    def place_errors(self) -> dict:
        errors = {}
        if self.project_id is None and not self.firm.strip():
            errors["firm"] = _("Name the project or the firm.")
        if self.project_id is not None:
            project = self.project
            if self.region_id is not None and self.region_id != project.region_id:
                errors["region"] = _("The project %(project)s is in %(region)s.") % {
                    "project": project.code, "region": project.region}  # fmt: skip
            if self.platform_id != project.platform_id:
                errors["platform"] = _("The project %(project)s is on the platform %(platform)s.") % {
                    "project": project.code, "platform": project.platform or "—"}  # fmt: skip
        return errors

    @property
    def where(self) -> str:
        return self.project.name if self.project_id else self.firm


class Inspection(Place):
    """A safety inspection (安全检查) of a project site or a firm: who, when, where, what was found."""

    access_paths = {"project": "project", "region": "region", "platform": "platform", "department": "department"}

    code = models.CharField(_("inspection number"), max_length=32, unique=True)
    inspected_on = models.DateField(_("inspected on"), validators=[MinValueValidator(DATE_MIN)])
    inspectors = models.CharField(_("inspectors"), max_length=200)
    department = models.ForeignKey(
        Department, verbose_name=_("inspecting department"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="safety_inspections",
    )  # fmt: skip
    site = models.CharField(_("site"), max_length=200, blank=True, help_text=_("Address or part of the site."))
    findings = models.TextField(_("findings"), blank=True, max_length=5000)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "code"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.code} {self.where}"

    def get_absolute_url(self) -> str:
        return reverse("safety:inspection_detail", args=[self.pk])

    def clean(self) -> None:
        errors = self.place_errors()
        _not_future(errors, "inspected_on", self.inspected_on)
        if errors:
            raise ValidationError(errors)


class Hazard(TrackedModel):
    """A hazard (事故隐患) found by an inspection, graded 一般/重大, and its loop: found → rectifying
    (by the owner, before the deadline) → verified (re-inspected) → closed (销号). 重大 hazards are
    under 挂牌督办. A hazard is open until verified, and overdue while open past its deadline."""

    access_paths = {
        "project": "inspection__project", "region": "inspection__region", "platform": "inspection__platform",
        "department": "inspection__department",
    }  # fmt: skip

    code = models.CharField(_("hazard number"), max_length=32, unique=True)
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="hazards"
    )
    grade = models.CharField(_("grade"), max_length=16, choices=HazardGrade.choices, default=HazardGrade.GENERAL)
    description = models.CharField(_("hazard"), max_length=500)
    found_on = models.DateField(_("found on"), validators=[MinValueValidator(DATE_MIN)])
    owner = models.CharField(_("rectification owner"), max_length=100, help_text=_("Who must rectify it (整改责任人)."))
    deadline = models.DateField(_("rectification deadline"))
    status = models.CharField(_("status"), max_length=16, choices=HazardStatus.choices, default=HazardStatus.FOUND)
    supervised = models.BooleanField(_("listed for supervision (挂牌督办)"), default=False)
    supervision_level = models.CharField(
        _("supervised by"), max_length=16, choices=SupervisionLevel.choices, blank=True
    )
    rectification = models.TextField(_("rectification"), blank=True, max_length=2000)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=150, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.CharField(_("closed by"), max_length=150, blank=True)

    objects = HazardQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "code"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")

    def __str__(self) -> str:
        return f"{self.code} {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("safety:hazard_detail", args=[self.pk])

    @property
    def is_major(self) -> bool:
        return self.grade == HazardGrade.MAJOR

    def is_open_on(self, day: dt.date) -> bool:
        return self.found_on <= day and (self.verified_on is None or self.verified_on > day)

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.is_open_on(day) and self.deadline < day

    def days_overdue(self, day: dt.date) -> int:
        return (day - self.deadline).days if self.is_overdue_on(day) else 0

    def next_statuses(self) -> list[HazardStatus]:
        """Where this hazard may go from its status (what the page offers)."""
        order = list(HazardStatus)
        return sorted((HazardStatus(s) for s in MOVES[self.status]
                       if move_error(self.status, s, self.grade) is None), key=order.index)  # fmt: skip

    def clean(self) -> None:
        errors: dict = {}
        if self.found_on and self.deadline and self.deadline < self.found_on:
            errors["deadline"] = _("The deadline cannot be before the day the hazard was found.")
        if self.found_on and self.inspection_id and self.found_on < self.inspection.inspected_on:
            errors["found_on"] = _("A hazard cannot be found before its inspection (%(day)s).") % {
                "day": self.inspection.inspected_on.isoformat()}  # fmt: skip
        for name in ("found_on", "verified_on", "closed_on"):
            _not_future(errors, name, getattr(self, name))
        if self.grade == HazardGrade.MAJOR and not self.supervised:
            errors["supervised"] = _("A major hazard is listed for supervision (挂牌督办).")
        if self.supervised and not self.supervision_level:
            errors["supervision_level"] = _("Say who supervises it.")
        if self.supervision_level and not self.supervised:
            errors["supervised"] = _("A supervision level is given but the hazard is not listed for supervision.")
        errors.update(self._status_errors())
        if errors:
            raise ValidationError(errors)

    def _status_errors(self) -> dict:
        errors: dict = {}
        if self.pk is not None:  # every way in (form, API, admin, import) moves along the loop only
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()
            problem = move_error(stored, self.status, self.grade) if stored else None
            if problem:
                return {"status": problem}
        if self.status in OPEN_STATUSES:
            if self.verified_on or self.closed_on:
                errors["status"] = _("An open hazard has no verification or closing date.")
            return errors
        if not self.verified_on:
            errors["verified_on"] = _("A verified or closed hazard has the day it was verified.")
        elif self.found_on and self.verified_on < self.found_on:
            errors["verified_on"] = _("It cannot be verified before it was found.")
        if not self.rectification.strip():
            errors["rectification"] = _("Say how the hazard was rectified.")
        if self.status == S.CLOSED:
            if not self.closed_on:
                errors["closed_on"] = _("A closed hazard has the day it was closed (销号).")
            elif self.verified_on and self.closed_on < self.verified_on:
                errors["closed_on"] = _("It cannot be closed before it was verified.")
        elif self.closed_on:
            errors["closed_on"] = _("Only a closed hazard has a closing date.")
        return errors


class Accident(Place):
    """A production safety accident (生产安全事故): when, where, deaths, serious injuries and the direct
    economic loss (万元). Its class is computed by the State Council's thresholds (`AccidentThreshold`)
    every time it is validated, and stored."""

    access_paths = {"project": "project", "region": "region", "platform": "platform"}

    code = models.CharField(_("accident number"), max_length=32, unique=True)
    occurred_on = models.DateField(_("occurred on"), validators=[MinValueValidator(DATE_MIN)])
    description = models.CharField(_("what happened"), max_length=500)
    deaths = models.PositiveIntegerField(_("deaths"), default=0, validators=[MaxValueValidator(PEOPLE_MAX)])
    serious_injuries = models.PositiveIntegerField(
        _("serious injuries"), default=0, validators=[MaxValueValidator(PEOPLE_MAX)]
    )
    direct_loss = money_field(_("direct economic loss (10k yuan)"), default=Decimal(0))
    accident_class = models.CharField(
        _("class"), max_length=20, choices=AccidentClass.choices, default=AccidentClass.GENERAL, editable=False
    )

    objects = AccidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "code"]
        verbose_name = _("accident")
        verbose_name_plural = _("accidents")

    def __str__(self) -> str:
        return f"{self.code} {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("safety:accident_detail", args=[self.pk])

    def classify(self) -> str:
        return classification.classify(self.deaths or 0, self.serious_injuries or 0, self.direct_loss or Decimal(0),
                                       AccidentThreshold.current())  # fmt: skip

    def clean(self) -> None:
        errors = self.place_errors()
        _not_future(errors, "occurred_on", self.occurred_on)
        if errors:
            raise ValidationError(errors)
        try:
            self.accident_class = self.classify()
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class AccidentThreshold(TrackedModel):
    """The least deaths, serious injuries or direct loss (万元) that make an accident of a class
    (以上含本数). Seeded with the State Council's 2007 thresholds; editable by the city administrator."""

    accident_class = models.CharField(_("class"), max_length=20, choices=AccidentClass.choices, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 for the least severe class (its figures are not thresholds: every accident is at least of it)."),
    )  # fmt: skip
    deaths = models.PositiveIntegerField(_("deaths from"), validators=[MaxValueValidator(PEOPLE_MAX)])
    serious_injuries = models.PositiveIntegerField(
        _("serious injuries from"), validators=[MaxValueValidator(PEOPLE_MAX)]
    )
    direct_loss = money_field(_("direct loss from (10k yuan)"))

    class Meta:
        ordering = ["rank"]
        verbose_name = _("accident threshold")
        verbose_name_plural = _("accident thresholds")

    def __str__(self) -> str:
        return str(self.get_accident_class_display())

    def as_threshold(self) -> classification.Threshold:
        return classification.Threshold(self.accident_class, self.rank, self.deaths, self.serious_injuries,
                                        self.direct_loss)  # fmt: skip

    @classmethod
    def current(cls) -> list[classification.Threshold]:
        return [t.as_threshold() for t in cls.objects.all()]

    def clean(self) -> None:
        if None in (self.rank, self.deaths, self.serious_injuries, self.direct_loss) or not self.accident_class:
            return
        others = [t for t in type(self).current() if t.accident_class != self.accident_class]
        problems = classification.threshold_errors([*others, self.as_threshold()])
        if problems:
            raise ValidationError("; ".join(problems))


class SafetyAward(TrackedModel):
    """A unit's yearly 平安 result: 平安市 for the city, 平安县(市、区) for a county — won or not.

    Reference data: everyone reads it, the city administrator records it."""

    region = models.ForeignKey(Region, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = year_field()
    won = models.BooleanField(_("won"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["region__path", "year"]
        verbose_name = _("平安 award result")
        verbose_name_plural = _("平安 award results")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="safetyaward_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class ThreatRule(TrackedModel):
    """A rule of what threatens this year's award: an accident of at least a class, or an overdue
    hazard of a grade; a veto (一票否决) loses it, a warning threatens it."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    effect = models.CharField(_("effect"), max_length=16, choices=ThreatEffect.choices)
    kind = models.CharField(_("fires on"), max_length=20, choices=ThreatKind.choices)
    accident_class = models.CharField(
        _("accident class at least"), max_length=20, choices=AccidentClass.choices, blank=True
    )
    hazard_grade = models.CharField(_("hazard grade"), max_length=16, choices=HazardGrade.choices, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("threat rule")
        verbose_name_plural = _("threat rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == ThreatKind.ACCIDENT and not self.accident_class:
            raise ValidationError({"accident_class": _("Say from which accident class the rule fires.")})
        if self.kind == ThreatKind.OVERDUE_HAZARD and not self.hazard_grade:
            raise ValidationError({"hazard_grade": _("Say which hazard grade the rule is about.")})

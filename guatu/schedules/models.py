"""挂图作战: milestone templates, a project's milestones (plan, baseline, actual), warning policy,
and the problem list."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from guatu.audit.tracking import TrackedModel, TrackedQuerySet
from guatu.core.models import Department, Region
from guatu.core.params import validate_date_in_range
from guatu.projects.choices import Category
from guatu.projects.models import PROJECT_PATHS, Project
from guatu.schedules.backward import DURATION_MAX
from guatu.schedules.choices import ProblemStatus, ProblemType
from guatu.schedules.links import KEY, KEY_MAX, parse_links


def _validate_links(value: str) -> None:
    try:
        parse_links(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


validate_key = RegexValidator(KEY, _("A key starts with a letter (Chinese too) and has only letters, digits and _."))


def key_field() -> models.CharField:
    """A milestone's key: how predecessors refer to it (签约, land …); the page generates it from the name."""
    return models.CharField(_("key"), max_length=KEY_MAX, validators=[validate_key])


def duration_field(verbose_name) -> models.PositiveIntegerField:
    help_text = format_lazy(_("Calendar days, 0 to {max}."), max=DURATION_MAX)
    return models.PositiveIntegerField(verbose_name, validators=[MaxValueValidator(DURATION_MAX)], help_text=help_text)


def duration_bound(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(duration_days__lte=DURATION_MAX), name=f"{prefix}_duration_bound")


class MilestoneTemplate(TrackedModel):
    """A standard milestone network for a project category (产业/基础设施/社会民生)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")

    def __str__(self) -> str:
        return self.name


class TemplateStep(TrackedModel):
    """One milestone of a template: how long the work leading to it typically takes, after what."""

    template = models.ForeignKey(MilestoneTemplate, on_delete=models.CASCADE, related_name="steps")
    key = key_field()
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    duration_days = duration_field(_("typical duration (days)"))
    predecessors = models.CharField(
        _("predecessors"), max_length=200, blank=True, validators=[_validate_links],
        help_text=_("Keys of the milestones that must finish first, with an optional lag: land, start+30"),
    )  # fmt: skip

    class Meta:
        ordering = ["template", "order"]
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="templatestep_key_unique"),
            duration_bound("templatestep"),
        ]

    def __str__(self) -> str:
        return f"{self.template} · {self.name}"


class Milestone(TrackedModel):
    """A project's milestone (节点): the plan (倒排 dates), the approved baseline and the actuals."""

    access_paths = PROJECT_PATHS

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    key = key_field()
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    duration_days = duration_field(_("duration (days)"))
    predecessors = models.CharField(_("predecessors"), max_length=200, blank=True, validators=[_validate_links])
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_finish = models.DateField(_("planned date"), null=True, blank=True)
    baseline_start = models.DateField(_("baseline start"), null=True, blank=True)
    baseline_finish = models.DateField(_("baseline date"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True, validators=[validate_date_in_range])
    actual_finish = models.DateField(_("actual date"), null=True, blank=True, validators=[validate_date_in_range])
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "order"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="milestone_key_unique"),
            duration_bound("milestone"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.name}"

    def clean(self) -> None:
        if self.actual_start and self.actual_finish and self.actual_finish < self.actual_start:
            raise ValidationError({"actual_finish": _("The actual date cannot be before the actual start.")})
        today = timezone.localdate()
        for name in ("actual_start", "actual_finish"):
            value = getattr(self, name)
            if value and value > today:
                raise ValidationError({name: _("An actual date cannot be in the future.")})


class ScheduleApproval(TrackedModel):
    """When a project's plan was last approved, and when its baseline was set (and by whom)."""

    access_paths = PROJECT_PATHS

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="schedule_approval")
    template = models.ForeignKey(MilestoneTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    approved_at = models.DateTimeField(_("plan approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    baseline_at = models.DateTimeField(_("baseline set at"), null=True, blank=True)
    baseline_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("schedule approval")
        verbose_name_plural = _("schedule approvals")

    def __str__(self) -> str:
        return str(self.project)


class WarningPolicy(TrackedModel):
    """The thresholds of the red/yellow/green rules; one per region, the most specific applies.

    Defaults: red when a milestone is more than 30 days overdue, the promise can no longer be met,
    or YTD completion is more than 20 points below 序时进度; yellow when overdue up to 30 days,
    float under 15 days, or 10–20 points below.
    """

    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("region"),
        help_text=_("Empty: the default for every region without a policy of its own."),
    )  # fmt: skip
    red_overdue_days = models.PositiveIntegerField(_("red: overdue by more than (days)"), default=30)
    yellow_float_days = models.PositiveIntegerField(_("yellow: float under (days)"), default=15)
    red_points_below = models.DecimalField(
        _("red: completion below time elapsed by more than (points)"), max_digits=5, decimal_places=1, default=20,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    yellow_points_below = models.DecimalField(
        _("yellow: completion below time elapsed by more than (points)"), max_digits=5, decimal_places=1,
        default=10, validators=[MinValueValidator(0)],
    )  # fmt: skip

    class Meta:
        verbose_name = _("warning policy")
        verbose_name_plural = _("warning policies")
        # One policy per region, and one default (region empty): NULLs are not equal in a plain unique index.
        constraints = [models.UniqueConstraint(Coalesce("region", Value(0)), name="one_policy_per_region")]

    def __str__(self) -> str:
        return str(self.region or _("default"))

    def clean(self) -> None:
        if self.yellow_points_below > self.red_points_below:
            raise ValidationError({"yellow_points_below": _("The yellow threshold cannot exceed the red one.")})


UNRESOLVED = [ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS]


class ProblemQuerySet(TrackedQuerySet):
    def visible_to(self, user) -> ProblemQuerySet:
        from guatu.accounts.access import restrict

        return restrict(self, user, "view")

    def unresolved(self) -> ProblemQuerySet:
        return self.filter(status__in=UNRESOLVED)

    def overdue(self, today) -> ProblemQuerySet:
        return self.unresolved().filter(deadline__lt=today)

    def with_overdue(self, today) -> ProblemQuerySet:
        """Annotate `is_late`: unresolved and past its deadline on `today` (the rule `overdue` filters by)."""
        late = models.Q(status__in=UNRESOLVED, deadline__lt=today)
        return self.annotate(is_late=models.Case(models.When(late, then=True), default=False,
                                                 output_field=models.BooleanField()))  # fmt: skip


class Problem(TrackedModel):
    """A blocker raised against a project (问题清单), owned by a department, with a deadline."""

    access_paths = {**PROJECT_PATHS, "department": "department"}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="problem_items")
    type = models.CharField(_("type"), max_length=16, choices=ProblemType.choices)
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(Department, verbose_name=_("owning department"), on_delete=models.PROTECT)
    raised_on = models.DateField(_("raised on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.raised_on and self.deadline and self.deadline < self.raised_on:
            raise ValidationError({"deadline": _("The deadline cannot be before the day it was raised.")})

    def is_overdue(self, today) -> bool:
        return self.status in UNRESOLVED and self.deadline < today

    def days_overdue(self, today) -> int:
        return (today - self.deadline).days if self.is_overdue(today) else 0

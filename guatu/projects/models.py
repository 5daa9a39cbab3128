"""The key-project ledger: projects, lists, annual plans and monthly reports. Money in 万元."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.audit.tracking import TrackedModel
from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.querysets import LookupQuerySet
from guatu.projects.choices import Category, ListLevel, ReportStatus, Stage
from guatu.projects.querysets import AnnualPlanQuerySet, MonthlyReportQuerySet, ProjectQuerySet
from guatu.projects.rules import SeriesError, SeriesRow, series_errors

ZERO = Decimal(0)
# How a row that belongs to a project reaches the access scope and the change record.
PROJECT_PATHS = {
    "project": "project",
    "region": "project__region",
    "platform": "project__platform",
    "department": "project__department",
}


# The largest amount stored: 9,999,999,999.99 万元 (about 100 trillion yuan, far beyond any project or
# province). Twelve significant digits, so SQLite — which keeps decimals as 8-byte floats, exact to 15
# digits — stores and reads back every figure exactly, and sums over a province stay exact to the fen.
MONEY_MAX = Decimal("9999999999.99")
YEAR_MIN, YEAR_MAX = 2000, 2100


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in 万元, 0 to `MONEY_MAX`, two decimal places."""
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(MONEY_MAX)],
        **kwargs,
    )


def year_field(verbose_name=None, **kwargs) -> models.PositiveSmallIntegerField:
    """A calendar year the ledger can hold (2000–2100)."""
    return models.PositiveSmallIntegerField(
        verbose_name or _("year"),
        validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)],
        **kwargs,
    )


class Project(TrackedModel):
    """A key project (重点项目) in the ledger."""

    access_paths = {"project": "pk", "region": "region", "platform": "platform", "department": "department"}

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    owner = models.CharField(_("owner company"), max_length=200, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="projects")
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.INDUSTRIAL)
    total_investment = money_field(_("total investment (10k yuan)"))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    planned_completion = models.DateField(_("planned production/completion"), null=True, blank=True)
    actual_completion = models.DateField(_("actual production/completion"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.PREPARATION)
    contact_leader = models.CharField(_("contact leader"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.code])

    def clean(self) -> None:
        errors = {}
        if self.actual_start and self.actual_completion and self.actual_completion < self.actual_start:
            errors["actual_completion"] = _("Production/completion cannot be before the start.")
        if self.planned_start and self.planned_completion and self.planned_completion < self.planned_start:
            errors["planned_completion"] = _("Planned production/completion cannot be before the planned start.")
        if errors:
            raise ValidationError(errors)


class ProjectList(models.Model):
    """A named list of key projects (项目名单), e.g. 省"千项万亿"工程项目; membership is per year."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=ListLevel.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("keeping region"),
        on_delete=models.PROTECT,
        help_text=_("The government that keeps the list: the province, a city or a county."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LookupQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("project list")
        verbose_name_plural = _("project lists")
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="projectlist_name_region_unique")]

    def __str__(self) -> str:
        return self.name


class ListMembership(TrackedModel):
    """A project on a list for a year (a project can be on several lists)."""

    access_paths = PROJECT_PATHS

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    project_list = models.ForeignKey(
        ProjectList, verbose_name=_("project list"), on_delete=models.CASCADE, related_name="memberships"
    )
    year = year_field()
    batch = models.CharField(_("batch"), max_length=50, blank=True, help_text=_("e.g. 第三批 for 集中开工"))

    class Meta:
        ordering = ["year", "project_list__sort_order"]
        verbose_name = _("list membership")
        verbose_name_plural = _("list memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "project_list", "year"], name="membership_unique_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.project_list} · {self.project}"


class AnnualPlan(TrackedModel):
    """A project's plan for one year (年度计划)."""

    access_paths = PROJECT_PATHS

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="annual_plans")
    year = year_field()
    planned_investment = money_field(_("planned investment (10k yuan)"))
    plans_start = models.BooleanField(_("to start this year"), default=False)
    plans_production = models.BooleanField(_("to produce/complete this year"), default=False)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        ordering = ["project__code", "year"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="annualplan_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class MonthlyReport(TrackedModel):
    """What a project reports for a month (月报). All amounts in 万元."""

    access_paths = PROJECT_PATHS

    # No index of its own: the unique (project, year, month) index leads with it, and every report written (an
    # import, `guatu synth`) would pay for a second one.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports", db_index=False)
    year = year_field()
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    invest_month = money_field(_("invested this month"))
    invest_ytd = money_field(_("invested this year to date"))
    invest_cumulative = money_field(_("invested since start"))
    progress_pct = models.DecimalField(
        _("physical progress (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal(100))],
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    problems = models.TextField(_("problems"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    revision = models.PositiveSmallIntegerField(
        _("revision"), default=1, help_text=_("Raised by each correction after the month was locked.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.CharField(_("submitted by"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.CharField(_("reviewed by"), max_length=150, blank=True)
    return_reason = models.CharField(_("reason returned"), max_length=500, blank=True)

    objects = MonthlyReportQuerySet.as_manager()

    FIGURES = ("year", "month", "invest_month", "invest_ytd", "invest_cumulative", "progress_pct", "stage", "problems")
    # A reporter may still change a report they submitted until a reviewer acts on it.
    EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED)

    class Meta:
        ordering = ["project__code", "year", "month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="report_unique_per_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="report_month_1_12"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"

    def next_report_initial(self) -> dict:
        """What the next report most likely says: the following month, this stage and progress."""
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return {"year": year, "month": month, "stage": self.stage, "progress_pct": self.progress_pct}

    def clean(self) -> None:
        """The rules a report must meet however it arrives (form, API, import)."""
        errors: dict[str, str] = {}
        if self.year and self.month and 1 <= self.month <= 12:
            today = getattr(self, "_today", None) or timezone.localdate()  # a bulk check gives it once
            if (self.year, self.month) > (today.year, today.month):
                errors["month"] = _("%(year)s-%(month)02d is in the future.") % {"year": self.year, "month": self.month}
        if self.invest_ytd is not None and self.invest_month is not None and self.invest_ytd < self.invest_month:
            errors["invest_ytd"] = _("Year to date cannot be less than this month's investment.")
        if (
            self.invest_cumulative is not None
            and self.invest_ytd is not None
            and self.invest_cumulative < self.invest_ytd
        ):
            errors["invest_cumulative"] = _("Since-start investment cannot be less than the year to date.")
        if self.project_id and self.year and self.month and not errors:
            errors.update(self._series_errors())
        if not getattr(self, "_status_checked_by_caller", False):  # the importer checks it set-based
            errors.update(self._status_errors())
        if errors:
            raise ValidationError(errors)

    def _status_errors(self) -> dict[str, str]:
        """Figures change only while the report is a draft or returned — or by a correction (after the lock);
        nothing new is filed for a month the city has closed."""
        if getattr(self, "_correcting", False):
            return {}
        if self.pk is None:
            return self._closed_month_errors()
        stored = MonthlyReport.objects.filter(pk=self.pk).values(*self.FIGURES, "status").first()
        if stored is None:
            return {}
        if stored["status"] != self.status and not getattr(self, "_workflow", False):
            return {"status": _("A report's status changes only by submitting, approving, returning or closing.")}
        if stored["status"] in self.EDITABLE:
            return self._closed_month_errors() if any(stored[n] != getattr(self, n) for n in self.FIGURES) else {}
        if all(stored[name] == getattr(self, name) for name in self.FIGURES):
            return {}
        status = ReportStatus(stored["status"]).label
        if stored["status"] == ReportStatus.LOCKED:
            return {"__all__": _("The month is closed and this report is locked; a reviewer can correct it, "
                                 "with a reason.")}  # fmt: skip
        return {"__all__": _("This report is %(status)s; its figures change only after a reviewer returns it.")
                % {"status": status}}  # fmt: skip

    def _closed_month_errors(self) -> dict[str, str]:
        from guatu.reporting.models import ReportingMonth

        if self.year and self.month and ReportingMonth.objects.closed().for_month(self.year, self.month).exists():
            return {"month": _("%(year)s-%(month)02d is closed: the city has locked its figures.")
                    % {"year": self.year, "month": self.month}}  # fmt: skip
        return {}

    def save(self, *args, **kwargs) -> None:
        # Reports of one project are validated against each other: take the project's row lock first,
        # so two months written at once are checked one after the other (PostgreSQL; SQLite
        # serialises writers anyway).
        with transaction.atomic():
            Project.objects.select_for_update().filter(pk=self.project_id).values_list("pk").first()
            super().save(*args, **kwargs)

    def _series_errors(self) -> dict[str, str]:
        """The cross-row rules (`guatu.projects.rules`) against this project's other reports."""
        others = MonthlyReport.objects.filter(project_id=self.project_id).exclude(pk=self.pk)
        rows = [SeriesRow(pk, y, m, ytd, cum) for pk, y, m, ytd, cum in others.values_list(
            "pk", "year", "month", "invest_ytd", "invest_cumulative")]  # fmt: skip
        rows.append(SeriesRow(None, self.year, self.month, self.invest_ytd, self.invest_cumulative))
        return {e.field: series_message(e) for e in series_errors(rows, check={None})}


def series_message(error: SeriesError) -> str:
    """A cross-row rule violation in words, naming the other month and both figures."""
    texts = {
        "ytd_below_earlier": _("Year to date %(value)s is less than %(other)s reported for %(year)s-%(month)02d."),
        "ytd_above_later": _("Year to date %(value)s is more than %(other)s reported for %(year)s-%(month)02d."),
        "cumulative_below_earlier": _(
            "Since-start investment %(value)s is less than %(other)s reported for %(year)s-%(month)02d; "
            "it never decreases."
        ),
        "cumulative_above_later": _(
            "Since-start investment %(value)s is more than %(other)s reported for %(year)s-%(month)02d."
        ),
    }
    return texts[error.code] % {
        "value": error.value,
        "other": error.other,
        "year": error.other_year,
        "month": error.other_month,
    }

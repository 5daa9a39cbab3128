"""The reporting calendar (报送期): which month the city is collecting, its deadline, and whether it
is closed; and the city's policy (the default deadline day, the share that makes a month reported)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.audit.tracking import TrackedModel, TrackedQuerySet
from guatu.core.periods import Period
from guatu.projects.models import year_field
from guatu.reporting.choices import MonthState


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


class ReportingPolicy(TrackedModel):
    """The city's reporting rules. One row (seeded by a migration), edited by administrators.

    `deadline_day`: a month's reports are due on this day of the next month (5 → 2024-11 is due 2024-12-05).
    `reported_share_pct`: before the city has closed any month, pages open on the latest month that at
    least this share of the expected projects has reported — never on one early report.
    """

    deadline_day = models.PositiveSmallIntegerField(
        _("deadline day of the next month"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("A month's reports are due on this day of the following month (1–28)."),
    )
    reported_share_pct = models.DecimalField(
        _("share that makes a month reported (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(80),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))],
        help_text=_(
            "Before any month is closed, pages open on the latest month that at least this share of the "
            "expected projects has reported."
        ),
    )

    class Meta:
        verbose_name = _("reporting policy")
        verbose_name_plural = _("reporting policy")

    def __str__(self) -> str:
        return str(_("Reporting policy"))

    @classmethod
    def current(cls) -> ReportingPolicy:
        """The city's policy; the defaults (unsaved) if the row is missing, so a read never writes."""
        return cls.objects.order_by("pk").first() or cls()

    def deadline_for(self, year: int, month: int) -> dt.date:
        """The default deadline of a month: `deadline_day` of the following month."""
        y, m = next_month(year, month)
        return dt.date(y, m, self.deadline_day)


class ReportingMonthQuerySet(TrackedQuerySet):
    def closed(self) -> ReportingMonthQuerySet:
        return self.filter(state=MonthState.CLOSED)

    def open(self) -> ReportingMonthQuerySet:
        return self.filter(state=MonthState.OPEN)

    def latest_first(self) -> ReportingMonthQuerySet:
        return self.order_by("-year", "-month")

    def for_month(self, year: int, month: int) -> ReportingMonthQuerySet:
        return self.filter(year=year, month=month)


class ReportingMonth(TrackedModel):
    """A month in the city's reporting calendar (报送期): its deadline (报送截止日) and state.

    Opened when the city starts collecting it; closed when it is done — closing locks the month's
    reported figures (`guatu.reporting.actions.close_month`). Pages open on the latest closed month.
    """

    year = year_field()
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    deadline = models.DateField(_("reporting deadline"))
    state = models.CharField(_("state"), max_length=8, choices=MonthState.choices, default=MonthState.OPEN)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reopened by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    reopen_reason = models.TextField(_("reason for reopening"), blank=True, max_length=2000)

    objects = ReportingMonthQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("reporting month")
        verbose_name_plural = _("reporting months")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="reportingmonth_unique"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="reportingmonth_month_1_12"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.month)

    @property
    def month_end(self) -> dt.date:
        return self.period.end

    @property
    def is_closed(self) -> bool:
        return self.state == MonthState.CLOSED

    def clean(self) -> None:
        """A month can be in the calendar once it has begun; its deadline falls after its end."""
        if not (self.year and self.month and 1 <= self.month <= 12):
            return
        today = timezone.localdate()
        if (self.year, self.month) > (today.year, today.month):
            raise ValidationError({"month": _("%(month)s has not begun; it cannot be opened yet.") % {"month": self}})
        if self.deadline and self.deadline <= self.month_end:
            raise ValidationError(
                {
                    "deadline": _("The deadline %(deadline)s must be after the month's end (%(end)s).")
                    % {"deadline": self.deadline, "end": self.month_end}
                }
            )

"""Reads of the safety rows that pages, the API, exports, the CLI and the briefing share."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import PlacedQuerySet


class ScopedQuerySet(PlacedQuerySet, TrackedQuerySet):
    """Rows placed by a region and a platform (directly, or through `place_prefix`)."""

    place_prefix = ""

    def in_scope(self, scope, year: int):
        """Narrow to a cockpit scope: region and platform subtrees by the row's own place; a list,
        industry or department by the project at the site (a firm without a project is then out)."""
        rows = self
        if scope.region:
            rows = rows.in_region(scope.region)
        if scope.platform:
            rows = rows.on_platform(scope.platform)
        if scope.project_list or scope.industry or scope.department:
            from guatu.projects.models import Project
            from guatu.projects.scope import Scope

            projects = Scope(project_list=scope.project_list, industry=scope.industry,
                             department=scope.department).apply(Project.objects.all(), year)  # fmt: skip
            rows = rows.filter(**{f"{self.place_prefix}project__in": projects.values("pk")})
        return rows


class InspectionQuerySet(ScopedQuerySet):
    def in_period(self, start: dt.date, end: dt.date):
        return self.filter(inspected_on__gte=start, inspected_on__lte=end)


def _open_q(day: dt.date) -> Q:
    return Q(found_on__lte=day) & (Q(verified_on__isnull=True) | Q(verified_on__gt=day))


class HazardQuerySet(ScopedQuerySet):
    place_prefix = "inspection__"
    region_field, platform_field = "inspection__region", "inspection__platform"

    def open_on(self, day: dt.date):
        """Found by `day` and not verified by then (the rectification not yet confirmed)."""
        return self.filter(_open_q(day))

    def overdue_on(self, day: dt.date):
        """Open on `day` and past the rectification deadline."""
        return self.filter(_open_q(day), deadline__lt=day)

    def found_in(self, start: dt.date, end: dt.date):
        return self.filter(found_on__gte=start, found_on__lte=end)

    def with_overdue(self, day: dt.date):
        """Annotate `is_late` — the rule `overdue_on` filters by."""
        late = _open_q(day) & Q(deadline__lt=day)
        return self.annotate(is_late=models.Case(models.When(late, then=True), default=False,
                                                 output_field=models.BooleanField()))  # fmt: skip


class AccidentQuerySet(ScopedQuerySet):
    def in_period(self, start: dt.date, end: dt.date):
        return self.filter(occurred_on__gte=start, occurred_on__lte=end)

    def misclassified(self):
        """Rows whose stored class is not what the thresholds say now (after someone edited them)."""
        from guatu.safety.models import AccidentThreshold

        thresholds = AccidentThreshold.current()
        from guatu.safety.classification import classify

        return [a for a in self if a.accident_class != classify(a.deaths, a.serious_injuries, a.direct_loss,
                                                                thresholds)]  # fmt: skip

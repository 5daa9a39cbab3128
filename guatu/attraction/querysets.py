"""Reads of leads. Every read the pages, API, CLI, exports and the briefing make starts at
`visible_to`; the figures and the drill-down lists filter with the same verbs, so a number and
the list behind it are the same rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import LookupQuerySet, PlacedQuerySet


class LookupTrackedQuerySet(TrackedQuerySet, LookupQuerySet):
    """Reference rows found by code or name, written with the change record."""


class LeadQuerySet(PlacedQuerySet, LookupTrackedQuerySet):
    def in_scope(self, scope) -> LeadQuerySet:
        """Narrowed to a cockpit scope (region/platform subtree, industry, department; lists do not apply)."""
        leads = self
        if scope.region:
            leads = leads.in_region(scope.region)
        if scope.platform:
            leads = leads.on_platform(scope.platform)
        if scope.industry:
            leads = leads.filter(industry=scope.industry)
        if scope.department:
            leads = leads.filter(department=scope.department)
        return leads

    def received_by(self, day: dt.date) -> LeadQuerySet:
        return self.filter(received_on__lte=day)

    def signed_between(self, start: dt.date | None, end: dt.date) -> LeadQuerySet:
        """Leads whose first signing (the one that counts) falls in [start, end]."""
        leads = self.filter(signed_on__isnull=False, signed_on__lte=end)
        return leads.filter(signed_on__gte=start) if start else leads

    def with_progress(self, as_of: dt.date) -> LeadQuerySet:
        """The leads received by `as_of`, annotated as their stage history stood that day: `furthest` —
        the rank of the furthest main stage reached (线索 = 1 … 达效 = 10) — and `stage_then`, the stage held."""
        from guatu.attraction.models import LeadStageChange

        changes = LeadStageChange.objects.filter(lead=OuterRef("pk"), on__lte=as_of)
        furthest = changes.order_by().values("lead").annotate(top=Max("to_rank")).values("top")[:1]
        latest = changes.order_by("-on", "-id").values("to_stage")[:1]
        return self.filter(received_on__lte=as_of).annotate(
            furthest=Coalesce(Subquery(furthest, output_field=IntegerField()), Value(1)),
            stage_then=Coalesce(Subquery(latest), Value("lead")),
        )

    def reached(self, stage: str) -> LeadQuerySet:
        """Leads (annotated by `with_progress`) that had reached `stage` or a later main stage."""
        from guatu.attraction.stages import RANK

        return self.filter(furthest__gte=RANK[stage])

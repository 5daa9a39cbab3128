"""Reads of the fund cluster. Every read the web, API, CLI, exports and briefing make starts at `visible_to`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import LookupQuerySet, PlacedQuerySet


class FundQuerySet(PlacedQuerySet, TrackedQuerySet, LookupQuerySet):
    def in_cluster_on(self, day: dt.date) -> FundQuerySet:
        """Funds set up by `day` and not liquidated by then: the cluster as it stood that day."""
        return self.filter(set_up_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))


class CommitmentQuerySet(PlacedQuerySet, TrackedQuerySet):
    pass


class InvestmentQuerySet(PlacedQuerySet, TrackedQuerySet):
    def between(self, start: dt.date | None, end: dt.date) -> InvestmentQuerySet:
        """Investments dated from `start` (None: ever) through `end`, both included."""
        rows = self.filter(invested_on__lte=end)
        return rows.filter(invested_on__gte=start) if start else rows

"""Reads of the fund cluster. Every read the web, API, CLI, exports and briefing make starts at `visible_to`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import LookupQuerySet


class _Visible:
    def visible_to(self, user):
        """The rows `user` may see (`guatu.accounts.access`); `None` is the system itself (CLI, demo)."""
        from guatu.accounts.access import restrict

        return restrict(self, user, "view")


class FundQuerySet(_Visible, TrackedQuerySet, LookupQuerySet):
    def in_region(self, region) -> FundQuerySet:
        return self.filter(region__path__startswith=region.path)

    def on_platform(self, platform) -> FundQuerySet:
        return self.filter(platform__path__startswith=platform.path)

    def in_cluster_on(self, day: dt.date) -> FundQuerySet:
        """Funds set up by `day` and not liquidated by then: the cluster as it stood that day."""
        return self.filter(set_up_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))


class CommitmentQuerySet(_Visible, TrackedQuerySet):
    pass


class InvestmentQuerySet(_Visible, TrackedQuerySet):
    def between(self, start: dt.date | None, end: dt.date) -> InvestmentQuerySet:
        """Investments dated from `start` (None: ever) through `end`, both included."""
        rows = self.filter(invested_on__lte=end)
        return rows.filter(invested_on__gte=start) if start else rows

"""Reads of the 科创平台 part: every one starts from what the user may see."""

from __future__ import annotations

from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import LookupQuerySet, PlacedQuerySet


class InnovationPlatformQuerySet(PlacedQuerySet, TrackedQuerySet, LookupQuerySet):
    platform_field = "industrial_platform"

    def in_scope(self, *, region=None, platform=None, industry=None, platform_type=None) -> InnovationPlatformQuerySet:
        qs = self
        if region is not None:
            qs = qs.in_region(region)
        if platform is not None:
            qs = qs.on_platform(platform)
        if industry is not None:
            qs = qs.filter(industry=industry)
        if platform_type is not None:
            qs = qs.filter(platform_type=platform_type)
        return qs


class PlatformOutputQuerySet(PlacedQuerySet, TrackedQuerySet):
    region_field, platform_field = "platform__region", "platform__industrial_platform"

    def through(self, year: int) -> PlatformOutputQuerySet:
        """The years up to and including `year` (what "since founding" sums)."""
        return self.filter(year__lte=year)


class EvaluationSchemeQuerySet(TrackedQuerySet):
    def for_platform(self, platform, year: int):
        """The scheme that evaluates `platform` in `year` (by its type), or None."""
        return self.filter(year=year, platform_type_id=platform.platform_type_id).first()

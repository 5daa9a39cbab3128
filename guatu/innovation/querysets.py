"""Reads of the 科创平台 part: every one starts from what the user may see."""

from __future__ import annotations

from guatu.accounts.access import restrict
from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import LookupQuerySet


class InnovationPlatformQuerySet(TrackedQuerySet, LookupQuerySet):
    def visible_to(self, user) -> InnovationPlatformQuerySet:
        return restrict(self, user, "view")

    def in_region(self, region) -> InnovationPlatformQuerySet:
        """Platforms in the region's subtree (柯城区 for 衢州市)."""
        return self.filter(region__path__startswith=region.path)

    def on_platform(self, platform) -> InnovationPlatformQuerySet:
        """Platforms on the industrial platform's subtree (高新片区 for 衢州智造新城)."""
        return self.filter(industrial_platform__path__startswith=platform.path)

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


class PlatformOutputQuerySet(TrackedQuerySet):
    def visible_to(self, user) -> PlatformOutputQuerySet:
        return restrict(self, user, "view")

    def through(self, year: int) -> PlatformOutputQuerySet:
        """The years up to and including `year` (what "since founding" sums)."""
        return self.filter(year__lte=year)


class EvaluationSchemeQuerySet(TrackedQuerySet):
    def for_platform(self, platform, year: int):
        """The scheme that evaluates `platform` in `year` (by its type), or None."""
        return self.filter(year=year, platform_type_id=platform.platform_type_id).first()

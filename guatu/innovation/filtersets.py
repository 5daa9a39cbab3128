"""Filters the API shares with the pages: platforms by region/industrial platform subtree, type, industry."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guatu.core.models import Industry, Platform, Region
from guatu.innovation.models import InnovationPlatform, PlatformOutput, PlatformType


class _ByKey(django_filters.CharFilter):
    """A reference row by code or name (as the CLI takes it); an unknown one is a 400, not an empty list."""

    def __init__(self, model, *args, **kwargs):
        self.model = model
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        from rest_framework.exceptions import ValidationError

        try:
            found = self.model.objects.lookup(value)
        except (self.model.DoesNotExist, self.model.MultipleObjectsReturned) as exc:
            raise ValidationError({self.field_name: [str(exc)]}) from None
        return self.apply(qs, found)


class _RegionFilter(_ByKey):
    def apply(self, qs, region):
        return qs.in_region(region)


class _PlatformFilter(_ByKey):
    def apply(self, qs, platform):
        return qs.on_platform(platform)


class _Exact(_ByKey):
    def apply(self, qs, obj):
        return qs.filter(**{self.field_name: obj})


class InnovationPlatformFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    region = _RegionFilter(Region, label=_("Region code or name (its subtree)"))
    platform = _PlatformFilter(Platform, label=_("Industrial platform code or name (its subtree)"))
    industry = _Exact(Industry, field_name="industry", label=_("Industry code or name"))
    platform_type = _Exact(PlatformType, field_name="platform_type", label=_("Platform type code or name"))

    class Meta:
        model = InnovationPlatform
        fields = ["q", "region", "platform", "industry", "platform_type"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(host__icontains=value))


class PlatformOutputFilterSet(django_filters.FilterSet):
    platform = django_filters.CharFilter(field_name="platform__code", label=_("Platform code"))
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    through = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("Up to this year"))

    class Meta:
        model = PlatformOutput
        fields = ["platform", "year", "through"]

"""One filterset per list — the pages, the API and the exports share them. Region, platform and level
choose funds (a government's cluster); investments may also be chosen by where they landed."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from guatu.core.models import Industry, Platform, Region
from guatu.funds.choices import FundKind, FundLevel, FundStructure, LPClass
from guatu.funds.models import Fund, FundCommitment, FundInvestment
from guatu.funds.scope import subtree_ids

ALL = _("All")
ID = extend_schema_field(OpenApiTypes.INT)  # the schema type of a filter that takes an object's id


def _regions():
    return Region.objects.exclude(level="town")


class _FundScopeFilters(django_filters.FilterSet):
    """Region/platform subtree, level and one fund (with its sub-funds), read through `prefix` to the fund."""

    prefix = ""
    region = ID(
        django_filters.ModelChoiceFilter(
            label=_("Region"),
            queryset=_regions(),
            method="filter_region",
            empty_label=ALL,
            help_text="region id: its subtree",
        )
    )
    platform = ID(
        django_filters.ModelChoiceFilter(
            label=_("Platform"),
            queryset=Platform.objects.all(),
            method="filter_platform",
            empty_label=ALL,
            help_text="platform id: its subtree",
        )
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=FundLevel.choices, method="filter_level", empty_label=ALL
    )
    fund = django_filters.CharFilter(
        label=_("Fund (code)"), method="filter_fund", help_text="fund code: the fund and its sub-funds"
    )

    def _path(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def filter_region(self, queryset, name, value):
        return queryset.filter(**{self._path("region__path__startswith"): value.path})

    def filter_platform(self, queryset, name, value):
        return queryset.filter(**{self._path("platform__path__startswith"): value.path})

    def filter_level(self, queryset, name, value):
        return queryset.filter(**{self._path("level"): value})

    def filter_fund(self, queryset, name, value):
        fund = Fund.objects.filter(code=value).first()
        if fund is None:
            return queryset.none()
        return queryset.filter(**{self._path("pk__in"): subtree_ids(fund)})


class FundFilterSet(_FundScopeFilters):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=FundKind.choices, empty_label=ALL)
    structure = django_filters.ChoiceFilter(label=_("Structure"), choices=FundStructure.choices, empty_label=ALL)

    class Meta:
        model = Fund
        fields = ["q", "region", "platform", "level", "kind", "structure", "fund"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(manager__icontains=value))


class FundCommitmentFilterSet(_FundScopeFilters):
    prefix = "fund__"
    lp_class = django_filters.ChoiceFilter(label=_("LP class"), choices=LPClass.choices, empty_label=ALL)
    year = django_filters.NumberFilter(label=_("Year committed"), field_name="committed_on", lookup_expr="year")

    class Meta:
        model = FundCommitment
        fields = ["region", "platform", "level", "fund", "lp_class", "year"]


class FundInvestmentFilterSet(_FundScopeFilters):
    prefix = "fund__"
    q = django_filters.CharFilter(label=_("Investee"), field_name="investee", lookup_expr="icontains")
    industry = django_filters.ModelChoiceFilter(label=_("Industry"), queryset=Industry.objects.all(), empty_label=ALL)
    flagship = django_filters.BooleanFilter(label=_("Flagship industry"), field_name="industry__flagship")
    local = django_filters.BooleanFilter(label=_("Local"), field_name="is_local")
    private = django_filters.BooleanFilter(label=_("Private firm"), field_name="is_private")
    high_tech = django_filters.BooleanFilter(label=_("High-tech"), field_name="is_high_tech")
    year = django_filters.NumberFilter(label=_("Year"), field_name="invested_on", lookup_expr="year")
    start = django_filters.DateFilter(label=_("From"), field_name="invested_on", lookup_expr="gte")
    end = django_filters.DateFilter(label=_("To"), field_name="invested_on", lookup_expr="lte")
    until = django_filters.DateFilter(
        label=_("Cumulative to"),
        method="filter_until",
        help_text="invested by this day, by the funds in the cluster that day",
    )
    landed_in = ID(
        django_filters.ModelChoiceFilter(
            label=_("Landed in"),
            queryset=_regions(),
            method="filter_landed",
            empty_label=ALL,
            help_text="region id: where the investee is",
        )
    )
    project = django_filters.CharFilter(label=_("Project code"), field_name="project__code")

    class Meta:
        model = FundInvestment
        fields = [
            "q",
            "region",
            "platform",
            "level",
            "fund",
            "industry",
            "flagship",
            "local",
            "private",
            "high_tech",
            "year",
            "start",
            "end",
            "until",
            "landed_in",
            "project",
        ]

    def filter_until(self, queryset, name, value):
        return queryset.filter(invested_on__lte=value, fund__in=Fund.objects.in_cluster_on(value))

    def filter_landed(self, queryset, name, value):
        return queryset.filter(region__path__startswith=value.path)

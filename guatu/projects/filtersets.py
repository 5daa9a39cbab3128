"""One filterset for the ledger page, the API and (later) exports."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.params import month_filter, year_filter
from guatu.projects.choices import Category, Stage
from guatu.projects.models import AnnualPlan, MonthlyReport, Project, ProjectList

ALL = _("All")


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.exclude(level="town"), method="filter_region", empty_label=ALL
    )
    platform = django_filters.ModelChoiceFilter(
        label=_("Platform"), queryset=Platform.objects.all(), method="filter_platform", empty_label=ALL
    )
    list = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Project list"), queryset=ProjectList.objects.all(), empty_label=ALL, method="filter_list"
        )
    )
    year = year_filter(_("Year"), method="filter_noop")
    industry = django_filters.ModelChoiceFilter(label=_("Industry"), queryset=Industry.objects.all(), empty_label=ALL)
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=ALL
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, empty_label=ALL)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices, empty_label=ALL)

    class Meta:
        model = Project
        fields = ["q", "region", "platform", "list", "year", "industry", "department", "stage", "category"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(owner__icontains=value))

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_platform(self, queryset, name, value):
        return queryset.on_platform(value)

    def filter_list(self, queryset, name, value):
        year = self.form.cleaned_data.get("year")
        if year:
            return queryset.on_list(value, int(year))
        return queryset.filter(memberships__project_list=value).distinct()

    def filter_noop(self, queryset, name, value):
        return queryset  # the year qualifies `list` and the figures; it does not filter by itself


class MonthlyReportFilterSet(django_filters.FilterSet):
    project = django_filters.CharFilter(field_name="project__code", label=_("Project code"))
    year = year_filter()
    month = month_filter()

    class Meta:
        model = MonthlyReport
        fields = ["project", "year", "month", "stage"]


class AnnualPlanFilterSet(django_filters.FilterSet):
    year = year_filter()

    class Meta:
        model = AnnualPlan
        fields = ["year", "project"]

"""One filterset per list for the pages, the API and the exports: the cockpit's scope (region,
platform, list, industry, department) plus each list's own filters. Drill-down links from the
overview are these filters in the query string."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from guatu.core.models import Department, Industry, Platform, Region
from guatu.projects.models import Project, ProjectList
from guatu.safety.choices import AccidentClass, HazardGrade, HazardStatus
from guatu.safety.models import Accident, Hazard, Inspection

ALL = _("All")


class ScopeFilterSet(django_filters.FilterSet):
    """The cockpit's scope on rows placed by region/platform (a list, industry or department through
    the project at the site)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    region = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Region"), queryset=Region.objects.exclude(level="town"), method="filter_region", empty_label=ALL
        )
    )
    platform = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Platform"), queryset=Platform.objects.all(), method="filter_platform", empty_label=ALL
        )
    )
    list = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Project list"), queryset=ProjectList.objects.all(), method="filter_projects", empty_label=ALL
        )
    )
    industry = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Industry"), queryset=Industry.objects.all(), method="filter_projects", empty_label=ALL
        )
    )
    department = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Department"), queryset=Department.objects.all(), method="filter_projects", empty_label=ALL
        )
    )
    search_fields: tuple[str, ...] = ()

    def filter_q(self, queryset, name, value):
        q = Q()
        for f in self.search_fields:
            q |= Q(**{f"{f}__icontains": value})
        return queryset.filter(q)

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_platform(self, queryset, name, value):
        return queryset.on_platform(value)

    def filter_projects(self, queryset, name, value):
        lookup = {"list": "memberships__project_list", "industry": "industry", "department": "department"}[name]
        projects = Project.objects.filter(**{lookup: value}).values("pk")
        return queryset.filter(**{f"{queryset.place_prefix}project__in": projects})


class HazardFilterSet(ScopeFilterSet):
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=HazardGrade.choices, empty_label=ALL)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=HazardStatus.choices, empty_label=ALL)
    supervised = django_filters.BooleanFilter(label=_("挂牌督办"))
    as_of = django_filters.DateFilter(label=_("As of"), method="filter_noop")
    open = django_filters.BooleanFilter(label=_("Open on the day"), method="filter_open")
    overdue = django_filters.BooleanFilter(label=_("Overdue on the day"), method="filter_overdue")
    found_from = django_filters.DateFilter(label=_("Found from"), field_name="found_on", lookup_expr="gte")
    found_to = django_filters.DateFilter(label=_("Found to"), field_name="found_on", lookup_expr="lte")
    project = django_filters.CharFilter(label=_("Project code"), field_name="inspection__project__code")
    search_fields = ("code", "description", "owner", "inspection__firm", "inspection__project__name")

    class Meta:
        model = Hazard
        fields = ["q", "region", "platform", "list", "industry", "department", "grade", "status", "supervised",
                  "as_of", "open", "overdue", "found_from", "found_to", "project"]  # fmt: skip

    def day(self):
        return self.form.cleaned_data.get("as_of") or timezone.localdate()

    def filter_noop(self, queryset, name, value):
        return queryset  # the day `open` and `overdue` are judged on

    def filter_open(self, queryset, name, value):
        return queryset.open_on(self.day()) if value else queryset.exclude(pk__in=queryset.open_on(self.day()))

    def filter_overdue(self, queryset, name, value):
        late = queryset.overdue_on(self.day())
        return late if value else queryset.exclude(pk__in=late)


class InspectionFilterSet(ScopeFilterSet):
    inspected_from = django_filters.DateFilter(label=_("From"), field_name="inspected_on", lookup_expr="gte")
    inspected_to = django_filters.DateFilter(label=_("To"), field_name="inspected_on", lookup_expr="lte")
    project = django_filters.CharFilter(label=_("Project code"), field_name="project__code")
    search_fields = ("code", "firm", "project__name", "inspectors", "findings")

    class Meta:
        model = Inspection
        fields = ["q", "region", "platform", "list", "industry", "department", "inspected_from", "inspected_to",
                  "project"]  # fmt: skip


class AccidentFilterSet(ScopeFilterSet):
    accident_class = django_filters.ChoiceFilter(label=_("Class"), choices=AccidentClass.choices, empty_label=ALL)
    occurred_from = django_filters.DateFilter(label=_("From"), field_name="occurred_on", lookup_expr="gte")
    occurred_to = django_filters.DateFilter(label=_("To"), field_name="occurred_on", lookup_expr="lte")
    search_fields = ("code", "firm", "project__name", "description")

    class Meta:
        model = Accident
        fields = ["q", "region", "platform", "list", "industry", "department", "accident_class", "occurred_from",
                  "occurred_to"]  # fmt: skip

"""Filters of the change-record list (the auditor's page and its CSV)."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from guatu.audit.models import Action, ChangeRecord


def _tracked_kinds():
    labels = ChangeRecord.objects.values_list("content_type", flat=True).distinct()
    return ContentType.objects.filter(pk__in=labels).order_by("app_label", "model")


class ChangeRecordFilterSet(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("User"), lookup_expr="iexact")
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind"), field_name="content_type", queryset=ContentType.objects.none(), empty_label=_("All")
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices, empty_label=_("All"))
    since = django_filters.DateFilter(label=_("From"), field_name="time", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("To"), field_name="time", lookup_expr="date__lte")
    q = django_filters.CharFilter(label=_("Object or reason contains"), method="filter_q")
    request_id = django_filters.CharFilter(label=_("Request id"))
    project = django_filters.NumberFilter(label=_("Project id"), field_name="project_id")

    class Meta:
        model = ChangeRecord
        fields = ["username", "kind", "action", "since", "until", "q", "request_id", "project"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].queryset = _tracked_kinds()

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(object_repr__icontains=value) | Q(reason__icontains=value))

"""One filterset for the pipeline page, the API and the export: the cockpit's scope, the pipeline's
own filters, and the drill-down filters every figure links with (signed in a period, reached a stage
by its end, a size band, the stage held on a day) — the same querysets the figures use."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.attraction.choices import Capital, LeadKind, Origin, Source, Stage
from guatu.attraction.figures import BANDS
from guatu.attraction.models import IndustryChain, Lead, SigningEvent
from guatu.attraction.stages import MAIN
from guatu.attraction.thresholds import Thresholds
from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.periods import Period

ALL = _("All")
BAND_CHOICES = [
    ("over_100m", _("100M yuan or more")),
    ("over_1b", _("1B yuan or more")),
    ("over_10b", _("10B yuan or more")),
]


class LeadFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.exclude(level="town"), method="filter_region", empty_label=ALL
    )
    platform = django_filters.ModelChoiceFilter(
        label=_("Platform"), queryset=Platform.objects.all(), method="filter_platform", empty_label=ALL
    )
    industry = django_filters.ModelChoiceFilter(label=_("Industry"), queryset=Industry.objects.all(), empty_label=ALL)
    chain = django_filters.ModelChoiceFilter(
        label=_("Industry chain"), queryset=IndustryChain.objects.all(), empty_label=ALL
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=ALL
    )
    source = django_filters.ChoiceFilter(label=_("Attraction source"), choices=Source.choices, empty_label=ALL)
    leader = django_filters.CharFilter(label=_("Leading leader"), field_name="leader_name")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, empty_label=ALL, method="filter_stage")
    event = django_filters.ModelChoiceFilter(
        label=_("Signing event"), queryset=SigningEvent.objects.all(), empty_label=ALL
    )
    origin = django_filters.ChoiceFilter(label=_("Investor origin"), choices=Origin.choices, empty_label=ALL)
    capital = django_filters.ChoiceFilter(
        label=_("Domestic or foreign capital"), choices=Capital.choices, empty_label=ALL
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=LeadKind.choices, empty_label=ALL)
    signed_year = django_filters.NumberFilter(label=_("Signed in year"), method="filter_signed")
    received_year = django_filters.NumberFilter(label=_("Received in year"), method="filter_received")
    through = django_filters.NumberFilter(label=_("Through month"), method="filter_noop")
    as_of = django_filters.DateFilter(label=_("As of"), method="filter_noop")
    reached = django_filters.ChoiceFilter(
        label=_("Reached stage"), choices=[(s.value, s.label) for s in MAIN], empty_label=ALL, method="filter_reached"
    )
    band = django_filters.ChoiceFilter(label=_("Size"), choices=BAND_CHOICES, empty_label=ALL, method="filter_band")
    flagged = django_filters.BooleanFilter(label=_("Below a threshold"), method="filter_flagged")
    mine = django_filters.BooleanFilter(label=_("My leads"), method="filter_mine")

    class Meta:
        model = Lead
        fields = [
            "q",
            "region",
            "platform",
            "industry",
            "chain",
            "department",
            "source",
            "leader",
            "stage",
            "event",
            "origin",
            "capital",
            "kind",
            "signed_year",
            "received_year",
            "through",
            "as_of",
            "reached",
            "band",
            "flagged",
            "mine",
        ]

    # The day the drill-down filters read the history on: the end of the period named, else `as_of`, else today.
    def day(self) -> dt.date:
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        today = timezone.localdate()
        year = data.get("signed_year") or data.get("received_year")
        if year:
            return min(Period(int(year), int(data.get("through") or 12)).end, today)
        return data.get("as_of") or today

    def _window(self, year) -> tuple[dt.date, dt.date]:
        return dt.date(int(year), 1, 1), self.day()

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__icontains=value)
            | Q(investor__icontains=value)
            | Q(short_name__icontains=value)
        )

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__path__startswith=value.path)

    def filter_platform(self, queryset, name, value):
        return queryset.filter(platform__path__startswith=value.path)

    def _progress(self, queryset):
        if "furthest" in queryset.query.annotations:
            return queryset
        return queryset.with_progress(self.day())

    def filter_stage(self, queryset, name, value):
        if self.form.cleaned_data.get("as_of"):
            return self._progress(queryset).filter(stage_then=value)
        return queryset.filter(stage=value)

    def filter_signed(self, queryset, name, value):
        return queryset.signed_between(*self._window(value))

    def filter_received(self, queryset, name, value):
        start, end = self._window(value)
        return queryset.filter(received_on__gte=start, received_on__lte=end)

    def filter_reached(self, queryset, name, value):
        return self._progress(queryset).reached(value)

    def filter_band(self, queryset, name, value):
        minimum = BANDS[value]
        pks = [
            pk
            for pk, planned, existing, kind in queryset.values_list(
                "pk", "planned_investment", "existing_investment", "kind"
            )
            if Lead(planned_investment=planned, existing_investment=existing, kind=kind).counted_investment >= minimum
        ]
        return queryset.filter(pk__in=pks)

    def filter_flagged(self, queryset, name, value):
        thresholds = Thresholds()
        flagged = [lead.pk for lead in queryset if thresholds.check(lead).flagged]
        return queryset.filter(pk__in=flagged) if value else queryset.exclude(pk__in=flagged)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(leader=user) if user.is_authenticated else queryset.none()

    def filter_noop(self, queryset, name, value):
        return queryset  # qualifies the period of the drill-down filters

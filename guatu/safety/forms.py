"""Forms of 安全生产: the overview's scope and period, inspections, hazards, their loop, accidents.
The rules live on the models; a form limits its choices to what the user may pick."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guatu.accounts.access import restrict, scope_choices
from guatu.accounts.admin_scope import VersionedModelForm
from guatu.core.models import Department, Platform, Region
from guatu.core.periods import Period
from guatu.projects.forms import MONTHS, ScopeForm
from guatu.projects.models import Project
from guatu.safety.choices import HazardStatus
from guatu.safety.models import Accident, Hazard, Inspection


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (YYYY-MM-DD) whatever the UI language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SafetyForm(ScopeForm):
    """The overview: a scope like the cockpit's, a year and the month it is read through."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    through = forms.TypedChoiceField(label=_("Through month"), choices=MONTHS, coerce=int)
    field_order = ["year", "through", "region", "platform", "list", "industry", "department"]

    def period(self) -> Period:
        return Period(self.cleaned_data["year"], self.cleaned_data["through"])


class PlaceFormMixin:
    """Choices limited to the user's reach: projects they see, regions/platforms/departments they may use."""

    def limit_choices(self, user, action: str) -> None:
        model = self._meta.model
        fields = self.fields
        if "project" in fields:
            fields["project"].queryset = restrict(Project.objects.all(), user, "view").order_by("code")
            fields["project"].label_from_instance = lambda p: f"{p.code} {p.name}"
        if "region" in fields:
            regions = Region.objects.filter(Q(level=Region.Level.CITY) | Q(level=Region.Level.COUNTY))
            fields["region"].queryset = scope_choices(user, action, model, "region", regions)
            fields["region"].required = False
            fields["region"].help_text = _("For a project: left empty, it is the project's.")
        if "platform" in fields:
            fields["platform"].queryset = scope_choices(user, action, model, "platform", Platform.objects.all())
        if "department" in fields:
            fields["department"].queryset = scope_choices(user, action, model, "department", Department.objects.all())


class InspectionForm(PlaceFormMixin, VersionedModelForm):
    class Meta:
        model = Inspection
        fields = ["code", "inspected_on", "inspectors", "department", "project", "firm", "region", "platform", "site",
                  "findings"]  # fmt: skip
        widgets = {"inspected_on": DateInput, "findings": forms.Textarea(attrs={"rows": 3})}


class HazardForm(VersionedModelForm):
    """A hazard's facts; its status moves only through the loop (`HazardTransitionForm`)."""

    class Meta:
        model = Hazard
        fields = ["code", "grade", "description", "found_on", "owner", "deadline", "supervised", "supervision_level"]
        widgets = {"found_on": DateInput, "deadline": DateInput}


class HazardTransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=HazardStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label=_("On"), required=False, widget=DateInput)


class AccidentForm(PlaceFormMixin, VersionedModelForm):
    """An accident's facts; its class is computed from them."""

    class Meta:
        model = Accident
        fields = ["code", "occurred_on", "project", "firm", "region", "platform", "description", "deaths",
                  "serious_injuries", "direct_loss"]  # fmt: skip
        widgets = {"occurred_on": DateInput}

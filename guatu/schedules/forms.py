"""Forms of the battle map: its scope and day, milestones' actuals, problems."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guatu.projects.forms import ScopeForm
from guatu.schedules.choices import Level, ProblemStatus
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (YYYY-MM-DD) whatever the UI language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class BattleMapForm(ScopeForm):
    as_of = forms.DateField(label=_("As of"), widget=DateInput)
    level = forms.ChoiceField(label=_("Warning"), choices=[("", _("All levels")), *Level.choices], required=False)
    field_order = ["as_of", "region", "platform", "list", "industry", "department", "level"]


class SummaryForm(BattleMapForm):
    by = forms.ChoiceField(
        label=_("Group by"),
        choices=[("list", _("Project list")), ("platform", _("Platform")), ("region", _("Region"))],
        required=False,
    )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["duration_days", "predecessors", "actual_start", "actual_finish", "note"]
        widgets = {
            "actual_start": DateInput,
            "actual_finish": DateInput,
            "duration_days": forms.NumberInput(attrs={"class": "w-6em"}),
            "predecessors": forms.TextInput(attrs={"class": "w-10em"}),
        }


MilestoneFormSet = forms.modelformset_factory(Milestone, form=MilestoneForm, extra=0)


class ApplyTemplateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=MilestoneTemplate.objects.all())


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["type", "title", "description", "department", "raised_on", "deadline"]
        widgets = {"raised_on": DateInput, "deadline": DateInput, "description": forms.Textarea(attrs={"rows": 3})}


class ProblemFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *ProblemStatus.choices], required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=ProblemStatus.choices)
    resolution = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

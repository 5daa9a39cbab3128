"""Forms: the 报送情况 filters, opening and reopening a month, the reporting policy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guatu.projects.forms import MONTHS, ScopeForm
from guatu.reporting.models import ReportingPolicy


class DateInput(forms.DateInput):
    input_type = "date"


class SubmissionFilterForm(ScopeForm):
    """What the 报送情况 page is about: a month and a scope (the cockpit's scope fields)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Month"), choices=MONTHS, coerce=int)
    field_order = ["year", "month", "region", "platform", "list", "industry", "department"]


class OpenMonthForm(forms.Form):
    """Open a month for reporting; the deadline defaults to the policy's day of the next month."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Month"), choices=MONTHS, coerce=int)
    deadline = forms.DateField(label=_("Reporting deadline"), required=False, widget=DateInput,
                               help_text=_("Empty: the policy's day of the next month."))  # fmt: skip


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ReportingPolicy
        fields = ["deadline_day", "reported_share_pct"]

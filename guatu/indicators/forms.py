from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guatu.indicators.lookups import parse_period
from guatu.indicators.models import Indicator, ReportingUnit


class PeriodField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_period(value)
        except ValueError as exc:
            raise forms.ValidationError(getattr(exc, "reason", _("Enter a month such as 2024-11."))) from exc


class BoardForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=ReportingUnit.objects.all())
    period = PeriodField(label=_("Period"), max_length=7)


class RankForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.all())
    parent = forms.ModelChoiceField(label=_("Among the children of"), queryset=ReportingUnit.objects.all())
    period = PeriodField(label=_("Period"), max_length=7)


class DrillForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.all())
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=ReportingUnit.objects.all())
    period = PeriodField(label=_("Period"), max_length=7)

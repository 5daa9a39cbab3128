"""Forms of the 科创平台 pages: the scope filters, a year's outputs, a scheme with its indicators and bands.
The rules live on the models; forms offer only the choices the user may use."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guatu.accounts.access import scope_choices
from guatu.accounts.admin_scope import VersionedModelForm
from guatu.core.models import Industry, Platform, Region
from guatu.innovation import measures
from guatu.innovation.models import (
    EvaluationScheme,
    GradeBand,
    InnovationPlatform,
    PlatformOutput,
    PlatformType,
    SchemeIndicator,
)


class PlatformFilterForm(forms.Form):
    """Which platforms a page is about — the cockpit's scope fields that apply to platforms — and the year."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.exclude(level="town"), required=False, empty_label=_("All regions")
    )
    platform = forms.ModelChoiceField(
        label=_("Industrial platform"), queryset=Platform.objects.all(), required=False,
        empty_label=_("All platforms"),
    )  # fmt: skip
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False, empty_label=_("All industries")
    )
    platform_type = forms.ModelChoiceField(
        label=_("Platform type"), queryset=PlatformType.objects.all(), required=False, empty_label=_("All types")
    )

    def scope(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) for k in ("region", "platform", "industry", "platform_type")}

    def as_query(self) -> str:
        """The filters as a query string, for links that keep them."""
        from urllib.parse import urlencode

        data = self.cleaned_data
        return urlencode({k: getattr(v, "pk", v) for k, v in data.items() if v not in (None, "")})


class OutputForm(VersionedModelForm):
    """One platform's outputs for one year. Blank is "not reported", which is not 0."""

    lower_bound_measures = forms.MultipleChoiceField(
        label=_("Lower-bound figures (written 余)"), choices=measures.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = PlatformOutput
        fields = ["year", *measures.KEYS, "note"]

    def __init__(self, *args, platform: InnovationPlatform, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.platform = platform
        self.fields["lower_bound_measures"].initial = sorted(self.instance.lower_bound_keys)
        for m in measures.MEASURES:
            self.fields[m.key].help_text = m.unit
        if self.instance.pk:
            self.fields["year"].disabled = True

    def clean(self):
        data = super().clean()
        self.instance.lower_bounds = ",".join(data.get("lower_bound_measures") or [])
        return data

    def validate_unique(self) -> None:
        super().validate_unique()
        year = self.cleaned_data.get("year")
        if year and PlatformOutput.objects.filter(platform=self.instance.platform, year=year).exclude(
            pk=self.instance.pk).exists():  # fmt: skip
            self.add_error("year", _("This platform already has outputs for that year; edit them instead."))


class PlatformForm(VersionedModelForm):
    """A platform's facts; regions and industrial platforms offered are those the user may use."""

    class Meta:
        model = InnovationPlatform
        fields = ["code", "name", "platform_type", "host", "based_on", "founded", "founded_precision", "region",
                  "industrial_platform", "industry", "focus", "description"]  # fmt: skip
        widgets = {"founded": forms.DateInput(attrs={"type": "date"}), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "add"
        regions = Region.objects.exclude(level="town")
        self.fields["region"].queryset = scope_choices(user, action, InnovationPlatform, "region", regions)
        self.fields["industrial_platform"].queryset = scope_choices(
            user, action, InnovationPlatform, "platform", Platform.objects.all()
        )
        self.fields["based_on"].queryset = InnovationPlatform.objects.visible_to(user).exclude(pk=self.instance.pk)
        if self.instance.pk:
            self.fields["code"].disabled = True


class SchemeForm(VersionedModelForm):
    class Meta:
        model = EvaluationScheme
        fields = ["year", "platform_type", "name", "bonus_cap", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(VersionedModelForm):
    class Meta:
        model = SchemeIndicator
        fields = ["order", "measure", "basis", "kind", "weight", "target", "cap"]

    def _post_clean(self):
        # The weights of the whole scheme are checked when the scheme is saved (the other rows may
        # change in the same form); the row's own rules run here.
        self.instance._skip_sum_check = True
        super()._post_clean()
        self.instance._skip_sum_check = False


class BandForm(VersionedModelForm):
    class Meta:
        model = GradeBand
        fields = ["name", "min_score"]


class BaseIndicatorFormSet(forms.BaseInlineFormSet):
    """The scheme's indicators together: the normal items' weights may add up to at most the full marks."""

    def clean(self) -> None:
        super().clean()
        from guatu.innovation.actions import check_weights

        kept = [f.instance for f in self.forms if f not in self.deleted_forms and f.has_changed()]
        removed = [f.instance for f in self.deleted_forms if f.instance.pk]
        check_weights(self.instance, kept, removed)


IndicatorFormSet = forms.inlineformset_factory(
    EvaluationScheme, SchemeIndicator, form=IndicatorForm, formset=BaseIndicatorFormSet, extra=2, can_delete=True
)
BandFormSet = forms.inlineformset_factory(EvaluationScheme, GradeBand, form=BandForm, extra=1, can_delete=True)

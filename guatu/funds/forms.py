"""Forms: the funds pages' scope and period, and the fund, commitment and investment editors.

The rules live on the models (`clean()`); the choices offered are those the user may use.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guatu.accounts.access import restrict, scope_choices
from guatu.accounts.admin_scope import VersionedModelForm
from guatu.attraction.models import Lead
from guatu.core.models import Industry, Platform, Region
from guatu.core.periods import Period
from guatu.funds.choices import FundLevel, FundStructure
from guatu.funds.models import Fund, FundCommitment, FundInvestment
from guatu.funds.scope import FundScope
from guatu.projects.forms import MONTHS
from guatu.projects.models import Project

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FundScopeForm(forms.Form):
    """What the funds pages are about: the cockpit's region and platform, an industry, a fund, a level,
    and the period (a year through a month)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    through = forms.TypedChoiceField(label=_("Through month"), choices=MONTHS, coerce=int)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.exclude(level="town"), required=False, empty_label=_("All regions")
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"), queryset=Platform.objects.all(), required=False, empty_label=_("All platforms")
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False, empty_label=_("All industries")
    )
    fund = forms.ModelChoiceField(
        label=_("Fund"), queryset=Fund.objects.none(), required=False, to_field_name="code", empty_label=_("All funds")
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("All levels")), *FundLevel.choices], required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("yi", _("100M yuan")), ("wan", _("10k yuan"))], required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.visible_to(user)

    def scope(self) -> FundScope:
        data = self.cleaned_data
        return FundScope(
            region=data.get("region"),
            platform=data.get("platform"),
            industry=data.get("industry"),
            fund=data.get("fund"),
            level=data.get("level") or None,
        )

    def period(self) -> Period:
        return Period(self.cleaned_data["year"], self.cleaned_data["through"])

    def money_unit(self) -> str:
        return self.cleaned_data.get("unit") or "yi"


class FundForm(VersionedModelForm):
    """A fund's facts and focus industries. Regions and platforms offered are those the user may use."""

    focus_industries = forms.ModelMultipleChoiceField(
        label=_("Focus industries"),
        queryset=Industry.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Fund
        fields = [
            "code",
            "name",
            "level",
            "kind",
            "structure",
            "parent",
            "manager",
            "region",
            "platform",
            "focus_industries",
            "approved_on",
            "set_up_on",
            "investment_end",
            "exit_end",
            "extension_end",
            "closed_on",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            **{
                name: DATE
                for name in ("approved_on", "set_up_on", "investment_end", "exit_end", "extension_end", "closed_on")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "add"
        self.fields["region"].queryset = scope_choices(
            user, action, Fund, "region", Region.objects.exclude(level="town")
        )
        self.fields["platform"].queryset = scope_choices(user, action, Fund, "platform", Platform.objects.all())
        parents = Fund.objects.visible_to(user).filter(structure=FundStructure.PARENT)
        self.fields["parent"].queryset = parents.exclude(pk=self.instance.pk) if self.instance.pk else parents
        if self.instance.pk:
            self.fields["code"].disabled = True


class FundCommitmentForm(VersionedModelForm):
    """One LP's commitment to the fund (the fund is the page's)."""

    class Meta:
        model = FundCommitment
        fields = ["lp_name", "lp_class", "lp_fund", "committed", "committed_on", "paid_in", "paid_in_on", "note"]
        widgets = {"committed_on": DATE, "paid_in_on": DATE}

    def __init__(self, *args, fund: Fund, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.fund = fund
        self.fields["lp_fund"].queryset = Fund.objects.visible_to(user).exclude(pk=fund.pk)
        self.fields["lp_name"].required = False  # a fund LP is named after the fund
        for name in ("committed", "paid_in"):
            self.fields[name].help_text = _("10k yuan")

    def clean(self):
        data = super().clean()
        if not data.get("lp_name") and data.get("lp_fund"):
            data["lp_name"] = data["lp_fund"].name
        elif not data.get("lp_name"):
            self.add_error("lp_name", _("Name the LP (or choose the LP fund)."))
        return data

    def validate_unique(self) -> None:
        super().validate_unique()  # `fund` is not a form field, so say the (fund, LP, date) clash plainly
        data = self.cleaned_data
        clash = FundCommitment.objects.filter(
            fund=self.instance.fund, lp_name=self.instance.lp_name, committed_on=data.get("committed_on")
        ).exclude(pk=self.instance.pk)
        if data.get("committed_on") and clash.exists():
            self.add_error("committed_on", _("This LP already has a commitment of that day; edit it instead."))


class FundInvestmentForm(VersionedModelForm):
    """One investment of the fund (the fund is the page's)."""

    class Meta:
        model = FundInvestment
        fields = [
            "investee",
            "project",
            "lead",
            "amount",
            "invested_on",
            "industry",
            "region",
            "is_local",
            "is_private",
            "is_high_tech",
            "co_investment",
            "investee_financing",
            "note",
        ]
        widgets = {"invested_on": DATE}

    def __init__(self, *args, fund: Fund, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.fund = fund
        self.fields["project"].queryset = restrict(Project.objects.all(), user, "view")
        self.fields["lead"].queryset = restrict(Lead.objects.all(), user, "view")
        self.fields["region"].queryset = Region.objects.exclude(level="town")
        for name in ("amount", "co_investment", "investee_financing"):
            self.fields[name].help_text = _("10k yuan")

    def validate_unique(self) -> None:
        super().validate_unique()
        data = self.cleaned_data
        clash = FundInvestment.objects.filter(
            fund=self.instance.fund, investee=data.get("investee"), invested_on=data.get("invested_on")
        ).exclude(pk=self.instance.pk)
        if data.get("investee") and data.get("invested_on") and clash.exists():
            self.add_error("invested_on", _("The fund already has an investment in this investee on that day."))

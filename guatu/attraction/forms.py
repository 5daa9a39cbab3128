"""Forms: the figures page's selection, a lead's facts, a stage move, a talk, a contact, capital in
place, the conversion. The rules live on the models and in `actions`; forms only gather input."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.accounts.access import scope_choices
from guatu.accounts.admin_scope import VersionedModelForm
from guatu.accounts.roles import Role
from guatu.attraction.actions import next_stages
from guatu.attraction.choices import Source, Stage
from guatu.attraction.figures import Filters
from guatu.attraction.models import CapitalArrival, Contact, IndustryChain, Lead, SigningEvent, Talk
from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.periods import Period
from guatu.projects.choices import Category
from guatu.projects.forms import MONTHS
from guatu.projects.models import Project
from guatu.projects.scope import Scope

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BY_LABELS = {
    "region": _("Region"),
    "platform": _("Platform"),
    "leader": _("Leading leader"),
    "chain": _("Industry chain"),
    "industry": _("Industry"),
    "source": _("Attraction source"),
    "event": _("Signing event"),
    "year": _("Signing year"),
}


def leader_accounts():
    """Users who hold a leader role (the accounts a lead's leader may be)."""
    return (
        get_user_model()
        .objects.filter(role_assignments__role=Role.LEADER, is_active=True)
        .distinct()
        .order_by("username")
    )


class FiguresForm(forms.Form):
    """What the figures page is about: the cockpit's scope, the pipeline's filters, a year and a month."""

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
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False, empty_label=_("All departments")
    )
    chain = forms.ModelChoiceField(
        label=_("Industry chain"), queryset=IndustryChain.objects.all(), required=False, empty_label=_("All chains")
    )
    source = forms.ChoiceField(
        label=_("Attraction source"), choices=[("", _("All sources")), *Source.choices], required=False
    )
    leader = forms.CharField(label=_("Leading leader"), required=False, max_length=100)
    event = forms.ModelChoiceField(
        label=_("Signing event"), queryset=SigningEvent.objects.all(), required=False, empty_label=_("All events")
    )
    by = forms.ChoiceField(label=_("Break down by"), choices=list(BY_LABELS.items()), required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("yi", _("100M yuan")), ("wan", _("10k yuan"))], required=False)

    def filters(self, **extra) -> Filters:
        data = self.cleaned_data
        scope = Scope(
            region=data.get("region"),
            platform=data.get("platform"),
            industry=data.get("industry"),
            department=data.get("department"),
        )
        return Filters(
            scope=scope,
            chain=data.get("chain"),
            source=data.get("source") or None,
            leader=data.get("leader") or None,
            event=data.get("event"),
            **extra,
        )

    def period(self) -> Period:
        return Period(self.cleaned_data["year"], self.cleaned_data["through"])

    def money_unit(self) -> str:
        return self.cleaned_data.get("unit") or "yi"


class LeadForm(VersionedModelForm):
    """A lead's facts. Regions, platforms and departments offered are those the user may use; the
    stage, the signing and the ledger project move only by their own actions."""

    class Meta:
        model = Lead
        fields = [
            "code",
            "name",
            "short_name",
            "investor",
            "origin",
            "capital",
            "industry",
            "chain",
            "region",
            "platform",
            "department",
            "source",
            "kind",
            "increase_of",
            "existing_investment",
            "planned_investment",
            "land_mu",
            "expected_tax",
            "qxwy_candidate",
            "fund_investment",
            "fund_note",
            "leader_name",
            "ownership",
            "leader",
            "team",
            "received_on",
            "agreed_start",
            "description",
        ]
        widgets = {"received_on": DATE, "agreed_start": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "add"
        self.fields["region"].queryset = scope_choices(
            user, action, Lead, "region", Region.objects.exclude(level="town")
        )
        self.fields["platform"].queryset = scope_choices(user, action, Lead, "platform", Platform.objects.all())
        self.fields["department"].queryset = scope_choices(user, action, Lead, "department", Department.objects.all())
        self.fields["leader"].queryset = leader_accounts()
        self.fields["increase_of"].queryset = Project.objects.visible_to(user)
        for name in ("existing_investment", "planned_investment", "expected_tax", "fund_investment"):
            self.fields[name].help_text = _("10k yuan")
        if self.instance.pk:
            self.fields["code"].disabled = True
        else:
            self.fields["received_on"].initial = timezone.localdate()


class TransitionForm(forms.Form):
    """Move a lead on: the stages offered are the ones the table allows from where it is."""

    to = forms.ChoiceField(label=_("To stage"))
    on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    event = forms.ModelChoiceField(
        label=_("Signed at"),
        queryset=SigningEvent.objects.all(),
        required=False,
        help_text=_("Only for a signing at a signing event."),
    )
    agreed_start = forms.DateField(
        label=_("Agreed start"), required=False, widget=DATE, help_text=_("A signing needs it (from the agreement).")
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, lead: Lead, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Stage.choices)
        self.fields["to"].choices = [(s, labels[s]) for s in next_stages(lead)]
        self.fields["on"].initial = timezone.localdate()
        self.fields["seen_version"].initial = lead.version
        if lead.agreed_start:
            self.fields["agreed_start"].initial = lead.agreed_start


class TalkForm(VersionedModelForm):
    class Meta:
        model = Talk
        fields = ["on", "kind", "participants", "summary", "next_step"]
        widgets = {"on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}


class ContactForm(VersionedModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "organisation", "phone", "email", "note"]


class ArrivalForm(VersionedModelForm):
    class Meta:
        model = CapitalArrival
        fields = ["on", "amount", "note"]
        widgets = {"on": DATE}


class ConvertForm(forms.Form):
    """A signed lead into the ledger: the project's code (the lead's by default) and what the lead lacks."""

    code = forms.CharField(
        label=_("Project code"), max_length=32, required=False, help_text=_("Empty: the lead's code.")
    )
    name = forms.CharField(
        label=_("Project name"), max_length=200, required=False, help_text=_("Empty: the lead's project name.")
    )
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.none(), required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, initial=Category.INDUSTRIAL)

    def __init__(self, *args, user, lead: Lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = scope_choices(user, "add", Project, "department", Department.objects.all())
        self.fields["department"].initial = lead.department_id

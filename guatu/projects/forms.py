"""Forms: the cockpit's scope and period, and the monthly report."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.accounts.access import scope_choices
from guatu.accounts.admin_scope import VersionedModelForm
from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.params import YEAR_MAX, YEAR_MIN
from guatu.core.periods import Period
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList
from guatu.projects.scope import Scope

MONTHS = [(m, f"{m}") for m in range(1, 13)]


class ScopeForm(forms.Form):
    """The scope fields every overview page shares (region, platform, list, industry, department)."""

    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.exclude(level="town"), required=False, empty_label=_("All regions")
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"), queryset=Platform.objects.all(), required=False, empty_label=_("All platforms")
    )
    list = forms.ModelChoiceField(
        label=_("Project list"), queryset=ProjectList.objects.all(), required=False, empty_label=_("All lists")
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False, empty_label=_("All industries")
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False, empty_label=_("All departments")
    )

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            region=data.get("region"),
            platform=data.get("platform"),
            project_list=data.get("list"),
            industry=data.get("industry"),
            department=data.get("department"),
        )


class ScopePeriodForm(ScopeForm):
    """What the cockpit (and the ledger's figures) are about: a scope, a year and a month."""

    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    through = forms.TypedChoiceField(label=_("Through month"), choices=MONTHS, coerce=int)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("yi", _("100M yuan")), ("wan", _("10k yuan"))], required=False)
    field_order = ["year", "through", "region", "platform", "list", "industry", "department", "unit"]

    def period(self) -> Period:
        return Period(self.cleaned_data["year"], self.cleaned_data["through"])

    def money_unit(self) -> str:
        return self.cleaned_data.get("unit") or "yi"


class MonthlyReportForm(VersionedModelForm):
    """A project's report for one month. The rules live on `MonthlyReport.clean()`."""

    class Meta:
        model = MonthlyReport
        fields = [
            "year",
            "month",
            "invest_month",
            "invest_ytd",
            "invest_cumulative",
            "progress_pct",
            "stage",
            "problems",
        ]
        widgets = {"problems": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        today = timezone.localdate()
        if "year" in self.fields:  # a correction keeps its month
            self.fields["year"].initial = today.year
            self.fields["month"].initial = today.month
        for name in ("invest_month", "invest_ytd", "invest_cumulative"):
            self.fields[name].help_text = _("10k yuan")

    def validate_unique(self) -> None:
        # `project` is not a form field, so Django skips the (project, year, month) check; say it plainly.
        super().validate_unique()
        data = self.cleaned_data
        if data.get("year") and data.get("month"):
            clash = MonthlyReport.objects.filter(project=self.instance.project, year=data["year"], month=data["month"])
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("month", _("This project already has a report for that month; edit it instead."))


class CorrectionForm(MonthlyReportForm):
    """New figures for a locked report, and why (the month stays as it is)."""

    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta(MonthlyReportForm.Meta):
        fields = ["invest_month", "invest_ytd", "invest_cumulative", "progress_pct", "stage", "problems"]

    def _post_clean(self):
        # The rules are checked by the correction itself (a locked report refuses plain edits).
        self.instance._correcting = True
        super()._post_clean()


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why it is returned"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ProjectForm(VersionedModelForm):
    """A project's facts. Regions, platforms and departments offered are those the user may use."""

    class Meta:
        model = Project
        fields = [
            "code", "name", "owner", "region", "platform", "department", "industry", "category",
            "total_investment", "planned_start", "actual_start", "planned_completion", "actual_completion",
            "stage", "contact_leader", "description",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            **{name: forms.DateInput(attrs={"type": "date"}) for name in
               ("planned_start", "actual_start", "planned_completion", "actual_completion")},
        }  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "add"
        self.fields["region"].queryset = scope_choices(user, action, Project, "region", Region.objects.exclude(
            level="town"))  # fmt: skip
        self.fields["platform"].queryset = scope_choices(user, action, Project, "platform", Platform.objects.all())
        self.fields["department"].queryset = scope_choices(
            user, action, Project, "department", Department.objects.all()
        )
        self.fields["total_investment"].help_text = _("10k yuan")
        if self.instance.pk:
            self.fields["code"].disabled = True


class AnnualPlanForm(VersionedModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["year", "planned_investment", "plans_start", "plans_production"]


class MembershipForm(VersionedModelForm):
    class Meta:
        model = ListMembership
        fields = ["project_list", "year", "batch"]


AnnualPlanFormSet = forms.inlineformset_factory(Project, AnnualPlan, form=AnnualPlanForm, extra=1, can_delete=True)
MembershipFormSet = forms.inlineformset_factory(Project, ListMembership, form=MembershipForm, extra=1, can_delete=True)

"""Forms of the battle map: its scope and day, the milestone editor, problems."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guatu.core.params import DATE_MAX, DATE_MIN, validate_date_in_range
from guatu.projects.forms import ScopeForm
from guatu.schedules.backward import DURATION_MAX, LAG_MAX, Link
from guatu.schedules.choices import Level, ProblemStatus
from guatu.schedules.links import format_links, parse_links
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem
from guatu.schedules.network import Row, problems_of, refuse_removal


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (YYYY-MM-DD) whatever the UI language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__({"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat(), **(attrs or {})},
                         format="%Y-%m-%d")  # fmt: skip


def as_of_field() -> forms.DateField:
    return forms.DateField(label=_("As of"), widget=DateInput, validators=[validate_date_in_range])


class AsOfForm(forms.Form):
    """The day a milestone page is looked at from (the as-of selector)."""

    as_of = as_of_field()


class BattleMapForm(ScopeForm):
    as_of = as_of_field()
    level = forms.ChoiceField(label=_("Warning"), choices=[("", _("All levels")), *Level.choices], required=False)
    field_order = ["as_of", "region", "platform", "list", "industry", "department", "level"]


class SummaryForm(BattleMapForm):
    by = forms.ChoiceField(
        label=_("Group by"),
        choices=[("list", _("Project list")), ("platform", _("Platform")), ("region", _("Region"))],
        required=False,
    )


class LinksWidget(forms.Widget):
    """Predecessors as rows of (milestone chosen by name, lag in days); the page's script adds and
    removes rows. Posted as `<name>_key` and `<name>_lag` lists, paired in order."""

    template_name = "schedules/widgets/links.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs)
        self.choices = list(choices)

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
        keys, lags = getlist(f"{name}_key"), getlist(f"{name}_lag")
        return [(key.strip(), (lags[i] if i < len(lags) else "").strip()) for i, key in enumerate(keys)
                if key.strip()]  # fmt: skip

    def value_omitted_from_data(self, data, files, name):
        return False  # no rows posted means "no predecessors"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str) or value is None:
            try:
                value = [(link.predecessor, str(link.lag or "")) for link in parse_links(value or "")]
            except ValueError:
                value = []
        context["widget"].update(links=value, choices=self.choices, lag_max=LAG_MAX)
        return context


class LinksField(forms.Field):
    """Predecessors picked by name, each with an optional lag; cleans to the stored text "land, start+30"."""

    widget = LinksWidget
    default_error_messages = {
        "unknown": _("“%(key)s” is not a milestone of this project."),
        "lag": _("The lag must be a whole number of days from -%(max)s to %(max)s."),
        "twice": _("%(name)s is chosen twice."),
    }

    def __init__(self, *, choices=(), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.choices = choices

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = list(value)
        self.widget.choices = self._choices

    def to_python(self, value) -> str:
        if isinstance(value, str):
            return value
        names = dict(self.choices)
        links, seen = [], set()
        for key, lag in value or []:
            if key not in names:
                raise ValidationError(self.error_messages["unknown"], params={"key": key})
            if key in seen:
                raise ValidationError(self.error_messages["twice"], params={"name": names[key]})
            seen.add(key)
            try:
                days = int(lag or 0)
            except ValueError:
                raise ValidationError(self.error_messages["lag"], params={"max": LAG_MAX}) from None
            if not -LAG_MAX <= days <= LAG_MAX:
                raise ValidationError(self.error_messages["lag"], params={"max": LAG_MAX})
            links.append(Link(key, days))
        return format_links(links)

    def has_changed(self, initial, data) -> bool:
        try:
            before = format_links(parse_links(initial or ""))
            return before != self.to_python(data)
        except (ValueError, ValidationError):
            return True


def _duration_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Duration (days)"), min_value=0, max_value=DURATION_MAX,
                              widget=forms.NumberInput(attrs={"class": "days"}))  # fmt: skip


class MilestoneForm(forms.ModelForm):
    """One row of the milestone editor: rename, duration, predecessors by name, actuals, note."""

    predecessors = LinksField(label=_("Predecessors"))
    duration_days = _duration_field()

    class Meta:
        model = Milestone
        fields = ["name", "duration_days", "predecessors", "actual_start", "actual_finish", "note"]
        widgets = {"actual_start": DateInput, "actual_finish": DateInput}


class BaseMilestoneFormSet(forms.BaseModelFormSet):
    """The editor's table: the milestones that stay must form a network that can be scheduled; a
    milestone cannot be removed while another one (staying) still comes after it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(m.key, m.name) for m in self.queryset]
        for form in self.forms:
            form.fields["predecessors"].choices = [(k, n) for k, n in choices if k != form.instance.key]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows, removing, forms_by_key = [], [], {}
        for form in self.forms:
            data = form.cleaned_data
            row = Row(form.instance.key, data.get("name") or form.instance.name, data.get("duration_days") or 0,
                      data.get("predecessors") or "")  # fmt: skip
            (removing if self.can_delete and self._should_delete_form(form) else rows).append(row)
            forms_by_key[row.key] = form
        refuse_removal(rows, removing)
        found, _names = problems_of(rows)
        unplaced = []
        for problem, text in found:
            form = forms_by_key.get(problem.key)
            field = "duration_days" if problem.code == "duration" else "predecessors"
            if form is not None and problem.code != "cycle":
                form.add_error(field, text)
            else:
                unplaced.append(text)
        if unplaced:
            raise ValidationError(unplaced)


MilestoneFormSet = forms.modelformset_factory(
    Milestone, form=MilestoneForm, formset=BaseMilestoneFormSet, extra=0, can_delete=True
)


class AddMilestoneForm(forms.Form):
    """A new milestone: its name, how long the work leading to it takes, and what it comes after."""

    name = forms.CharField(label=_("Milestone"), max_length=50)
    duration_days = _duration_field()
    predecessors = LinksField(label=_("Predecessors"))

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, prefix="new", **kwargs)
        self.milestones = list(milestones)
        self.fields["predecessors"].choices = [(m.key, m.name) for m in self.milestones]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if any(m.name == name for m in self.milestones):
            raise ValidationError(_("This project already has a milestone named %(name)s.") % {"name": name})
        return name


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

"""The admin of the battle map. Milestone networks are checked here as everywhere else (one
milestone, or a whole inline table), and milestones are written through `actions.save_network`."""

from collections import defaultdict

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.schedules import actions
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, ScheduleApproval, TemplateStep, WarningPolicy
from guatu.schedules.network import Row, check_rows, dependants, refuse_removal


class NetworkFormSet(forms.BaseInlineFormSet):
    """An inline table of milestones or template steps: the rows that stay must form a network
    that can be scheduled, and no row may be removed while another comes after it."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows, removing = [], []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (not form.instance.pk and not form.has_changed()):
                continue
            row = Row(data.get("key") or "", data.get("name") or "", data.get("duration_days") or 0,
                      data.get("predecessors") or "")  # fmt: skip
            (removing if data.get("DELETE") else rows).append(row)
        refuse_removal(rows, removing)
        check_rows(rows)


class MilestoneFormSet(NetworkFormSet):
    acting_user = None

    def save(self, commit=True):
        """Through the same action as the page and the API (the whole network checked again)."""
        changed = super().save(commit=False)
        try:
            actions.save_network(self.instance, save=changed, delete=self.deleted_objects,
                                 acting_user=self.acting_user)  # fmt: skip
        except actions.WorkflowError as exc:  # only a race with another writer gets here
            raise ValidationError(exc.messages) from exc
        return changed


class TemplateStepInline(ScopedInline):
    model = TemplateStep
    formset = NetworkFormSet
    extra = 0


class MilestoneInline(admin.TabularInline):
    """A project's milestones inside the project's admin page."""

    model = Milestone
    formset = MilestoneFormSet
    extra = 0
    fields = ["order", "key", "name", "duration_days", "predecessors", "actual_start", "actual_finish", "note"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.acting_user = request.user
        return formset


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(ScopedAdmin):
    list_display = ["code", "name", "category"]
    inlines = [TemplateStepInline]


class MilestoneAdminForm(forms.ModelForm):
    """One milestone, checked with the rest of its project's network."""

    class Meta:
        model = Milestone
        fields = ["project", "key", "name", "order", "duration_days", "predecessors", "planned_start", "planned_finish",
                  "baseline_start", "baseline_finish", "actual_start", "actual_finish", "note"]  # fmt: skip

    def clean(self):
        data = super().clean()
        project = data.get("project") or (self.instance.project if self.instance.project_id else None)
        if project is None or self.errors:
            return data
        row = Row(data.get("key") or "", data.get("name") or "", data.get("duration_days") or 0,
                  data.get("predecessors") or "")  # fmt: skip
        others = [Row.of(m) for m in project.milestones.exclude(pk=self.instance.pk)]
        if self.instance.pk and self.instance.key != row.key:
            refuse_removal(others, [Row.of(self.instance)])  # a new key leaves those after it behind
        check_rows([*others, row])
        return data


@admin.register(Milestone)
class MilestoneAdmin(ScopedAdmin):
    form = MilestoneAdminForm
    list_display = ["project", "name", "duration_days", "planned_finish", "baseline_finish", "actual_finish"]
    list_filter = ["key"]
    search_fields = ["project__code", "project__name", "name"]
    autocomplete_fields = ["project"]

    def get_readonly_fields(self, request, obj=None):
        return ["project"] if obj else []

    def save_model(self, request, obj, form, change):
        actions.save_network(obj.project, save=[obj], acting_user=request.user)

    def get_deleted_objects(self, objs, request):
        """Milestones others still come after are "protected": the admin refuses and lists why."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        by_project = defaultdict(list)
        for m in objs:
            by_project[m.project].append(m)
        for project, removing in by_project.items():
            ids = {m.pk for m in removing}
            stays = [Row.of(m) for m in project.milestones.exclude(pk__in=ids)]
            names = {m.key: m.name for m in removing}
            for key, after in dependants(stays, set(names)).items():
                protected.append(f"{project} · {names[key]} ← {'、'.join(after)}")
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        actions.delete_milestone(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        by_project = defaultdict(list)
        for m in queryset.select_related("project"):
            by_project[m.project].append(m)
        for project, removing in by_project.items():
            actions.save_network(project, delete=removing, acting_user=request.user)


@admin.register(ScheduleApproval)
class ScheduleApprovalAdmin(ScopedAdmin):
    list_display = ["project", "template", "approved_at", "approved_by", "baseline_at", "baseline_by"]
    autocomplete_fields = ["project"]


@admin.register(WarningPolicy)
class WarningPolicyAdmin(ScopedAdmin):
    list_display = ["__str__", "red_overdue_days", "yellow_float_days", "red_points_below", "yellow_points_below"]


@admin.register(Problem)
class ProblemAdmin(ScopedAdmin):
    list_display = ["title", "project", "type", "department", "deadline", "status"]
    list_filter = ["status", "type", "department"]
    search_fields = ["title", "project__name", "project__code"]
    autocomplete_fields = ["project", "department"]

from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, ScheduleApproval, TemplateStep, WarningPolicy


class TemplateStepInline(ScopedInline):
    model = TemplateStep
    extra = 0


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(ScopedAdmin):
    list_display = ["code", "name", "category"]
    inlines = [TemplateStepInline]


@admin.register(Milestone)
class MilestoneAdmin(ScopedAdmin):
    list_display = ["project", "name", "duration_days", "planned_finish", "baseline_finish", "actual_finish"]
    list_filter = ["key"]
    search_fields = ["project__code", "project__name", "name"]
    autocomplete_fields = ["project"]


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

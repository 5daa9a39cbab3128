from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList
from guatu.schedules.admin import MilestoneInline


class MembershipInline(ScopedInline):
    model = ListMembership
    extra = 0


class AnnualPlanInline(ScopedInline):
    model = AnnualPlan
    extra = 0


@admin.register(Project)
class ProjectAdmin(ScopedAdmin):
    list_display = ["code", "name", "region", "platform", "industry", "stage", "total_investment"]
    list_filter = ["stage", "category", "industry", "platform"]
    search_fields = ["code", "name", "owner"]
    autocomplete_fields = ["region", "platform", "department", "industry"]
    inlines = [MembershipInline, AnnualPlanInline, MilestoneInline]


@admin.register(ProjectList)
class ProjectListAdmin(ScopedAdmin):
    list_display = ["code", "name", "level", "region", "sort_order"]
    search_fields = ["code", "name"]


@admin.register(ListMembership)
class ListMembershipAdmin(ScopedAdmin):
    list_display = ["project", "project_list", "year", "batch"]
    list_filter = ["year", "project_list"]
    autocomplete_fields = ["project"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(ScopedAdmin):
    list_display = ["project", "year", "planned_investment", "plans_start", "plans_production"]
    list_filter = ["year"]
    autocomplete_fields = ["project"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ScopedAdmin):
    list_display = [
        "project",
        "year",
        "month",
        "invest_month",
        "invest_ytd",
        "invest_cumulative",
        "progress_pct",
        "stage",
    ]
    list_filter = ["year", "month", "stage"]
    search_fields = ["project__code", "project__name"]
    autocomplete_fields = ["project"]

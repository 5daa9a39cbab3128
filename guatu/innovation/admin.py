from django.contrib import admin

from guatu.accounts.access import require
from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.innovation.actions import saving_order
from guatu.innovation.forms import BaseIndicatorFormSet, IndicatorForm
from guatu.innovation.models import (
    EvaluationScheme,
    GradeBand,
    InnovationPlatform,
    PlatformLead,
    PlatformMilestone,
    PlatformOutput,
    PlatformPartner,
    PlatformProject,
    PlatformType,
    SchemeIndicator,
)


class PartnerInline(ScopedInline):
    model = PlatformPartner


class MilestoneInline(ScopedInline):
    model = PlatformMilestone


class ProjectLinkInline(ScopedInline):
    model = PlatformProject
    autocomplete_fields = ["project"]


class LeadLinkInline(ScopedInline):
    model = PlatformLead
    autocomplete_fields = ["lead"]


class IndicatorInline(ScopedInline):
    model = SchemeIndicator
    form = IndicatorForm
    formset = BaseIndicatorFormSet


class BandInline(ScopedInline):
    model = GradeBand


@admin.register(PlatformType)
class PlatformTypeAdmin(ScopedAdmin):
    list_display = ["code", "name", "sort_order"]
    search_fields = ["code", "name"]


@admin.register(InnovationPlatform)
class InnovationPlatformAdmin(ScopedAdmin):
    list_display = ["code", "name", "platform_type", "region", "industrial_platform", "founded"]
    list_filter = ["platform_type", "industry"]
    search_fields = ["code", "name", "host"]
    autocomplete_fields = ["region", "industrial_platform", "industry", "based_on"]
    inlines = [PartnerInline, MilestoneInline, ProjectLinkInline, LeadLinkInline]


@admin.register(PlatformOutput)
class PlatformOutputAdmin(ScopedAdmin):
    list_display = ["platform", "year", "talent", "first_of_kind", "papers", "patent_applications", "funded_projects",
                    "firm_services", "city_support"]  # fmt: skip
    list_filter = ["year", "platform__platform_type"]
    search_fields = ["platform__code", "platform__name"]
    autocomplete_fields = ["platform"]


@admin.register(PlatformProject)
class PlatformProjectAdmin(ScopedAdmin):
    list_display = ["platform", "project", "relation", "since"]
    list_filter = ["relation"]
    autocomplete_fields = ["platform", "project"]


@admin.register(PlatformLead)
class PlatformLeadAdmin(ScopedAdmin):
    list_display = ["platform", "lead", "relation", "since"]
    list_filter = ["relation"]
    autocomplete_fields = ["platform", "lead"]


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(ScopedAdmin):
    list_display = ["name", "year", "platform_type", "bonus_cap"]
    list_filter = ["year", "platform_type"]
    inlines = [IndicatorInline, BandInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not SchemeIndicator:
            return super().save_formset(request, form, formset, change)
        rows = formset.save(commit=False)
        for row in formset.deleted_objects:
            require(request.user, "delete", row)
            row.delete()
        for row in saving_order(rows):
            require(request.user, "change" if row.pk else "add", row)
            row.save()
        formset.save_m2m()
        return None

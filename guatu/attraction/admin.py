from django.contrib import admin

from guatu.accounts.admin_scope import ReadOnlyAdmin, ScopedAdmin, ScopedInline
from guatu.attraction.models import (
    AdmissionThreshold,
    AttractionTarget,
    CapitalArrival,
    Contact,
    IndustryChain,
    Lead,
    LeadStageChange,
    SigningEvent,
    Talk,
    TimeRule,
)


class StageChangeInline(ScopedInline):
    """The history is written by transitions only: shown, never edited here."""

    model = LeadStageChange
    fields = ["on", "from_stage", "to_stage", "reason", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TalkInline(ScopedInline):
    model = Talk


class ContactInline(ScopedInline):
    model = Contact


class ArrivalInline(ScopedInline):
    model = CapitalArrival


@admin.register(Lead)
class LeadAdmin(ScopedAdmin):
    list_display = [
        "code",
        "name",
        "investor",
        "region",
        "source",
        "stage",
        "signed_on",
        "planned_investment",
        "leader_name",
    ]
    list_filter = ["stage", "source", "origin", "capital", "chain", "event"]
    search_fields = ["code", "name", "investor", "short_name"]
    autocomplete_fields = ["region", "platform", "department", "industry", "increase_of"]
    readonly_fields = ["stage", "stage_on", "signed_on", "event", "project"]
    inlines = [StageChangeInline, TalkInline, ContactInline, ArrivalInline]


@admin.register(LeadStageChange)
class LeadStageChangeAdmin(ReadOnlyAdmin):
    list_display = ["lead", "on", "from_stage", "to_stage", "by"]
    list_filter = ["to_stage"]
    search_fields = ["lead__code", "lead__name"]


@admin.register(Talk)
class TalkAdmin(ScopedAdmin):
    list_display = ["lead", "on", "kind", "summary"]
    list_filter = ["kind"]
    search_fields = ["lead__code", "lead__name", "summary"]
    autocomplete_fields = ["lead"]


@admin.register(CapitalArrival)
class CapitalArrivalAdmin(ScopedAdmin):
    list_display = ["lead", "on", "amount"]
    autocomplete_fields = ["lead"]


@admin.register(SigningEvent)
class SigningEventAdmin(ScopedAdmin):
    list_display = ["name", "on", "region", "host"]


@admin.register(IndustryChain)
class IndustryChainAdmin(ScopedAdmin):
    list_display = ["code", "name", "flagship", "sort_order"]


@admin.register(AdmissionThreshold)
class AdmissionThresholdAdmin(ScopedAdmin):
    list_display = ["year", "industry", "min_intensity", "min_tax_per_mu", "qxwy_min_total"]
    list_filter = ["year"]


@admin.register(TimeRule)
class TimeRuleAdmin(ScopedAdmin):
    list_display = ["region", "respond_days", "screen_days", "report_days", "exit_review_months"]


@admin.register(AttractionTarget)
class AttractionTargetAdmin(ScopedAdmin):
    list_display = ["year", "region", "platform", "signed_count", "signed_amount"]
    list_filter = ["year"]

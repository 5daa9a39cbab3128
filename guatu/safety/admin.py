from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.safety import actions
from guatu.safety.models import Accident, AccidentThreshold, Hazard, Inspection, SafetyAward, ThreatRule


class HazardInline(ScopedInline):
    model = Hazard
    fields = ["code", "grade", "description", "found_on", "owner", "deadline", "status"]
    readonly_fields = ["status"]


@admin.register(Inspection)
class InspectionAdmin(ScopedAdmin):
    list_display = ["code", "inspected_on", "project", "firm", "region", "inspectors"]
    list_filter = ["region", "department"]
    search_fields = ["code", "firm", "project__name", "inspectors"]
    autocomplete_fields = ["project"]
    inlines = [HazardInline]


@admin.register(Hazard)
class HazardAdmin(ScopedAdmin):
    list_display = ["code", "grade", "description", "found_on", "deadline", "status", "supervised"]
    list_filter = ["grade", "status", "supervised"]
    search_fields = ["code", "description", "owner"]
    raw_id_fields = ["inspection"]


@admin.register(Accident)
class AccidentAdmin(ScopedAdmin):
    list_display = ["code", "occurred_on", "region", "deaths", "serious_injuries", "direct_loss", "accident_class"]
    list_filter = ["accident_class", "region"]
    search_fields = ["code", "firm", "description"]
    readonly_fields = ["accident_class"]
    autocomplete_fields = ["project"]


@admin.register(AccidentThreshold)
class AccidentThresholdAdmin(ScopedAdmin):
    list_display = ["accident_class", "rank", "deaths", "serious_injuries", "direct_loss"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        actions.reclassify_accidents(acting_user=request.user)


@admin.register(SafetyAward)
class SafetyAwardAdmin(ScopedAdmin):
    list_display = ["region", "year", "won", "note"]
    list_filter = ["year", "won"]


@admin.register(ThreatRule)
class ThreatRuleAdmin(ScopedAdmin):
    list_display = ["code", "name", "effect", "kind", "accident_class", "hazard_grade", "active"]

"""Admin for the calendar and the policy. Opening and closing go through `guatu.reporting.actions`
(the same rules as the web, API and CLI); the state and who closed a month cannot be typed in."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.reporting import actions
from guatu.reporting.models import ReportingMonth, ReportingPolicy

STATE_FIELDS = ["state", "opened_at", "opened_by", "closed_at", "closed_by", "reopened_at", "reopened_by",
                "reopen_reason"]  # fmt: skip


@admin.register(ReportingMonth)
class ReportingMonthAdmin(ScopedAdmin):
    list_display = ["__str__", "deadline", "state", "closed_at", "closed_by", "reopen_reason"]
    list_filter = ["state", "year"]
    actions = ["close_selected"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["year", "month"] if obj is not None else []
        return [*fixed, *STATE_FIELDS]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        opened = actions.open_month(obj.year, obj.month, acting_user=request.user, deadline=obj.deadline)
        obj.pk, obj.opened_at, obj.opened_by = opened.pk, opened.opened_at, opened.opened_by

    @admin.action(description=_("Close the selected reporting months"), permissions=["change"])
    def close_selected(self, request, queryset):
        for reporting_month in queryset.order_by("year", "month"):
            try:
                locked = actions.close_month(reporting_month, acting_user=request.user)
                self.message_user(request, f"{reporting_month}: {locked}", messages.SUCCESS)
            except (actions.CalendarError, PermissionDenied) as exc:
                self.message_user(request, f"{reporting_month}: {exc}", messages.ERROR)


@admin.register(ReportingPolicy)
class ReportingPolicyAdmin(ScopedAdmin):
    list_display = ["__str__", "deadline_day", "reported_share_pct"]

    def has_add_permission(self, request) -> bool:
        return not ReportingPolicy.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

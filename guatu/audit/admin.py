from django.contrib import admin

from guatu.accounts.admin_scope import ReadOnlyAdmin
from guatu.audit.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["time", "username", "action", "content_type", "object_repr", "reason", "request_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["username", "object_repr", "reason", "request_id"]
    date_hierarchy = "time"

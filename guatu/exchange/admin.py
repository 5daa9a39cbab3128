from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.exchange.models import HeaderSynonym, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ScopedAdmin):
    list_display = ["file_name", "kind", "status", "rows_read", "requested_by", "created_at"]
    list_filter = ["status", "kind"]
    readonly_fields = ["preview"]


@admin.register(HeaderSynonym)
class HeaderSynonymAdmin(ScopedAdmin):
    list_display = ["label", "column", "kind"]
    list_filter = ["kind"]
    search_fields = ["label", "column"]

from django.contrib import admin

from guatu.exchange.models import HeaderSynonym, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "status", "rows_read", "requested_by", "created_at"]
    list_filter = ["status", "kind"]
    readonly_fields = ["preview"]


@admin.register(HeaderSynonym)
class HeaderSynonymAdmin(admin.ModelAdmin):
    list_display = ["label", "column", "kind"]
    list_filter = ["kind"]
    search_fields = ["label", "column"]

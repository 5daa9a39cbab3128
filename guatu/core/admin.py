from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.core.models import Department, Industry, Platform, Region


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Platform)
class PlatformAdmin(ScopedAdmin):
    list_display = ["code", "name", "parent", "region"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "region"]


@admin.register(Industry)
class IndustryAdmin(ScopedAdmin):
    list_display = ["code", "name", "flagship", "sort_order"]
    list_filter = ["flagship"]
    search_fields = ["code", "name"]


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["region"]

from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.briefings.models import Masthead


@admin.register(Masthead)
class MastheadAdmin(ScopedAdmin):
    list_display = ["issuer", "masthead", "number_format", "region"]
    autocomplete_fields = ["region"]

from django.contrib import admin

from guatu.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "home_region", "home_platform"]
    autocomplete_fields = ["home_region", "home_platform"]


from guatu.accounts import token_admin  # noqa: E402, F401 — registers the API token admin

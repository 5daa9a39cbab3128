"""The admin for API tokens (registered from admin.py): a list to see who holds one, and revoking."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guatu.accounts.tokens import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Who holds an API token and when it was last used. Administrators revoke here; a key is issued
    only to its user (the account page) or by `guatu token USERNAME`, since the admin could not show it
    safely."""

    list_display = ["user", "prefix", "created", "last_used"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "prefix", "created", "last_used"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected API tokens"), permissions=["delete"])
    def revoke(self, request, queryset) -> None:
        count, _rows = queryset.delete()
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count}
        self.message_user(request, message)

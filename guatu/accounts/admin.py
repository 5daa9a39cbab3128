from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from guatu.accounts.access import may
from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.accounts.models import Profile, RoleAssignment

User = get_user_model()


class RoleAssignmentInline(ScopedInline):
    model = RoleAssignment
    fk_name = "user"
    autocomplete_fields = ["region", "platform", "department"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdmin):
    list_display = ["user", "role", "region", "platform", "department", "note"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "region", "platform", "department"]


@admin.register(Profile)
class ProfileAdmin(ScopedAdmin):
    list_display = ["user", "home_region", "home_platform"]
    autocomplete_fields = ["home_region", "home_platform"]


admin.site.unregister(User)


@admin.register(User)
class GuatuUserAdmin(UserAdmin):
    """Users are deactivated, never deleted: their name stays on the change record."""

    inlines = [RoleAssignmentInline]
    actions = ["deactivate"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_staff and may(request.user, User, "view")

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_staff and may(request.user, User, "view")

    def has_add_permission(self, request) -> bool:
        return request.user.is_staff and may(request.user, User, "add")

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_staff and may(request.user, User, "change")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Deactivate the selected users"))
    def deactivate(self, request, queryset):
        from guatu.accounts import actions

        for user in queryset:
            actions.deactivate(user, acting_user=request.user)


from guatu.accounts import token_admin  # noqa: E402, F401 — registers the API token admin


def _for_people_managers(base: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """django-axes' log-in records for whoever may manage people (the city administrator): read them, and lift a
    lockout by deleting its attempt (管理后台 → 登录尝试) — by role, not by Django's model permissions, which no
    role grants."""

    class PeopleManagersOnly(base):
        def has_module_permission(self, request) -> bool:
            return request.user.is_staff and may(request.user, User, "change")

        def has_view_permission(self, request, obj=None) -> bool:
            return self.has_module_permission(request)

        def has_delete_permission(self, request, obj=None) -> bool:
            return self.has_module_permission(request)

        def has_change_permission(self, request, obj=None) -> bool:
            return False

    PeopleManagersOnly.__name__ = base.__name__
    return PeopleManagersOnly


def _register_lockout_admins() -> None:
    from axes import admin as axes_admin
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    pairs = ((AccessAttempt, axes_admin.AccessAttemptAdmin), (AccessLog, axes_admin.AccessLogAdmin),
             (AccessFailureLog, axes_admin.AccessFailureLogAdmin))  # fmt: skip
    for model, base in pairs:
        if admin.site.is_registered(model):
            admin.site.unregister(model)
            admin.site.register(model, _for_people_managers(base))


_register_lockout_admins()

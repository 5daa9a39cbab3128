"""People: each user's role assignments (what they may do, where) and home scope (where the cockpit opens)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from guatu.accounts.roles import Role
from guatu.audit.tracking import TrackedModel
from guatu.core.models import Department, Platform, Region


class RoleAssignment(TrackedModel):
    """A role a user holds, within one scope: a region subtree, a platform subtree and/or a department.

    The scope's parts narrow each other (a region AND a department); a user's assignments widen
    each other (this one OR that one). No part at all means the whole of the data.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("The region and everything under it."),
    )  # fmt: skip
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("The platform and its sub-areas."),
    )  # fmt: skip
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["user__username", "role", "id"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # one grant per user, role and scope, an empty scope part counting as one value (SQLite has no
            # NULLS NOT DISTINCT, so the empty parts are compared as 0 on both databases)
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("region", Value(0)),
                Coalesce("platform", Value(0)),
                Coalesce("department", Value(0)),
                name="roleassignment_unique",
                violation_error_message=_("This user already holds this role with this scope."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_label()}"

    def scope_label(self) -> str:
        parts = [str(p) for p in (self.region, self.platform, self.department) if p]
        return " ∧ ".join(parts) if parts else str(_("everywhere"))

    def clean(self) -> None:
        needs_scope = {Role.REPORTER, Role.REVIEWER, Role.DEPARTMENT}
        if self.role in needs_scope and not (self.region_id or self.platform_id or self.department_id):
            raise ValidationError(
                _("A %(role)s needs a scope: a region, a platform or a department.") % {"role": self.get_role_display()}
            )
        if self.role == Role.DEPARTMENT and not self.department_id:
            raise ValidationError({"department": _("A department officer needs a department.")})


class Profile(models.Model):
    """A user's home scope: what their cockpit opens on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    home_region = models.ForeignKey(
        Region, verbose_name=_("home region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    home_platform = models.ForeignKey(
        Platform, verbose_name=_("home platform"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


def home_scope_of(user) -> tuple[Region | None, Platform | None]:
    """Where the user's overview pages open: their profile's home scope, else their first role's scope."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None, None
    profile = Profile.objects.filter(user=user).select_related("home_region", "home_platform").first()
    if profile is not None:
        return profile.home_region, profile.home_platform
    first = RoleAssignment.objects.filter(user=user).select_related("region", "platform").first()
    return (first.region, first.platform) if first else (None, None)


from guatu.accounts.tokens import ApiToken  # noqa: E402, F401 — registered with the accounts app

"""People: a profile holds each user's home scope (what their cockpit opens on)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guatu.core.models import Platform, Region


class Profile(models.Model):
    """A user's home scope. Access scoping (region, department) will live here too."""

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
    profile = Profile.objects.filter(user=user).select_related("home_region", "home_platform").first() if user else None
    return (profile.home_region, profile.home_platform) if profile else (None, None)


from guatu.accounts.tokens import ApiToken  # noqa: E402, F401 — registered with the accounts app

"""Per-user API tokens, kept as a SHA-256 digest: the key is shown once when issued and never stored.

A key is `gt_` + 32 random bytes (URL-safe base64), so its digest needs no salt or slow hash: nobody
can guess a 256-bit key, and a stolen database holds nothing that opens the API. One token a user;
issuing a new one replaces the old, revoking deletes it. The web page (账户), the admin and
`guatu token USER [--revoke]` all call `issue_token` / `revoke_token`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "gt_"
# How stale `last_used` may get: one write per token per interval, not one per request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A user's API token: the digest of the key, the first characters to recognise it, when it was
    issued and last used."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_token"
    )
    digest = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=12, editable=False)
    created = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.prefix}…)"


def issue_token(user) -> str:
    """Give `user` a new key (replacing any earlier one) and return it: the only time it is seen."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        ApiToken.objects.filter(user=user).delete()
        ApiToken.objects.create(user=user, digest=digest_of(key), prefix=key[:8])
    return key


def revoke_token(user) -> bool:
    """Delete `user`'s token; False when there was none."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)


def token_for_key(key: str) -> ApiToken | None:
    """The live token a key opens (its user active), noting when it was used; None otherwise."""
    if not key.startswith(KEY_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token

"""How the API knows who is calling: a per-user token (`Authorization: Token gt_…`), HTTP Basic only
behind HTTPS, or the browser's session. Failed Basic log-ins count toward the django-axes lockout
like the log-in page's, and a locked-out caller gets 429."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication, TokenAuthentication, get_authorization_header

from guatu.accounts.lockout import lockout_message
from guatu.accounts.tokens import token_for_key

PLAIN_HTTP_BASIC = _(
    "HTTP Basic authentication is accepted only over HTTPS. Use an API token: Authorization: Token <key>."
)


class LockedOut(exceptions.APIException):
    status_code = 429
    default_code = "locked_out"


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` against the hashed tokens of `guatu.accounts.tokens`."""

    def authenticate_credentials(self, key):
        token = token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API token."))
        return token.user, token


class HttpsOnlyBasicAuthentication(BasicAuthentication):
    """HTTP Basic, only when the site runs behind HTTPS (GUATU_HTTPS=1) and the request came over it:
    a password sent in the clear is refused with a message that points to API tokens."""

    def authenticate(self, request):
        scheme = get_authorization_header(request).split()[:1]
        if not scheme or scheme[0].lower() != b"basic":
            return None
        if not (settings.HTTPS and request.is_secure()):
            raise exceptions.AuthenticationFailed(PLAIN_HTTP_BASIC)
        return super().authenticate(request)

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            # django-axes marks the request when this failure (or an earlier one) locked the pair out.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut(lockout_message(request)) from None
            raise


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "guatu.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A per-user API token: `Authorization: Token gt_…`. Create or revoke it on the account "
            "page (/account/) or with `guatu token USERNAME [--revoke]`.",
        }


class HttpsOnlyBasicScheme(OpenApiAuthenticationExtension):
    target_class = "guatu.accounts.authentication.HttpsOnlyBasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "basic",
            "description": "Username and password; accepted only when the site is served over HTTPS (GUATU_HTTPS=1).",
        }

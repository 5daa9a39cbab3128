"""The signed-in user's own account: change the password, create or revoke the API token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from guatu.accounts.tokens import ApiToken, issue_token, revoke_token


def _page(request, new_key: str | None = None):
    token = ApiToken.objects.filter(user=request.user).first()
    return render(request, "accounts/account.html", {"token": token, "new_key": new_key})


@login_required
@never_cache
def account(request):
    return _page(request)


@login_required
@never_cache
@require_POST
def token_action(request, action: str):
    """Create (or replace) the token and show its key once, in this response only; or revoke it."""
    if action == "create":
        return _page(request, new_key=issue_token(request.user))
    if action == "revoke":
        if revoke_token(request.user):
            messages.success(request, _("API token revoked: it no longer opens the API."))
        return redirect("accounts:account")
    return redirect("accounts:account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view (old password, new one twice, every validator in AUTH_PASSWORD_VALIDATORS)."""

    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Password changed."))
        return super().form_valid(form)

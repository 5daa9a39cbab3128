"""Redirects that follow a `next` from the request only when it stays on this site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_to_next(request: HttpRequest, fallback: str, *args, **kwargs) -> HttpResponseRedirect:
    """Go to the request's `next` (POST, else GET) if Django's safe-URL check passes, else to `fallback`
    (a URL name or path, with its arguments). An off-site or scheme-changing `next` is ignored."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):  # fmt: skip
        return HttpResponseRedirect(target)
    return redirect(fallback, *args, **kwargs)

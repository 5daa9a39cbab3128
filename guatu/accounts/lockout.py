"""What a locked-out log-in sees (django-axes calls `lockout_response`): a translated page in the
browser, JSON for the API, both with status 429 and the time the lockout lasts."""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_minutes(request: HttpRequest | None = None) -> int | None:
    """How many minutes a lockout lasts (None: until an administrator lifts it)."""
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def lockout_message(request: HttpRequest | None = None) -> str:
    minutes = lockout_minutes(request)
    if minutes is None:
        return _("Too many failed log-ins for this account from this address. Ask an administrator to unlock it.")
    return _(
        "Too many failed log-ins for this account from this address. Try again in %(minutes)s minutes, "
        "or ask an administrator to unlock it."
    ) % {"minutes": minutes}


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.headers.get("x-requested-with") == "XMLHttpRequest"


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """The response to a log-in refused because its username and address are locked out."""
    if wants_json(request):
        return JsonResponse({"detail": lockout_message(request), "code": "locked_out"}, status=429)
    return render(request, "registration/locked_out.html", {"message": lockout_message(request)}, status=429)

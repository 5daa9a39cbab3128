"""Overview pages open on the user's home scope; a query string replaces it."""

from __future__ import annotations

from guatu.accounts.models import home_scope_of


def bind_scope_form(request, form_class, defaults: dict):
    """`form_class` bound to the query string (missing keys from `defaults`), or — with no query
    string — to the user's home region/platform and `defaults`."""
    if request.GET:
        data = request.GET.copy()
        for key, value in defaults.items():
            data.setdefault(key, str(value))
        return form_class(data)
    region, platform = home_scope_of(request.user)
    return form_class({**defaults, "region": region.pk if region else "", "platform": platform.pk if platform else ""})

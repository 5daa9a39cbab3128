"""View decorators for the access rule (`guatu.accounts.access`)."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from guatu.accounts.access import may


def role_required(model, action: str):
    """Refuse (403) a user whose roles grant `action` on `model` nowhere; objects are checked in the view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not may(request.user, model, action):
                raise PermissionDenied(_("Your role does not allow this."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

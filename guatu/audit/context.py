"""Who is acting, why, and in which request — for the change record.

Every way in sets the actor once: the web and the API through `RequestActorMiddleware` (the user
is read lazily, so DRF's token and basic authentication, which happen inside the view, count),
the CLI and jobs through `acting(...)`. Workflows add a reason with `acting(reason=...)`, which
keeps the outer user and request.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace

SYSTEM = "system"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user (or None for the system), the name kept as text, the request, why."""

    user: object = None
    name: str = SYSTEM
    request_id: str = ""
    reason: str = ""
    request: object = None  # the HttpRequest whose user is read when the record is written

    def resolved(self) -> Actor:
        """The actor with the request's user, once authentication has run."""
        if self.request is None:
            return self
        user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return replace(self, request=None, user=user, name=user.get_username())
        return replace(self, request=None)


_current: ContextVar[Actor] = ContextVar("guatu_actor", default=Actor())  # noqa: B039 — frozen, never mutated


def current_actor() -> Actor:
    return _current.get().resolved()


@contextlib.contextmanager
def acting(
    user=..., *, name: str | None = None, reason: str | None = None, request_id: str | None = None, request=None
) -> Iterator[Actor]:
    """Set who acts (and why) for the block; anything not given is kept from the outer actor."""
    outer = _current.get()
    changes: dict = {}
    if user is not ...:
        changes.update(user=user, request=None, name=name or (user.get_username() if user is not None else SYSTEM))
    elif name is not None:
        changes["name"] = name
    if reason is not None:
        changes["reason"] = reason
    if request_id is not None:
        changes["request_id"] = request_id
    if request is not None:
        changes["request"] = request
    token = _current.set(replace(outer, **changes))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def new_request_id(incoming: str | None = None) -> str:
    """The caller's X-Request-ID when it is a sane token, else a fresh one."""
    if incoming and _REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestActorMiddleware:
    """Every request acts as its (lazily authenticated) user, with a request id echoed back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        with acting(None, name="anonymous", request_id=request_id, request=request, reason=""):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def records_acting_user(function):
    """Decorate an action taking `acting_user=`: its writes are recorded under that user."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, acting_user=None, **kwargs):
        if acting_user is None:
            return function(*args, acting_user=acting_user, **kwargs)
        with acting(acting_user):
            return function(*args, acting_user=acting_user, **kwargs)

    return wrapper

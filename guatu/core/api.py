"""What every API endpoint shares: errors as 4xx with a reason (never a 500 for bad input or a race),
and optimistic concurrency on every edit (ETag / If-Match, or the `version` field).

- A detail GET answers `ETag: "<version>"`.
- PUT/PATCH/DELETE need the version the client last saw: `If-Match: "<version>"` or a `version` in
  the body. Without one → 428; a stale If-Match → 412; a stale body version (or someone saving in
  between) → 409, with the stored version in the answer.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from guatu.accounts.permissions import ScopedViewSetMixin
from guatu.audit.tracking import VersionConflict


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Send the version you last saw: an If-Match header (the ETag) or a `version` field."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def exception_handler(exc, context):
    """DRF's handler, plus Django's validation, permission, version and integrity errors as 4xx."""
    from guatu.core.params import ParamError

    if isinstance(exc, ParamError):
        exc = exceptions.ValidationError({exc.name: [exc.reason]})
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, VersionConflict):
        exc = Conflict({"detail": str(exc), "version": (exc.current or {}).get("version")})
    elif isinstance(exc, IntegrityError):
        exc = Conflict({"detail": _("This clashes with data saved at the same time or already stored: %(reason)s")
                        % {"reason": str(exc).splitlines()[0][:200]}})  # fmt: skip
    elif isinstance(exc, OperationalError) and "locked" in str(exc).lower():
        exc = Conflict({"detail": _("The database was busy with another change; try again.")})
    return drf_exception_handler(exc, context)


def _parse_if_match(header: str | None) -> int | None:
    if not header:
        return None
    token = header.split(",")[0].strip()
    token = token.removeprefix("W/").strip('"')
    if not token.isdigit():
        raise PreconditionFailed(_('If-Match must be the ETag of the object, e.g. "3".'))
    return int(token)


class VersionedMixin:
    """ETag on reads; the version the client saw is required and checked on writes."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        if hasattr(instance, "version"):
            response["ETag"] = f'"{instance.version}"'
        return response

    def _seen_version(self, instance) -> int:
        header = _parse_if_match(self.request.headers.get("If-Match"))
        if header is not None:
            if header != instance.version:
                raise PreconditionFailed(
                    {"detail": _("The object changed since you read it."), "version": instance.version}
                )
            return header
        body = self.request.data.get("version") if hasattr(self.request.data, "get") else None
        if body in (None, ""):
            raise PreconditionRequired()
        try:
            return int(body)
        except (TypeError, ValueError):
            raise exceptions.ValidationError({"version": [_("A whole number.")]}) from None

    def perform_update(self, serializer):
        serializer.instance.version = self._seen_version(serializer.instance)
        serializer.save()

    def perform_destroy(self, instance):
        seen = self._seen_version(instance)
        if seen != instance.version:
            raise Conflict({"detail": _("The object changed since you read it."), "version": instance.version})
        instance.delete()


class GuatuModelViewSet(ScopedViewSetMixin, VersionedMixin, viewsets.ModelViewSet):
    """A model API under the access rule, with optimistic concurrency."""


class GuatuReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only model API under the access rule."""

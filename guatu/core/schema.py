"""The statuses a model endpoint answers, for the OpenAPI schema: every part's model viewsets
(`GuatuModelViewSet`: scoped, versioned) answer the same ones, so they are documented once."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

NOT_ALLOWED = OpenApiResponse(description="not signed in, or outside the user's role or scope")
NOT_FOUND = OpenApiResponse(description="no such object among those the user may see")
INVALID = OpenApiResponse(description="a field is invalid (the model's own rules), the reason per field")
STALE = OpenApiResponse(description="changed by someone else since read (the stored version is in the answer), "
                                    "or it clashes with stored data")  # fmt: skip
OTHER_VERSION = OpenApiResponse(description="If-Match names another version than the stored one")
NO_VERSION = OpenApiResponse(description="no version sent: an If-Match header or a `version` field")

READ_ERRORS = {403: NOT_ALLOWED, 404: NOT_FOUND}
CREATE_ERRORS = {400: INVALID, 403: NOT_ALLOWED}
CHANGE_ERRORS = {**CREATE_ERRORS, 404: NOT_FOUND, 409: STALE, 412: OTHER_VERSION, 428: NO_VERSION}


def documented(serializer):
    """A model viewset's operations with the statuses each answers (a class decorator)."""
    return extend_schema_view(
        list=extend_schema(responses={200: serializer(many=True), 403: NOT_ALLOWED}),
        retrieve=extend_schema(responses={200: serializer, **READ_ERRORS}),
        create=extend_schema(responses={201: serializer, **CREATE_ERRORS}),
        update=extend_schema(responses={200: serializer, **CHANGE_ERRORS}),
        partial_update=extend_schema(responses={200: serializer, **CHANGE_ERRORS}),
        destroy=extend_schema(responses={204: None, **CHANGE_ERRORS}),
    )

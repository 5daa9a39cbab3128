"""The API's front door: one root listing every endpoint of the schema, and the browsable schema (Swagger UI,
served from drf-spectacular-sidecar's files — no CDN) under the Content-Security-Policy.

Each app's DefaultRouter only knows its own viewsets, so the first router's root listed three endpoints of
thirty; the root here reads the paths from the OpenAPI schema itself, so a new endpoint joins it by existing.
"""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse as api_reverse
from rest_framework.views import APIView

METHODS = ("get", "post", "put", "patch", "delete")


@functools.cache
def schema_paths() -> dict[str, tuple[str, ...]]:
    """Every path of the public schema → its HTTP methods, in the schema's order (computed once per process:
    the URLconf does not change while it runs)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {path: tuple(m.upper() for m in METHODS if m in item) for path, item in schema["paths"].items()}


def _key(path: str, prefix: str) -> str:
    return path.removeprefix(prefix).strip("/")


class ApiRootView(APIView):
    """Every endpoint of guatu's API with its methods ({id}, {code} … in a path are filled in by the client),
    the documentation to browse (docs) and the OpenAPI schema (schema, schema_json)."""

    schema = None  # the root is not an operation of the schema it lists

    def get_view_name(self) -> str:
        return "guatu API"

    def get(self, request, *args, **kwargs):
        prefix = reverse("api-index")
        base = request.build_absolute_uri("/").rstrip("/")
        endpoints = {
            _key(path, prefix): {"url": base + path, "methods": list(methods)}
            for path, methods in schema_paths().items()
        }
        return Response(
            {
                "docs": api_reverse("api-docs", request=request),
                "schema": api_reverse("schema", request=request),
                "schema_json": api_reverse("schema", request=request) + "?format=json",
                "endpoints": endpoints,
            }
        )


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI for the schema: the page, its start-up script (`?script`, a file, not inline) and the
    bundle from drf-spectacular-sidecar, all served by guatu. A visitor who is not logged in is sent to log in."""

    template_name = "api/docs.html"
    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().get(request, *args, **kwargs)

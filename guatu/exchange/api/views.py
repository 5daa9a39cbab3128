from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core import params
from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.permissions import may_import
from guatu.exchange.reader import UnreadableFile
from guatu.exchange.service import EXPORT_KINDS, export_bytes
from guatu.exchange.tables import KINDS
from guatu.exchange.uploads import discard, save_upload
from guatu.projects.scope import Scope, ScopeError


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=KINDS, required=False)
    commit = serializers.BooleanField(default=False, help_text="false: preview only; true: write (all or nothing)")


class CellErrorSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField()
    column = serializers.CharField()
    reason = serializers.CharField()


class PreviewSerializer(serializers.Serializer):
    file = serializers.CharField()
    kind = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    committed = serializers.BooleanField()
    errors = CellErrorSerializer(many=True)
    errors_total = serializers.IntegerField()
    changes = serializers.ListField(child=serializers.DictField())


class ImportView(APIView):
    """Upload a sheet: a preview (created / updated with old → new / unchanged / errors), or the commit."""

    parser_classes = [MultiPartParser]
    permission_classes = [IsAuthenticated]

    @extend_schema(request={"multipart/form-data": ImportRequestSerializer}, responses=PreviewSerializer)
    def post(self, request):
        body = ImportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            path = save_upload(data["file"])
        except ValueError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        try:
            name = data["file"].name
            preview = import_file(path, data.get("kind"), dry_run=True, name=name)
            if data["commit"] and preview.ok:
                if not may_import(request.user, preview.kind):
                    raise PermissionDenied(f"you may not import {preview.kind}")
                preview = import_file(path, preview.kind, acting_user=request.user, name=name)
        except (ImportError_, UnreadableFile) as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        finally:
            discard(path)
        return Response(preview.as_json(), status=200 if preview.ok else 400)


class ExportView(APIView):
    """The same exports as the pages' buttons: xlsx or CSV, with the same filters."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("filetype", str, enum=["xlsx", "csv"]), OpenApiParameter("year", int),
                    OpenApiParameter("through", int), OpenApiParameter("region", str),
                    OpenApiParameter("platform", str), OpenApiParameter("list", str)],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )  # fmt: skip
    def get(self, request, kind: str):
        if kind not in EXPORT_KINDS:
            raise ValidationError({"kind": [f"one of {', '.join(EXPORT_KINDS)}"]})
        fmt = request.query_params.get("filetype", "xlsx")  # not "format": DRF keeps that for its renderers
        if fmt not in ("xlsx", "csv"):
            raise ValidationError({"filetype": ["xlsx or csv"]})
        q = request.query_params
        year, through = params.get(q, "year", params.parse_year), params.get(q, "through", params.parse_month)
        try:
            scope = Scope.from_query(q)
            body = export_bytes(kind, fmt, scope, year=year, through=through, user=request.user)
        except (ScopeError, ValueError) as exc:
            raise ValidationError({"detail": [str(exc)]}) from exc
        content_type = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx"
                        else "text/csv; charset=utf-8")  # fmt: skip
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="guatu-{kind}.{fmt}"'
        return response

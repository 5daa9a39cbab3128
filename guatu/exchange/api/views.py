from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core import params
from guatu.core.downloads import attachment
from guatu.exchange.jobs import commit_refusal, job_may_commit, run_import
from guatu.exchange.models import ImportJob
from guatu.exchange.permissions import may_import
from guatu.exchange.service import EXPORT_KINDS, export_bytes
from guatu.exchange.tables import KINDS
from guatu.exchange.uploads import declared_too_large, discard, save_upload, too_large_message
from guatu.projects.scope import Scope, ScopeError


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.CharField(
        required=False,
        help_text="reports, plans, projects, or another part's sheet "
        "(leads, funds, fund-investments, hazards, innovation-outputs …); default: "
        "recognised from the header (the ledger's kinds)",
    )

    def validate_kind(self, value: str) -> str:
        from guatu.exchange import registry

        if value and value not in (*KINDS, *registry.REGISTRY):
            raise serializers.ValidationError(f"one of {', '.join([*KINDS, *sorted(registry.REGISTRY)])}")
        return value

    commit = serializers.BooleanField(
        default=False, help_text="false: preview only; true: commit after reading when the file has no errors"
    )


class CellErrorSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField()
    column = serializers.CharField(help_text="the sheet's own header text, or the field's label if it has none")
    reason = serializers.CharField()


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField(help_text="the field's label in the request's language")
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)


class ChangeSerializer(serializers.Serializer):
    record = serializers.CharField(help_text="project code and name, and the year/month")
    action = serializers.ChoiceField(choices=["create", "update"])
    action_label = serializers.CharField(help_text="新增 / 修改 in the request's language")
    changes = FieldChangeSerializer(many=True)


class PreviewSerializer(serializers.Serializer):
    file = serializers.CharField()
    kind = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    committed = serializers.BooleanField()
    can_commit = serializers.BooleanField(help_text="no errors and something to create or update")
    absent = serializers.ListField(child=serializers.CharField(), help_text="fields the file does not carry: "
                                   "left as stored when updating")  # fmt: skip
    declared = serializers.DictField(child=serializers.CharField(), help_text="unit and period declared above the "
                                     "header")  # fmt: skip
    errors = CellErrorSerializer(many=True)
    errors_total = serializers.IntegerField()
    changes = ChangeSerializer(many=True)


class ImportJobSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="poll this until the status is previewed, committed or failed")
    commit_url = serializers.CharField(help_text="POST here to commit a previewed job")
    file_name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.ChoiceField(choices=ImportJob.Status.choices, help_text="queued → reading → previewed; "
                                     "committing → committed; or failed (see error)")  # fmt: skip
    rows_read = serializers.IntegerField()
    error = serializers.CharField()
    preview = PreviewSerializer(allow_null=True)


class ImportRefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()


def job_json(request, job: ImportJob) -> dict:
    url = request.build_absolute_uri(reverse("api-import-job", args=[job.token]))
    return {"url": url, "commit_url": request.build_absolute_uri(reverse("api-import-commit", args=[job.token])),
            "file_name": job.file_name, "kind": job.kind, "status": job.status, "rows_read": job.rows_read,
            "error": job.error, "preview": job.preview}  # fmt: skip


def _accepted(request, job: ImportJob) -> Response:
    job.refresh_from_db()
    body = job_json(request, job)
    return Response(body, status=202, headers={"Location": body["url"]})


class ImportView(APIView):
    """Upload a sheet: a background job reads it (a preview: created / updated with old → new /
    unchanged / every error) and, with commit=true and no errors, commits it. Answers 202 with the
    job's URL to poll."""

    parser_classes = [MultiPartParser]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={202: ImportJobSerializer, 400: ImportRefusalSerializer, 413: ImportRefusalSerializer},
    )
    def post(self, request):
        if declared_too_large(request._request):  # refused before the body is read
            return Response({"detail": too_large_message()}, status=413)
        body = ImportRequestSerializer(data=request.data)
        if getattr(request._request, "upload_too_large", False):
            return Response({"detail": too_large_message()}, status=413)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            path = save_upload(data["file"])
        except ValueError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        kind = data.get("kind") or ""
        if data["commit"] and kind and not may_import(request.user, kind):
            discard(path)
            raise PermissionDenied(f"you may not import {kind}")
        job = ImportJob.objects.create(token=path.stem, file_name=data["file"].name, kind=kind,
                                       requested_by=request.user, commit_requested=data["commit"],
                                       language=get_language() or "")  # fmt: skip
        run_import.enqueue(job.pk, False)
        return _accepted(request, job)


def _job(request, token: str) -> ImportJob:
    job = ImportJob.objects.filter(token=token).first()
    if job is None or (job.requested_by_id != request.user.pk and not request.user.is_superuser):
        raise NotFound()
    return job


class ImportJobView(APIView):
    """An import job: its status, rows read, error, and the preview once read."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ImportJobSerializer, 404: ImportRefusalSerializer})
    def get(self, request, token: str):
        return Response(job_json(request, _job(request, token)))


class ImportCommitView(APIView):
    """Commit a previewed job (all or nothing). Refused with the reason when the preview has errors
    or nothing to change."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={202: ImportJobSerializer, 403: ImportRefusalSerializer,
                                            409: ImportRefusalSerializer})  # fmt: skip
    def post(self, request, token: str):
        job = _job(request, token)
        from guatu.exchange import registry

        if job.kind not in (*KINDS, *registry.REGISTRY) or not may_import(request.user, job.kind):
            raise PermissionDenied(f"you may not import {job.kind or 'this file'}")
        if not job_may_commit(job):
            return Response({"detail": commit_refusal(job)}, status=409)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)
        run_import.enqueue(job.pk, True)
        return _accepted(request, job)


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
        from guatu.exchange import registry

        if kind not in EXPORT_KINDS and kind not in registry.REGISTRY:
            raise ValidationError({"kind": [f"one of {', '.join([*EXPORT_KINDS, *sorted(registry.REGISTRY)])}"]})
        fmt = request.query_params.get("filetype", "xlsx")  # not "format": DRF keeps that for its renderers
        if fmt not in ("xlsx", "csv"):
            raise ValidationError({"filetype": ["xlsx or csv"]})
        if kind in registry.REGISTRY:
            return attachment(registry.export_kind(kind, fmt, user=request.user), f"guatu-{kind}.{fmt}")
        q = request.query_params
        year, through = params.get(q, "year", params.parse_year), params.get(q, "through", params.parse_month)
        try:
            scope = Scope.from_query(q)
            body = export_bytes(kind, fmt, scope, year=year, through=through, user=request.user)
        except (ScopeError, ValueError) as exc:
            raise ValidationError({"detail": [str(exc)]}) from exc
        return attachment(body, f"guatu-{kind}.{fmt}")

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core.api import GuatuModelViewSet, GuatuReadOnlyViewSet
from guatu.core.periods import Period
from guatu.core.schema import documented
from guatu.projects import actions
from guatu.projects.api.serializers import (
    AnnualPlanSerializer,
    CorrectionSerializer,
    ListMembershipSerializer,
    MonthlyReportSerializer,
    ProgressQuerySerializer,
    ProgressSerializer,
    ProjectListSerializer,
    ProjectSerializer,
    ReturnSerializer,
)
from guatu.projects.filtersets import AnnualPlanFilterSet, MonthlyReportFilterSet, ProjectFilterSet
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList
from guatu.projects.progress import progress
from guatu.projects.scope import Scope, ScopeError


@documented(ProjectSerializer)
class ProjectViewSet(GuatuModelViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = Project.objects.select_related("region", "platform").prefetch_related("memberships__project_list")


class ProjectListViewSet(GuatuReadOnlyViewSet):
    serializer_class = ProjectListSerializer
    queryset = ProjectList.objects.all()


@documented(AnnualPlanSerializer)
class AnnualPlanViewSet(GuatuModelViewSet):
    serializer_class = AnnualPlanSerializer
    filterset_class = AnnualPlanFilterSet
    queryset = AnnualPlan.objects.select_related("project")


@documented(ListMembershipSerializer)
class ListMembershipViewSet(GuatuModelViewSet):
    serializer_class = ListMembershipSerializer
    filterset_fields = ["year", "project", "project_list"]
    queryset = ListMembership.objects.select_related("project", "project_list")


WORKFLOW_ERRORS = {400: OpenApiResponse(description="the status does not allow it, or a field is invalid"),
                   403: OpenApiResponse(description="outside the user's role or scope"),
                   404: OpenApiResponse(description="no such report in the user's scope")}  # fmt: skip


@documented(MonthlyReportSerializer)
class MonthlyReportViewSet(GuatuModelViewSet):
    """Monthly reports. New ones are drafts; `submit`, `approve`, `return` and `correct` move them on."""

    serializer_class = MonthlyReportSerializer
    filterset_class = MonthlyReportFilterSet
    queryset = MonthlyReport.objects.select_related("project")
    access_actions = {"submit": "submit", "approve": "approve", "return_": "approve", "correct": "correct"}

    def _step(self, function, *args):
        report = self.get_object()
        try:
            function(report, *args, acting_user=self.request.user)
        except actions.WorkflowError as exc:
            raise ValidationError({"status": [str(exc)]}) from exc
        return Response(MonthlyReportSerializer(report, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={200: MonthlyReportSerializer, **WORKFLOW_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft (or returned) report for review."""
        return self._step(actions.submit_report)

    @extend_schema(request=None, responses={200: MonthlyReportSerializer, **WORKFLOW_ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted report (a reviewer in scope)."""
        return self._step(actions.approve_report)

    @extend_schema(request=ReturnSerializer, responses={200: MonthlyReportSerializer, **WORKFLOW_ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Return a submitted or approved report to its reporter, with the reason."""
        self.get_object()  # in scope and allowed, before the body is read
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._step(actions.return_report, body.validated_data["reason"])

    @extend_schema(
        request=CorrectionSerializer,
        responses={200: MonthlyReportSerializer, 409: OpenApiResponse(description="changed since read"),
                   **WORKFLOW_ERRORS},
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Correct a locked report: new figures and a reason; a new revision, the old figures kept on record."""
        self.get_object()  # in scope and allowed, before the body is read
        body = CorrectionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        figures = dict(body.validated_data)
        reason = figures.pop("reason")
        return self._step(actions.correct_report, figures, reason)


class ProgressView(APIView):
    """Progress per project list for a scope and period — the same rows as `guatu progress --json`: every row's
    laggards counted, and a page of them (`lagging_page`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[ProgressQuerySerializer], responses=ProgressSerializer)
    def get(self, request):
        query = ProgressQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            scope = Scope.from_query(data)
        except ScopeError as exc:
            raise ValidationError({"scope": [str(exc)]}) from exc
        report = progress(scope, Period(data["year"], data["through"]), user=request.user,
                          lagging_page=data["lagging_page"])  # fmt: skip
        return Response(report.as_json())

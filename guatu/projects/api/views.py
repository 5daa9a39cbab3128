from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core.periods import Period
from guatu.projects.api.serializers import (
    AnnualPlanSerializer,
    MonthlyReportSerializer,
    ProgressQuerySerializer,
    ProgressSerializer,
    ProjectListSerializer,
    ProjectSerializer,
)
from guatu.projects.filtersets import AnnualPlanFilterSet, MonthlyReportFilterSet, ProjectFilterSet
from guatu.projects.models import AnnualPlan, MonthlyReport, Project, ProjectList
from guatu.projects.progress import progress
from guatu.projects.scope import Scope, ScopeError


class ProjectViewSet(viewsets.ModelViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    lookup_field = "code"

    def get_queryset(self):
        return (
            Project.objects.visible_to(self.request.user)
            .select_related("region", "platform")
            .prefetch_related("memberships__project_list")
        )


class ProjectListViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProjectListSerializer
    queryset = ProjectList.objects.all()


class AnnualPlanViewSet(viewsets.ModelViewSet):
    serializer_class = AnnualPlanSerializer
    filterset_class = AnnualPlanFilterSet

    def get_queryset(self):
        return AnnualPlan.objects.visible_to(self.request.user).select_related("project")


class MonthlyReportViewSet(viewsets.ModelViewSet):
    serializer_class = MonthlyReportSerializer
    filterset_class = MonthlyReportFilterSet

    def get_queryset(self):
        return MonthlyReport.objects.visible_to(self.request.user).select_related("project")


class ProgressView(APIView):
    """Progress per project list for a scope and period — the same rows as `guatu progress --json`."""

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
        report = progress(scope, Period(data["year"], data["through"]), user=request.user)
        return Response(report.as_json())

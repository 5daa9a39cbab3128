"""The reporting API: 报送情况 and the calendar (open, close, reopen through the same actions as the web)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.projects.scope import Scope, ScopeError
from guatu.reporting import actions
from guatu.reporting.api.serializers import (
    OpenMonthSerializer,
    ReopenSerializer,
    ReportingMonthSerializer,
    StatusQuerySerializer,
    SubmissionStatusSerializer,
)
from guatu.reporting.defaults import status_month
from guatu.reporting.models import ReportingMonth
from guatu.reporting.status import submission_status


class SubmissionStatusView(APIView):
    """报送情况: who has and has not reported for a month, per county, platform, department and list."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[StatusQuerySerializer], responses=SubmissionStatusSerializer)
    def get(self, request):
        query = StatusQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            scope = Scope.from_query(data)
        except ScopeError as exc:
            raise ValidationError({"scope": [str(exc)]}) from exc
        period = status_month(request.user) if "year" not in data else None
        year, month = (period.year, period.month) if period else (data["year"], data["month"])
        return Response(submission_status(scope, year, month, user=request.user).as_json())


class ReportingMonthViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The reporting calendar. POST opens a month; `close/` and `reopen/` (with a reason) change its state.
    Changes need a city administrator (`reporting.change_reportingmonth`)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ReportingMonthSerializer
    queryset = ReportingMonth.objects.select_related("opened_by", "closed_by", "reopened_by")
    filterset_fields = ["year", "month", "state"]

    @extend_schema(request=OpenMonthSerializer, responses={201: ReportingMonthSerializer})
    def create(self, request, *args, **kwargs):
        body = OpenMonthSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            opened = actions.open_month(**body.validated_data, acting_user=request.user)
        except actions.CalendarError as exc:
            raise ValidationError({"month": [str(exc)]}) from exc
        return Response(ReportingMonthSerializer(opened).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ReportingMonthSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the month: its reported figures are locked; pages then open on it."""
        reporting_month = self.get_object()
        try:
            actions.close_month(reporting_month, acting_user=request.user)
        except actions.CalendarError as exc:
            raise ValidationError({"state": [str(exc)]}) from exc
        return Response(ReportingMonthSerializer(reporting_month).data)

    @extend_schema(request=ReopenSerializer, responses=ReportingMonthSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Reopen a closed month, with a reason."""
        reporting_month = self.get_object()
        body = ReopenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            actions.reopen_month(reporting_month, acting_user=request.user, reason=body.validated_data["reason"])
        except actions.CalendarError as exc:
            raise ValidationError({"state": [str(exc)]}) from exc
        return Response(ReportingMonthSerializer(reporting_month).data)

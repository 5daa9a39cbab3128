from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core.api import GuatuModelViewSet, GuatuReadOnlyViewSet
from guatu.core.periods import Period
from guatu.core.schema import CHANGE_ERRORS, documented
from guatu.projects.scope import Scope, ScopeError
from guatu.reporting.defaults import default_period
from guatu.safety import actions
from guatu.safety.api.serializers import (
    AccidentSerializer,
    AccidentThresholdSerializer,
    HazardSerializer,
    HazardTransitionSerializer,
    InspectionSerializer,
    SafetyAwardSerializer,
    SafetySummarySerializer,
    SummaryQuerySerializer,
    ThreatRuleSerializer,
)
from guatu.safety.figures import summary
from guatu.safety.filtersets import AccidentFilterSet, HazardFilterSet, InspectionFilterSet
from guatu.safety.models import Accident, AccidentThreshold, Hazard, Inspection, SafetyAward, ThreatRule


@documented(InspectionSerializer)
class InspectionViewSet(GuatuModelViewSet):
    """Inspections of project sites and firms."""

    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    queryset = Inspection.objects.select_related("project")


@documented(HazardSerializer)
class HazardViewSet(GuatuModelViewSet):
    """Hazards. New ones are `found`; `transition` moves them round the loop (status is read-only here)."""

    serializer_class = HazardSerializer
    filterset_class = HazardFilterSet
    queryset = Hazard.objects.select_related("inspection")
    access_actions = {"transition": "change"}

    @extend_schema(request=HazardTransitionSerializer, responses={
        200: HazardSerializer,
        400: OpenApiResponse(description="the loop does not allow the move, or the note/day is missing or wrong"),
        403: CHANGE_ERRORS[403], 404: CHANGE_ERRORS[404],
    })  # fmt: skip
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the hazard: found → rectifying → verified → closed (销号); verified → rectifying when the
        re-inspection fails; a 一般 hazard may be verified on the spot (found → verified)."""
        hazard = self.get_object()
        body = HazardTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            actions.transition_hazard(
                hazard,
                body.validated_data["to"],
                acting_user=request.user,
                note=body.validated_data.get("note", ""),
                on=body.validated_data.get("on"),
            )
        except actions.WorkflowError as exc:
            raise ValidationError({"to": [str(exc)]}) from exc
        return Response(HazardSerializer(hazard, context=self.get_serializer_context()).data)


@documented(AccidentSerializer)
class AccidentViewSet(GuatuModelViewSet):
    """Accidents; `accident_class` is computed from the figures by the State Council's thresholds."""

    serializer_class = AccidentSerializer
    filterset_class = AccidentFilterSet
    queryset = Accident.objects.select_related("project")


@documented(SafetyAwardSerializer)
class SafetyAwardViewSet(GuatuModelViewSet):
    """平安 award results per unit and year (written by the city administrator)."""

    serializer_class = SafetyAwardSerializer
    filterset_fields = ["region", "year", "won"]
    queryset = SafetyAward.objects.select_related("region")


class AccidentThresholdViewSet(GuatuReadOnlyViewSet):
    """The accident classes' thresholds (edited in the admin)."""

    serializer_class = AccidentThresholdSerializer
    queryset = AccidentThreshold.objects.all()


class ThreatRuleViewSet(GuatuReadOnlyViewSet):
    """What threatens this year's award (edited in the admin)."""

    serializer_class = ThreatRuleSerializer
    queryset = ThreatRule.objects.all()


def default_through(year: int, user=None) -> int:
    """The latest reported month of `year`, else December of a past year or this month of this one."""
    latest = default_period(user)
    if latest and latest.year == year:
        return latest.month
    today = timezone.localdate()
    return today.month if year == today.year else 12


class SummaryView(APIView):
    """The safety year of a city (or a county) — the same figures as `guatu safety summary --json`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[SummaryQuerySerializer],
        responses={
            200: SafetySummarySerializer,
            400: OpenApiResponse(description="a bad year or month, or a scope that names nothing"),
        },
    )
    def get(self, request):
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            scope = Scope.from_query(data)
            result = summary(scope, Period(data["year"], data.get("through") or default_through(data["year"],
                                                                                               request.user)),
                             user=request.user)  # fmt: skip
        except ScopeError as exc:
            raise ValidationError({"scope": [str(exc)]}) from exc
        return Response(result.as_json())

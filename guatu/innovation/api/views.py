from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core.api import GuatuModelViewSet, GuatuReadOnlyViewSet
from guatu.core.schema import NOT_ALLOWED, documented
from guatu.innovation import figures, lookups
from guatu.innovation.api import serializers as s
from guatu.innovation.filtersets import InnovationPlatformFilterSet, PlatformOutputFilterSet
from guatu.innovation.models import (
    EvaluationScheme,
    GradeBand,
    InnovationPlatform,
    PlatformLead,
    PlatformMilestone,
    PlatformOutput,
    PlatformPartner,
    PlatformProject,
    PlatformType,
    SchemeIndicator,
)

R = OpenApiResponse


class PlatformTypeViewSet(GuatuReadOnlyViewSet):
    serializer_class = s.PlatformTypeSerializer
    queryset = PlatformType.objects.all()


@documented(s.InnovationPlatformSerializer)
class InnovationPlatformViewSet(GuatuModelViewSet):
    """Innovation platforms (科创平台), looked up by code."""

    serializer_class = s.InnovationPlatformSerializer
    filterset_class = InnovationPlatformFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = InnovationPlatform.objects.select_related("platform_type", "region")


@documented(s.PlatformPartnerSerializer)
class PlatformPartnerViewSet(GuatuModelViewSet):
    serializer_class = s.PlatformPartnerSerializer
    filterset_fields = {"platform__code": ["exact"], "kind": ["exact"]}
    queryset = PlatformPartner.objects.select_related("platform")


@documented(s.PlatformMilestoneSerializer)
class PlatformMilestoneViewSet(GuatuModelViewSet):
    serializer_class = s.PlatformMilestoneSerializer
    filterset_fields = {"platform__code": ["exact"], "kind": ["exact"]}
    queryset = PlatformMilestone.objects.select_related("platform")


@documented(s.PlatformOutputSerializer)
class PlatformOutputViewSet(GuatuModelViewSet):
    """A platform's outputs per year (filters: platform code, year, through)."""

    serializer_class = s.PlatformOutputSerializer
    filterset_class = PlatformOutputFilterSet
    queryset = PlatformOutput.objects.select_related("platform")


@documented(s.PlatformProjectSerializer)
class PlatformProjectViewSet(GuatuModelViewSet):
    """Ledger projects that came out of a platform (技术入股, 产业化项目 …)."""

    serializer_class = s.PlatformProjectSerializer
    filterset_fields = {"platform__code": ["exact"], "relation": ["exact"]}
    queryset = PlatformProject.objects.select_related("platform", "project")


@documented(s.PlatformLeadSerializer)
class PlatformLeadViewSet(GuatuModelViewSet):
    """Investment leads that came out of a platform (before they sign and join the ledger)."""

    serializer_class = s.PlatformLeadSerializer
    filterset_fields = {"platform__code": ["exact"], "relation": ["exact"]}
    queryset = PlatformLead.objects.select_related("platform", "lead")


@documented(s.EvaluationSchemeSerializer)
class EvaluationSchemeViewSet(GuatuModelViewSet):
    """The city's schemes (one per year and platform type), with their indicators and bands."""

    serializer_class = s.EvaluationSchemeSerializer
    filterset_fields = ["year", "platform_type"]
    queryset = EvaluationScheme.objects.select_related("platform_type").prefetch_related("indicators", "bands")


@documented(s.SchemeIndicatorSerializer)
class SchemeIndicatorViewSet(GuatuModelViewSet):
    serializer_class = s.SchemeIndicatorSerializer
    filterset_fields = ["scheme"]
    queryset = SchemeIndicator.objects.all()


@documented(s.GradeBandSerializer)
class GradeBandViewSet(GuatuModelViewSet):
    serializer_class = s.GradeBandSerializer
    filterset_fields = ["scheme"]
    queryset = GradeBand.objects.all()


class ScorecardView(APIView):
    """A platform's scorecard for a year — the same answer as `guatu innovation scorecard --json`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[s.InnovationScorecardQuerySerializer],
        responses={200: s.InnovationScorecardSerializer, 400: R(description="year missing or out of range"),
                   403: NOT_ALLOWED, 404: R(description="no such platform among those the user may see")},
    )  # fmt: skip
    def get(self, request):
        query = s.InnovationScorecardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            platform = lookups.platform_named(query.validated_data["platform"], request.user)
        except lookups.NotFound as exc:
            raise NotFound(str(exc)) from None
        return Response(figures.scorecard(platform, query.validated_data["year"]).as_json())


class RankingView(APIView):
    """Platforms ranked within their type for a year — the same answer as `guatu innovation ranking --json`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[s.InnovationRankingQuerySerializer],
        responses={200: s.InnovationRankingSerializer, 400: R(description="a scope key names nothing, or no year"),
                   403: NOT_ALLOWED},
    )  # fmt: skip
    def get(self, request):
        query = s.InnovationRankingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = dict(query.validated_data)
        year = data.pop("year")
        try:
            scope = lookups.scope_from_keys(**data)
        except lookups.NotFound as exc:
            raise ValidationError({"scope": [str(exc)]}) from None
        platforms = InnovationPlatform.objects.visible_to(request.user).in_scope(**scope).select_related(
            "platform_type", "region")  # fmt: skip
        return Response(figures.ranking_json(figures.ranking(platforms, year), year))

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.core import params
from guatu.indicators.api.serializers import (
    DrillQuerySerializer,
    DrillSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    RankingSerializer,
    RankQuerySerializer,
    RankTargetSerializer,
    ReportingUnitSerializer,
)
from guatu.indicators.figures import drill, rank_report
from guatu.indicators.lookups import indicator_and_unit, parse_period
from guatu.indicators.models import Indicator, IndicatorValue, RankTarget, ReportingUnit


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.all()


class ReportingUnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportingUnitSerializer
    queryset = ReportingUnit.objects.all()
    filterset_fields = ["kind", "parent"]


class IndicatorValueFilterSet(django_filters.FilterSet):
    year = params.year_filter()
    month = params.month_filter()

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "unit", "year", "month", "vintage"]


class RankTargetFilterSet(django_filters.FilterSet):
    year = params.year_filter()

    class Meta:
        model = RankTarget
        fields = ["indicator", "unit", "year"]


class IndicatorValueViewSet(viewsets.ModelViewSet):
    serializer_class = IndicatorValueSerializer
    queryset = IndicatorValue.objects.select_related("indicator", "unit")
    filterset_class = IndicatorValueFilterSet


class RankTargetViewSet(viewsets.ModelViewSet):
    serializer_class = RankTargetSerializer
    queryset = RankTarget.objects.all()
    filterset_class = RankTargetFilterSet


def _resolve(query_class, request, unit_key: str):
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    year, month = parse_period(data["period"])  # a ParamError is a 400 {"period": [...]}
    try:
        indicator, unit = indicator_and_unit(data["indicator"], data[unit_key])
    except ValueError as exc:
        raise ValidationError({"detail": [str(exc)]}) from exc
    return indicator, unit, year, month, data


class RankingView(APIView):
    """Rank the parent's children on an indicator; target bands and gaps where a target exists."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[RankQuerySerializer], responses=RankingSerializer)
    def get(self, request):
        indicator, parent, year, month, query = _resolve(RankQuerySerializer, request, "parent")
        report = rank_report(indicator, parent, year, month, by=query.get("by"), zones=query.get("zones", False))
        return Response(report.as_json())


class DrillView(APIView):
    """A unit and its children: value, growth, share, contribution; key projects for investment."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[DrillQuerySerializer], responses=DrillSerializer)
    def get(self, request):
        indicator, unit, year, month, _query = _resolve(DrillQuerySerializer, request, "unit")
        return Response(drill(indicator, unit, year, month, user=request.user).as_json())

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from guatu.core.api import GuatuModelViewSet
from guatu.core.periods import Period
from guatu.core.schema import documented
from guatu.funds.api.serializers import (
    FundCommitmentSerializer,
    FundInvestmentSerializer,
    FundSerializer,
    FundSummaryQuerySerializer,
    FundSummarySerializer,
    FundWarningsQuerySerializer,
    FundWarningsSerializer,
)
from guatu.funds.figures import summary
from guatu.funds.filtersets import FundCommitmentFilterSet, FundFilterSet, FundInvestmentFilterSet
from guatu.funds.models import Fund, FundCommitment, FundInvestment
from guatu.funds.scope import FundScope, ScopeError
from guatu.funds.warnings import fund_warnings


def _scope(data) -> FundScope:
    try:
        return FundScope.from_keys(**{k: data.get(k) for k in ("region", "platform", "industry", "fund", "level")})
    except ScopeError as exc:
        raise ValidationError({"scope": [str(exc)]}) from exc


@documented(FundSerializer)
class FundViewSet(GuatuModelViewSet):
    """Funds of the cluster (by code); `summary/` and `warnings/` compute the cluster's figures."""

    serializer_class = FundSerializer
    filterset_class = FundFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = Fund.objects.select_related("region", "parent").prefetch_related("focus_industries")
    access_actions = {"summary": "view", "warnings": "view"}

    @extend_schema(
        parameters=[FundSummaryQuerySerializer],
        responses={200: FundSummarySerializer, 400: OpenApiResponse(description="a bad year, month or scope (named)")},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def summary(self, request):
        """The cluster's figures for a year through a month — the same as `guatu funds summary --json`."""
        query = FundSummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        period = Period(data["year"], data["through"])
        s = summary(_scope(data), period.start, period.end, user=request.user)
        return Response({"year": period.year, "through_month": period.month, **s.as_json()})

    @extend_schema(
        parameters=[FundWarningsQuerySerializer],
        responses={200: FundWarningsSerializer, 400: OpenApiResponse(description="a bad date or scope (named)")},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def warnings(self, request):
        """Early-exit warnings as of a day: not set up a year after approval; government money idle over a year."""
        query = FundWarningsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("as_of") or dt.date.today()
        found = fund_warnings(day, user=request.user, scope=_scope(query.validated_data))
        return Response({"as_of": day.isoformat(), "warnings": [w.as_json() for w in found]})


@documented(FundCommitmentSerializer)
class FundCommitmentViewSet(GuatuModelViewSet):
    """LPs' commitments (认缴) and what they paid in (实缴)."""

    serializer_class = FundCommitmentSerializer
    filterset_class = FundCommitmentFilterSet
    queryset = FundCommitment.objects.select_related("fund", "lp_fund")


@documented(FundInvestmentSerializer)
class FundInvestmentViewSet(GuatuModelViewSet):
    """Funds' investments in firms, with the project they back and the capital they leveraged."""

    serializer_class = FundInvestmentSerializer
    filterset_class = FundInvestmentFilterSet
    queryset = FundInvestment.objects.select_related("fund", "project", "industry")

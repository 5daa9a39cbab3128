from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.attraction import actions
from guatu.attraction.api.serializers import (
    AdmissionThresholdSerializer,
    AttractionSummarySerializer,
    AttractionTargetSerializer,
    CapitalArrivalSerializer,
    ContactSerializer,
    IndustryChainSerializer,
    LeadConvertedSerializer,
    LeadConvertSerializer,
    LeadSerializer,
    LeadTalkSerializer,
    LeadTransitionSerializer,
    RemindersQuerySerializer,
    RemindersSerializer,
    SigningEventSerializer,
    StageChangeSerializer,
    SummaryQuerySerializer,
    TalkSerializer,
)
from guatu.attraction.figures import Filters, summary
from guatu.attraction.filtersets import LeadFilterSet
from guatu.attraction.models import (
    AdmissionThreshold,
    AttractionTarget,
    CapitalArrival,
    Contact,
    IndustryChain,
    Lead,
    LeadStageChange,
    SigningEvent,
    Talk,
)
from guatu.attraction.reminders import reminders_for
from guatu.core.api import Conflict, GuatuModelViewSet, GuatuReadOnlyViewSet
from guatu.core.models import Department
from guatu.core.periods import Period
from guatu.core.schema import documented
from guatu.projects.as_of import default_as_of
from guatu.projects.scope import Scope, ScopeError

ERRORS = {
    400: OpenApiResponse(description="the move or a field is not allowed (the reason is in the body)"),
    403: OpenApiResponse(description="outside the user's role or scope"),
    404: OpenApiResponse(description="no such lead in the user's scope"),
    409: OpenApiResponse(description="changed since read (the stored version is in the body)"),
}


@documented(LeadSerializer)
class LeadViewSet(GuatuModelViewSet):
    """Investment leads (招商线索), looked up by code. `transition` moves one on, `convert` turns a signed one
    into a ledger project, `talks` lists and adds to its talks log."""

    serializer_class = LeadSerializer
    filterset_class = LeadFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = Lead.objects.select_related(
        "region", "platform", "industry", "chain", "event", "project", "increase_of", "leader"
    )
    access_actions = {"transition": "change", "convert": "change"}

    @extend_schema(request=LeadTransitionSerializer, responses={200: LeadSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def transition(self, request, code=None):
        """Move the lead to another stage, dated; suspending and exiting need a reason, signing the agreed start."""
        lead = self.get_object()
        body = LeadTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            actions.transition(
                lead,
                data["to"],
                acting_user=request.user,
                on=data.get("on"),
                reason=data.get("reason", ""),
                event=data.get("event"),
                agreed_start=data.get("agreed_start"),
                seen_version=data.get("version"),
            )
        except actions.AttractionError as exc:
            raise ValidationError({"to": [str(exc)]}) from exc
        return Response(LeadSerializer(lead, context=self.get_serializer_context()).data)

    @extend_schema(
        request=LeadConvertSerializer,
        responses={
            201: LeadConvertedSerializer,
            400: ERRORS[400],
            403: ERRORS[403],
            404: ERRORS[404],
            409: OpenApiResponse(description="already a ledger project, or the code is taken (named)"),
        },
    )
    @action(detail=True, methods=["post"])
    def convert(self, request, code=None):
        """Turn the signed lead into a ledger project (once): code, name, owner, region, platform, industry and
        total investment carried over, linked both ways."""
        lead = self.get_object()
        body = LeadConvertSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        department = None
        if data.get("department"):
            department = get_object_or_404(Department, pk=data["department"])
        try:
            project = actions.convert(
                lead,
                acting_user=request.user,
                code=data.get("code") or None,
                name=data.get("name") or None,
                department=department,
                category=data["category"],
            )
        except actions.ConversionError as exc:
            raise Conflict({"detail": str(exc), "project": exc.project.code if exc.project else None}) from exc
        except actions.AttractionError as exc:
            raise ValidationError({"detail": [str(exc)]}) from exc
        body = {
            "lead": lead.code,
            "project": project.code,
            "name": project.name,
            "total_investment": str(project.total_investment),
        }
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses={200: LeadTalkSerializer(many=True), 404: ERRORS[404]})
    @extend_schema(methods=["POST"], request=LeadTalkSerializer, responses={201: LeadTalkSerializer, **ERRORS})
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=LeadTalkSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def talks(self, request, code=None):
        """The lead's talks log, newest first; POST adds a dated entry."""
        lead = self.get_object()
        if request.method == "GET":
            talks = Talk.objects.filter(lead=lead).order_by("-on", "-id")
            return Response(LeadTalkSerializer(talks, many=True, context=self.get_serializer_context()).data)
        body = LeadTalkSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = {k: v for k, v in body.validated_data.items() if k != "version"}
        talk = actions.save_item(Talk(lead=lead, **data), acting_user=request.user)
        return Response(
            LeadTalkSerializer(talk, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class StageChangeViewSet(GuatuReadOnlyViewSet):
    """Every lead's dated stage history (written only by transitions)."""

    serializer_class = StageChangeSerializer
    filterset_fields = ["lead", "to_stage"]
    queryset = LeadStageChange.objects.select_related("lead").order_by("lead__code", "on", "id")


@documented(TalkSerializer)
class TalkViewSet(GuatuModelViewSet):
    serializer_class = TalkSerializer
    filterset_fields = ["lead", "kind"]
    queryset = Talk.objects.select_related("lead")


@documented(ContactSerializer)
class ContactViewSet(GuatuModelViewSet):
    serializer_class = ContactSerializer
    filterset_fields = ["lead"]
    queryset = Contact.objects.select_related("lead")


@documented(CapitalArrivalSerializer)
class CapitalArrivalViewSet(GuatuModelViewSet):
    """Capital actually in place (实际到位资金), dated, per lead."""

    serializer_class = CapitalArrivalSerializer
    filterset_fields = ["lead"]
    queryset = CapitalArrival.objects.select_related("lead")


@documented(SigningEventSerializer)
class SigningEventViewSet(GuatuModelViewSet):
    """Signing events (招商大会); reference data the city keeps."""

    serializer_class = SigningEventSerializer
    queryset = SigningEvent.objects.all()


@documented(IndustryChainSerializer)
class IndustryChainViewSet(GuatuModelViewSet):
    serializer_class = IndustryChainSerializer
    queryset = IndustryChain.objects.all()


@documented(AdmissionThresholdSerializer)
class AdmissionThresholdViewSet(GuatuModelViewSet):
    """Admission thresholds per industry and year (a lead below one is flagged, not refused)."""

    serializer_class = AdmissionThresholdSerializer
    filterset_fields = ["year", "industry"]
    queryset = AdmissionThreshold.objects.select_related("industry")


@documented(AttractionTargetSerializer)
class AttractionTargetViewSet(GuatuModelViewSet):
    serializer_class = AttractionTargetSerializer
    filterset_fields = ["year", "region", "platform"]
    queryset = AttractionTarget.objects.all()


def filters_from(data: dict) -> Filters:
    try:
        scope = Scope.from_keys(**{k: data.get(k) for k in ("region", "platform", "industry", "department")})
        chain = IndustryChain.objects.lookup(data["chain"]) if data.get("chain") else None
    except (ScopeError, IndustryChain.DoesNotExist, IndustryChain.MultipleObjectsReturned) as exc:
        raise ValidationError({"scope": [str(exc)]}) from exc
    event = None
    if data.get("event"):
        event = SigningEvent.objects.filter(pk=data["event"]).first()
        if event is None:
            raise ValidationError({"event": ["no such signing event"]})
    return Filters(scope=scope, chain=chain, source=data.get("source"), leader=data.get("leader"), event=event)


class SummaryView(APIView):
    """招商引资 figures for a period — the same as `guatu attraction summary --json`: the stage counts, the
    funnel, signings against the target, sizes, rates, capital in place, fit, events, a breakdown."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[SummaryQuerySerializer],
        responses={200: AttractionSummarySerializer, 400: OpenApiResponse(description="bad filters")},
    )
    def get(self, request):
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        period = Period(data["year"], data["through"])
        result = summary(filters_from(data), period, user=request.user, as_of=data.get("as_of"), by=data.get("by"))
        return Response(result.as_json())


class RemindersView(APIView):
    """Overdue reminders from the time rules (respond, screen, report, exit review, convert), as of a day."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[RemindersQuerySerializer],
        responses={200: RemindersSerializer, 400: OpenApiResponse(description="bad filters")},
    )
    def get(self, request):
        query = RemindersQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        day = data.get("as_of") or default_as_of(request.user)
        found = reminders_for(filters_from(data).apply(Lead.objects.visible_to(request.user)), day)
        return Response({"as_of": day.isoformat(), "reminders": [r.as_json() for r in found]})

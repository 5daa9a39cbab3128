from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.projects.as_of import parse_as_of
from guatu.projects.models import Project
from guatu.projects.scope import Scope, ScopeError
from guatu.reporting.defaults import default_as_of
from guatu.schedules import actions
from guatu.schedules.api.serializers import (
    AsOfQuerySerializer,
    MilestoneSerializer,
    MilestoneTemplateSerializer,
    ProblemSerializer,
    ScheduleSerializer,
    TransitionSerializer,
    WarningsSerializer,
)
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem
from guatu.schedules.plans import plans_for
from guatu.schedules.warnings import summarise, warnings_for


class MilestoneTemplateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MilestoneTemplateSerializer
    queryset = MilestoneTemplate.objects.prefetch_related("steps")


class MilestoneViewSet(viewsets.ModelViewSet):
    serializer_class = MilestoneSerializer
    filterset_fields = ["project", "key"]

    def get_queryset(self):
        return Milestone.objects.filter(project__in=Project.objects.visible_to(self.request.user)).select_related(
            "project")  # fmt: skip


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("overdue", bool, description="only unresolved, past deadline")])
)
class ProblemViewSet(viewsets.ModelViewSet):
    serializer_class = ProblemSerializer
    filterset_fields = ["project", "status", "type", "department"]

    def get_queryset(self):
        problems = Problem.objects.visible_to(self.request.user).select_related("project")
        if self.request.query_params.get("overdue") in ("1", "true"):
            problems = problems.overdue(timezone.localdate())
        return problems

    @extend_schema(request=TransitionSerializer, responses=ProblemSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the problem to another status (open → in progress → resolved → closed)."""
        problem = self.get_object()
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            actions.transition_problem(problem, body.validated_data["to"], acting_user=request.user,
                                       resolution=body.validated_data.get("resolution", ""))  # fmt: skip
        except actions.WorkflowError as exc:
            raise ValidationError({"to": [str(exc)]}) from exc
        return Response(ProblemSerializer(problem).data)


def _scope_and_day(request) -> tuple[Scope, object, dict]:
    query = AsOfQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    try:
        scope = Scope.from_query(data)
    except ScopeError as exc:
        raise ValidationError({"scope": [str(exc)]}) from exc
    return scope, data.get("as_of") or default_as_of(request.user), data


class ScheduleView(APIView):
    """A project's milestones scheduled back from its promise (latest dates) and forward from the day."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD")], responses=ScheduleSerializer)
    def get(self, request, code: str):
        project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
        try:
            day = parse_as_of(request.query_params.get("as_of"), request.user)
        except ValueError as exc:
            raise ValidationError({"as_of": [str(exc)]}) from exc
        return Response(plans_for(Project.objects.filter(pk=project.pk), day)[0].as_json())


class WarningsView(APIView):
    """Red/yellow/green for every project in scope with the rules that fired; `by` adds a summary."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[AsOfQuerySerializer,
                               OpenApiParameter("by", str, enum=["list", "platform", "region"])],
                   responses=WarningsSerializer)  # fmt: skip
    def get(self, request):
        scope, day, data = _scope_and_day(request)
        found = warnings_for(scope, day, user=request.user)
        body = {"as_of": day.isoformat(), "scope": scope.parts()}
        by = request.query_params.get("by")
        if by in ("list", "platform", "region"):
            body["summary"] = [row.as_json() for row in summarise(found, by, day.year)]
        if data.get("level"):
            found = [w for w in found if w.level == data["level"]]
        body["projects"] = [w.as_json() for w in found]
        return Response(body)

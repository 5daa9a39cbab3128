from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guatu.accounts.access import allows, require
from guatu.core import params
from guatu.core.api import Conflict, GuatuModelViewSet, GuatuReadOnlyViewSet
from guatu.projects.as_of import parse_as_of
from guatu.projects.models import Project
from guatu.projects.scope import Scope, ScopeError
from guatu.reporting.defaults import default_as_of
from guatu.schedules import actions
from guatu.schedules.api.serializers import (
    ApplyTemplateSerializer,
    ApprovePlanSerializer,
    AsOfQuerySerializer,
    ErrorSerializer,
    MilestoneSerializer,
    MilestoneTemplateSerializer,
    ProblemSerializer,
    ScheduleSerializer,
    TransitionSerializer,
    WarningsSerializer,
)
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem
from guatu.schedules.plans import plans_for
from guatu.schedules.warnings import scope_warnings, warnings_for


class MilestoneTemplateViewSet(GuatuReadOnlyViewSet):
    serializer_class = MilestoneTemplateSerializer
    queryset = MilestoneTemplate.objects.prefetch_related("steps")


def _refused(exc: actions.WorkflowError) -> ValidationError:
    return ValidationError({"detail": exc.messages})


REFUSED = OpenApiResponse(ErrorSerializer, description="refused, with every reason (by field, or `detail`)")
NO_PERMISSION = OpenApiResponse(description="signed in without the permission to change milestones")
NOT_FOUND = OpenApiResponse(description="no such project, or not visible to you")


_WRITE = {400: REFUSED, 403: NO_PERMISSION, 404: NOT_FOUND}


@extend_schema_view(
    create=extend_schema(responses={201: MilestoneSerializer, 400: REFUSED, 403: NO_PERMISSION}),
    update=extend_schema(responses={200: MilestoneSerializer, **_WRITE}),
    partial_update=extend_schema(responses={200: MilestoneSerializer, **_WRITE}),
    destroy=extend_schema(
        description="Refused (400) while other milestones come after this one: remove those links first.",
        responses={204: None, **_WRITE},
    ),
)
class MilestoneViewSet(GuatuModelViewSet):
    """A project's milestones. Every write checks the project's whole network and goes through
    `guatu.schedules.actions`, like the page, the admin and the CLI."""

    serializer_class = MilestoneSerializer
    filterset_fields = ["project", "key"]

    queryset = Milestone.objects.select_related("project")

    def perform_create(self, serializer):
        self._save(serializer, Milestone(**serializer.validated_data))

    def perform_update(self, serializer):
        milestone = serializer.instance
        milestone.version = self._seen_version(milestone)
        for name, value in serializer.validated_data.items():
            if name == "version":
                continue
            setattr(milestone, name, value)
        self._save(serializer, milestone)

    def _save(self, serializer, milestone: Milestone) -> None:
        try:
            actions.save_network(milestone.project, save=[milestone], acting_user=self.request.user)
        except actions.WorkflowError as exc:
            raise _refused(exc) from exc
        serializer.instance = milestone

    def perform_destroy(self, instance):
        if self._seen_version(instance) != instance.version:
            raise Conflict({"detail": "The milestone changed since you read it.", "version": instance.version})
        require(self.request.user, "delete", instance)
        try:
            actions.delete_milestone(instance, acting_user=self.request.user)
        except actions.WorkflowError as exc:
            raise _refused(exc) from exc


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("overdue", bool, description="only unresolved, past deadline")])
)
class ProblemViewSet(GuatuModelViewSet):
    serializer_class = ProblemSerializer
    filterset_fields = ["project", "status", "type", "department"]
    access_actions = {"transition": "change"}
    queryset = Problem.objects.all()

    def get_queryset(self):
        problems = super().get_queryset().select_related("project")
        if params.get(self.request.query_params, "overdue", params.parse_bool, False):
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
        return Response(ProblemSerializer(problem, context=self.get_serializer_context()).data)


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

    @extend_schema(
        parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD, 2000-01-01 to 2100-12-31")],
        responses={200: ScheduleSerializer, 400: REFUSED, 404: NOT_FOUND},
    )
    def get(self, request, code: str):
        project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
        day = parse_as_of(request.query_params.get("as_of"), request.user)
        return Response(plans_for(Project.objects.filter(pk=project.pk), day)[0].as_json())


class _PlanAction(APIView):
    permission_classes = [IsAuthenticated]
    needs = ("change",)

    def _project(self, request, code: str) -> Project:
        project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
        probe = Milestone(project=project)
        if not all(allows(request.user, action, probe) for action in self.needs):
            raise PermissionDenied()
        return project

    def _schedule(self, project: Project, day) -> dict:
        return plans_for(Project.objects.filter(pk=project.pk), day)[0].as_json()


class ApplyTemplateView(_PlanAction):
    """Give a project without milestones its own copy of a template, scheduled back from its promised
    date; the plan is approved and the baseline set (the same action as the page's and the CLI's)."""

    needs = ("add", "change")

    @extend_schema(
        request=ApplyTemplateSerializer,
        responses={201: ScheduleSerializer, 400: REFUSED, 403: NO_PERMISSION, 404: NOT_FOUND},
    )
    def post(self, request, code: str):
        project = self._project(request, code)
        body = ApplyTemplateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        day = body.validated_data.get("as_of") or default_as_of(request.user)
        try:
            actions.apply_template(project, body.validated_data["template"], acting_user=request.user, as_of=day)
        except actions.WorkflowError as exc:
            raise _refused(exc) from exc
        return Response(self._schedule(project, day), status=status.HTTP_201_CREATED)


class ApprovePlanView(_PlanAction):
    """Write the 倒排 dates as the plan of every unfinished milestone; the first approval (or
    `set_baseline`) also sets the baseline."""

    @extend_schema(
        request=ApprovePlanSerializer,
        responses={200: ScheduleSerializer, 400: REFUSED, 403: NO_PERMISSION, 404: NOT_FOUND},
    )
    def post(self, request, code: str):
        project = self._project(request, code)
        body = ApprovePlanSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        day = body.validated_data.get("as_of") or default_as_of(request.user)
        try:
            actions.approve_plan(project, acting_user=request.user, as_of=day,
                                 set_baseline=body.validated_data["set_baseline"])  # fmt: skip
        except actions.WorkflowError as exc:
            raise _refused(exc) from exc
        return Response(self._schedule(project, day))


class WarningsView(APIView):
    """Red/yellow/green for every project in scope with the rules that fired; `by` adds a summary."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[AsOfQuerySerializer], responses={200: WarningsSerializer, 400: REFUSED})
    def get(self, request):
        scope, day, data = _scope_and_day(request)
        found = warnings_for(scope, day, user=request.user)
        body = {"as_of": day.isoformat(), "scope": scope.parts()}
        by = data.get("by")
        if by:
            body["summary"] = [row.as_json() for row in scope_warnings(scope, day, user=request.user).summary(by)]
        if data.get("level"):
            found = [w for w in found if w.level == data["level"]]
        body["projects"] = [w.as_json() for w in found]
        return Response(body)

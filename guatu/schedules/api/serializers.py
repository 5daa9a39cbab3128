from __future__ import annotations

from rest_framework import serializers

from guatu.accounts.permissions import ScopedSerializerMixin
from guatu.core.params import validate_date_in_range
from guatu.projects.api.serializers import ModelCleanMixin
from guatu.projects.models import Project
from guatu.schedules.links import KEY_MAX
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, TemplateStep, validate_key
from guatu.schedules.network import Row, problems_of

AS_OF_HELP = "the day to look from, 2000-01-01 to 2100-12-31; default: the end of the latest reported month"
# Which field a network problem is reported under.
PROBLEM_FIELDS = {"duration": "duration_days", "duplicate": "key"}


class TemplateStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateStep
        fields = ["key", "name", "order", "duration_days", "predecessors"]


class MilestoneTemplateSerializer(serializers.ModelSerializer):
    steps = TemplateStepSerializer(many=True, read_only=True)

    class Meta:
        model = MilestoneTemplate
        fields = ["id", "code", "name", "category", "description", "steps"]


class MilestoneSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A milestone; the project's whole network is checked with it (cycles, unknown predecessors, bounds).

    `key` may be left out: one is made from the name (签约 → 签约). Planned and baseline dates are
    written by `POST /projects/{code}/approve-plan/`.
    """

    project_code = serializers.CharField(source="project.code", read_only=True)
    key = serializers.CharField(required=False, max_length=KEY_MAX, validators=[validate_key],
                                help_text="how predecessors refer to it; made from the name when left out")  # fmt: skip

    class Meta:
        model = Milestone
        fields = ["id", "project", "project_code", "key", "name", "order", "duration_days", "predecessors",
                  "planned_start", "planned_finish", "baseline_start", "baseline_finish", "actual_start",
                  "actual_finish", "note"]  # fmt: skip
        read_only_fields = ["planned_start", "planned_finish", "baseline_start", "baseline_finish"]
        validators = []  # (project, key) is unique: save_network says so in words

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["project"].queryset = Project.objects.visible_to(request.user)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        project = attrs.get("project") or self.instance.project
        if self.instance is not None and project != self.instance.project:
            raise serializers.ValidationError({"project": ["A milestone cannot move to another project."]})
        fields = ("key", "name", "duration_days", "predecessors")
        current = {f: getattr(self.instance, f) for f in fields} if self.instance else {}
        merged = {**current, **{f: attrs[f] for f in fields if f in attrs}}
        row = Row(merged.get("key") or "", merged.get("name") or "", merged.get("duration_days") or 0,
                  merged.get("predecessors") or "")  # fmt: skip
        if not row.key:
            return attrs  # a key is made from the name on save; nothing can depend on it yet
        others = project.milestones.exclude(pk=self.instance.pk if self.instance else None)
        found, _names = problems_of([*(Row.of(m) for m in others), row])
        if found:
            errors: dict[str, list[str]] = {}
            for problem, text in found:
                errors.setdefault(PROBLEM_FIELDS.get(problem.code, "predecessors"), []).append(text)
            raise serializers.ValidationError(errors)
        return attrs


class ApplyTemplateSerializer(serializers.Serializer):
    template = serializers.CharField(help_text="the template's code (industrial, infrastructure, social) or id")
    as_of = serializers.DateField(required=False, validators=[validate_date_in_range], help_text=AS_OF_HELP)

    def validate_template(self, value: str) -> MilestoneTemplate:
        found = MilestoneTemplate.objects.filter(code=value).first()
        if found is None and value.isdigit():
            found = MilestoneTemplate.objects.filter(pk=int(value)).first()
        if found is None:
            codes = ", ".join(MilestoneTemplate.objects.values_list("code", flat=True))
            raise serializers.ValidationError(f"no template {value!r}; one of {codes}")
        return found


class ApprovePlanSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, validators=[validate_date_in_range], help_text=AS_OF_HELP)
    set_baseline = serializers.BooleanField(default=False, help_text="also make this plan the baseline")


class ErrorSerializer(serializers.Serializer):
    """A refusal: each field (or `detail`) with its reasons."""

    detail = serializers.ListField(child=serializers.CharField(), required=False)


class ProblemSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = Problem
        fields = ["id", "project", "project_code", "type", "title", "description", "department", "raised_on",
                  "deadline", "status", "resolution", "resolved_on"]  # fmt: skip
        read_only_fields = ["status", "resolved_on"]


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=["open", "in_progress", "resolved", "closed"])
    resolution = serializers.CharField(required=False, allow_blank=True)


class AsOfQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, validators=[validate_date_in_range], help_text=AS_OF_HELP)
    region = serializers.CharField(required=False)
    platform = serializers.CharField(required=False)
    list = serializers.CharField(required=False)
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)
    level = serializers.ChoiceField(choices=["red", "yellow", "green"], required=False)
    by = serializers.ChoiceField(choices=["list", "platform", "region"], required=False, help_text="add a summary")


class LinkSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    lag = serializers.IntegerField(help_text="days after the predecessor finishes (negative: overlap)")


class ScheduledMilestoneSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    duration_days = serializers.IntegerField()
    predecessors = serializers.CharField(help_text="keys with optional lags: land, start+30")
    predecessor_links = LinkSerializer(many=True)
    note = serializers.CharField()
    planned_finish = serializers.DateField(allow_null=True)
    baseline_finish = serializers.DateField(allow_null=True)
    actual_start = serializers.DateField(allow_null=True)
    actual_finish = serializers.DateField(allow_null=True)
    latest_start = serializers.DateField()
    latest_finish = serializers.DateField(help_text="倒排: the latest finish that still meets the promise")
    earliest_start = serializers.DateField()
    earliest_finish = serializers.DateField()
    float_days = serializers.IntegerField(allow_null=True, help_text="null once finished")
    critical = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["met", "upcoming", "overdue"])
    overdue_days = serializers.IntegerField()


class ScheduleSerializer(serializers.Serializer):
    project = serializers.CharField()
    name = serializers.CharField()
    as_of = serializers.DateField()
    promised_finish = serializers.DateField(allow_null=True)
    projected_finish = serializers.DateField(allow_null=True)
    days_missed = serializers.IntegerField()
    schedulable = serializers.BooleanField(help_text="false: the milestones cannot be scheduled; error says why")
    error = serializers.CharField(allow_null=True)
    milestones = ScheduledMilestoneSerializer(many=True)


class ReasonSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=["red", "yellow", "green"])
    rule = serializers.CharField(
        help_text="overdue, float, negative_float, promise, completion, unschedulable — or another part's "
        "red reason (safety: an overdue 重大 hazard on the site)"
    )
    text = serializers.CharField()
    milestone = serializers.CharField(allow_null=True)


class ProjectWarningSerializer(serializers.Serializer):
    project = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=["red", "yellow", "green"])
    schedulable = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)
    milestones = serializers.DictField(child=serializers.CharField(), help_text="milestone key → level")


class WarningSummarySerializer(serializers.Serializer):
    group = serializers.CharField()
    red = serializers.IntegerField()
    yellow = serializers.IntegerField()
    green = serializers.IntegerField()
    red_projects = serializers.ListField(child=serializers.CharField())
    yellow_projects = serializers.ListField(child=serializers.CharField())


class WarningsSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    scope = serializers.ListField(child=serializers.CharField())
    summary = WarningSummarySerializer(many=True, required=False)
    projects = ProjectWarningSerializer(many=True)

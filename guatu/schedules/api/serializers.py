from __future__ import annotations

from rest_framework import serializers

from guatu.projects.api.serializers import ModelCleanMixin
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, TemplateStep


class TemplateStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateStep
        fields = ["key", "name", "order", "duration_days", "predecessors"]


class MilestoneTemplateSerializer(serializers.ModelSerializer):
    steps = TemplateStepSerializer(many=True, read_only=True)

    class Meta:
        model = MilestoneTemplate
        fields = ["id", "code", "name", "category", "description", "steps"]


class MilestoneSerializer(ModelCleanMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "project", "project_code", "key", "name", "order", "duration_days", "predecessors",
                  "planned_start", "planned_finish", "baseline_start", "baseline_finish", "actual_start",
                  "actual_finish", "note"]  # fmt: skip
        read_only_fields = ["planned_start", "planned_finish", "baseline_start", "baseline_finish"]


class ProblemSerializer(ModelCleanMixin, serializers.ModelSerializer):
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
    as_of = serializers.DateField(required=False, help_text="default: the end of the latest closed reporting month")
    region = serializers.CharField(required=False)
    platform = serializers.CharField(required=False)
    list = serializers.CharField(required=False)
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)
    level = serializers.ChoiceField(choices=["red", "yellow", "green"], required=False)


class ScheduledMilestoneSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    duration_days = serializers.IntegerField()
    predecessors = serializers.CharField()
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
    error = serializers.CharField(allow_null=True)
    milestones = ScheduledMilestoneSerializer(many=True)


class ReasonSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=["red", "yellow", "green"])
    rule = serializers.ChoiceField(choices=["overdue", "float", "promise", "completion"])
    text = serializers.CharField()
    milestone = serializers.CharField(allow_null=True)


class ProjectWarningSerializer(serializers.Serializer):
    project = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=["red", "yellow", "green"])
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

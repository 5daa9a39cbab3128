from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from guatu.core.params import YEAR_MAX, YEAR_MIN
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList


class ProjectListSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectList
        fields = ["id", "code", "name", "level", "region", "sort_order"]


class MembershipSerializer(serializers.ModelSerializer):
    list_code = serializers.CharField(source="project_list.code", read_only=True)
    list_name = serializers.CharField(source="project_list.name", read_only=True)

    class Meta:
        model = ListMembership
        fields = ["list_code", "list_name", "year", "batch"]


class ProjectSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    platform_code = serializers.CharField(source="platform.code", read_only=True, default=None)
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "owner",
            "region",
            "region_code",
            "platform",
            "platform_code",
            "department",
            "industry",
            "category",
            "total_investment",
            "planned_start",
            "actual_start",
            "planned_completion",
            "actual_completion",
            "stage",
            "contact_leader",
            "description",
            "memberships",
        ]


class ModelCleanMixin:
    """Run the model's own `clean()` so the API enforces the same rules as the web form."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.Meta.model(**{**self._current_values(), **attrs})
        if self.instance is not None:
            instance.pk = self.instance.pk
        try:
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs

    def _current_values(self) -> dict:
        if self.instance is None:
            return {}
        return {f.name: getattr(self.instance, f.name) for f in self.Meta.model._meta.concrete_fields if f.name != "id"}


class AnnualPlanSerializer(ModelCleanMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = AnnualPlan
        fields = ["id", "project", "project_code", "year", "planned_investment", "plans_start", "plans_production"]


class MonthlyReportSerializer(ModelCleanMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "project",
            "project_code",
            "year",
            "month",
            "invest_month",
            "invest_ytd",
            "invest_cumulative",
            "progress_pct",
            "stage",
            "problems",
        ]


class ProgressQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    through = serializers.IntegerField(min_value=1, max_value=12)
    region = serializers.CharField(required=False, help_text="region code or name (subtree)")
    platform = serializers.CharField(required=False, help_text="platform code or name (subtree)")
    list = serializers.CharField(required=False, help_text="project list code or name")
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)


class LaggingSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    completion_pct = serializers.CharField(allow_null=True)


class ProgressRowSerializer(serializers.Serializer):
    list = serializers.CharField()
    list_code = serializers.CharField(allow_null=True)
    projects = serializers.IntegerField()
    started = serializers.IntegerField()
    total_investment_wan = serializers.DecimalField(max_digits=20, decimal_places=2)
    annual_plan_wan = serializers.DecimalField(max_digits=20, decimal_places=2)
    ytd_actual_wan = serializers.DecimalField(max_digits=20, decimal_places=2)
    completion_pct = serializers.CharField(allow_null=True)
    elapsed_pct = serializers.CharField()
    ahead = serializers.BooleanField(allow_null=True)
    lagging = LaggingSerializer(many=True)


class ProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    through_month = serializers.IntegerField()
    scope = serializers.ListField(child=serializers.CharField())
    rows = ProgressRowSerializer(many=True)
    overall = ProgressRowSerializer()

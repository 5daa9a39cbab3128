from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from guatu.accounts.permissions import ScopedSerializerMixin
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


class ListMembershipSerializer(ScopedSerializerMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = ListMembership
        fields = ["id", "project", "project_code", "project_list", "year", "batch"]


class ProjectSerializer(ScopedSerializerMixin, serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    platform_code = serializers.CharField(source="platform.code", read_only=True, default=None, allow_null=True)
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
    """Run the model's own validation so the API answers field by field, as the web form does
    (saving runs it again inside the transaction)."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        values = {k: v for k, v in {**self._current_values(), **attrs}.items() if k != "version"}
        instance = self.Meta.model(**values)
        if self.instance is not None:
            instance.pk = self.instance.pk
            instance._state.adding = False
        # Fields the client left out (and that have no stored value) are filled in on save.
        unknown = [f.name for f in self.Meta.model._meta.concrete_fields if f.attname not in values
                   and f.name not in values]  # fmt: skip
        try:
            instance.full_clean(exclude=unknown, validate_unique=False, validate_constraints=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs

    def _current_values(self) -> dict:
        if self.instance is None:
            return {}
        return {f.name: getattr(self.instance, f.name) for f in self.Meta.model._meta.concrete_fields if f.name != "id"}


class AnnualPlanSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = AnnualPlan
        fields = ["id", "project", "project_code", "year", "planned_investment", "plans_start", "plans_production"]


class MonthlyReportSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A report's figures; its status moves only by the workflow actions (submit, approve, return, correct)."""

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
            "status",
            "revision",
            "submitted_at",
            "submitted_by",
            "reviewed_at",
            "reviewed_by",
            "return_reason",
        ]
        read_only_fields = ["status", "revision", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by",
                            "return_reason"]  # fmt: skip

    def create(self, validated_data):
        from guatu.projects.actions import save_report

        validated_data.pop("version", None)
        return save_report(MonthlyReport(**validated_data), acting_user=self._acting_user())


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class CorrectionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    version = serializers.IntegerField(min_value=1, required=False)
    invest_month = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    invest_ytd = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    invest_cumulative = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    progress_pct = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    stage = serializers.ChoiceField(choices=MonthlyReport._meta.get_field("stage").choices, required=False)
    problems = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ProgressQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    through = serializers.IntegerField(min_value=1, max_value=12)
    region = serializers.CharField(required=False, help_text="region code or name (subtree)")
    platform = serializers.CharField(required=False, help_text="platform code or name (subtree)")
    list = serializers.CharField(required=False, help_text="project list code or name")
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)
    lagging_page = serializers.IntegerField(min_value=1, default=1,
                                            help_text="which page of each row's laggards (20 a page)")  # fmt: skip


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
    lagging_count = serializers.IntegerField(help_text="how many of the row's projects lag")
    lagging = LaggingSerializer(many=True, help_text="one page of them, furthest behind first")


class ProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    through_month = serializers.IntegerField()
    scope = serializers.ListField(child=serializers.CharField())
    lagging_page = serializers.IntegerField()
    lagging_page_size = serializers.IntegerField()
    rows = ProgressRowSerializer(many=True)
    overall = ProgressRowSerializer()

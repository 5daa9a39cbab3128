from __future__ import annotations

from rest_framework import serializers

from guatu.accounts.permissions import ScopedSerializerMixin
from guatu.attraction.models import Lead
from guatu.innovation import measures
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
from guatu.projects.api.serializers import ModelCleanMixin
from guatu.projects.models import Project


def _platform_field():
    return serializers.SlugRelatedField(slug_field="code", queryset=InnovationPlatform.objects.all(),
                                        help_text="the innovation platform's code")  # fmt: skip


class PlatformTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlatformType
        fields = ["id", "code", "name", "description", "sort_order"]


class InnovationPlatformSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    platform_type_name = serializers.CharField(source="platform_type.name", read_only=True)
    region_code = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = InnovationPlatform
        fields = ["id", "code", "name", "platform_type", "platform_type_name", "host", "based_on", "founded",
                  "founded_precision", "region", "region_code", "industrial_platform", "industry", "focus",
                  "description"]  # fmt: skip


class PlatformPartnerSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    platform = _platform_field()

    class Meta:
        model = PlatformPartner
        fields = ["id", "platform", "kind", "name", "organisation", "role", "since"]


class PlatformMilestoneSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    platform = _platform_field()

    class Meta:
        model = PlatformMilestone
        fields = ["id", "platform", "date", "precision", "kind", "title", "partner", "note"]


class PlatformOutputSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A platform's outputs for one year; null is "not reported"."""

    platform = _platform_field()

    class Meta:
        model = PlatformOutput
        fields = ["id", "platform", "year", *measures.KEYS, "lower_bounds", "note"]


class PlatformProjectSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    platform = _platform_field()
    project = serializers.SlugRelatedField(slug_field="code", queryset=Project.objects.all(),
                                           help_text="the ledger project's code")  # fmt: skip
    project_name = serializers.CharField(source="project.name", read_only=True)

    class Meta:
        model = PlatformProject
        fields = ["id", "platform", "project", "project_name", "relation", "since", "note"]


class PlatformLeadSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    platform = _platform_field()
    lead = serializers.SlugRelatedField(slug_field="code", queryset=Lead.objects.all(),
                                        help_text="the investment lead's code")  # fmt: skip
    lead_name = serializers.CharField(source="lead.name", read_only=True)

    class Meta:
        model = PlatformLead
        fields = ["id", "platform", "lead", "lead_name", "relation", "since", "note"]


class SchemeIndicatorSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = SchemeIndicator
        fields = ["id", "scheme", "order", "measure", "label", "basis", "kind", "weight", "target", "cap"]


class GradeBandSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = GradeBand
        fields = ["id", "scheme", "name", "min_score"]


class EvaluationSchemeSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    indicators = SchemeIndicatorSerializer(many=True, read_only=True)
    bands = GradeBandSerializer(many=True, read_only=True)

    class Meta:
        model = EvaluationScheme
        fields = ["id", "year", "platform_type", "name", "bonus_cap", "note", "indicators", "bands"]


# --- computed answers (documented for the schema) ----------------------------------------------


class InnovationScorecardQuerySerializer(serializers.Serializer):
    platform = serializers.CharField(help_text="platform code or name")
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class InnovationScoreLineSerializer(serializers.Serializer):
    measure = serializers.ChoiceField(choices=measures.KEYS)
    label = serializers.CharField()
    unit = serializers.CharField()
    basis = serializers.ChoiceField(choices=["annual", "cumulative"])
    kind = serializers.ChoiceField(choices=["normal", "bonus", "deduction"])
    weight = serializers.CharField()
    cap = serializers.CharField(allow_null=True)
    actual = serializers.CharField(allow_null=True, help_text="null: not reported")
    actual_is_lower_bound = serializers.BooleanField()
    years = serializers.ListField(child=serializers.IntegerField(), help_text="the output rows the actual sums")
    target = serializers.CharField(allow_null=True)
    ratio_pct = serializers.CharField(allow_null=True, help_text="actual ÷ target × 100, one decimal; null: no target")
    score = serializers.CharField(help_text="points, two decimals; negative for a deduction")
    gap = serializers.CharField(allow_null=True, help_text="still needed to reach the target")
    points_short = serializers.CharField()
    note = serializers.CharField()


class InnovationBandOutSerializer(serializers.Serializer):
    name = serializers.CharField()
    min_score = serializers.CharField()


class InnovationScorecardSerializer(serializers.Serializer):
    platform = serializers.CharField()
    code = serializers.CharField()
    platform_type = serializers.CharField()
    year = serializers.IntegerField()
    scheme = serializers.CharField(allow_null=True, help_text="null: no scheme for this type and year")
    error = serializers.CharField(allow_null=True)
    outputs = InnovationScoreLineSerializer(many=True)
    base = serializers.CharField(allow_null=True)
    bonus = serializers.CharField(allow_null=True)
    bonus_before_cap = serializers.CharField(allow_null=True)
    deductions = serializers.CharField(allow_null=True)
    total = serializers.CharField(allow_null=True)
    grade = serializers.CharField(allow_null=True)
    bands = InnovationBandOutSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())


class InnovationRankingQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    region = serializers.CharField(required=False, help_text="region code or name (subtree)")
    platform = serializers.CharField(required=False, help_text="industrial platform code or name (subtree)")
    industry = serializers.CharField(required=False)
    platform_type = serializers.CharField(required=False)


class InnovationRankRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    platform = serializers.CharField()
    code = serializers.CharField()
    region = serializers.CharField()
    total = serializers.CharField(allow_null=True)
    grade = serializers.CharField(allow_null=True)
    previous_total = serializers.CharField(allow_null=True)
    previous_rank = serializers.IntegerField(allow_null=True)
    change = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_null=True)


class InnovationRankGroupSerializer(serializers.Serializer):
    platform_type = serializers.CharField()
    scheme = serializers.CharField(allow_null=True)
    rows = InnovationRankRowSerializer(many=True)


class InnovationRankingSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    groups = InnovationRankGroupSerializer(many=True)

from __future__ import annotations

from rest_framework import serializers

from guatu.indicators.models import Indicator, IndicatorValue, RankTarget, ReportingUnit
from guatu.projects.api.serializers import ModelCleanMixin


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "unit", "kind", "higher_is_better", "rank_by", "frequency", "real_growth",
                  "project_measure", "mismatch_tolerance_pct"]  # fmt: skip


class ReportingUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingUnit
        fields = ["id", "code", "name", "kind", "parent", "path", "region", "platform"]


class IndicatorValueSerializer(ModelCleanMixin, serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "indicator_code", "unit", "unit_code", "year", "month", "value", "growth_pct",
                  "growth_derived", "vintage", "source"]  # fmt: skip


class RankTargetSerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = RankTarget
        fields = ["id", "indicator", "unit", "year", "keep", "strive", "fight"]


class RankQuerySerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="code or name")
    parent = serializers.CharField(help_text="code or name of the unit whose children are ranked")
    period = serializers.RegexField(r"^\d{4}-\d{1,2}$", help_text="YYYY-MM")
    by = serializers.ChoiceField(choices=["growth", "level"], required=False,
                                 help_text="rank by growth or level (default: the indicator's setting)")  # fmt: skip
    zones = serializers.BooleanField(required=False, default=False,
                                     help_text="rank the functional zones beside the districts")  # fmt: skip


class DrillQuerySerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="code or name")
    unit = serializers.CharField(help_text="code or name")
    period = serializers.RegexField(r"^\d{4}-\d{1,2}$", help_text="YYYY-MM")


class GapSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    reached = serializers.BooleanField()
    points = serializers.CharField(allow_null=True)
    amount = serializers.CharField(allow_null=True)
    holder = serializers.CharField(allow_null=True)


class TargetStatusSerializer(serializers.Serializer):
    unit = serializers.CharField()
    target = serializers.ListField(child=serializers.IntegerField(), help_text="[keep, strive, fight]")
    rank = serializers.IntegerField(allow_null=True)
    band = serializers.CharField(allow_null=True)
    gaps = serializers.DictField(child=GapSerializer())


class RankRowSerializer(serializers.Serializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    zone = serializers.BooleanField()
    value = serializers.CharField(allow_null=True)
    growth_pct = serializers.CharField(allow_null=True)
    rank = serializers.IntegerField()


class MissingUnitSerializer(serializers.Serializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    zone = serializers.BooleanField()


class UnitNameSerializer(serializers.Serializer):
    unit = serializers.CharField()
    name = serializers.CharField()


class RankingSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()
    unit_of_value = serializers.CharField()
    parent = serializers.CharField()
    parent_name = serializers.CharField()
    period = serializers.CharField()
    by = serializers.CharField()
    higher_is_better = serializers.BooleanField()
    zones = serializers.BooleanField(help_text="zones ranked beside the districts")
    rows = RankRowSerializer(many=True)
    missing = MissingUnitSerializer(many=True, help_text="units with no figure for the period: not ranked")
    zones_not_ranked = UnitNameSerializer(many=True, help_text="zones left out (ask with zones=true)")
    targets = TargetStatusSerializer(many=True)


class ContributionSerializer(serializers.Serializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    growth_pct = serializers.CharField(allow_null=True)
    share_pct = serializers.CharField(allow_null=True)
    contribution_points = serializers.CharField(allow_null=True)
    contribution_rate_pct = serializers.CharField(allow_null=True)


class DrillProjectSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    ytd = serializers.CharField()
    share_pct = serializers.CharField(allow_null=True)
    over_100 = serializers.BooleanField(help_text="more than the unit's whole figure")


class DrillSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()
    unit_of_value = serializers.CharField()
    period = serializers.CharField()
    unit = serializers.DictField()
    shares_of = serializers.ChoiceField(choices=["unit", "districts_sum"],
                                        help_text="shares are of the unit's figure, or of its districts' sum when "
                                                  "it publishes none")  # fmt: skip
    children = ContributionSerializer(many=True)
    zones = ContributionSerializer(many=True)
    districts_sum = serializers.CharField(allow_null=True, help_text="the districts added up; zones never are")
    children_mismatch_pct = serializers.CharField(allow_null=True)
    tolerance_pct = serializers.CharField()
    flagged = serializers.BooleanField()
    projects = DrillProjectSerializer(many=True)
    projects_total = serializers.CharField(allow_null=True)
    projects_share_pct = serializers.CharField(allow_null=True)
    projects_over_100 = serializers.BooleanField()

from __future__ import annotations

from rest_framework import serializers

from guatu.accounts.permissions import ScopedSerializerMixin
from guatu.projects.api.serializers import ModelCleanMixin
from guatu.safety.choices import HazardStatus
from guatu.safety.models import Accident, AccidentThreshold, Hazard, Inspection, SafetyAward, ThreatRule


class PlaceSerializerMixin(ScopedSerializerMixin):
    """A site's region and platform are taken from its project before the access rule judges the object."""

    def _require(self, instance, action: str) -> None:
        instance.take_place_from_project()
        super()._require(instance, action)


class InspectionSerializer(PlaceSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True, default=None, allow_null=True)
    region = serializers.PrimaryKeyRelatedField(
        queryset=Inspection._meta.get_field("region").related_model.objects.all(), required=False,
        help_text="For a project's site: the project's region when left out.",
    )  # fmt: skip

    class Meta:
        model = Inspection
        fields = ["id", "code", "inspected_on", "inspectors", "department", "project", "project_code", "firm",
                  "region", "platform", "site", "findings"]  # fmt: skip


class HazardSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    inspection_code = serializers.CharField(source="inspection.code", read_only=True)

    class Meta:
        model = Hazard
        fields = ["id", "code", "inspection", "inspection_code", "grade", "description", "found_on", "owner",
                  "deadline", "status", "supervised", "supervision_level", "rectification", "verified_on",
                  "verified_by", "closed_on", "closed_by"]  # fmt: skip
        read_only_fields = ["status", "rectification", "verified_on", "verified_by", "closed_on", "closed_by"]


class HazardTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=HazardStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                 help_text="what was done (verify), why it failed (back to rectifying)")  # fmt: skip
    on = serializers.DateField(required=False, help_text="the day of the step (default: today)")


class AccidentSerializer(PlaceSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(
        queryset=Accident._meta.get_field("region").related_model.objects.all(), required=False,
        help_text="For a project's site: the project's region when left out.",
    )  # fmt: skip

    class Meta:
        model = Accident
        fields = ["id", "code", "occurred_on", "project", "firm", "region", "platform", "description", "deaths",
                  "serious_injuries", "direct_loss", "accident_class"]  # fmt: skip
        read_only_fields = ["accident_class"]


class AccidentThresholdSerializer(ScopedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = AccidentThreshold
        fields = ["id", "accident_class", "rank", "deaths", "serious_injuries", "direct_loss"]


class SafetyAwardSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = SafetyAward
        fields = ["id", "region", "region_code", "year", "won", "note"]


class ThreatRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ThreatRule
        fields = ["id", "code", "name", "effect", "kind", "accident_class", "hazard_grade", "active", "order"]


class SummaryQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    through = serializers.IntegerField(
        min_value=1, max_value=12, required=False, help_text="default: the latest reported month of that year, else 12"
    )
    region = serializers.CharField(required=False, help_text="the city or a county (code or name)")
    platform = serializers.CharField(required=False)
    list = serializers.CharField(required=False)
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)


class GradeCountsSerializer(serializers.Serializer):
    general = serializers.IntegerField()
    major = serializers.IntegerField()


class HazardCountsSerializer(serializers.Serializer):
    found = serializers.IntegerField(help_text="found in the period")
    open = GradeCountsSerializer(help_text="open (not yet verified) on the day")
    overdue = GradeCountsSerializer(help_text="open past the rectification deadline on the day")


class ClassCountsSerializer(serializers.Serializer):
    general = serializers.IntegerField()
    larger = serializers.IntegerField()
    major = serializers.IntegerField()
    especially_major = serializers.IntegerField()


class AwardSerializer(serializers.Serializer):
    title = serializers.CharField()
    result = serializers.BooleanField(allow_null=True, help_text="this year's result; null while undecided")
    streak = serializers.IntegerField(help_text="consecutive wins through this year (if won) or the year before")
    streak_from = serializers.IntegerField(allow_null=True)
    streak_through = serializers.IntegerField(allow_null=True)
    this_year_would_be = serializers.IntegerField(help_text="the place of this year's award in the run: 19 = 十九连冠")
    run_label = serializers.CharField()
    goal_label = serializers.CharField()
    history = serializers.DictField(child=serializers.BooleanField())


class ThreatSerializer(serializers.Serializer):
    rule = serializers.CharField()
    rule_name = serializers.CharField()
    effect = serializers.ChoiceField(choices=["veto", "warning"])
    region = serializers.CharField()
    region_name = serializers.CharField()
    subject = serializers.CharField(help_text="the accident's or hazard's number")
    text = serializers.CharField()


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    inspections = serializers.IntegerField()
    hazards = HazardCountsSerializer()
    accidents = ClassCountsSerializer()
    accidents_total = serializers.IntegerField()
    deaths = serializers.IntegerField()
    serious_injuries = serializers.IntegerField()
    direct_loss_wan = serializers.DecimalField(max_digits=16, decimal_places=2)
    award = AwardSerializer(allow_null=True)
    on_course = serializers.BooleanField(help_text="no veto (一票否决) rule has fired")
    threats = ThreatSerializer(many=True)


class CitySerializer(UnitSerializer):
    full_house = serializers.BooleanField(allow_null=True, help_text="满堂红 this year; null while undecided")
    full_house_years = serializers.ListField(child=serializers.IntegerField())
    counties_on_course = serializers.BooleanField()


class SafetySummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    through_month = serializers.IntegerField()
    as_of = serializers.DateField()
    scope = serializers.ListField(child=serializers.CharField())
    city = CitySerializer()
    counties = UnitSerializer(many=True)
    threats = ThreatSerializer(many=True)
    on_course = serializers.BooleanField()

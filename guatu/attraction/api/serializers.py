from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guatu.accounts.permissions import ScopedSerializerMixin
from guatu.attraction import actions
from guatu.attraction.choices import Source, Stage
from guatu.attraction.figures import BY
from guatu.attraction.forms import leader_accounts
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
from guatu.attraction.thresholds import check
from guatu.projects.api.serializers import ModelCleanMixin
from guatu.projects.choices import Category
from guatu.projects.models import Project

MONEY = {"max_digits": 20, "decimal_places": 2}


class FlagSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(choices=["intensity", "tax", "qxwy"])
    value = serializers.DecimalField(**MONEY)
    minimum = serializers.DecimalField(**MONEY)
    text = serializers.CharField()


class LeadSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A lead's facts; `stage`, `stage_on`, `signed_on`, `event` and `project` move only by the
    `transition` and `convert` operations."""

    region_code = serializers.CharField(source="region.code", read_only=True)
    platform_code = serializers.CharField(source="platform.code", read_only=True, default=None, allow_null=True)
    increase_of = serializers.SlugRelatedField(
        slug_field="code", queryset=Project.objects.all(), required=False, allow_null=True
    )
    leader = serializers.SlugRelatedField(
        slug_field="username", queryset=leader_accounts(), required=False, allow_null=True
    )
    counted_investment = serializers.DecimalField(
        read_only=True, help_text="万元: the increase only, for a capital increase", **MONEY
    )
    intensity = serializers.DecimalField(read_only=True, allow_null=True, help_text="万元 per 亩", **MONEY)
    tax_per_mu = serializers.DecimalField(read_only=True, allow_null=True, help_text="万元 per 亩", **MONEY)
    threshold_flags = serializers.SerializerMethodField()
    event_name = serializers.CharField(source="event.name", read_only=True, default=None, allow_null=True)
    project_code = serializers.CharField(source="project.code", read_only=True, default=None, allow_null=True)
    next_stages = serializers.SerializerMethodField()

    class Meta:
        model = Lead
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "investor",
            "origin",
            "capital",
            "industry",
            "chain",
            "region",
            "region_code",
            "platform",
            "platform_code",
            "department",
            "source",
            "kind",
            "increase_of",
            "existing_investment",
            "planned_investment",
            "counted_investment",
            "land_mu",
            "intensity",
            "expected_tax",
            "tax_per_mu",
            "qxwy_candidate",
            "threshold_flags",
            "fund_investment",
            "fund_note",
            "leader_name",
            "ownership",
            "leader",
            "team",
            "received_on",
            "agreed_start",
            "description",
            "stage",
            "stage_on",
            "signed_on",
            "event",
            "event_name",
            "project_code",
            "next_stages",
        ]
        read_only_fields = ["stage", "stage_on", "signed_on", "event"]

    def get_fields(self):
        fields = super().get_fields()
        if "leader" in fields:  # naming a lead's leader is not reading people's records
            fields["leader"].queryset = leader_accounts()
        return fields

    @extend_schema_field(FlagSerializer(many=True))
    def get_threshold_flags(self, lead) -> list[dict]:
        return [flag.as_json() for flag in check(lead).flags]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Stage.choices)))
    def get_next_stages(self, lead) -> list[str]:
        return actions.next_stages(lead)

    def create(self, validated_data):
        validated_data.pop("version", None)
        return actions.save_lead(Lead(**validated_data), acting_user=self._acting_user())

    def update(self, instance, validated_data):
        validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return actions.save_lead(instance, acting_user=self._acting_user())


class LeadTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Stage.choices)
    on = serializers.DateField(required=False, help_text="default: the event's day for a signing at one, else today")
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="required to suspend (中止) or exit (退出)"
    )
    event = serializers.PrimaryKeyRelatedField(queryset=SigningEvent.objects.all(), required=False, allow_null=True)
    agreed_start = serializers.DateField(required=False, help_text="a signing needs it (or the lead has it)")
    version = serializers.IntegerField(required=False, min_value=1, help_text="the lead's version you read")


class LeadConvertSerializer(serializers.Serializer):
    code = serializers.CharField(required=False, allow_blank=True, max_length=32, help_text="default: the lead's code")
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    department = serializers.IntegerField(required=False, allow_null=True, help_text="department id")
    category = serializers.ChoiceField(choices=Category.choices, required=False, default=Category.INDUSTRIAL)


class LeadConvertedSerializer(serializers.Serializer):
    lead = serializers.CharField()
    project = serializers.CharField(help_text="the new ledger project's code")
    name = serializers.CharField()
    total_investment = serializers.DecimalField(**MONEY)


class StageChangeSerializer(serializers.ModelSerializer):
    lead_code = serializers.CharField(source="lead.code", read_only=True)

    class Meta:
        model = LeadStageChange
        fields = ["id", "lead", "lead_code", "from_stage", "to_stage", "on", "reason", "by"]


class TalkSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    lead_code = serializers.CharField(source="lead.code", read_only=True)

    class Meta:
        model = Talk
        fields = ["id", "lead", "lead_code", "on", "kind", "participants", "summary", "next_step"]


class LeadTalkSerializer(serializers.ModelSerializer):
    """A talk posted to a lead's own `talks` operation (the lead comes from the URL; saving validates it)."""

    lead_code = serializers.CharField(source="lead.code", read_only=True)

    class Meta:
        model = Talk
        fields = ["id", "lead_code", "on", "kind", "participants", "summary", "next_step"]


class ContactSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "lead", "name", "title", "organisation", "phone", "email", "note"]


class CapitalArrivalSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = CapitalArrival
        fields = ["id", "lead", "on", "amount", "note"]


class SigningEventSerializer(ScopedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = SigningEvent
        fields = ["id", "name", "on", "region", "host", "description"]


class IndustryChainSerializer(ScopedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = IndustryChain
        fields = ["id", "code", "name", "flagship", "sort_order"]


class AdmissionThresholdSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = AdmissionThreshold
        fields = ["id", "industry", "year", "min_intensity", "min_tax_per_mu", "qxwy_min_total"]


class AttractionTargetSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = AttractionTarget
        fields = ["id", "year", "region", "platform", "signed_count", "signed_amount"]


class FiltersQuerySerializer(serializers.Serializer):
    region = serializers.CharField(required=False, help_text="region code or name (subtree)")
    platform = serializers.CharField(required=False, help_text="platform code or name (subtree)")
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)
    chain = serializers.CharField(required=False, help_text="industry chain code or name")
    source = serializers.ChoiceField(choices=Source.choices, required=False)
    leader = serializers.CharField(required=False, help_text="the leading leader, as written on the leads")
    event = serializers.IntegerField(required=False, help_text="signing event id")


class SummaryQuerySerializer(FiltersQuerySerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    through = serializers.IntegerField(min_value=1, max_value=12, required=False, default=12)
    as_of = serializers.DateField(required=False, help_text="default: the period's end (or today)")
    by = serializers.ChoiceField(choices=BY, required=False)


class RemindersQuerySerializer(FiltersQuerySerializer):
    as_of = serializers.DateField(required=False, help_text="default: the end of the latest reported month")


class SignedSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    amount_wan = serializers.DecimalField(**MONEY)
    target_count = serializers.IntegerField(allow_null=True)
    target_amount_wan = serializers.DecimalField(allow_null=True, **MONEY)
    count_pct = serializers.CharField(allow_null=True)
    amount_pct = serializers.CharField(allow_null=True)


class FiguresSerializer(serializers.Serializer):
    label = serializers.CharField()
    signed = SignedSerializer()
    bands = serializers.DictField(child=serializers.IntegerField(), help_text="over_100m, over_1b, over_10b (≥)")
    reached = serializers.DictField(child=serializers.IntegerField())
    rates = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="performance_pct 履约率, landing_pct 落地率, start_pct 开工率, "
        "production_pct 投产率; null without signings",
    )
    funds_in_place_wan = serializers.DecimalField(**MONEY)
    in_place_pct = serializers.CharField(allow_null=True)
    fit_pct = serializers.CharField(allow_null=True, help_text="产业契合度")
    fund_backed = serializers.DictField()
    ownership = serializers.DictField(child=serializers.IntegerField())
    below_threshold = serializers.IntegerField()
    query = serializers.DictField(
        child=serializers.CharField(), required=False, help_text="the leads/ filters that list these leads"
    )


class FunnelStepSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class AttractionSummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    through_month = serializers.IntegerField()
    as_of = serializers.DateField()
    scope = serializers.ListField(child=serializers.CharField())
    stages = serializers.DictField(child=serializers.IntegerField(), help_text="leads by the stage held on as_of")
    funnel = FunnelStepSerializer(many=True, help_text="leads received in the period that reached each stage")
    signed = SignedSerializer()
    bands = serializers.DictField(child=serializers.IntegerField())
    reached = serializers.DictField(child=serializers.IntegerField())
    rates = serializers.DictField(child=serializers.CharField(allow_null=True))
    funds_in_place_wan = serializers.DecimalField(**MONEY)
    in_place_pct = serializers.CharField(allow_null=True)
    fit_pct = serializers.CharField(allow_null=True)
    fund_backed = serializers.DictField()
    ownership = serializers.DictField(child=serializers.IntegerField())
    below_threshold = serializers.IntegerField()
    leads = serializers.ListField(child=serializers.DictField())
    cumulative = serializers.DictField(help_text="every signing up to as_of (百亿级 over the years)")
    events = serializers.ListField(child=serializers.DictField())
    by = serializers.CharField(allow_null=True)
    rows = FiguresSerializer(many=True)


class ReminderSerializer(serializers.Serializer):
    lead = serializers.CharField()
    name = serializers.CharField()
    rule = serializers.ChoiceField(choices=["respond", "screen", "report", "exit_review", "convert"])
    level = serializers.ChoiceField(choices=["red", "yellow"])
    due = serializers.DateField()
    days_late = serializers.IntegerField()
    text = serializers.CharField()
    leader = serializers.CharField()


class RemindersSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    reminders = ReminderSerializer(many=True)

from __future__ import annotations

from rest_framework import serializers

from guatu.accounts.permissions import ScopedSerializerMixin
from guatu.core.models import Industry
from guatu.funds.models import Fund, FundCommitment, FundInvestment
from guatu.projects.api.serializers import ModelCleanMixin


class FundSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A fund; its size is the sum of its commitments (see `fund-commitments/`)."""

    region_code = serializers.CharField(source="region.code", read_only=True)
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None, allow_null=True)
    focus_industries = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Industry.objects.all(), required=False, help_text="industry ids"
    )

    class Meta:
        model = Fund
        fields = [
            "id",
            "code",
            "name",
            "level",
            "kind",
            "structure",
            "parent",
            "parent_code",
            "manager",
            "region",
            "region_code",
            "platform",
            "focus_industries",
            "approved_on",
            "set_up_on",
            "investment_end",
            "exit_end",
            "extension_end",
            "closed_on",
            "description",
        ]

    def validate(self, attrs):
        focus = attrs.pop("focus_industries", None)
        attrs = super().validate(attrs)
        if focus is not None:
            attrs["focus_industries"] = focus
        return attrs

    def create(self, validated_data):
        focus = validated_data.pop("focus_industries", None)
        fund = super().create(validated_data)
        if focus is not None:
            fund.focus_industries.set(focus)
        return fund

    def update(self, instance, validated_data):
        focus = validated_data.pop("focus_industries", None)
        fund = super().update(instance, validated_data)
        if focus is not None:
            fund.focus_industries.set(focus)
        return fund


class FundCommitmentSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    fund_code = serializers.CharField(source="fund.code", read_only=True)

    class Meta:
        model = FundCommitment
        fields = [
            "id",
            "fund",
            "fund_code",
            "lp_name",
            "lp_class",
            "lp_fund",
            "committed",
            "committed_on",
            "paid_in",
            "paid_in_on",
            "note",
        ]


class FundInvestmentSerializer(ScopedSerializerMixin, ModelCleanMixin, serializers.ModelSerializer):
    fund_code = serializers.CharField(source="fund.code", read_only=True)
    project_code = serializers.CharField(source="project.code", read_only=True, default=None, allow_null=True)
    lead_code = serializers.CharField(source="lead.code", read_only=True, default=None, allow_null=True)
    flagship = serializers.BooleanField(source="industry.flagship", read_only=True)

    class Meta:
        model = FundInvestment
        fields = [
            "id",
            "fund",
            "fund_code",
            "investee",
            "project",
            "project_code",
            "lead",
            "lead_code",
            "amount",
            "invested_on",
            "industry",
            "flagship",
            "region",
            "is_local",
            "is_private",
            "is_high_tech",
            "co_investment",
            "investee_financing",
            "note",
        ]


class FundSummaryQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    through = serializers.IntegerField(min_value=1, max_value=12, default=12)
    region = serializers.CharField(required=False, help_text="region code or name (its funds and those below)")
    platform = serializers.CharField(required=False, help_text="platform code or name")
    industry = serializers.CharField(required=False, help_text="industry code or name (narrows investment figures)")
    fund = serializers.CharField(required=False, help_text="fund code or name (it and its sub-funds)")
    level = serializers.CharField(required=False, help_text="province, city or county")


class FundWarningsQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="default: today")
    region = serializers.CharField(required=False)
    platform = serializers.CharField(required=False)
    fund = serializers.CharField(required=False)
    level = serializers.CharField(required=False)


class FundWarningSerializer(serializers.Serializer):
    fund = serializers.CharField()
    name = serializers.CharField()
    rule = serializers.ChoiceField(choices=["not_set_up", "idle"])
    since = serializers.DateField()
    text = serializers.CharField()


class FundWarningsSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    warnings = FundWarningSerializer(many=True)


class FundFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    type = serializers.CharField()
    structure = serializers.CharField()
    parent = serializers.CharField(allow_null=True)
    phase = serializers.CharField()
    committed_wan = serializers.CharField()
    committed_yi = serializers.CharField()
    government_wan = serializers.CharField()
    province_wan = serializers.CharField()
    paid_in_wan = serializers.CharField()
    invested_wan = serializers.CharField()
    progress_committed_pct = serializers.CharField(allow_null=True)
    progress_paid_in_pct = serializers.CharField(allow_null=True)
    leverage = serializers.CharField(allow_null=True)
    flagship_share_pct = serializers.CharField(allow_null=True)
    local_pct = serializers.CharField(allow_null=True)
    high_tech_pct = serializers.CharField(allow_null=True)
    private_pct = serializers.CharField(allow_null=True)


MONEY_KEYS = (
    "cluster_size",
    "cluster_size_start",
    "cluster_growth",
    "new_investment",
    "new_investment_in_firms",
    "new_investment_in_other_funds",
    "leveraged",
    "co_investment",
    "investee_financing",
    "government",
    "paid_in",
    "invested",
    "local_investment",
)


class FundSummarySerializer(serializers.Serializer):
    """The cluster's figures: money as decimal strings in 亿元 (`_yi`, two places) and 万元 (`_wan`);
    percentages with one place, multiples with two; null when there is no denominator."""

    year = serializers.IntegerField()
    through_month = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    scope = serializers.ListField(child=serializers.CharField())
    leverage = serializers.CharField(allow_null=True, help_text="cluster size ÷ government money")
    reinvestment_ratio = serializers.CharField(allow_null=True, help_text="local investment ÷ government money")
    progress_committed_pct = serializers.CharField(allow_null=True)
    progress_paid_in_pct = serializers.CharField(allow_null=True)
    flagship_share_pct = serializers.CharField(allow_null=True)
    flagship_share_period_pct = serializers.CharField(allow_null=True)
    local_pct = serializers.CharField(allow_null=True)
    high_tech_pct = serializers.CharField(allow_null=True)
    private_pct = serializers.CharField(allow_null=True)
    funds_in_cluster = serializers.IntegerField()
    investments_in_period = serializers.IntegerField()
    funds = FundFiguresSerializer(many=True)
    warnings = FundWarningSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        for key in MONEY_KEYS:
            fields[f"{key}_yi"] = serializers.CharField()
            fields[f"{key}_wan"] = serializers.CharField()
        return fields

"""API shapes of the reporting calendar and 报送情况 (documented in the OpenAPI schema)."""

from __future__ import annotations

from rest_framework import serializers

from guatu.reporting.models import ReportingMonth


class ReportingMonthSerializer(serializers.ModelSerializer):
    closed_by = serializers.StringRelatedField(allow_null=True)
    opened_by = serializers.StringRelatedField(allow_null=True)
    reopened_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = ReportingMonth
        fields = ["id", "year", "month", "deadline", "state", "opened_at", "opened_by", "closed_at", "closed_by",
                  "reopened_at", "reopened_by", "reopen_reason"]  # fmt: skip
        read_only_fields = fields


class OpenMonthSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    deadline = serializers.DateField(required=False, help_text="default: the policy's day of the next month")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="why the closed month is reopened (required)")


class StatusQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False,
                                    help_text="default: the open reporting month")  # fmt: skip
    month = serializers.IntegerField(min_value=1, max_value=12, required=False)
    region = serializers.CharField(required=False, help_text="region code or name (subtree)")
    platform = serializers.CharField(required=False, help_text="platform code or name (subtree)")
    list = serializers.CharField(required=False, help_text="project list code or name")
    industry = serializers.CharField(required=False)
    department = serializers.CharField(required=False)

    def validate(self, data):
        if ("year" in data) != ("month" in data):
            raise serializers.ValidationError("give both year and month, or neither (the open reporting month)")
        return data


class TallySerializer(serializers.Serializer):
    label = serializers.CharField()
    expected = serializers.IntegerField(help_text="projects expected to report (an annual plan for the year)")
    reported = serializers.IntegerField(help_text="submitted, approved or locked")
    approved = serializers.IntegerField(help_text="approved or locked")
    submitted = serializers.IntegerField(help_text="submitted, awaiting review")
    returned = serializers.IntegerField()
    draft = serializers.IntegerField()
    no_report = serializers.IntegerField(help_text="nothing filed for the month")
    not_reported = serializers.IntegerField(help_text="returned + draft + no report")
    overdue = serializers.IntegerField(help_text="not reported and the deadline has passed")
    rate_pct = serializers.CharField(allow_null=True, help_text="报送率, one decimal; null when nothing is expected")


class ProjectSubmissionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    owner = serializers.CharField()
    contact = serializers.CharField()
    county = serializers.CharField()
    county_code = serializers.CharField()
    platform = serializers.CharField(allow_null=True)
    department = serializers.CharField(allow_null=True)
    lists = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=["none", "draft", "returned"], help_text="none: nothing filed")
    overdue = serializers.BooleanField()


class SubmissionStatusSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    scope = serializers.ListField(child=serializers.CharField())
    state = serializers.ChoiceField(choices=["open", "closed"], allow_null=True,
                                    help_text="null: the city has not opened the month")  # fmt: skip
    deadline = serializers.DateField()
    as_of = serializers.DateField()
    past_deadline = serializers.BooleanField()
    overall = TallySerializer()
    by_county = TallySerializer(many=True)
    by_platform = TallySerializer(many=True)
    by_department = TallySerializer(many=True)
    by_list = TallySerializer(many=True)
    not_reported = ProjectSubmissionSerializer(many=True)

from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.indicators.models import Indicator, IndicatorValue, RankTarget, ReportingUnit


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ["code", "name", "unit", "kind", "rank_by", "higher_is_better", "frequency", "real_growth"]
    search_fields = ["code", "name"]


@admin.register(ReportingUnit)
class ReportingUnitAdmin(ScopedAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "region", "platform"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ScopedAdmin):
    list_display = ["indicator", "unit", "year", "month", "value", "growth_pct", "growth_derived", "vintage"]
    list_filter = ["indicator", "year", "vintage"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]


@admin.register(RankTarget)
class RankTargetAdmin(ScopedAdmin):
    list_display = ["indicator", "unit", "year", "keep", "strive", "fight"]
    list_filter = ["year", "indicator"]
    autocomplete_fields = ["unit"]

from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin, ScopedInline
from guatu.funds.models import Fund, FundCommitment, FundFocus, FundInvestment


class FocusInline(ScopedInline):
    model = FundFocus
    fk_name = "fund"


class CommitmentInline(ScopedInline):
    model = FundCommitment
    fk_name = "fund"
    fields = ["lp_name", "lp_class", "lp_fund", "committed", "committed_on", "paid_in", "paid_in_on", "note"]


@admin.register(Fund)
class FundAdmin(ScopedAdmin):
    list_display = ["code", "name", "level", "kind", "structure", "parent", "region", "set_up_on"]
    list_filter = ["level", "kind", "structure"]
    search_fields = ["code", "name", "manager"]
    autocomplete_fields = ["region", "platform"]
    exclude = ["focus_industries"]  # edited in the inline, so every link is recorded
    inlines = [FocusInline, CommitmentInline]


@admin.register(FundCommitment)
class FundCommitmentAdmin(ScopedAdmin):
    list_display = ["fund", "lp_name", "lp_class", "committed", "committed_on", "paid_in", "paid_in_on"]
    list_filter = ["lp_class"]
    search_fields = ["fund__code", "fund__name", "lp_name"]


@admin.register(FundInvestment)
class FundInvestmentAdmin(ScopedAdmin):
    list_display = ["fund", "investee", "invested_on", "amount", "industry", "is_local", "is_private", "is_high_tech"]
    list_filter = ["industry", "is_local", "is_private", "is_high_tech"]
    search_fields = ["investee", "fund__code", "fund__name"]
    autocomplete_fields = ["project", "region"]

"""Reads of the ledger. Every read the web, API, CLI and exports make starts at `visible_to`."""

from __future__ import annotations

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Subquery, Value

from guatu.audit.tracking import TrackedQuerySet
from guatu.core.querysets import LookupQuerySet, PlacedQuerySet


class ProjectQuerySet(PlacedQuerySet, TrackedQuerySet, LookupQuerySet):
    def on_list(self, project_list, year: int) -> ProjectQuerySet:
        return self.filter(memberships__project_list=project_list, memberships__year=year)

    def with_figures(self, year: int, month: int) -> ProjectQuerySet:
        """Annotate the annual plan and the YTD actual as of `month` (万元), read from the rollups: one indexed
        row per project (`guatu.rollups`), instead of a sorted subquery over its reports.

        YTD comes from the latest report in the year up to the month, so a project that missed
        a month keeps its last YTD instead of counting as zero. `ytd_fen`/`plan_fen` are the same in fen.
        """
        from guatu.rollups.models import OVERALL, YearFigures

        money = DecimalField(max_digits=16, decimal_places=2)
        row = YearFigures.objects.filter(project_id=OuterRef("pk"), year=year, list_id=OVERALL)
        return self.annotate(
            ytd_fen=Subquery(row.values(f"ytd{month}")[:1]),
            plan_fen=Subquery(row.values("plan")[:1]),
        ).annotate(
            ytd_actual=ExpressionWrapper(F("ytd_fen") / Value(100.0), output_field=money),
            annual_plan=ExpressionWrapper(F("plan_fen") / Value(100.0), output_field=money),
        )

    def with_raw_figures(self, year: int, month: int) -> ProjectQuerySet:
        """`with_figures` from the raw reports and plans (and the month the YTD comes from, `ytd_month`)."""
        from guatu.projects.models import AnnualPlan, MonthlyReport

        latest = (
            MonthlyReport.objects.reported()
            .filter(project=OuterRef("pk"), year=year, month__lte=month)
            .order_by("-month")
        )
        plan = AnnualPlan.objects.filter(project=OuterRef("pk"), year=year).order_by()
        return self.annotate(
            ytd_actual=Subquery(latest.values("invest_ytd")[:1]),
            ytd_month=Subquery(latest.values("month")[:1]),
            annual_plan=Subquery(plan.values("planned_investment")[:1]),
        )


class MonthlyReportQuerySet(TrackedQuerySet):
    def reported(self) -> MonthlyReportQuerySet:
        """Reports whose figures count: submitted, approved or locked (not drafts, not returned ones)."""
        from guatu.projects.choices import REPORTED_STATUSES

        return self.filter(status__in=REPORTED_STATUSES)

    def for_month(self, year: int, month: int) -> MonthlyReportQuerySet:
        return self.filter(year=year, month=month)

    def visible_to(self, user) -> MonthlyReportQuerySet:
        from guatu.accounts.access import restrict

        return restrict(self, user, "view")


class AnnualPlanQuerySet(TrackedQuerySet):
    def visible_to(self, user) -> AnnualPlanQuerySet:
        from guatu.accounts.access import restrict

        return restrict(self, user, "view")


def behind_schedule(projects: ProjectQuerySet, year: int, month: int) -> ProjectQuerySet:
    """Projects with a plan whose completion is below 序时进度 (the same rule as
    `ProgressRow.lagging`): YTD ÷ plan < month ÷ 12, i.e. 12 × YTD < month × plan, in exact integer
    arithmetic on the fen `with_figures` annotates."""
    from django.db.models.functions import Coalesce

    return (
        projects.filter(plan_fen__gt=0)
        .alias(ytd12=Coalesce(F("ytd_fen"), Value(0)) * 12, plan_months=F("plan_fen") * month)
        .filter(ytd12__lt=F("plan_months"))
    )

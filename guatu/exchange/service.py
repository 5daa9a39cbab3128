"""Exports as the web, API and CLI ask for them: one function, the restricted querysets."""

from __future__ import annotations

from guatu.core.periods import Period
from guatu.exchange import kinds
from guatu.exchange.export import write_csv, write_xlsx
from guatu.projects.models import AnnualPlan, MonthlyReport, Project
from guatu.projects.scope import Scope

EXPORT_KINDS = ("projects", "plans", "reports", "progress", "warnings", "problems")
TITLES = {"projects": "重点项目库", "plans": "年度计划", "reports": "项目月报", "progress": "项目名单完成情况",
          "warnings": "项目预警", "problems": "问题清单"}  # fmt: skip


def export_bytes(kind: str, fmt: str, scope: Scope, *, year: int | None, through: int | None, user) -> bytes:
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export {kind!r}; one of {', '.join(EXPORT_KINDS)}")
    projects = scope.apply(Project.objects.visible_to(user), year or 0).distinct()
    if kind == "projects":
        columns, rows = kinds.ledger_columns("projects"), kinds.project_rows(projects)
    elif kind == "plans":
        plans = AnnualPlan.objects.filter(project__in=projects.values("pk"))
        columns, rows = kinds.ledger_columns("plans"), kinds.plan_rows(plans.filter(year=year) if year else plans)
    elif kind == "reports":
        reports = MonthlyReport.objects.filter(project__in=projects.values("pk"))
        columns, rows = (
            kinds.ledger_columns("reports"),
            kinds.report_rows(reports.filter(year=year) if year else reports),
        )
    elif kind == "progress":
        from guatu.projects.progress import progress

        if not (year and through):
            raise ValueError("progress needs --year and --through")
        columns, rows = kinds.PROGRESS_COLUMNS, kinds.progress_rows(progress(scope, Period(year, through), user=user))
    elif kind == "warnings":
        from guatu.reporting.defaults import default_as_of
        from guatu.schedules.warnings import warnings_for

        as_of = Period(year, through).end if year and through else default_as_of(user)
        columns, rows = kinds.WARNING_COLUMNS, kinds.warning_rows(warnings_for(scope, as_of, user=user))
    else:
        from guatu.schedules.models import Problem

        problems = Problem.objects.visible_to(user).filter(project__in=projects.values("pk"))
        columns, rows = kinds.PROBLEM_COLUMNS, kinds.problem_rows(problems)
    title = f"{TITLES[kind]} · {scope.describe()}"
    return write_xlsx(title, columns, rows) if fmt == "xlsx" else write_csv(columns, rows)

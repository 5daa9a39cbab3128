"""Shared test helpers: a small ledger built by hand, apart from the demo's data.

Everything here lives under the test platform `TP` so that figures computed for it are not
mixed with the Quzhou demo that the session loads once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from guatu.accounts.models import RoleAssignment
from guatu.audit.models import ChangeRecord
from guatu.core.models import Department, Platform, Region
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList

D = Decimal


def sample_platform() -> Platform:
    platform, _ = Platform.objects.get_or_create(code="TP", defaults={"name": "测试园区"})
    return platform


def sample_list(code: str = "TL", name: str = "测试名单") -> ProjectList:
    lst, _ = ProjectList.objects.get_or_create(
        code=code, defaults={"name": name, "level": "city", "region": Region.objects.get(code="330800")}
    )
    return lst


def make_project(
    code: str,
    *,
    plan: str | None = "100",
    ytd_by_month: dict[int, str] | None = None,
    year: int = 2024,
    lists: tuple[ProjectList, ...] = (),
    total: str = "1000",
    started: dt.date | None = dt.date(2023, 1, 1),
    region: str = "330802",
) -> Project:
    """A project on the test platform with an annual plan and monthly YTD figures."""
    project = Project.objects.create(
        code=code,
        name=f"测试项目{code}",
        region=Region.objects.get(code=region),
        platform=sample_platform(),
        total_investment=D(total),
        actual_start=started,
    )
    if plan is not None:
        AnnualPlan.objects.create(project=project, year=year, planned_investment=D(plan))
    previous = D(0)
    reports = []
    for month, ytd in sorted((ytd_by_month or {}).items()):
        reports.append(
            MonthlyReport(
                project=project,
                year=year,
                month=month,
                invest_month=D(ytd) - previous,
                invest_ytd=D(ytd),
                invest_cumulative=D(ytd),
                progress_pct=D(10),
                stage="construction",
                status="approved",
            )
        )
        previous = D(ytd)
    # Given figures, as if reported and approved earlier (2024's months are closed in the demo calendar).
    MonthlyReport.objects.bulk_create(reports, validate=False)
    for lst in lists:
        ListMembership.objects.create(project=project, project_list=lst, year=year)
    return project


def make_user(
    username: str,
    role: str,
    *,
    region: str | None = None,
    platform: str | None = None,
    department: str | None = None,
    password: str = "test-pass-2024",
):
    """A user holding one role within a scope (codes of a region, a platform, a department)."""
    user = get_user_model().objects.create_user(username, password=password)
    RoleAssignment.objects.create(
        user=user,
        role=role,
        region=Region.objects.get(code=region) if region else None,
        platform=Platform.objects.get(code=platform) if platform else None,
        department=Department.objects.get(code=department) if department else None,
    )
    return user


def records_of(obj) -> list[ChangeRecord]:
    """The object's change records, oldest first."""
    return list(ChangeRecord.objects.for_object(obj).order_by("time", "id"))

"""Every way a figure is written keeps the rollups exact, in the writing transaction: after random writes
through the form, the workflow, corrections, bulk and queryset writes, deletes and the synthetic loader,
`guatu rollup --verify` finds 0 differences and every scope reads as the raw rows do."""

import datetime as dt
import json
import random
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import transaction

from guatu.audit.context import acting
from guatu.core.models import Platform, Region
from guatu.core.periods import Period
from guatu.projects import actions
from guatu.projects.choices import ReportStatus
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project
from guatu.projects.progress import progress, progress_raw
from guatu.projects.scope import Scope
from guatu.rollups.models import GROUP_COLUMNS, GroupFigures, YearFigures
from guatu.rollups.verify import verify
from guatu.test import make_project, sample_list, sample_platform

pytestmark = pytest.mark.django_db
YEAR = 2025


def assert_exact():
    found = verify()
    assert found.count == 0, found.as_json()
    assert found.groups_checked == GroupFigures.objects.count() > 0
    for scope in (Scope(), Scope(platform=sample_platform()), Scope(region=Region.objects.get(code="330802"))):
        for month in (4, 12):
            fast, raw = progress(scope, Period(YEAR, month)), progress_raw(scope, Period(YEAR, month))
            assert json.dumps(fast.as_json()) == json.dumps(raw.as_json())


def new_report(project, month, ytd, cumulative):
    return MonthlyReport(project=project, year=YEAR, month=month, invest_month=D(1), invest_ytd=D(ytd),
                         invest_cumulative=D(cumulative), progress_pct=D(10), stage="construction")  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_through_every_path_leave_no_difference(seed, officer, reviewer):
    rng = random.Random(seed)
    lists = [sample_list("R1", "名单甲"), sample_list("R2", "名单乙")]
    projects = [make_project(f"R{seed}{i}", plan=str(rng.randint(50, 500)), year=YEAR, lists=(rng.choice(lists),),
                             ytd_by_month={}) for i in range(6)]  # fmt: skip
    ytd = {p.pk: 0 for p in projects}
    for step in range(40):
        project = rng.choice(projects)
        reports = list(MonthlyReport.objects.filter(project=project, year=YEAR).order_by("month"))
        move = rng.choice(["file", "file", "submit", "approve", "return", "plan", "list", "project", "bulk",
                           "delete", "lock", "correct"])  # fmt: skip
        with transaction.atomic():
            if move == "file" and len(reports) < 6:
                month = len(reports) + 1
                ytd[project.pk] += rng.randint(1, 60)
                actions.save_report(new_report(project, month, ytd[project.pk], ytd[project.pk] + 1000),
                                    acting_user=officer, submit=rng.random() < 0.5)  # fmt: skip
            elif move == "submit" and reports:
                report = rng.choice(reports)
                if report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
                    actions.submit_report(report, acting_user=officer)
            elif move == "approve" and reports:
                report = rng.choice(reports)
                if report.status == ReportStatus.SUBMITTED:
                    actions.approve_report(report, acting_user=reviewer)
            elif move == "return" and reports:
                report = rng.choice(reports)
                if report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
                    actions.return_report(report, "请核实", acting_user=reviewer)
            elif move == "plan":
                plan = AnnualPlan.objects.filter(project=project, year=YEAR).first()
                with acting(None):
                    if plan and rng.random() < 0.3:
                        plan.delete()
                    elif plan:
                        plan.planned_investment = D(rng.randint(0, 900))
                        plan.save()
                    else:
                        AnnualPlan.objects.create(project=project, year=YEAR, planned_investment=D(rng.randint(1, 900)))
            elif move == "list":
                lst = rng.choice(lists)
                found = ListMembership.objects.filter(project=project, project_list=lst, year=YEAR)
                if found.exists():
                    found.delete()
                else:
                    ListMembership.objects.create(project=project, project_list=lst, year=YEAR)
            elif move == "project":
                project.refresh_from_db()
                project.total_investment = D(rng.randint(100, 5000))
                project.region = Region.objects.get(code=rng.choice(["330802", "330803"]))
                project.platform = rng.choice([sample_platform(), None, Platform.objects.first()])
                project.name = f"改名{step}"
                project.save()
            elif move == "bulk" and reports:
                MonthlyReport.objects.filter(project=project, status=ReportStatus.DRAFT).update(problems=f"问题{step}")
                Project.objects.filter(pk=project.pk).update(actual_start=rng.choice([None, project.actual_start]))
            elif move == "delete" and reports and reports[-1].status in MonthlyReport.EDITABLE:
                ytd[project.pk] = reports[-2].invest_ytd if len(reports) > 1 else 0
                reports[-1].delete()
            elif move == "lock":
                actions.lock_month_reports(YEAR, rng.randint(1, 6), acting_user=None)
            elif move == "correct" and reports:
                report = rng.choice(reports)
                if report.status == ReportStatus.LOCKED:
                    actions.correct_report(report, {"invest_ytd": report.invest_ytd, "problems": "更正"}, "更正",
                                           acting_user=reviewer)  # fmt: skip
        if step == 19:
            assert_exact()
    victim = projects[0]
    victim.delete()
    assert not YearFigures.objects.filter(project_id=victim.pk).exists()
    assert_exact()


def test_a_rolled_back_write_leaves_the_rollups_as_they_were():
    project = make_project("RB1", plan="100", year=YEAR, ytd_by_month={1: "10"})
    before = list(YearFigures.objects.filter(project_id=project.pk).values_list("ytd1", "plan"))
    groups = sorted(GroupFigures.objects.values_list(*GROUP_COLUMNS))
    with pytest.raises(RuntimeError), transaction.atomic():
        AnnualPlan.objects.filter(project=project).update(planned_investment=D(999))
        assert sorted(GroupFigures.objects.values_list(*GROUP_COLUMNS)) != groups
        raise RuntimeError("undo")
    assert list(YearFigures.objects.filter(project_id=project.pk).values_list("ytd1", "plan")) == before
    assert sorted(GroupFigures.objects.values_list(*GROUP_COLUMNS)) == groups


def test_a_missed_month_carries_the_last_figure_and_a_draft_does_not_count():
    project = make_project("RC1", plan="1200", year=YEAR, ytd_by_month={1: "10", 3: "30"})
    row = YearFigures.objects.get(project_id=project.pk, year=YEAR, list_id=0)
    assert [row.ytd1, row.ytd2, row.ytd3, row.ytd12] == [1000, 1000, 3000, 3000]
    assert row.reported == 0b101
    MonthlyReport.objects.filter(project=project, month=3).update(status=ReportStatus.DRAFT)
    row = YearFigures.objects.get(project_id=project.pk, year=YEAR, list_id=0)
    assert (row.ytd3, row.reported) == (1000, 0b1)


def test_the_verify_command_reports_zero_differences_and_fails_on_one(capsys):
    call_command("rollup", "--verify")
    assert "0 differences" in capsys.readouterr().out
    row = YearFigures.objects.exclude(year=0).first()
    YearFigures.objects.filter(pk=row.pk).update(plan=(row.plan or 0) + 1)
    with pytest.raises(Exception, match="1 rollup rows differ"):
        call_command("rollup", "--verify")
    call_command("rollup", "--rebuild")
    assert verify().count == 0


def test_the_verify_command_checks_the_groups_from_the_raw_rows_too(capsys):
    project = make_project("RG1", plan="1200", year=YEAR, ytd_by_month={1: "10"})
    group = GroupFigures.objects.get(year=YEAR, list_id=0, region_id=project.region_id,
                                     platform_id=project.platform_id)  # fmt: skip
    assert (group.projects, group.plan, group.ytd1, group.lag1, group.rep1, group.started1) == (
        1,
        120000,
        1000,
        1,
        1,
        1,
    )
    GroupFigures.objects.filter(pk=group.pk).update(lag1=0)
    with pytest.raises(Exception, match="1 rollup rows differ"):
        call_command("rollup", "--verify")
    assert "lag1" in capsys.readouterr().out
    call_command("rollup", "--rebuild")
    assert verify().count == 0
    assert GroupFigures.objects.get(pk__isnull=False, year=YEAR, region_id=project.region_id).lag1 == 1


def test_a_project_started_in_one_year_counts_as_started_in_every_later_period():
    make_project("RS1", plan="100", year=YEAR, started=dt.date(YEAR - 1, 12, 31))
    make_project("RS2", plan="100", year=YEAR, started=dt.date(YEAR, 3, 1))
    make_project("RS3", plan="100", year=YEAR, started=None)
    scope = Scope(platform=sample_platform())
    started = {month: progress(scope, Period(YEAR, month)).overall.started for month in (1, 2, 3, 12)}
    assert started == {1: 1, 2: 1, 3: 2, 12: 2}
    assert progress(scope, Period(YEAR - 1, 12)).overall.started == 1
    assert progress(scope, Period(YEAR + 1, 1)).overall.started == 2
    assert_exact()


def test_the_synthetic_loader_builds_both_levels_exactly():
    from guatu.synth.generate import synth

    synth(60, 14, seed=7)
    assert_exact()
    assert GroupFigures.objects.filter(year=2024).exists()


def test_a_rebuild_moves_the_data_version_and_leaves_nothing_kept_to_patch():
    """A rebuild keeps no change record but may change any figure: no cached page or kept result survives it."""
    from guatu.core.cache import data_version
    from guatu.core.watermarks import changed_projects, watermark

    version, mark = data_version(), watermark()
    call_command("rollup", "--rebuild")
    assert data_version() != version
    assert changed_projects(mark, watermark()) is None

"""guatu schedule / warnings / problems on the demo (as of 2024-11-30, the demo's latest month)."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guatu.projects.models import Project

pytestmark = pytest.mark.django_db


def run(*args) -> dict:
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_schedule_json_gives_every_milestone_its_dates_float_and_status():
    code = Project.objects.get(name__startswith="浙江正和硅材料").code
    data = run("schedule", "--project", code)
    assert data["as_of"] == "2024-11-30" and data["promised_finish"] == "2024-12-31"
    by_key = {m["key"]: m for m in data["milestones"]}
    assert list(by_key) == ["sign", "land", "start", "structure", "equipment", "trial", "production"]
    for m in by_key.values():
        assert {"latest_finish", "earliest_finish", "float_days", "critical", "status"} <= set(m)
    assert by_key["structure"]["status"] == "met" and by_key["structure"]["actual_finish"] == "2024-06-28"
    assert by_key["production"]["latest_finish"] == "2024-12-31"
    assert by_key["equipment"]["critical"] and by_key["equipment"]["float_days"] == 0
    assert data["days_missed"] == 0


def test_schedule_of_an_unknown_project_is_a_clear_error():
    with pytest.raises(CommandError, match="NOPE"):
        run("schedule", "--project", "NOPE")


def test_warnings_json_has_levels_and_reasons_and_the_demo_has_every_colour():
    data = run("warnings", "--as-of", "2024-11-30", "--platform", "衢州智造新城")
    levels = {p["level"] for p in data["projects"]}
    assert levels == {"red", "yellow", "green"}
    red = next(p for p in data["projects"] if p["level"] == "red")
    assert red["reasons"] and all(r["text"] for r in red["reasons"])
    zhenghe = next(p for p in data["projects"] if p["name"].startswith("浙江正和"))
    assert zhenghe["level"] == "yellow"  # commissioning equipment with no float left before end-2024


def test_warnings_summary_by_list():
    data = run("warnings", "--platform", "ZZXC", "--summary", "list")
    lists = {row["group"]: row for row in data["rows"]}
    qxwy = lists['省"千项万亿"工程项目']
    assert qxwy["red"] + qxwy["yellow"] + qxwy["green"] == 12


def test_warnings_reject_a_bad_date():
    with pytest.raises(CommandError, match="2024-13-01"):
        run("warnings", "--as-of", "2024-13-01")


def test_problems_overdue_json():
    data = run("problems", "--overdue", "--as-of", "2024-11-30")
    assert data["problems"], "the demo has overdue problems"
    assert all(p["overdue"] and p["status"] in ("open", "in_progress") for p in data["problems"])
    assert all(p["deadline"] < "2024-11-30" for p in data["problems"])
    assert sum(data["overdue_by_department"].values()) == len(data["problems"])


def test_the_demo_battle_map_follows_the_article():
    data = {p["name"]: p for p in run("warnings", "--platform", "ZZXC")["projects"]}
    assert data["先导集成电路东港片区基地项目"]["level"] == "green"  # in production
    tuoxi = run("schedule", "--project", Project.objects.get(name__startswith="浙江拓烯").code)
    by_key = {m["key"]: m for m in tuoxi["milestones"]}
    assert by_key["structure"]["status"] == "upcoming" and by_key["structure"]["actual_finish"] is None
    assert by_key["equipment"]["planned_finish"] == "2025-06-30"  # equipment in the first half of 2025
    assert by_key["production"]["planned_finish"] == "2025-12-31"  # production in the second half


def test_apply_template_and_approve_plan_from_the_command_line():
    from guatu.test import make_project

    project = make_project("C1", plan=None, started=None)
    project.planned_completion = dt.date(2026, 12, 31)
    project.save()
    data = run("apply-template", "--project", "C1", "--template", "industrial", "--as-of", "2024-06-30")
    assert [m["baseline_finish"] for m in data["milestones"]][-1] == "2026-12-31"
    project.planned_completion = dt.date(2027, 3, 31)
    project.save()
    data = run("approve-plan", "--project", "C1", "--as-of", "2024-06-30")
    assert (data["milestones"][-1]["planned_finish"], data["milestones"][-1]["baseline_finish"]) == (
        "2027-03-31", "2026-12-31")  # fmt: skip
    with pytest.raises(CommandError, match="已有节点"):
        call_command("apply-template", "--project", "C1", "--template", "industrial")
    with pytest.raises(CommandError, match="as_of"):
        call_command("approve-plan", "--project", "C1", "--as-of", "9999-12-31")


def test_warnings_warm_schedules_the_days_projects_so_the_first_page_schedules_none(monkeypatch):
    from guatu.projects.scope import Scope
    from guatu.schedules import plan_levels
    from guatu.schedules.warnings import scope_warnings

    out = StringIO()
    call_command("warnings", "--warm", "--as-of", "2024-12-01", stdout=out)
    scheduled = Project.objects.filter(milestones__isnull=False).distinct().count()
    assert out.getvalue().startswith(f"截至 2024-12-01: {scheduled} (30/15 days); ")
    monkeypatch.setattr(plan_levels, "evaluate_schedules", lambda *args: pytest.fail("scheduled again"))
    counts = scope_warnings(Scope(), dt.date(2024, 12, 1)).counts()
    assert sum(counts.values()) == Project.objects.count()

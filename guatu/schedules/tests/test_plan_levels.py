"""Schedule levels remembered per project: after a write by any way in, the next page shows the new level, and only
the projects whose milestones or promise changed are scheduled again (evaluations counted, not timed)."""

import datetime as dt
import itertools
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from guatu.accounts.roles import Role
from guatu.core.models import Region
from guatu.exchange.importer import import_file
from guatu.projects.actions import correct_report
from guatu.projects.models import MonthlyReport, Project
from guatu.projects.scope import Scope
from guatu.safety.tests.factories import hazard, inspection
from guatu.schedules import plan_levels
from guatu.schedules.models import Milestone, WarningPolicy
from guatu.schedules.tests.helpers import chain, change_data, formset_data
from guatu.schedules.warnings import scope_warnings, warnings_for
from guatu.test import make_project, make_user

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 11, 30)
COUNTY = "330802"  # 柯城区, where the test helpers put their projects


@pytest.fixture
def evaluated(monkeypatch):
    """The ids of the projects whose schedules are evaluated, in order (each call of `evaluate_schedules`)."""
    seen: list[int] = []
    real = plan_levels.evaluate_schedules

    def counting(projects, as_of, rules):
        found = real(projects, as_of, rules)
        seen.extend(found)
        return found

    monkeypatch.setattr(plan_levels, "evaluate_schedules", counting)
    return seen


@pytest.fixture
def green(evaluated) -> Project:
    """A project in 柯城区 on track: 85 of its 100 planned by November (6.7 points behind), two milestones (signed;
    100 days of building with 112 days of float before its promise), its county's map read once (all evaluated)."""
    project = make_project("PL1", plan="100", ytd_by_month={11: "85"})
    project.planned_completion = dt.date(2025, 6, 30)
    project.save()
    chain(project, ("sign", 0, "2024-03-01", "2024-03-01"), ("build", 100, "2025-05-01", None))
    county_levels()
    assert level_of(project) == "green"
    evaluated.clear()
    return project


def county_levels(user=None) -> dict[int, str]:
    """(project id → level) of the projects with milestones on 柯城区's battle map, as its pages read them."""
    return dict(scope_warnings(Scope(region=Region.objects.get(code=COUNTY)), DAY, user=user).map_levels())


def level_of(project: Project) -> str:
    return county_levels()[project.pk]


def on_the_map_page(client, project: Project) -> str | None:
    """The level the battle map page shows for `project` (its county's map, page after page); None when absent."""
    region = Region.objects.get(code=COUNTY).pk
    for number in itertools.count(1):
        data = client.get("/battle-map/", {"as_of": DAY.isoformat(), "region": region, "page": number}).context["map"]
        found = {row.key: row.level for row in data.projects}
        if project.code in found:
            return found[project.code]
        if not data.page.has_next():
            return None


def test_a_second_read_schedules_nothing_and_gives_the_same_levels(green, evaluated):
    first = county_levels()
    make_project("PL2")  # a write elsewhere: a new data version, nothing of these projects' milestones
    assert county_levels() == first and evaluated == []


def test_a_milestone_edited_on_the_page_is_the_only_one_scheduled_again(green, evaluated, demo_client):
    data = formset_data(green)
    data["m-1-duration_days"] = 200  # the building now ends 12 days before the promise: float under 15
    response = demo_client.post(f"/projects/{green.code}/milestones/?as_of={DAY}", data)
    assert response.status_code == 302
    evaluated.clear()  # the editor's own page after the redirect is not a map read
    assert on_the_map_page(demo_client, green) == "yellow"
    assert evaluated == [green.pk]


def test_a_milestone_changed_through_the_api_is_the_only_one_scheduled_again(green, evaluated, demo_client):
    build = green.milestones.get(key="build")
    response = demo_client.patch(f"/api/v1/milestones/{build.pk}/", {"duration_days": 230},
                                 content_type="application/json", HTTP_IF_MATCH=f'"{build.version}"')  # fmt: skip
    assert response.status_code == 200, response.content
    assert level_of(green) == "red"  # it cannot end before 2025-07-18: the promise will be missed
    assert evaluated == [green.pk]


def test_a_milestone_changed_in_the_admin_is_the_only_one_scheduled_again(green, evaluated, admin_client):
    build = green.milestones.get(key="build")
    data = {**change_data(build, duration_days=230), "project": green.pk, "version": build.version}
    response = admin_client.post(f"/admin/schedules/milestone/{build.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert level_of(green) == "red"  # it cannot end before 2025-07-18: the promise will be missed
    assert evaluated == [green.pk]


def test_a_promise_moved_earlier_schedules_that_project_again(green, evaluated):
    green.planned_completion = dt.date(2025, 1, 31)  # the building cannot end before 2025-03-10
    green.save()
    assert level_of(green) == "red"
    assert evaluated == [green.pk]


def test_a_milestone_removed_by_the_action_schedules_that_project_again(green, evaluated):
    from guatu.schedules.actions import delete_milestone

    Milestone.objects.filter(project=green, key="build").update(planned_finish=dt.date(2024, 11, 20))
    assert level_of(green) == "yellow" and evaluated == [green.pk]  # 10 days overdue
    delete_milestone(green.milestones.get(key="build"))
    assert level_of(green) == "green" and evaluated == [green.pk, green.pk]


def test_a_corrected_report_changes_the_level_without_scheduling_anything(green, evaluated, reviewer):
    report = MonthlyReport.objects.get(project=green, year=2024, month=11)
    MonthlyReport.objects.filter(pk=report.pk).update(status="locked")
    report.refresh_from_db()
    correct_report(report, {"invest_month": D("0"), "invest_ytd": D("50"), "invest_cumulative": D("50")},
                   "misreported", acting_user=reviewer)  # fmt: skip
    assert level_of(green) == "red"  # 50% done, 91.7% of the year gone
    assert evaluated == []


def test_an_imported_annual_plan_changes_the_level_without_scheduling_anything(green, evaluated, officer, tmp_path):
    path = tmp_path / "计划.csv"
    path.write_text(
        f"项目代码,项目名称,年份,年度计划投资(万元)\n{green.code},{green.name},2024,105\n", encoding="utf-8"
    )
    assert import_file(path, "plans", acting_user=officer).committed
    assert level_of(green) == "yellow"  # 85 of 105: 81.0%, 10.7 points behind
    assert evaluated == []


def test_an_overdue_major_hazard_turns_the_project_red_without_scheduling_anything(green, evaluated):
    hazard("YH-PL1", grade="major", deadline=dt.date(2024, 11, 1), at=inspection("AJ-PL1", project=green))
    assert level_of(green) == "red"
    assert evaluated == []


def test_a_policys_completion_thresholds_schedule_nothing_again_but_its_float_limit_does(green, evaluated):
    policy = WarningPolicy.objects.create(region=Region.objects.get(code=COUNTY), red_points_below="5",
                                          yellow_points_below="2")  # fmt: skip
    assert level_of(green) == "red" and evaluated == []  # 6.7 points behind
    policy.yellow_float_days = 200
    policy.red_points_below = policy.yellow_points_below = 20
    policy.save()
    assert level_of(green) == "yellow"  # 112 days of float, under 200
    with_milestones = Project.objects.filter(region__code=COUNTY, milestones__isnull=False).distinct().count()
    assert sorted(evaluated) == sorted(set(evaluated)) and len(evaluated) == with_milestones


def test_the_next_day_schedules_every_project_once_or_none_when_warmed(evaluated):
    county = Scope(region=Region.objects.get(code=COUNTY))
    with_milestones = Project.objects.filter(region__code=COUNTY, milestones__isnull=False).distinct().count()
    scope_warnings(county, DAY).map_levels()
    assert len(evaluated) == with_milestones > 0
    evaluated.clear()
    tomorrow = DAY + dt.timedelta(days=1)
    warmed = plan_levels.warm(tomorrow)
    assert warmed == {"30/15": Project.objects.filter(milestones__isnull=False).distinct().count()}
    evaluated.clear()
    levels = dict(scope_warnings(county, tomorrow).map_levels())
    assert evaluated == [] and len(levels) == with_milestones
    assert levels == {w.project.pk: w.level for w in warnings_for(county, tomorrow) if w.project.pk in levels}


def test_levels_remembered_for_the_province_do_not_widen_a_county_readers_map(green, evaluated):
    scope_warnings(Scope(), DAY).map_levels()
    evaluated.clear()
    outsider = make_user("pl-jiangshan", Role.LEADER, region="330881")
    seen = dict(scope_warnings(Scope(), DAY, user=outsider).map_levels())
    assert evaluated == [] and green.pk not in seen and seen
    assert set(Project.objects.filter(pk__in=seen).values_list("region__code", flat=True)) <= {"330881"}


@pytest.mark.parametrize(
    "field, value",
    [("key", "build2"), ("order", 7), ("duration_days", 101), ("predecessors", ""),
     ("planned_finish", dt.date(2025, 5, 2)), ("actual_start", dt.date(2024, 11, 1)),
     ("actual_finish", dt.date(2024, 11, 2))],
)  # fmt: skip
def test_every_milestone_field_the_rules_read_changes_the_fingerprint(green, field, value):
    before = plan_levels.fingerprints(Project.objects.filter(pk=green.pk))
    Milestone.objects.filter(project=green, key="build").update(**{field: value})
    assert plan_levels.fingerprints(Project.objects.filter(pk=green.pk)) != before


def test_the_name_note_and_baseline_do_not_change_the_fingerprint_but_the_promise_does(green):
    before = plan_levels.fingerprints(Project.objects.filter(pk=green.pk))
    Milestone.objects.filter(project=green).update(name="改名", note="备注", baseline_finish=dt.date(2025, 1, 1))
    assert plan_levels.fingerprints(Project.objects.filter(pk=green.pk)) == before
    Project.objects.filter(pk=green.pk).update(planned_completion=dt.date(2025, 7, 1))
    assert plan_levels.fingerprints(Project.objects.filter(pk=green.pk)) != before


def test_a_user_who_sees_no_project_gets_an_empty_map_not_an_error(green, evaluated):
    nobody = get_user_model().objects.create_user("no-role", password="test-pass-2024")  # signed in, no role
    assert plan_levels.fingerprints(Project.objects.none()) == {}
    assert county_levels(user=nobody) == {}
    assert evaluated == []

import pytest

from guatu.core.models import Department
from guatu.projects.models import Project
from guatu.schedules.models import Milestone, Problem
from guatu.schedules.tests.helpers import d
from guatu.test import make_project

pytestmark = pytest.mark.django_db


def test_the_schedule_endpoint_matches_the_cli(demo_client):
    code = Project.objects.get(name__startswith="浙江正和硅材料").code
    data = demo_client.get(f"/api/v1/projects/{code}/schedule/", {"as_of": "2024-11-30"}).json()
    assert data["promised_finish"] == "2024-12-31"
    assert [m["status"] for m in data["milestones"]][:4] == ["met"] * 4


def test_the_schedule_endpoint_rejects_a_bad_date(demo_client):
    code = Project.objects.first().code
    assert demo_client.get(f"/api/v1/projects/{code}/schedule/", {"as_of": "soon"}).status_code == 400


def test_warnings_endpoint_filters_by_level_and_summarises(demo_client):
    data = demo_client.get("/api/v1/warnings/", {"platform": "ZZXC", "level": "red", "by": "platform"}).json()
    assert data["as_of"] == "2024-11-30"
    assert data["projects"] and {p["level"] for p in data["projects"]} == {"red"}
    assert {row["group"] for row in data["summary"]} == {"高新片区", "东港片区"}


def test_templates_are_listed_with_their_steps(demo_client):
    data = demo_client.get("/api/v1/milestone-templates/").json()["results"]
    industrial = next(t for t in data if t["code"] == "industrial")
    assert [s["key"] for s in industrial["steps"]][:3] == ["sign", "land", "start"]


def test_problems_move_through_the_api_and_bad_moves_are_refused(demo_client):
    problem = Problem.objects.create(project=Project.objects.first(), type="land", title="用地",
                                     department=Department.objects.first(), raised_on=d("2024-09-01"),
                                     deadline=d("2024-10-01"))  # fmt: skip
    url = f"/api/v1/problems/{problem.pk}/transition/"
    refused = demo_client.post(url, {"to": "closed"}, content_type="application/json")
    assert refused.status_code == 400 and "to" in refused.json()
    ok = demo_client.post(url, {"to": "resolved", "resolution": "已解决"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "resolved"


def test_overdue_problems_filter(demo_client):
    data = demo_client.get("/api/v1/problems/", {"overdue": "1"}).json()
    assert all(p["status"] in ("open", "in_progress") for p in data["results"])


def test_milestone_api_applies_the_model_rules(demo_client):
    milestone = Project.objects.get(name__startswith="浙江正和硅材料").milestones.get(key="trial")
    response = demo_client.patch(f"/api/v1/milestones/{milestone.pk}/", {"actual_finish": "2099-01-01"},
                                 content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and "actual_finish" in response.json()


def test_the_schema_lists_the_battle_map_endpoints(demo_client):
    paths = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in (
        "/api/v1/projects/{code}/schedule/",
        "/api/v1/warnings/",
        "/api/v1/problems/",
        "/api/v1/problems/{id}/transition/",
        "/api/v1/milestones/",
        "/api/v1/milestone-templates/",
    ):
        assert path in paths, path


# Writing milestone networks through the API: the same checks and actions as the page.


def _project_with_promise(code: str, promise: str = "2026-12-31") -> Project:
    project = make_project(code, plan=None, started=None)
    project.planned_completion = d(promise)
    project.save()
    return project


def _post(client, project, **fields):
    body = {"project": project.pk, "name": fields.pop("name", "节点"), "duration_days": 10, **fields}
    return client.post("/api/v1/milestones/", body, content_type="application/json")


def test_an_unknown_predecessor_is_refused_with_the_reason(demo_client):
    project = _project_with_promise("A1")
    response = _post(demo_client, project, key="start", predecessors="land")
    assert response.status_code == 400
    assert "land" in response.json()["predecessors"][0]
    assert not project.milestones.exists()


def test_a_cycle_is_refused_with_the_milestones_named(demo_client):
    project = _project_with_promise("A2")
    assert _post(demo_client, project, key="签约", name="签约", predecessors="").status_code == 201
    assert _post(demo_client, project, key="开工", name="开工", predecessors="签约").status_code == 201
    sign = project.milestones.get(key="签约")
    response = demo_client.patch(f"/api/v1/milestones/{sign.pk}/", {"predecessors": "开工"},
                                 content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    message = response.json()["predecessors"][0]
    assert "循环" in message and "签约" in message and "开工" in message
    sign.refresh_from_db()
    assert sign.predecessors == ""


@pytest.mark.parametrize(("fields", "field"), [
    ({"duration_days": 2147483647}, "duration_days"),
    ({"duration_days": 3651}, "duration_days"),
    ({"predecessors": "a+99999999"}, "predecessors"),
    ({"predecessors": "a+3651"}, "predecessors"),
])  # fmt: skip
def test_durations_and_lags_beyond_ten_years_are_refused(demo_client, fields, field):
    project = _project_with_promise("A3")
    first = _post(demo_client, project, key="a", name="A")
    assert first.status_code == 201, first.json()
    response = _post(demo_client, project, key="b", name="B", **fields)
    assert response.status_code == 400 and field in response.json()
    assert project.milestones.count() == 1


def test_a_key_is_made_from_a_chinese_name(demo_client):
    project = _project_with_promise("A4")
    response = _post(demo_client, project, name="签约")
    assert response.status_code == 201 and response.json()["key"] == "签约"
    assert _post(demo_client, project, name="开工", predecessors="签约+30").status_code == 201
    assert project.milestones.get(name="开工").predecessors == "签约+30"


def test_deleting_a_milestone_others_come_after_is_refused_with_the_reason(demo_client):
    project = _project_with_promise("A5")
    _post(demo_client, project, key="sign", name="签约")
    _post(demo_client, project, key="start", name="开工", predecessors="sign")
    sign = project.milestones.get(key="sign")
    response = demo_client.delete(f"/api/v1/milestones/{sign.pk}/", HTTP_IF_MATCH=f'"{sign.version}"')
    assert response.status_code == 400
    assert "开工" in response.json()["detail"][0]
    assert project.milestones.count() == 2
    start = project.milestones.get(key="start")
    assert demo_client.delete(f"/api/v1/milestones/{start.pk}/", HTTP_IF_MATCH=f'"{start.version}"').status_code == 204
    assert demo_client.delete(f"/api/v1/milestones/{sign.pk}/", HTTP_IF_MATCH=f'"{sign.version}"').status_code == 204


def test_milestones_made_through_the_api_get_planned_and_baseline_dates(demo_client):
    project = _project_with_promise("A6")
    _post(demo_client, project, key="sign", name="签约", duration_days=0)
    _post(demo_client, project, key="production", name="投产", duration_days=100, predecessors="sign+5")
    url = f"/api/v1/projects/{project.code}/approve-plan/"
    response = demo_client.post(url, {"as_of": "2024-06-30"}, content_type="application/json")
    assert response.status_code == 200
    by_key = {m["key"]: m for m in response.json()["milestones"]}
    assert by_key["production"]["planned_finish"] == by_key["production"]["baseline_finish"] == "2026-12-31"
    assert by_key["sign"]["planned_finish"] == "2026-09-17"  # 100 days of work and 5 of lag before the promise
    assert by_key["production"]["predecessor_links"] == [{"key": "sign", "name": "签约", "lag": 5}]


def test_a_template_is_applied_through_the_api(demo_client):
    project = _project_with_promise("A7")
    url = f"/api/v1/projects/{project.code}/apply-template/"
    response = demo_client.post(url, {"template": "industrial", "as_of": "2024-06-30"}, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert len(data["milestones"]) == 7 and data["schedulable"]
    assert data["milestones"][-1]["baseline_finish"] == "2026-12-31"
    again = demo_client.post(url, {"template": "industrial"}, content_type="application/json")
    assert again.status_code == 400 and "已有节点" in again.json()["detail"][0]
    unknown = demo_client.post(url, {"template": "nope"}, content_type="application/json")
    assert unknown.status_code == 400 and "industrial" in unknown.json()["template"][0]


def test_a_reader_may_not_apply_or_approve(reader_client):
    code = Project.objects.get(name__startswith="浙江正和硅材料").code
    assert reader_client.post(f"/api/v1/projects/{code}/approve-plan/", {}).status_code == 403
    assert reader_client.post(f"/api/v1/projects/{code}/apply-template/", {"template": "industrial"}).status_code == 403


def test_an_unknown_project_is_404(demo_client):
    assert demo_client.post("/api/v1/projects/NOPE/approve-plan/", {}).status_code == 404


@pytest.mark.parametrize("as_of", ["9999-12-31", "1999-12-31", "2101-01-01", "soon"])
def test_an_as_of_out_of_range_is_a_400_naming_it(demo_client, as_of):
    code = Project.objects.first().code
    for url in (f"/api/v1/projects/{code}/schedule/", "/api/v1/warnings/"):
        response = demo_client.get(url, {"as_of": as_of})
        assert response.status_code == 400 and "as_of" in response.json(), url
    approve = demo_client.post(f"/api/v1/projects/{code}/approve-plan/", {"as_of": as_of},
                               content_type="application/json")  # fmt: skip
    assert approve.status_code == 400 and "as_of" in approve.json()


def test_a_network_that_cannot_be_scheduled_is_flagged_in_the_schedule_and_warnings(demo_client):
    project = _project_with_promise("A8")
    _post(demo_client, project, key="a", name="甲")
    Milestone.objects.filter(project=project).update(predecessors="ghost")  # stored before the checks existed
    schedule = demo_client.get(f"/api/v1/projects/{project.code}/schedule/").json()
    assert schedule["schedulable"] is False and "ghost" in schedule["error"]
    warning = next(w for w in demo_client.get("/api/v1/warnings/", {"platform": "TP"}).json()["projects"]
                   if w["project"] == project.code)  # fmt: skip
    assert warning["level"] == "red" and warning["schedulable"] is False
    assert warning["reasons"][0]["rule"] == "unschedulable"


def test_the_schema_documents_apply_template_and_approve_plan_with_every_status(demo_client):
    paths = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path, ok in (("/api/v1/projects/{code}/apply-template/", "201"),
                     ("/api/v1/projects/{code}/approve-plan/", "200")):  # fmt: skip
        assert set(paths[path]["post"]["responses"]) >= {ok, "400", "403", "404"}
    assert set(paths["/api/v1/milestones/{id}/"]["delete"]["responses"]) >= {"204", "400", "403", "404", "428"}

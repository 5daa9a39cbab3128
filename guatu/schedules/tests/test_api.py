import pytest

from guatu.core.models import Department
from guatu.projects.models import Project
from guatu.schedules.models import Problem
from guatu.schedules.tests.helpers import d

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

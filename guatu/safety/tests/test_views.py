"""The pages: the overview's figures and drill-down, the lists, a hazard's loop, the forms — under the access rule."""

import datetime as dt

import pytest

from guatu.core.models import Region
from guatu.safety.models import Accident, Hazard, Inspection
from guatu.safety.tests.factories import hazard
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db
CITY_QUERY = {"year": 2024, "through": 11, "region": ""}


def test_the_overview_shows_the_citys_year(demo_client):
    page = demo_client.get("/safety/", CITY_QUERY)
    s = page.context["summary"]
    assert (s.total.open_total, s.total.overdue_total, s.total.award.goal_label) == (5, 2, "十九连冠")
    text = page.content.decode()
    assert "衢州市已实现平安市“十八连冠”(2006—2023年)" in text and "连续第19年" in text
    assert 'id="safety-chart-data"' in text and "<script>" not in text.split("</main>")[0]
    assert "逾期12天未整改(市级挂牌督办)" in text


def test_the_overview_opens_on_the_home_scope(demo_client):
    page = demo_client.get("/safety/")
    assert page.status_code == 200 and page.context["summary"].scope.platform.code == "ZZXC"


def test_drill_down_links_lead_to_the_rows_behind_the_figure(demo_client):
    qujiang = Region.objects.get(code="330803").pk
    page = demo_client.get(
        "/safety/hazards/", {"region": qujiang, "grade": "major", "overdue": "true", "as_of": "2024-11-30"}
    )
    rows = list(page.context["page"])
    assert [h.code for h in rows] == ["YH-2024-007"] and rows[0].late_days == 12
    assert "逾期12天" in page.content.decode()
    accidents = demo_client.get(
        "/safety/accidents/",
        {
            "region": Region.objects.get(code="330800").pk,
            "occurred_from": "2024-01-01",
            "occurred_to": "2024-11-30",
            "accident_class": "general",
        },
    )
    assert [a.code for a in accidents.context["page"]] == ["SG-2024-003", "SG-2024-002", "SG-2024-001"]


def test_the_hazard_list_defaults_to_the_latest_reported_day(demo_client):
    page = demo_client.get("/safety/hazards/", {"overdue": "true"})
    assert page.context["as_of"] == dt.date(2024, 11, 30)
    assert sorted(h.code for h in page.context["page"]) == ["YH-2024-007", "YH-2024-011"]


def test_an_outsider_sees_their_county_only_and_others_rows_are_not_found(client, outsider):
    client.force_login(outsider)
    page = client.get("/safety/", CITY_QUERY)
    assert [u.region.code for u in page.context["summary"].counties] == ["330881"]
    assert {h.code for h in client.get("/safety/hazards/").context["page"]} == {"YH-2024-014"}
    major = Hazard.objects.get(code="YH-2024-007")
    assert client.get(f"/safety/hazards/{major.pk}/").status_code == 404
    assert client.post(f"/safety/hazards/{major.pk}/transition/", {"to": "verified"}).status_code == 404


def test_the_hazard_page_moves_it_round_the_loop(officer_client):
    h = hazard("YH-V1")
    page = officer_client.get(f"/safety/hazards/{h.pk}/")
    assert [s.value for s in page.context["next_statuses"]] == ["rectifying", "verified"]
    officer_client.post(
        f"/safety/hazards/{h.pk}/transition/", {"to": "rectifying", "note": "方案已定", "on": "2024-06-04"}
    )
    done = officer_client.post(f"/safety/hazards/{h.pk}/transition/", {"to": "closed", "on": "2024-06-05"}, follow=True)
    assert Hazard.objects.get(pk=h.pk).status == "rectifying"
    assert "隐患不能从“整改中”办理为“已销号”" in done.content.decode()


def test_a_reader_may_not_move_a_hazard(reader_client):
    h = hazard("YH-V2")
    assert reader_client.post(f"/safety/hazards/{h.pk}/transition/", {"to": "rectifying"}).status_code == 403
    assert Hazard.objects.get(pk=h.pk).status == "found"


def test_an_inspection_of_a_project_takes_its_region_and_is_recorded(officer_client):
    project = make_project("V3")
    response = officer_client.post(
        "/safety/inspections/new/",
        {
            "code": "AJ-V3",
            "inspected_on": "2024-06-01",
            "inspectors": "张三",
            "project": project.pk,
            "firm": "",
            "region": "",
            "platform": project.platform_id,
            "site": "",
            "findings": "",
        },
    )
    inspection = Inspection.objects.get(code="AJ-V3")
    assert response.status_code == 302 and inspection.region.code == "330802"
    assert records_of(inspection)[0].username == "officer"


def test_an_outsider_cannot_file_an_inspection_in_another_county(client, outsider):
    client.force_login(outsider)
    project = make_project("V4")  # 柯城区
    page = client.post(
        "/safety/inspections/new/",
        {"code": "AJ-V4", "inspected_on": "2024-06-01", "inspectors": "李四", "project": project.pk, "region": ""},
    )
    assert page.status_code == 200 and "project" in page.context["form"].errors
    assert not Inspection.objects.filter(code="AJ-V4").exists()


def test_an_accident_form_computes_the_class(officer_client):
    officer_client.post(
        "/safety/accidents/new/",
        {
            "code": "SG-V5",
            "occurred_on": "2024-06-01",
            "firm": "某企业",
            "region": Region.objects.get(code="330802").pk,
            "description": "坍塌事故",
            "deaths": "3",
            "serious_injuries": "0",
            "direct_loss": "500",
        },
    )
    assert Accident.objects.get(code="SG-V5").accident_class == "larger"


def test_a_stale_form_is_refused_with_what_is_stored_now(officer_client):
    h = hazard("YH-V6")
    form = {
        "code": h.code,
        "grade": "general",
        "description": "新描述",
        "found_on": "2024-06-03",
        "owner": "甲",
        "deadline": "2024-06-30",
        "seen_version": h.version,
    }
    h.owner = "乙"
    h.save()
    page = officer_client.post(f"/safety/hazards/{h.pk}/edit/", form)
    assert page.status_code == 200 and "版本 1 → 2" in str(page.context["form"].non_field_errors())
    assert Hazard.objects.get(pk=h.pk).owner == "乙"


def test_exports_carry_the_filtered_rows(demo_client):
    import io

    from openpyxl import load_workbook

    response = demo_client.get("/safety/export/hazards.xlsx", {"overdue": "true", "as_of": "2024-11-30"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 + 2 and sheet["A2"].value == "隐患编号"
    assert demo_client.get("/safety/export/nope.xlsx").status_code == 404

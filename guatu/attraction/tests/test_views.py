"""The pages: figures with drill-down links that list exactly the leads behind each number, the pipeline,
a lead, "my leads", events; forms for creating, moving and converting, under the access rule."""

import re

import pytest
from django.test import Client

from guatu.attraction.models import Lead, Talk
from guatu.attraction.tests.conftest import new_lead, signed_lead
from guatu.core.models import Industry, Region
from guatu.projects.models import Project
from guatu.test import records_of, sample_platform

pytestmark = pytest.mark.django_db
FIGURES = "/attraction/?year=2024&through=11"


def listed(client, url: str) -> list[str]:
    return re.findall(r'<tr data-code="([^"]+)"', client.get(url).content.decode())


def test_the_figures_page_shows_the_cohort_against_its_target(demo_client):
    page = demo_client.get(FIGURES)
    html = page.content.decode()
    f = page.context["f"]
    assert (f.signed_count, f.signed_amount) == (16, 980000)
    assert "98.00" in html and "122.5%" in html and "37.5%" in html and "96.6%" in html
    assert "2024年1至11月，全市签约招商项目16个、总投资98亿元，分别完成年度目标任务的80.0%和122.5%" in html
    assert 'id="attraction-chart-data"' in html and "<script>" not in html.replace("<script src=", "")


def test_every_figure_drills_into_the_leads_behind_it(demo_client):
    context = demo_client.get(FIGURES).context
    assert len(listed(demo_client, context["drill"])) == 16
    assert listed(demo_client, context["drill_reached"]["start"]) == ["ZS2024-001"]
    assert len(listed(demo_client, context["drill_bands"]["over_1b"])) == 3
    stage_links = {stage: link for stage, _label, n, link in context["stage_rows"]}
    assert len(listed(demo_client, stage_links["signed"])) == 9
    funnel = {label: (n, link) for label, n, link in context["funnel_rows"]}
    n, link = funnel["注册"]
    assert len(listed(demo_client, link)) == n == 5
    _event, figures, link = context["events"][0]
    assert len(listed(demo_client, link)) == figures.signed_count == 8


def test_the_page_opens_on_the_users_home_scope(demo_client):
    context = demo_client.get("/attraction/").context
    assert context["result"].filters.scope.platform.name == "衢州智造新城"


def test_a_lead_out_of_scope_is_not_found_and_a_reader_cannot_edit(outsider, reader):
    outside = Client()
    outside.force_login(outsider)
    assert outside.get("/attraction/leads/ZS2024-002/").status_code == 404
    assert "ZS2024-002" not in listed(outside, "/attraction/leads/")
    viewer = Client()
    viewer.force_login(reader)
    page = viewer.get("/attraction/leads/ZS2024-002/")
    assert page.status_code == 200 and "陆俊" in page.content.decode() and page.context["can_change"] is False
    assert viewer.get("/attraction/leads/ZS2024-002/edit/").status_code == 403
    assert (
        viewer.post("/attraction/leads/ZS2024-002/transition/", {"to": "land", "on": "2024-11-01"}).status_code == 403
    )


def test_an_officer_creates_a_lead_with_the_form(officer_client):
    data = {
        "code": "T-F1",
        "name": "表单项目",
        "investor": "某公司",
        "origin": "in_province",
        "capital": "domestic",
        "industry": Industry.objects.get(code="XNY").pk,
        "region": Region.objects.get(code="330802").pk,
        "platform": sample_platform().pk,
        "source": "business",
        "kind": "new",
        "planned_investment": "8000",
        "fund_investment": "0",
        "leader_name": "柯城区委主要领导",
        "ownership": "top_leader",
        "received_on": "2024-11-01",
    }
    response = officer_client.post("/attraction/leads/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    lead = Lead.objects.get(code="T-F1")
    assert (lead.stage, lead.stage_on) == ("lead", lead.received_on) and records_of(lead)[0].username == "officer"
    bad = officer_client.post(
        "/attraction/leads/new/", {**data, "code": "T-F2", "region": Region.objects.get(code="330881").pk}
    )
    assert "region" in bad.context["form"].errors and not Lead.objects.filter(code="T-F2").exists()


def test_a_lead_moves_on_with_the_form_and_a_stale_form_is_refused(officer_client):
    lead = new_lead("T-F3")
    ok = officer_client.post(
        f"/attraction/leads/{lead.code}/transition/",
        {"to": "screening", "on": "2024-01-11", "seen_version": lead.version},
    )
    assert ok.status_code == 302 and Lead.objects.get(pk=lead.pk).stage == "screening"
    stale = officer_client.post(
        f"/attraction/leads/{lead.code}/transition/",
        {"to": "negotiating", "on": "2024-01-12", "seen_version": lead.version},
    )
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()


def test_a_signed_lead_converts_with_the_form_into_the_ledger(officer_client):
    lead = signed_lead("T-F4")
    page = officer_client.get(f"/attraction/leads/{lead.code}/")
    assert page.context["may_convert"] and 'id="convert-button"' in page.content.decode()
    response = officer_client.post(f"/attraction/leads/{lead.code}/convert/", {"code": "", "category": "industrial"})
    project = Project.objects.get(code="T-F4")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    again = officer_client.post(f"/attraction/leads/{lead.code}/convert/", {"code": "T-F4B", "category": "industrial"})
    assert "已转入项目台账：T-F4" in str(again.context["form"].non_field_errors())


def test_a_talk_is_logged_on_the_lead(officer_client):
    lead = new_lead("T-F5")
    response = officer_client.post(
        f"/attraction/leads/{lead.code}/talks/new/", {"on": "2024-01-12", "kind": "contact", "summary": "首次接洽"}
    )
    assert response.status_code == 302 and Talk.objects.get(lead=lead).summary == "首次接洽"
    page = officer_client.get(f"/attraction/leads/{lead.code}/")
    assert [c.model for c in page.context["changes"]][:1] == ["洽谈记录"]


def test_my_leads_lists_what_the_leader_owns(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="lingdao"))
    page = client.get("/attraction/mine/?year=2024&through=11")
    assert [lead.code for lead in page.context["leads"]] == [
        "ZS2022-001",
        "ZS2022-002",
        "ZS2024-001",
        "ZS2024-005",
        "ZS2024-020",
    ]
    assert page.context["f"].signed_count == 2
    assert listed(client, page.context["drill"]) == ["ZS2024-001", "ZS2024-005"]


def test_the_event_page_lists_its_signings(demo_client):
    page = demo_client.get("/attraction/events/")
    event = page.context["events"][0]
    detail = demo_client.get(event.get_absolute_url())
    assert detail.context["f"].signed_count == 8 and len(detail.context["leads"]) == 8
    assert "55.50" in detail.content.decode()


def test_the_export_button_downloads_the_filtered_leads(demo_client):
    response = demo_client.get("/attraction/leads/export.csv", {"region": Region.objects.get(code="330825").pk})
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 2 and "ZS2024-002" in lines[1]

"""The milestone editor page: one project's network built, renamed and pruned by name, as of a chosen day."""

import pytest

from guatu.core.models import Department
from guatu.projects.models import Project
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem
from guatu.schedules.tests.helpers import d, formset_data
from guatu.test import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhenghe():
    return Project.objects.get(name__startswith="浙江正和硅材料")


def url(project, as_of="2024-11-30") -> str:
    return f"/projects/{project.code}/milestones/?as_of={as_of}"


def test_saving_the_page_keeps_every_note(demo_client, zhenghe):
    Milestone.objects.filter(project=zhenghe).update(note="设备已到场")
    response = demo_client.post(url(zhenghe), formset_data(zhenghe))
    assert response.status_code == 302
    assert set(Milestone.objects.filter(project=zhenghe).values_list("note", flat=True)) == {"设备已到场"}
    page = demo_client.get(url(zhenghe)).content.decode()
    assert page.count('value="设备已到场"') == 7  # shown, so the next save keeps them too


@pytest.mark.parametrize(("value", "reason"), [("abc", "输入整数"), ("2147483647", "3650")])
def test_an_invalid_duration_is_shown_and_nothing_is_saved(demo_client, zhenghe, value, reason):
    data = formset_data(zhenghe)
    data["m-4-duration_days"] = value
    data["m-4-note"] = "changed"
    response = demo_client.post(url(zhenghe), data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert response.context["formset"].forms[4].errors["duration_days"]
    equipment = Milestone.objects.get(project=zhenghe, key="equipment")
    assert (equipment.duration_days, equipment.note) == (154, "")


def test_a_cycle_is_refused_by_name_and_nothing_is_saved(demo_client, zhenghe):
    data = formset_data(zhenghe)
    data["m-0-predecessors_key"] = ["production"]  # 签约 after 投产: a circle
    response = demo_client.post(url(zhenghe), data)
    assert response.status_code == 400
    errors = " ".join(response.context["formset"].non_form_errors())
    assert "签约" in errors and "投产" in errors and "循环" in errors
    assert Milestone.objects.get(project=zhenghe, key="sign").predecessors == ""


def test_a_lag_beyond_ten_years_is_refused(demo_client, zhenghe):
    data = formset_data(zhenghe)
    data["m-6-predecessors_lag"] = ["99999999"]
    response = demo_client.post(url(zhenghe), data)
    assert response.status_code == 400
    assert response.context["formset"].forms[6].errors["predecessors"]
    assert Milestone.objects.get(project=zhenghe, key="production").predecessors == "trial"


def test_a_milestone_is_added_by_name_after_its_predecessor_and_scheduled(demo_client, zhenghe):
    response = demo_client.post(url(zhenghe), {
        "action": "add", "new-name": "环评批复", "new-duration_days": "20",
        "new-predecessors_key": ["land"], "new-predecessors_lag": ["5"],
    })  # fmt: skip
    assert response.status_code == 302
    added = Milestone.objects.get(project=zhenghe, name="环评批复")
    assert (added.key, added.predecessors, added.duration_days) == ("环评批复", "land+5", 20)
    names = list(Milestone.objects.filter(project=zhenghe).order_by("order").values_list("name", flat=True))
    assert names[:3] == ["签约", "供地", "环评批复"]  # placed after its predecessor
    page = demo_client.get(url(zhenghe))
    row = next(r for r in page.context["plan"].rows if r.milestone.key == "环评批复")
    # land finished 2024-06-20 (actual); +5 days lag, 20 days of work, but nothing starts before 11-30
    assert row.timing.earliest_finish == d("2024-12-20")
    assert row.links == [{"key": "land", "name": "供地", "lag": 5}]


def test_a_new_milestone_can_come_before_an_existing_one(demo_client, zhenghe):
    demo_client.post(url(zhenghe), {"action": "add", "new-name": "安评", "new-duration_days": "10",
                                    "new-predecessors_key": ["start"]})  # fmt: skip
    data = formset_data(zhenghe)
    trial = next(i for i in range(8) if data.get(f"m-{i}-name") == "试生产")
    data[f"m-{trial}-predecessors_key"] = ["equipment", "安评"]
    data[f"m-{trial}-predecessors_lag"] = ["", "3"]
    assert demo_client.post(url(zhenghe), data).status_code == 302
    assert Milestone.objects.get(project=zhenghe, key="trial").predecessors == "equipment, 安评+3"


def test_renaming_keeps_the_links(demo_client, zhenghe):
    data = formset_data(zhenghe)
    data["m-1-name"] = "土地摘牌"
    assert demo_client.post(url(zhenghe), data).status_code == 302
    land = Milestone.objects.get(project=zhenghe, key="land")
    assert land.name == "土地摘牌"
    page = demo_client.get(url(zhenghe))
    start = next(r for r in page.context["plan"].rows if r.milestone.key == "start")
    assert start.links == [{"key": "land", "name": "土地摘牌", "lag": 0}]


def test_removing_a_milestone_others_come_after_is_refused_then_allowed_with_its_links(demo_client, zhenghe):
    data = formset_data(zhenghe)
    data["m-5-DELETE"] = "on"  # 试生产; 投产 comes after it
    response = demo_client.post(url(zhenghe), data)
    assert response.status_code == 400
    assert "投产" in " ".join(response.context["formset"].non_form_errors())
    assert Milestone.objects.filter(project=zhenghe, key="trial").exists()
    data["m-6-predecessors_key"] = ["equipment"]
    assert demo_client.post(url(zhenghe), data).status_code == 302
    assert not Milestone.objects.filter(project=zhenghe, key="trial").exists()


def test_the_as_of_selector_moves_the_day_and_refuses_out_of_range(demo_client, zhenghe):
    early = demo_client.get(url(zhenghe, "2024-06-01"))
    assert early.context["as_of"] == d("2024-06-01")
    rows = {r.milestone.key: r for r in early.context["plan"].rows}
    assert rows["structure"].status == "upcoming"  # finished 06-28: not yet known on 06-01
    bad = demo_client.get(url(zhenghe, "9999-12-31"))
    assert bad.status_code == 400
    assert "2100-12-31" in bad.content.decode() and bad.context["as_of"] == d("2024-11-30")


def test_apply_template_and_approve_from_the_page_use_its_day(demo_client):
    project = make_project("E1", plan=None, started=None)
    project.planned_completion = d("2026-12-31")
    project.save()
    template = MilestoneTemplate.objects.get(code="industrial")
    base = f"/projects/{project.code}/milestones/"
    demo_client.post(f"{base}apply/", {"template": template.pk, "as_of": "2024-06-30"})
    production = project.milestones.get(key="production")
    assert production.planned_finish == production.baseline_finish == d("2026-12-31")
    project.planned_completion = d("2027-03-31")
    project.save()
    response = demo_client.post(f"{base}approve/", {"as_of": "2024-06-30"})
    assert response.status_code == 302 and response["Location"].endswith("?as_of=2024-06-30")
    production.refresh_from_db()
    assert (production.planned_finish, production.baseline_finish) == (d("2027-03-31"), d("2026-12-31"))


def test_a_project_that_cannot_be_scheduled_says_so_on_its_page(demo_client, zhenghe):
    Milestone.objects.filter(project=zhenghe, key="sign").update(predecessors="production")  # stored before the check
    page = demo_client.get(url(zhenghe))
    assert page.context["warning"].level == "red"
    html = page.content.decode()
    assert 'id="cannot-schedule"' in html and "无法排期" in html


def test_the_project_page_lists_its_problems_with_overdue_flags(demo_client, zhenghe):
    fgw = Department.objects.get(code="QZ-FGW")
    Problem.objects.create(project=zhenghe, type="land", title="用地指标未落实", department=fgw,
                           raised_on=d("2024-09-01"), deadline=d("2024-10-31"))  # fmt: skip
    Problem.objects.create(project=zhenghe, type="funding", title="资金待拨付", department=fgw,
                           raised_on=d("2024-09-01"), deadline=d("2099-10-31"))  # fmt: skip
    for page in (f"/projects/{zhenghe.code}/", url(zhenghe)):
        html = demo_client.get(page).content.decode()
        assert 'id="project-problems"' in html
        assert "用地指标未落实" in html and "资金待拨付" in html
        assert html.count('data-overdue="0"') >= 1 and 'id="overdue-count"' in html


def test_a_reader_sees_names_but_cannot_add_or_save(reader_client, zhenghe):
    page = reader_client.get(url(zhenghe))
    assert page.status_code == 200 and 'id="add-milestone"' not in page.content.decode()
    assert '<span class="pred">土建完成(主体结顶)</span>' in page.content.decode()
    assert reader_client.post(url(zhenghe), {"action": "add", "new-name": "x"}).status_code == 403

"""The admin runs the same network check: one milestone, the project's inline table, a template's steps."""

import pytest

from guatu.projects.models import Project
from guatu.schedules.models import MilestoneTemplate
from guatu.schedules.tests.helpers import change_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhenghe():
    return Project.objects.get(name__startswith="浙江正和硅材料")


def test_the_milestone_admin_refuses_a_cycle_with_the_names(admin_client, zhenghe):
    sign = zhenghe.milestones.get(key="sign")
    response = admin_client.post(
        f"/admin/schedules/milestone/{sign.pk}/change/", change_data(sign, predecessors="production")
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "循环" in response.content.decode() and "投产" in response.content.decode()
    sign.refresh_from_db()
    assert sign.predecessors == ""


def test_the_milestone_admin_refuses_an_unknown_predecessor_on_add(admin_client, zhenghe):
    response = admin_client.post(
        "/admin/schedules/milestone/add/",
        {
            "project": zhenghe.pk,
            "key": "env",
            "name": "环评",
            "order": 9,
            "duration_days": 10,
            "predecessors": "ghost",
        },
    )
    assert response.status_code == 200 and "本项目的节点" in response.content.decode()
    assert not zhenghe.milestones.filter(key="env").exists()


def test_the_admin_refuses_to_delete_a_milestone_others_come_after(admin_client, zhenghe):
    trial = zhenghe.milestones.get(key="trial")
    page = admin_client.get(f"/admin/schedules/milestone/{trial.pk}/delete/")
    assert "投产" in page.content.decode()
    admin_client.post(f"/admin/schedules/milestone/{trial.pk}/delete/", {"post": "yes"})
    assert zhenghe.milestones.filter(key="trial").exists()


def _inline(prefix: str, rows: list[dict], initial: int) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": initial, f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def test_the_template_inline_refuses_an_unknown_predecessor(admin_client):
    template = MilestoneTemplate.objects.get(code="industrial")
    steps = list(template.steps.all())
    rows = [{"id": s.pk, "template": template.pk, "key": s.key, "name": s.name, "order": s.order,
             "duration_days": s.duration_days, "predecessors": s.predecessors} for s in steps]  # fmt: skip
    rows[2]["predecessors"] = "site"
    data = {"code": template.code, "name": template.name, "category": template.category, "description": "",
            **_inline("steps", rows, len(rows))}  # fmt: skip
    response = admin_client.post(f"/admin/schedules/milestonetemplate/{template.pk}/change/", data)
    assert response.status_code == 200 and "site" in response.content.decode()
    assert template.steps.get(key="start").predecessors == "land"


def test_the_project_admin_milestone_inline_refuses_a_cycle(admin_client, zhenghe):
    page = admin_client.get(f"/admin/projects/project/{zhenghe.pk}/change/")
    assert page.status_code == 200 and 'name="milestones-0-key"' in page.content.decode()
    form = page.context["adminform"].form
    data = {name: (value.pk if hasattr(value, "pk") else value) for name, value in form.initial.items()
            if value is not None and name in form.fields}  # fmt: skip
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        rows = []
        for f in fs.forms:
            rows.append({name: (getattr(v, "pk", v) if v is not None else "") for name, v in f.initial.items()
                         if name in f.fields} | {"id": f.instance.pk, fs.fk.name: zhenghe.pk})  # fmt: skip
        if fs.prefix == "milestones":
            rows[0]["predecessors"] = "production"
        data.update(_inline(fs.prefix, rows, len(rows)))
    response = admin_client.post(f"/admin/projects/project/{zhenghe.pk}/change/", data)
    assert response.status_code == 200
    assert "循环" in response.content.decode()
    assert zhenghe.milestones.get(key="sign").predecessors == ""

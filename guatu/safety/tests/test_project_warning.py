"""An overdue 重大 hazard on a project's site turns the project's warning red, with the reason —
on the warnings list, the battle map's one-project view, the API and the CLI alike."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from guatu.projects.models import Project
from guatu.projects.scope import Scope
from guatu.schedules.warnings import warning_for_project, warnings_for

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 11, 30)
SITE = "2024-330803-004"  # 星辰能源年产5万吨高性能氟树脂项目 (the demo's overdue 重大 hazard)


def test_the_overdue_major_hazard_makes_its_project_red_with_the_reason():
    project = Project.objects.get(code=SITE)
    warning = warning_for_project(project, DAY)
    assert warning.level == "red"
    safety = [r for r in warning.reasons if r.rule == "safety"]
    assert len(safety) == 1 and "重大隐患" in safety[0].text and "逾期12天" in safety[0].text


def test_the_warnings_list_carries_it_too():
    found = {w.project.code: w for w in warnings_for(Scope(), DAY)}
    assert found[SITE].level == "red" and any(r.rule == "safety" for r in found[SITE].reasons)


def test_the_cli_says_why():
    out = StringIO()
    call_command("warnings", "--as-of", "2024-11-30", "--json", stdout=out)
    rows = {w["project"]: w for w in json.loads(out.getvalue())["projects"]}
    assert any(r["rule"] == "safety" for r in rows[SITE]["reasons"])

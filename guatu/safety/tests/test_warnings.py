"""An overdue 重大 hazard on a project's site: the reason that turns the project red."""

import datetime as dt

import pytest

from guatu.projects.models import Project
from guatu.safety.actions import transition_hazard
from guatu.safety.models import Hazard
from guatu.safety.tests.factories import hazard, inspection
from guatu.safety.warnings import project_safety_reasons
from guatu.test import make_project

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2024, 11, 30)


def test_the_demo_turns_exactly_one_project_red_for_safety():
    reasons = project_safety_reasons(Project.objects.values_list("pk", flat=True), AS_OF)
    project = Project.objects.get(code="2024-330803-004")
    assert project.name == "星辰能源年产5万吨高性能氟树脂项目"
    assert reasons == {
        project.pk: ["重大隐患“氟化氢储罐区紧急切断阀失效、可燃有毒气体报警装置未定期检定”逾期12天未整改(市级挂牌督办)"]
    }


def test_only_major_hazards_past_their_deadline_and_not_yet_verified_count():
    project = make_project("W1")
    at = inspection("AJ-W1", project=project)
    major = hazard("YH-W1", grade="major", deadline=dt.date(2024, 6, 30), at=at)
    hazard("YH-W2", grade="general", deadline=dt.date(2024, 6, 5), at=at)
    assert project_safety_reasons([project.pk], dt.date(2024, 6, 30)) == {}  # on the deadline: not yet overdue
    assert project_safety_reasons([project.pk], dt.date(2024, 7, 1)) == {
        project.pk: ["重大隐患“隐患YH-W1”逾期1天未整改(市级挂牌督办)"]
    }
    transition_hazard(major, "rectifying", acting_user=None, on=dt.date(2024, 7, 2))
    transition_hazard(major, "verified", acting_user=None, note="已整改", on=dt.date(2024, 7, 3))
    assert project_safety_reasons([project.pk], dt.date(2024, 7, 2)) != {}  # as it stood before verification
    assert project_safety_reasons([project.pk], dt.date(2024, 7, 3)) == {}
    assert Hazard.objects.get(pk=major.pk).status == "verified"


def test_no_projects_no_query():
    assert project_safety_reasons([], AS_OF) == {}

"""Applying a template, approving the plan and keeping the baseline."""

import pytest

from guatu.schedules.actions import WorkflowError, apply_template, approve_plan
from guatu.schedules.models import MilestoneTemplate, ScheduleApproval
from guatu.schedules.tests.helpers import d
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = make_project("T1", plan=None, started=None)
    project.planned_completion = d("2026-12-31")
    project.save()
    return project


def test_the_default_templates_are_seeded_and_editable():
    industrial = MilestoneTemplate.objects.get(code="industrial")
    assert [s.name for s in industrial.steps.all()] == [
        "签约", "供地", "开工", "土建完成(主体结顶)", "设备安装", "试生产", "投产"]  # fmt: skip
    infra = MilestoneTemplate.objects.get(code="infrastructure")
    assert [s.name for s in infra.steps.all()][-1] == "竣工验收"


def test_applying_a_template_schedules_back_from_the_promise(project, officer):
    milestones = apply_template(project, MilestoneTemplate.objects.get(code="industrial"), acting_user=officer,
                                as_of=d("2024-06-30"))  # fmt: skip
    by_key = {m.key: m for m in project.milestones.all()}
    assert len(milestones) == 7
    assert by_key["production"].planned_finish == d("2026-12-31")
    assert by_key["trial"].planned_finish == d("2026-12-01")  # 30 days before
    assert by_key["equipment"].planned_finish == d("2026-10-02")  # 60 more
    assert (d("2026-12-31") - by_key["sign"].planned_finish).days == 30 + 60 + 120 + 300 + 60 + 90
    assert all(m.baseline_finish == m.planned_finish for m in by_key.values())  # first approval sets the baseline
    assert ScheduleApproval.objects.get(project=project).baseline_by == officer
    assert records_of(by_key["trial"])[-1].user == officer


def test_a_project_without_a_promise_cannot_be_scheduled(project):
    project.planned_completion = None
    project.save()
    with pytest.raises(WorkflowError, match="没有计划投产"):
        apply_template(project, MilestoneTemplate.objects.get(code="industrial"), as_of=d("2024-06-30"))
    assert not project.milestones.exists()


def test_reapproving_keeps_the_baseline_unless_asked(project):
    apply_template(project, MilestoneTemplate.objects.get(code="industrial"), as_of=d("2024-06-30"))
    project.planned_completion = d("2027-03-31")  # the promise moved
    project.save()
    approve_plan(project, as_of=d("2024-06-30"))
    production = project.milestones.get(key="production")
    assert (production.planned_finish, production.baseline_finish) == (d("2027-03-31"), d("2026-12-31"))
    approve_plan(project, as_of=d("2024-06-30"), set_baseline=True)
    production.refresh_from_db()
    assert production.baseline_finish == d("2027-03-31")


def test_a_template_is_applied_once(project):
    template = MilestoneTemplate.objects.get(code="industrial")
    apply_template(project, template, as_of=d("2024-06-30"))
    with pytest.raises(WorkflowError, match="已有节点"):
        apply_template(project, template, as_of=d("2024-06-30"))

"""Moving leads along the pipeline and turning a signed one into a ledger project: dated, recorded,
under the access rule; forbidden moves refused; counted once."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from guatu.attraction import actions
from guatu.attraction.actions import AttractionError, ConversionError
from guatu.attraction.figures import Filters, summary
from guatu.attraction.models import Lead, SigningEvent
from guatu.attraction.tests.conftest import SIGN, d, new_lead, signed_lead, walk
from guatu.core.models import Region
from guatu.core.periods import Period
from guatu.projects.models import Project
from guatu.projects.scope import Scope
from guatu.test import records_of, sample_platform

pytestmark = pytest.mark.django_db


def tp() -> Filters:
    return Filters(scope=Scope(platform=sample_platform()))


def test_a_lead_moves_along_the_main_line_with_each_move_dated_and_recorded(lead, officer):
    actions.transition(lead, "screening", acting_user=officer, on=d("2024-01-11"))
    actions.transition(lead, "negotiating", acting_user=officer, on=d("2024-02-01"), reason="首轮洽谈")
    change = actions.transition(lead, "signed", acting_user=officer, on=d("2024-03-01"), **SIGN)
    lead.refresh_from_db()
    assert (lead.stage, lead.stage_on, lead.signed_on) == ("signed", d("2024-03-01"), d("2024-03-01"))
    history = list(lead.stage_changes.values_list("from_stage", "to_stage", "on", "to_rank", "by"))
    assert history == [
        ("lead", "screening", d("2024-01-11"), 2, "officer"),
        ("screening", "negotiating", d("2024-02-01"), 3, "officer"),
        ("negotiating", "signed", d("2024-03-01"), 4, "officer"),
    ]
    assert (records_of(change)[0].username, records_of(change)[0].reason) == ("officer", "阶段：在谈 → 签约")
    last = records_of(lead)[-1]
    assert (last.user, last.before["stage"], last.after["stage"], last.after["signed_on"]) == (
        officer,
        "negotiating",
        "signed",
        "2024-03-01",
    )
    assert records_of(Lead.objects.get(pk=lead.pk).stage_changes.get(to_stage="negotiating"))[0].reason == "首轮洽谈"


SCREENED = [("screening", "2024-01-11")]
NEGOTIATING = [*SCREENED, ("negotiating", "2024-01-12")]


@pytest.mark.parametrize(
    ("path", "to"),
    [([], "signed"), ([], "registered"), (SCREENED, "signed"), (NEGOTIATING, "registered"), (NEGOTIATING, "lead")],
)
def test_a_move_the_table_does_not_allow_is_refused_naming_where_it_may_go(lead, path, to):
    walk(lead, *path)
    before = lead.stage
    with pytest.raises(AttractionError) as exc:
        actions.transition(lead, to, acting_user=None, on=d("2024-02-01"), **SIGN)
    assert "可转到：" in str(exc.value)
    assert Lead.objects.get(pk=lead.pk).stage == before and lead.stage_changes.count() == len(path)


def test_nothing_moves_after_exit_or_full_output(lead):
    walk(lead, ("exited", "2024-01-11", {"reason": "不符合产业导向"}))
    with pytest.raises(AttractionError) as exc:
        actions.transition(lead, "screening", acting_user=None, on=d("2024-01-12"))
    assert "无(已是终态)" in str(exc.value)


def test_suspending_and_exiting_need_a_reason(lead):
    with pytest.raises(AttractionError) as exc:
        actions.transition(lead, "suspended", acting_user=None, on=d("2024-01-11"))
    assert str(exc.value) == "请说明线索中止的原因。"


def test_a_suspended_lead_resumes_only_at_the_stage_it_left(lead):
    walk(lead, ("screening", "2024-01-11"), ("suspended", "2024-02-01", {"reason": "投资方暂缓"}))
    assert actions.next_stages(lead) == ["screening", "exited"]
    with pytest.raises(AttractionError):
        actions.transition(lead, "negotiating", acting_user=None, on=d("2024-03-01"))
    actions.transition(lead, "screening", acting_user=None, on=d("2024-03-01"), reason="恢复推进")
    assert Lead.objects.get(pk=lead.pk).stage == "screening"


def test_a_move_cannot_be_dated_before_the_current_stage_or_in_the_future(lead):
    walk(lead, ("screening", "2024-02-01"))
    with pytest.raises(AttractionError) as exc:
        actions.transition(lead, "negotiating", acting_user=None, on=d("2024-01-31"))
    assert str(exc.value) == "2024-01-31早于线索当前阶段的开始日期(2024-02-01)。"
    with pytest.raises(AttractionError):
        actions.transition(lead, "negotiating", acting_user=None, on=d("2099-01-01"))


def test_a_signing_needs_the_agreed_start_date(lead):
    walk(lead, ("screening", "2024-01-11"), ("negotiating", "2024-01-12"))
    with pytest.raises(AttractionError) as exc:
        actions.transition(lead, "signed", acting_user=None, on=d("2024-02-01"))
    assert "约定的开工日期" in str(exc.value)


def test_a_signing_at_an_event_takes_the_events_day():
    event = SigningEvent.objects.create(
        name="测试签约会", on=d("2024-06-01"), region=Region.objects.get(code="330800"), host="衢州"
    )
    lead = walk(new_lead("T-EV"), ("screening", "2024-01-11"), ("negotiating", "2024-01-12"))
    actions.transition(lead, "signed", acting_user=None, event=event, **SIGN)
    assert (lead.signed_on, lead.event) == (d("2024-06-01"), event)
    other = walk(new_lead("T-EV2"), ("screening", "2024-01-11"), ("negotiating", "2024-01-12"))
    with pytest.raises(AttractionError):
        actions.transition(other, "signed", acting_user=None, on=d("2024-06-02"), event=event, **SIGN)


def test_a_lead_counts_once_at_its_first_signing():
    lead = walk(
        new_lead("T-ONCE", received="2023-01-05"),
        ("screening", "2023-01-11"),
        ("negotiating", "2023-02-01"),
        ("signed", "2023-10-10", SIGN),
        ("suspended", "2024-02-20", {"reason": "股权调整"}),
        ("signed", "2024-05-15", {"reason": "恢复"}),
    )
    assert (lead.stage, lead.signed_on) == ("signed", d("2023-10-10"))
    assert summary(tp(), Period(2023, 12), user=None).overall.signed_count == 1
    assert summary(tp(), Period(2024, 12), user=None).overall.signed_count == 0


def test_a_lead_out_of_the_users_scope_cannot_be_moved(outsider, reader):
    lead = new_lead("T-SC")
    for user in (outsider, reader):
        with pytest.raises(PermissionDenied):
            actions.transition(lead, "screening", acting_user=user, on=d("2024-01-11"))
    assert Lead.objects.get(pk=lead.pk).stage == "lead"


def test_a_signed_lead_becomes_a_ledger_project_with_its_facts_carried_over(officer):
    lead = signed_lead("T-CV", planned="130000", kind="increase", existing_investment=D("80000"))
    project = actions.convert(lead, acting_user=officer)
    project.refresh_from_db()
    assert (
        project.code,
        project.name,
        project.owner,
        project.region.code,
        project.platform.code,
        project.industry.code,
        project.total_investment,
        project.planned_start,
        project.stage,
    ) == (
        "T-CV",
        "测试线索T-CV",
        "测试投资方T-CV",
        "330802",
        "TP",
        "XNY",
        D("50000.00"),
        d("2025-01-31"),
        "preparation",
    )
    assert Lead.objects.get(pk=lead.pk).project == project and Project.objects.get(pk=project.pk).lead == lead
    assert records_of(project)[0].username == "officer" and records_of(project)[0].reason == "由招商线索T-CV转入"


def test_converting_twice_is_an_error_naming_the_project_and_counts_nothing_twice():
    lead = signed_lead("T-CV2")
    before = summary(tp(), Period(2024, 12), user=None).overall
    projects = Project.objects.count()
    actions.convert(lead, acting_user=None)
    with pytest.raises(ConversionError) as exc:
        actions.convert(lead, acting_user=None, code="OTHER-1")
    assert str(exc.value) == "线索T-CV2已转入项目台账：T-CV2 测试线索T-CV2。"
    after = summary(tp(), Period(2024, 12), user=None).overall
    assert (after.signed_count, after.signed_amount) == (before.signed_count, before.signed_amount) == (1, D(20000))
    assert Project.objects.count() == projects + 1


def test_a_taken_code_or_an_unsigned_lead_is_not_converted(lead):
    signed = signed_lead("T-CV3")
    taken = Project.objects.first()
    with pytest.raises(ConversionError) as exc:
        actions.convert(signed, acting_user=None, code=taken.code)
    assert taken.code in str(exc.value) and exc.value.project == taken
    with pytest.raises(AttractionError):
        actions.convert(lead, acting_user=None)
    assert Lead.objects.get(pk=signed.pk).project is None


def test_a_started_lead_joins_the_ledger_under_construction_from_its_start():
    lead = walk(signed_lead("T-CV4"), ("registered", "2024-03-10"), ("started", "2024-04-15"))
    project = actions.convert(lead, acting_user=None)
    assert (project.stage, project.actual_start) == ("construction", d("2024-04-15"))


def test_someone_outside_the_scope_cannot_convert(outsider):
    lead = signed_lead("T-CV5")
    with pytest.raises(PermissionDenied):
        actions.convert(lead, acting_user=outsider)
    assert not Project.objects.filter(code="T-CV5").exists()

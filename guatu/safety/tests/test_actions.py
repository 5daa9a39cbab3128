"""The hazard loop: found → rectifying → verified → closed (销号), each step recorded with its reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from guatu.safety.actions import WorkflowError, transition_hazard
from guatu.safety.tests.factories import hazard
from guatu.test import records_of

pytestmark = pytest.mark.django_db
JUNE = dt.date(2024, 6, 10)


def test_the_whole_loop_is_dated_signed_and_on_the_record(officer):
    h = hazard("YH-A1", grade="major")
    transition_hazard(h, "rectifying", acting_user=officer, note="制定整改方案", on=dt.date(2024, 6, 5))
    transition_hazard(h, "verified", acting_user=officer, note="已加装报警装置", on=JUNE)
    transition_hazard(h, "closed", acting_user=officer, on=dt.date(2024, 6, 12))
    assert (h.status, h.verified_on, h.verified_by, h.closed_on, h.closed_by) == (
        "closed",
        JUNE,
        "officer",
        dt.date(2024, 6, 12),
        "officer",
    )
    reasons = [r.reason for r in records_of(h)[1:]]
    assert reasons == ["待整改 → 整改中: 制定整改方案", "整改中 → 已验收: 已加装报警装置", "已验收 → 已销号"]
    assert {r.username for r in records_of(h)[1:]} == {"officer"}


@pytest.mark.parametrize(
    ("path", "to"),
    [((), "closed"), (("rectifying",), "found"), (("verified",), "found"), (("verified", "closed"), "rectifying")],
)
def test_forbidden_moves_are_refused_and_change_nothing(officer, path, to):
    h = hazard("YH-A2")
    for step in path:
        transition_hazard(h, step, acting_user=officer, note="整改完毕", on=JUNE)
    before = len(records_of(h))
    with pytest.raises(WorkflowError, match="隐患不能从"):
        transition_hazard(h, to, acting_user=officer, note="x", on=JUNE)
    assert len(records_of(h)) == before


def test_a_general_hazard_may_be_verified_on_the_spot_but_a_major_one_may_not(officer):
    general = hazard("YH-A3")
    transition_hazard(general, "verified", acting_user=officer, note="立查立改", on=dt.date(2024, 6, 3))
    assert general.status == "verified"
    major = hazard("YH-A4", grade="major")
    with pytest.raises(WorkflowError, match="重大隐患须先整改再验收"):
        transition_hazard(major, "verified", acting_user=officer, note="x", on=JUNE)


def test_verifying_needs_what_was_done_and_a_failed_recheck_needs_why(officer):
    h = hazard("YH-A5")
    transition_hazard(h, "rectifying", acting_user=officer, on=JUNE)
    with pytest.raises(WorkflowError, match="验收前请填写整改措施"):
        transition_hazard(h, "verified", acting_user=officer, on=JUNE)
    transition_hazard(h, "verified", acting_user=officer, note="已整改", on=JUNE)
    with pytest.raises(WorkflowError, match="复查未通过的原因"):
        transition_hazard(h, "rectifying", acting_user=officer, on=JUNE)
    transition_hazard(h, "rectifying", acting_user=officer, note="复查发现仍未加装", on=JUNE)
    assert (h.status, h.verified_on, h.verified_by) == ("rectifying", None, "")


def test_days_before_the_hazard_or_in_the_future_are_refused(officer):
    h = hazard("YH-A6")
    with pytest.raises(WorkflowError, match="不能早于隐患发现日期"):
        transition_hazard(h, "rectifying", acting_user=officer, on=dt.date(2024, 6, 1))
    with pytest.raises(WorkflowError, match="不能晚于今天"):
        transition_hazard(h, "rectifying", acting_user=officer, on=dt.date(2100, 1, 1))


def test_a_user_outside_the_scope_or_the_role_may_not_move_it(outsider, reader):
    h = hazard("YH-A7")  # 柯城区
    for user in (outsider, reader):
        with pytest.raises(PermissionDenied):
            transition_hazard(h, "rectifying", acting_user=user, on=JUNE)

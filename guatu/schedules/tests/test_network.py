"""Network problems in words, with milestones named as people know them."""

import pytest
from django.core.exceptions import ValidationError

from guatu.schedules.network import Row, check_rows, dependants, refuse_removal

SIGN, LAND, START = Row("sign", "签约", 0, ""), Row("land", "供地", 90, "sign"), Row("start", "开工", 60, "land+15")


def test_a_network_that_can_be_scheduled_passes():
    check_rows([SIGN, LAND, START])
    check_rows([])  # nothing yet is fine too


@pytest.mark.parametrize(("rows", "words"), [
    ([SIGN, Row("land", "供地", 90, "ghost")], ["供地", "ghost"]),
    ([Row("sign", "签约", 0, "start"), LAND, START], ["循环", "签约 → 供地 → 开工"]),
    ([SIGN, Row("land", "供地", 3651, "sign")], ["供地", "3650"]),
    ([SIGN, Row("land", "供地", 9, "sign+99999")], ["供地", "3650"]),
    ([SIGN, Row("land", "供地", 9, "land")], ["供地", "自身"]),
    ([SIGN, Row("land", "供地", 9, "sign; start")], ["供地"]),
])  # fmt: skip
def test_each_problem_is_said_with_names(rows, words):
    with pytest.raises(ValidationError) as caught:
        check_rows(rows)
    text = " ".join(caught.value.messages)
    assert all(w in text for w in words), text


def test_removing_a_milestone_others_come_after_names_them():
    assert dependants([LAND, START], {"sign"}) == {"sign": ["供地"]}
    with pytest.raises(ValidationError, match="供地"):
        refuse_removal([LAND, START], [SIGN])
    refuse_removal([SIGN, LAND], [START])

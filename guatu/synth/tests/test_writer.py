"""The change records synth writes in bulk carry the block's head (who, why, request, when) exactly as given — also
a head whose text has quotes, written into the statement as literals on SQLite — and amounts as their text."""

import pytest

from guatu.audit.context import acting
from guatu.audit.models import Action, ChangeRecord
from guatu.projects.models import Project
from guatu.synth.writer import Records, fen_text

pytestmark = pytest.mark.django_db


def test_a_head_with_quotes_and_no_user_is_written_as_given():
    with acting(None, name="O'Brien's loader", reason="it's a 'test'; DROP TABLE x; --", request_id="r-'1'"):
        records = Records(Project)
        records.add(900001, "项目 'A'", (None, None, None, None), '{"code": "A\'1"}')
        records.add(900002, "项目 B", (None, 3, None, 4), '{"code": "B"}')
        assert records.flush() == 2
    found = list(ChangeRecord.objects.filter(object_id__in=[900001, 900002]).order_by("object_id"))
    assert [(r.username, r.reason, r.request_id, r.user_id, r.action) for r in found] == [
        ("O'Brien's loader", "it's a 'test'; DROP TABLE x; --", "r-'1'", None, Action.CREATE)] * 2  # fmt: skip
    assert [(r.object_repr, r.region_id, r.department_id, r.after) for r in found] == [
        ("项目 'A'", None, None, {"code": "A'1"}), ("项目 B", 3, 4, {"code": "B"})]  # fmt: skip
    assert found[0].time == found[1].time is not None


def test_an_amount_in_fen_reads_as_its_two_place_text():
    assert [fen_text(v) for v in (0, 5, 100, 12345, 200000000)] == ["0.00", "0.05", "1.00", "123.45", "2000000.00"]

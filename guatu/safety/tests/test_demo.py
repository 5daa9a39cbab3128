"""The demo's safety year loads once and is idempotent."""

import pytest

from guatu.audit.context import acting
from guatu.demo import safety
from guatu.safety.models import Hazard


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_keeps_one_overdue_major_hazard():
    with acting(None, name="guatu demo"):
        again = safety.load()
    assert all(r.created == r.updated == 0 for r in again.values())
    import datetime as dt

    late = Hazard.objects.filter(grade="major").overdue_on(dt.date(2024, 11, 30))
    assert [h.inspection.project.code for h in late] == [safety.OVERDUE_MAJOR_PROJECT]

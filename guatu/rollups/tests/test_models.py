"""The rollup tables' own indexes: the laggard indexes are written in SQL (Django's models cannot say a partial
index on an expression in a vendor's own collation), so a test says they are there after `migrate`."""

from __future__ import annotations

import pytest
from django.db import connection

from guatu.rollups.models import MONTHS, YearFigures

pytestmark = pytest.mark.django_db


def test_every_month_has_its_laggard_index_after_migrate():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, YearFigures._meta.db_table)
    assert {f"yearfigures_lag{month}" for month in MONTHS} <= {name for name, c in found.items() if c["index"]}

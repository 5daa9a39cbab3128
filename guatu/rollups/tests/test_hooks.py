"""The write hook: which rollup rows a write refreshes, from change records or from rows created set-based."""

import pytest
from django.contrib.contenttypes.models import ContentType

from guatu.audit.setbased import CreatedRows
from guatu.projects.models import AnnualPlan, MonthlyReport, Project
from guatu.rollups import facts, hooks

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshed(monkeypatch):
    calls = []
    monkeypatch.setattr(facts, "refresh", lambda whole, years: calls.append((set(whole), set(years))))
    return calls


def created(model, names, rows) -> CreatedRows:
    return CreatedRows(ContentType.objects.get_for_model(model).pk, names, rows)


def test_created_reports_refresh_the_years_of_the_counted_ones_only(refreshed):
    rows = [(1, 2025, "submitted"), (1, 2025, "draft"), (2, 2024, "draft"), (3, 2025, "locked"), (4, None, "locked")]
    hooks.on_records([created(MonthlyReport, ["id", "project_id", "year", "status"], [(9, *r) for r in rows])])
    assert refreshed == [(set(), {(1, 2025), (3, 2025)})]


def test_created_projects_refresh_their_whole_rows_and_plans_their_years(refreshed):
    hooks.on_records([created(Project, ["id", "code"], [(7, "A"), (8, "B")]),
                      created(AnnualPlan, ["project_id", "year"], [(5, 2024), (5, 2025)])])  # fmt: skip
    assert refreshed == [({7, 8}, {(5, 2024), (5, 2025)})]


def test_created_draft_reports_alone_refresh_nothing(refreshed):
    hooks.on_records([created(MonthlyReport, ["project_id", "year", "status"], [(1, 2025, "draft")])])
    assert refreshed == []

"""Watermarks: after one, the projects whose change records came later — or None when they cannot be told, so the
caller computes everything again (a reference row changed, a row moved to another project, too many records, a
write in flight) — and a result kept by project, patched only where a write changed it."""

import datetime as dt

import pytest
from django.db import connection

from guatu.core import watermarks
from guatu.core.models import Region
from guatu.core.watermarks import Watermark, changed_projects, kept_by_project, watermark
from guatu.projects.models import MonthlyReport, Project
from guatu.safety.tests.factories import hazard, inspection
from guatu.schedules.models import Milestone
from guatu.schedules.tests.helpers import chain
from guatu.test import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    return make_project("WM1", ytd_by_month={1: "10"}), make_project("WM2", ytd_by_month={1: "20"})


def report_of(project) -> MonthlyReport:
    """A project's (or project id's) January report."""
    return MonthlyReport.objects.get(project_id=getattr(project, "pk", project), year=2024, month=1)


def test_a_watermark_names_the_latest_change_record_and_is_complete_when_no_write_is_in_flight(two):
    from guatu.audit.models import ChangeRecord

    mark = watermark()
    assert mark.latest == ChangeRecord.objects.latest("id").id
    assert mark.complete


def test_a_report_changed_after_the_watermark_names_its_project_alone(two):
    first, _ = two
    before = watermark()
    MonthlyReport.objects.filter(pk=report_of(first).pk).update(problems="缺工")
    assert changed_projects(before, watermark()) == {first.pk}


def test_nothing_written_since_is_the_empty_set_and_writes_to_two_projects_name_both(two):
    first, second = two
    before = watermark()
    assert changed_projects(before, watermark()) == set()
    for project in two:
        chain(project, ("sign", 0, "2024-03-01", "2024-03-01"))
    assert changed_projects(before, watermark()) == {first.pk, second.pk}


def test_a_hazard_names_the_project_of_its_inspection(two):
    first, _ = two
    at = inspection("AJ-WM1", project=first)
    before = watermark()
    hazard("YH-WM1", grade="major", deadline=dt.date(2024, 11, 1), at=at)
    assert changed_projects(before, watermark()) == {first.pk}


def test_a_reference_row_changed_since_means_everything_is_computed_again(two):
    before = watermark()
    Region.objects.filter(code="330802").update(name="柯城区(改)")
    after = watermark()
    assert after.references == before.references + 1
    assert changed_projects(before, after) is None


def test_a_row_moved_to_another_project_means_everything_is_computed_again(two):
    first, second = two
    (milestone,) = chain(first, ("sign", 0, "2024-03-01", "2024-03-01"))
    before = watermark()
    milestone.project = second
    milestone.save()  # its record names only the second project: the first lost a milestone too
    assert changed_projects(before, watermark()) is None


def test_a_row_moved_by_a_queryset_update_means_everything_is_computed_again(two):
    first, second = two
    chain(first, ("sign", 0, "2024-03-01", "2024-03-01"))
    before = watermark()
    Milestone.objects.filter(project=first).update(project=second.pk)
    assert changed_projects(before, watermark()) is None


def test_more_records_than_patching_is_worth_means_everything_is_computed_again(two, monkeypatch):
    monkeypatch.setattr(watermarks, "MOST_RECORDS", 2)
    first, _ = two
    before = watermark()
    chain(first, ("a", 0, "2024-03-01", None), ("b", 1, "2024-04-01", None))
    assert changed_projects(before, watermark()) == {first.pk}
    chain(first, ("c", 0, "2024-05-01", None))
    assert changed_projects(before, watermark()) is None


def test_nothing_is_patched_from_a_watermark_read_while_a_write_was_in_flight(two):
    first, _ = two
    before = watermark()
    chain(first, ("sign", 0, "2024-03-01", "2024-03-01"))
    incomplete = Watermark(before.latest, before.counter, before.references, complete=False)
    assert changed_projects(incomplete, watermark()) is None
    assert changed_projects(incomplete, incomplete) == set()  # nothing committed since: still the same result


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL hands out ids before commit")
def test_on_postgresql_a_change_record_uncommitted_elsewhere_makes_the_watermark_incomplete(two):
    import psycopg

    settings = connection.settings_dict
    params = {"dbname": settings["NAME"], "user": settings["USER"], "host": settings["HOST"], "port": settings["PORT"]}
    if settings["PASSWORD"]:
        params["password"] = settings["PASSWORD"]
    insert = (
        "INSERT INTO audit_changerecord (time, username, request_id, reason, action, content_type_id, object_id,"
        " object_repr) VALUES (now(), 'test', '', '', 'update', (SELECT MIN(id) FROM django_content_type), 1, 'x')"
    )
    with psycopg.connect(**params) as other:
        other.execute(insert)  # holds an id, uncommitted: it could commit below a later one
        assert not watermark().complete
        other.rollback()
    assert watermark().complete


def test_a_kept_result_is_patched_only_for_the_projects_written_since(two):
    first, second = two
    asked: list = []

    def compute(only):
        asked.append(only)
        return dict(Project.objects.filter(pk__in=only or [first.pk, second.pk]).values_list("pk", "name"))

    assert kept_by_project("test:kept", compute) == {first.pk: "测试项目WM1", second.pk: "测试项目WM2"}
    assert kept_by_project("test:kept", compute) == {first.pk: "测试项目WM1", second.pk: "测试项目WM2"}
    second.name = "改名项目"
    second.save()
    assert kept_by_project("test:kept", compute) == {first.pk: "测试项目WM1", second.pk: "改名项目"}
    assert asked == [None, {second.pk}]


def test_a_kept_result_is_computed_again_when_the_projects_cannot_be_told(two):
    asked: list = []

    def compute(only):
        asked.append(only)
        return {}

    kept_by_project("test:again", compute)
    Region.objects.filter(code="330802").update(name="柯城区(改)")
    kept_by_project("test:again", compute)
    assert asked == [None, None]


def test_a_patched_result_goes_back_to_the_shared_cache_once_enough_projects_were_patched(two):
    from django.core.cache import cache

    first, _ = two
    kept_by_project("test:back", lambda only: {})
    shared = cache.get("test:back")[0]
    first.name = "改名项目"
    first.save()
    kept_by_project("test:back", lambda only: {}, write_back=1)  # one project patched: not written back
    assert cache.get("test:back")[0] == shared
    for project in two:
        project.name += "(二)"
        project.save()
    kept_by_project("test:back", lambda only: {}, write_back=1)  # two: written back
    assert cache.get("test:back")[0] == watermark()


def test_after_a_flush_migrate_puts_the_data_version_row_back_and_raises_both_counters(two):
    from django.core.management import call_command

    from guatu.core.models import DataVersion

    DataVersion.objects.all().delete()
    assert watermark().references == -1  # no row: nothing can be told (`changed_projects` is None)
    call_command("migrate", verbosity=0)  # a flush ends with the same post_migrate
    row = DataVersion.objects.get(pk=1)
    assert row.counter == row.reference_changes == 1
    before = watermark()
    call_command("migrate", verbosity=0)  # a data migration keeps no change record: nothing kept survives it
    assert changed_projects(before, watermark()) is None

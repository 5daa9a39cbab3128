"""The change record: every way of writing leaves the same trail, and nothing erases it."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command, get_commands
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from guatu.audit.context import acting
from guatu.audit.models import AppendOnlyError, ChangeRecord
from guatu.audit.tracking import VersionConflict
from guatu.projects.models import AnnualPlan, MonthlyReport, Project
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


def test_a_save_records_who_why_and_old_to_new(demo_user):
    project = make_project("AU1", year=2025)
    with acting(demo_user, reason="核对总投资"):
        project.total_investment = D("1234.50")
        project.save()
    record = records_of(project)[-1]
    assert (record.username, record.reason, record.action) == ("demo", "核对总投资", "update")
    assert (record.before["total_investment"], record.after["total_investment"]) == ("1000.00", "1234.50")
    assert record.region_id == project.region_id and record.project_id == project.pk


def test_a_queryset_update_is_recorded_row_by_row(demo_user):
    a, b = make_project("AU2", year=2025), make_project("AU3", year=2025)
    with acting(demo_user, reason="批量改阶段"):
        Project.objects.filter(pk__in=[a.pk, b.pk]).update(stage="construction")
    for project in (a, b):
        record = records_of(project)[-1]
        assert (record.after["stage"], record.reason, record.user) == ("construction", "批量改阶段", demo_user)


def test_bulk_create_and_bulk_update_are_recorded():
    project = make_project("AU4", plan=None, year=2025)
    [plan] = AnnualPlan.objects.bulk_create([AnnualPlan(project=project, year=2026, planned_investment=D(10))])
    plan.planned_investment = D(20)
    AnnualPlan.objects.bulk_update([plan], ["planned_investment"])
    assert [(r.action, (r.after or {}).get("planned_investment")) for r in records_of(plan)] == [
        ("create", "10.00"), ("update", "20.00")]  # fmt: skip


def test_a_delete_even_by_cascade_is_recorded_with_the_last_state():
    project = make_project("AU5", year=2025, ytd_by_month={1: "5"})
    report_pk = project.reports.get().pk
    project.delete()
    deleted = ChangeRecord.objects.filter(content_type__model="monthlyreport", object_id=report_pk, action="delete")
    assert deleted.get().before["invest_ytd"] == "5.00"


def test_change_records_cannot_be_changed_or_deleted_by_the_app():
    record = ChangeRecord.objects.order_by("id").first()
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        ChangeRecord.objects.filter(pk=record.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        ChangeRecord.objects.all().delete()


def test_the_database_itself_refuses_to_change_or_delete_a_record():
    record = ChangeRecord.objects.order_by("id").first()
    for sql in (
        "UPDATE audit_changerecord SET reason = 'x' WHERE id = %s",
        "DELETE FROM audit_changerecord WHERE id = %s",
    ):
        with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])
        assert "append-only" in str(caught.value)
    assert ChangeRecord.objects.filter(pk=record.pk, reason=record.reason).exists()


def test_no_guatu_command_prunes_history():
    commands = get_commands()
    assert "clean_old_history" not in commands and "clean_duplicate_history" not in commands


def test_a_user_with_changes_on_record_cannot_be_deleted_only_deactivated(demo_user):
    user = get_user_model().objects.create_user("leaver", password="test-pass-2024")
    project = make_project("AU6", year=2025)
    with acting(user):
        project.name = "改名"
        project.save()
    with pytest.raises(ProtectedError):
        user.delete()
    call_command("user", "deactivate", "leaver")
    user.refresh_from_db()
    assert not user.is_active and records_of(project)[-1].username == "leaver"


def test_a_stale_version_is_refused_and_nothing_is_written():
    project = make_project("AU7", year=2025)
    first, second = Project.objects.get(pk=project.pk), Project.objects.get(pk=project.pk)
    first.name = "甲改"
    first.save()
    second.name = "乙改"
    with pytest.raises(VersionConflict):
        second.save()
    assert Project.objects.get(pk=project.pk).name == "甲改"


def test_every_write_path_validates_bounds():
    project = make_project("AU8", year=2025)
    project.total_investment = D("10000000000")  # 1e10 万元: beyond MONEY_MAX
    with pytest.raises(ValidationError, match="9999999999"):
        project.save()
    with pytest.raises(ValidationError, match="9999999999"):
        Project.objects.filter(pk=project.pk).update(total_investment=D("99999999999999.99"))
    with pytest.raises(ValidationError, match="2000"):
        MonthlyReport.objects.bulk_create([MonthlyReport(project=project, year=0, month=1, invest_month=0,
                                                          invest_ytd=0, invest_cumulative=0, progress_pct=0,
                                                          stage="construction")])  # fmt: skip
    assert not MonthlyReport.objects.filter(project=project).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL hands out ids before commit")
def test_on_postgresql_a_writer_takes_its_transaction_id_before_any_record_id():
    """A delete's record is its transaction's first write (it is written before the row goes). Its id must not be
    taken before the transaction shows as writing to the other sessions, or a watermark read in between would be
    complete and sit above it (guatu.core.watermarks): the tracked paths and the set-based id allocation ask for
    the transaction id first."""
    from django.test.utils import CaptureQueriesContext

    from guatu.audit.setbased import allocate_ids

    project = make_project("XID1", ytd_by_month={1: "10"})
    plan = AnnualPlan.objects.get(project=project)
    with CaptureQueriesContext(connection) as deleting:
        plan.delete()
    with CaptureQueriesContext(connection) as allocating:
        allocate_ids(ChangeRecord, 3)
    for captured, takes_ids in ((deleting, 'INSERT INTO "audit_changerecord"'), (allocating, "nextval(")):
        sql = [q["sql"] for q in captured.captured_queries]
        first_id = next(i for i, s in enumerate(sql) if takes_ids in s)
        assert any("pg_current_xact_id()" in s for s in sql[:first_id]), sql[: first_id + 1]

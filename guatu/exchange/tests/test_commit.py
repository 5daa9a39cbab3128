"""The import's set-based commit writes the same change record as the tracked queryset, bumps versions and
keeps the rollups exact."""

import csv
import json
from decimal import Decimal as D

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from guatu.audit.models import Action, ChangeRecord
from guatu.audit.tracking import scope_ids, snapshot
from guatu.exchange.importer import import_file
from guatu.projects.models import AnnualPlan, MonthlyReport
from guatu.rollups.verify import verify
from guatu.test import make_project

pytestmark = pytest.mark.django_db
HEADER = ["项目代码", "项目名称", "年份", "月份", "本月完成(万元)", "本年累计(万元)", "开工累计(万元)", "形象进度(%)",
          "阶段", "存在问题"]  # fmt: skip


def sheet(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def expected_record(obj, action, before, user):
    """What `TrackedQuerySet` records for `obj`: the fields compared with the set-based commit's record."""
    return {"user_id": user.pk, "username": user.username, "reason": "import 月报.csv", "action": action,
            "content_type_id": ContentType.objects.get_for_model(type(obj)).pk, "object_id": obj.pk,
            "object_repr": str(obj), **{f"{k}_id": v for k, v in scope_ids(obj).items()}, "before": before,
            "after": snapshot(obj)}  # fmt: skip


def recorded(obj) -> dict:
    record = ChangeRecord.objects.for_object(obj).order_by("-id").first()
    return {"user_id": record.user_id, "username": record.username, "reason": record.reason, "action": record.action,
            "content_type_id": record.content_type_id, "object_id": record.object_id,
            "object_repr": record.object_repr, "project_id": record.project_id, "region_id": record.region_id,
            "platform_id": record.platform_id, "department_id": record.department_id, "before": record.before,
            "after": record.after}  # fmt: skip


def test_an_imports_records_equal_what_the_tracked_path_writes(tmp_path, officer):
    a = make_project("IC1", plan="1000", ytd_by_month={8: "500"}, year=2025)
    old = MonthlyReport.objects.get(project=a, year=2025, month=8)
    old.status = "draft"
    MonthlyReport.objects.filter(pk=old.pk).update(status="draft")
    old.refresh_from_db()
    before_old = snapshot(old)
    path = sheet(tmp_path / "月报.csv", [
        [a.code, a.name, 2025, 8, "60", "520", "1520", "40", "在建", ""],
        [a.code, a.name, 2025, 9, "80", "600", "1600", "45", "在建", '用地 "红线" 50%'],
    ])  # fmt: skip
    preview = import_file(path, acting_user=officer)
    assert preview.committed and (preview.created, preview.updated) == (1, 1)
    new = MonthlyReport.objects.get(project=a, year=2025, month=9)
    old.refresh_from_db()
    assert (new.status, new.version, new.submitted_by) == ("submitted", 1, "officer")
    assert old.version == 3 and old.invest_ytd == D("520.00")
    assert recorded(new) == expected_record(new, Action.CREATE, None, officer)
    assert recorded(old) == expected_record(old, Action.UPDATE, before_old, officer)
    assert new.problems == '用地 "红线" 50%'
    for obj in (new, old):  # the text kept: on SQLite the very text the tracked path writes (jsonb on PostgreSQL)
        assert stored_text(obj) == json.dumps(snapshot(obj)) or connection.vendor == "postgresql"
        assert json.loads(stored_text(obj)) == snapshot(obj)
    assert verify().count == 0


def stored_text(obj) -> str:
    record = ChangeRecord.objects.for_object(obj).order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {'after::text' if connection.vendor == 'postgresql' else 'after'} "
                       f"FROM {ChangeRecord._meta.db_table} WHERE id = %s", [record.pk])  # fmt: skip
        return cursor.fetchone()[0]


def test_a_plans_import_records_and_rolls_up(tmp_path, officer):
    a = make_project("IC2", plan="1000", year=2025)
    plan = AnnualPlan.objects.get(project=a, year=2025)
    before = snapshot(plan)
    path = tmp_path / "月报.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [["项目代码", "项目名称", "年份", "年度计划投资(万元)"], [a.code, a.name, 2025, "1500"]]
        )
    preview = import_file(path, "plans", acting_user=officer)
    assert preview.committed and preview.updated == 1
    plan.refresh_from_db()
    assert plan.planned_investment == D("1500.00") and plan.version == 2
    assert recorded(plan) == expected_record(plan, Action.UPDATE, before, officer)
    assert verify().count == 0


def test_records_flushed_in_batches_are_the_same_records_and_the_rollups_stay_exact(tmp_path, officer, monkeypatch):
    monkeypatch.setattr("guatu.exchange.commit.RECORD_BATCH", 2)  # five records: flushed as 2 + 2 + 1
    a = make_project("IC3", plan="1000", ytd_by_month={7: "400", 8: "500"}, year=2025)
    b = make_project("IC4", plan="1000", ytd_by_month={8: "100"}, year=2025)
    MonthlyReport.objects.filter(project__in=[a, b]).update(status="draft")
    old = MonthlyReport.objects.get(project=a, year=2025, month=8)
    before_old = snapshot(old)
    path = sheet(tmp_path / "月报.csv", [
        [a.code, a.name, 2025, 8, "100", "500", "1510", "40", "在建", "改"],
        [a.code, a.name, 2025, 9, "80", "580", "1590", "45", "在建", ""],
        [a.code, a.name, 2025, 10, "20", "600", "1610", "50", "在建", ""],
        [b.code, b.name, 2025, 9, "50", "150", "1150", "10", "在建", ""],
        [b.code, b.name, 2025, 10, "50", "200", "1200", "20", "在建", ""],
    ])  # fmt: skip
    preview = import_file(path, acting_user=officer)
    assert preview.committed and (preview.created, preview.updated) == (4, 1)
    old.refresh_from_db()
    assert recorded(old) == expected_record(old, Action.UPDATE, before_old, officer)
    for new in MonthlyReport.objects.filter(project__in=[a, b], month__in=[9, 10]):
        assert recorded(new) == expected_record(new, Action.CREATE, None, officer)
    assert ChangeRecord.objects.filter(reason="import 月报.csv").count() == 5
    assert verify().count == 0


def stored_rollups() -> tuple[list, list]:
    from guatu.rollups.models import COLUMNS, GROUP_COLUMNS, GroupFigures, YearFigures

    rows = sorted(YearFigures.objects.values_list(*COLUMNS))
    groups = sorted(GroupFigures.objects.values_list(*GROUP_COLUMNS))
    return rows, groups


def test_an_imports_rollups_equal_a_rebuilds(tmp_path, officer):
    from guatu.rollups import facts

    a = make_project("IC5", plan="1200", ytd_by_month={1: "100", 2: "180"}, year=2025)  # months added after
    b = make_project("IC6", plan="600", year=2025)  # its first reports
    c = make_project("IC7", plan=None, year=2025)  # a report but no plan; and a year with no rows yet (2026)
    path = sheet(tmp_path / "月报.csv", [
        [a.code, a.name, 2025, 3, "120", "300", "1300", "30", "在建", ""],
        [a.code, a.name, 2025, 5, "100", "400", "1400", "35", "在建", ""],  # April missed: carried
        [b.code, b.name, 2025, 1, "50", "50", "1050", "5", "在建", ""],
        [b.code, b.name, 2025, 2, "25.5", "75.5", "1075.5", "8", "在建", ""],
        [c.code, c.name, 2025, 6, "10", "10", "1010", "1", "在建", ""],
        [c.code, c.name, 2026, 1, "7", "7", "1017", "2", "在建", ""],
    ])  # fmt: skip
    preview = import_file(path, acting_user=officer)
    assert preview.committed and preview.created == 6
    imported = stored_rollups()
    row = {r[:3]: r for r in imported[0]}[(a.pk, 2025, 0)]
    assert row[12] == 0b10111 and row[13:18] == (10000, 18000, 30000, 30000, 40000)  # fen, April carried
    assert (c.pk, 2026, 0) in {r[:3] for r in imported[0]}
    assert verify().count == 0
    facts.rebuild()
    assert stored_rollups() == imported


def test_a_new_row_is_the_template_with_the_given_fields_in_their_places():
    from guatu.exchange.commit import _row_maker

    template = ["id", 1, "default", None, "extra"]
    given = {"a": 1, "b": 2, "c": 3}  # "extra" (place 4) is not given: the template's value prevails
    for fields_, expected in [({"c": 9, "a": 7, "extra": "x", "zz": 0}, ["id", 7, "default", 9, "extra"]),
                              ({"b": "二"}, ["id", 1, "二", None, "extra"]), ({}, template),
                              ({"zz": 1, "extra": 2}, template)]:  # fmt: skip
        made = _row_maker(template, given, tuple(fields_))(fields_)
        assert made == expected and made is not template

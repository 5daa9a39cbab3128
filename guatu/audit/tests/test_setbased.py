"""The set-based writer's compiled snapshot is `_row_snapshot`, value for value, and its text `json.dumps`'s."""

import datetime as dt
import itertools
import json
from decimal import Decimal

import pytest

from guatu.audit.setbased import CompiledSnapshot, RecordWriter, dumps, row_snapshotter
from guatu.audit.tracking import _row_snapshot, tracked_fields
from guatu.projects.choices import ReportStatus, Stage
from guatu.projects.models import MonthlyReport, Project

ROW = {"project_id": 7, "year": 2024, "month": 6, "invest_month": Decimal("10.00"), "invest_ytd": Decimal("60"),
       "invest_cumulative": Decimal("900.004"), "progress_pct": Decimal("50.5"), "stage": Stage.CONSTRUCTION,
       "problems": "用地", "status": ReportStatus.SUBMITTED, "revision": 1,
       "submitted_at": dt.datetime(2024, 7, 1, 8, 30, tzinfo=dt.UTC), "submitted_by": "张三", "reviewed_at": None,
       "reviewed_by": "", "return_reason": ""}  # fmt: skip
ODD = {"invest_month": [Decimal("1e40"), Decimal("NaN"), 3, 2.5, "12", None, Decimal("-0.005")],
       "progress_pct": [Decimal("99.999"), 0, None], "stage": ["construction", None], "year": [2024.0, None],
       "submitted_at": [dt.date(2024, 7, 1), None, "2024-07-01"]}  # fmt: skip


def test_the_compiled_snapshot_of_a_report_is_the_tracked_one():
    fields = tracked_fields(MonthlyReport)
    snap = row_snapshotter(MonthlyReport, fields)
    assert snap(ROW) == _row_snapshot(MonthlyReport, ROW, fields)
    assert snap(ROW)["invest_cumulative"] == "900.00" and snap(ROW)["invest_ytd"] == "60.00"
    for a, b in itertools.combinations(ODD, 2):
        for x, y in itertools.product(ODD[a], ODD[b]):
            row = {**ROW, a: x, b: y}
            assert snap(row) == _row_snapshot(MonthlyReport, row, fields), (a, x, b, y)


def test_the_compiled_snapshot_of_a_project_is_the_tracked_one():
    fields = tracked_fields(Project)
    row = {f.attname: None for f in fields} | {
        "code": "P1",
        "name": "项目",
        "total_investment": Decimal("12.3"),
        "actual_start": dt.date(2024, 1, 2),
        "stage": Stage.PREPARATION,
    }
    assert row_snapshotter(Project, fields)(row) == _row_snapshot(Project, row, fields)


def test_the_snapshots_made_a_column_at_a_time_are_the_tracked_ones_and_their_text_json_dumps():
    fields = tracked_fields(MonthlyReport)
    names = list(ROW)
    at = {name: i for i, name in enumerate(names)}
    odd = [{**ROW, a: x, b: y} for a, b in itertools.combinations(ODD, 2) for x, y in itertools.product(ODD[a], ODD[b])]
    plain = [{**ROW, "invest_month": Decimal(n) / 8, "problems": f"问题 “{n}” 100%\n", "month": n % 12 + 1}
             for n in range(40)]  # fmt: skip
    constant = [ROW[name] for name in names]
    templated = CompiledSnapshot(MonthlyReport, fields, at, constant, {at[n] for n in ("invest_month", "problems",
                                                                                        "month")})  # fmt: skip
    for compiled, rows in ((CompiledSnapshot(MonthlyReport, fields, at), odd), (templated, plain),
                           (CompiledSnapshot(MonthlyReport, fields, at), plain)):  # fmt: skip
        made = compiled.many([[row[name] for name in names] for row in rows])
        for row, snapshot in zip(rows, made, strict=True):
            tracked = _row_snapshot(MonthlyReport, row, fields)
            assert snapshot == tracked and list(snapshot) == list(tracked), row
            assert snapshot.text == json.dumps(tracked), row
        assert compiled.texts([[row[name] for name in names] for row in rows]) == [s.text for s in made]


def test_the_compiled_dumps_is_json_dumps():
    snapshot = _row_snapshot(MonthlyReport, ROW, tracked_fields(MonthlyReport))
    odd = {"stage": Stage.CONSTRUCTION, "x": 1.5, "y": True, "z": [1, "二"], "w": {"a": None}, "n": float("nan")}
    for value in [snapshot, odd, {}, [1, "二"], "文", None]:
        assert dumps(value) == json.dumps(value)


def test_a_masked_field_stays_masked_in_the_compiled_snapshot(monkeypatch):
    monkeypatch.setattr(MonthlyReport, "audit_masked", ("problems",), raising=False)
    fields = tracked_fields(MonthlyReport)
    names = list(ROW)
    (snapshot,) = CompiledSnapshot(MonthlyReport, fields, {n: i for i, n in enumerate(names)}).many(
        [[ROW[name] for name in names]]
    )
    tracked = _row_snapshot(MonthlyReport, ROW, fields)
    assert tracked["problems"] == "***" and snapshot == tracked and snapshot.text == json.dumps(tracked)
    assert CompiledSnapshot(MonthlyReport, fields, {n: i for i, n in enumerate(names)}).texts(
        [[ROW[name] for name in names]]
    ) == [json.dumps(tracked)]


def test_the_texts_of_rows_all_constant_are_the_template_itself():
    fields = tracked_fields(MonthlyReport)
    names = list(ROW)
    at = {name: i for i, name in enumerate(names)}
    row = [ROW[name] for name in names]
    compiled = CompiledSnapshot(MonthlyReport, fields, at, row, set())
    assert compiled.texts([row, row]) == [json.dumps(_row_snapshot(MonthlyReport, ROW, fields))] * 2


@pytest.mark.django_db
def test_records_added_many_at_once_are_the_records_added_one_by_one():
    one, many = RecordWriter(MonthlyReport), RecordWriter(MonthlyReport)
    many.time = one.time
    items = [(7, "项目 2024-06", (1, 2, 3, 4), None, '{"a": 1}'), (8, "长" * 300, (1, 2, None, None), {"b": 2}, None)]
    for item in items:
        one.add("create", *item)
    many.add_many("create", items)
    assert many.rows == one.rows and len(many.rows[1][9]) == 200


def test_rows_converted_a_column_at_a_time_are_the_rows_converted_one_by_one():
    from guatu.audit.setbased import _converted, sqlite_converters

    columns = ["id", "submitted_at", "reviewed_at", "year"]
    when = dt.datetime(2024, 7, 1, 8, 30, tzinfo=dt.UTC)
    rows = [[1, when, None, 2024], [2, when.astimezone(dt.timezone(dt.timedelta(hours=8))), when, 2024],
            [3, None, dt.datetime(2024, 1, 2, 3, 4, 5), 2025]]  # fmt: skip
    converters = list(sqlite_converters(MonthlyReport, columns).items())
    one_by_one = [tuple(convert(v) if convert else v for v, convert in zip(row, [dict(converters).get(i) for i in
                  range(len(columns))], strict=True)) for row in rows]  # fmt: skip
    assert _converted(rows, converters) == one_by_one
    assert one_by_one[1][1] == "2024-07-01 08:30:00" and one_by_one[2][2] == "2024-01-02 03:04:05"

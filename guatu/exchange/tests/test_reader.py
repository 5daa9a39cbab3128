"""The reader's two ways through an xlsx give the same rows: python-calamine for a plain sheet (after the scan
of its XML) and the streaming reader for everything else; a sheet the scan cannot vouch for takes the
streaming reader."""

import contextlib
import datetime as dt

import pytest
import xlsxwriter
from openpyxl import Workbook

from guatu.exchange import reader
from guatu.exchange.reader import Limits, read_sheets


def _write(path, rows, **options):
    book = xlsxwriter.Workbook(str(path), {"default_date_format": "yyyy-mm-dd", **options})
    sheet = book.add_worksheet("月报")
    for r, row in rows:
        for c, value in row:
            if value is None:
                sheet.write_blank(r, c, None, book.add_format({"bold": True}))
            else:
                sheet.write(r, c, value)
    book.close()
    return path


PLAIN = [
    (1, [(1, "2024年重点项目月报"), (3, "  ")]),  # a leading empty row and column; a blank text is no value
    (2, [(0, "项目代码"), (1, "月份"), (2, "本月完成"), (3, "存在问题")]),
    (3, [(0, "A-1"), (1, 2024), (2, 1.5), (3, "多行\n文本 = 2"), (5, True)]),
    (5, [(0, 330802001), (2, -0.25), (3, 1e30), (4, 12345678901234567)]),  # row 5 empty: a [] between
    (6, [(2, "全角１２"), (7, None)]),  # a styled empty cell: not a value
    (40, [(8, None)]),  # a trailing row of styles only: no row
]


def _rows(path, limits=None):
    return list(read_sheets(path, limits=limits or Limits())[0].rows)


def _streamed(path, monkeypatch, limits=None):
    with monkeypatch.context() as patch:
        patch.setattr(reader, "_plain_sheet", lambda _reader: None)
        return _rows(path, limits)


def test_a_plain_sheet_is_read_by_calamine_and_gives_what_the_streaming_reader_gives(tmp_path, monkeypatch):
    path = _write(tmp_path / "plain.xlsx", PLAIN)
    used = []
    original = reader._calamine_rows
    monkeypatch.setattr(reader, "_calamine_rows", lambda *args: used.append(1) or original(*args))
    fast = _rows(path)
    assert used == [1]
    assert fast == _streamed(path, monkeypatch)
    assert fast[1] == ["", "2024年重点项目月报"]
    assert fast[3] == ["A-1", 2024, 1.5, "多行\n文本 = 2", "", True]
    assert fast[4] == []
    assert fast[5] == [330802001, "", -0.25, 1e30, 1.234567890123457e16]  # as Excel keeps it: 15 digits
    assert len(fast) == 7


@pytest.mark.parametrize(("why", "rows", "limits"), [
    ("a formula", [(0, [(0, "=1+1")])], Limits()),
    ("a date cell", [(0, [(0, dt.datetime(2024, 6, 1))])], Limits()),
    ("a row past the row limit", [(0, [(0, "x")]), (9, [(0, 1)])], Limits(rows=5)),
    ("a column past the column limit", [(0, [(0, "x"), (30, 1)])], Limits(columns=28)),
    ("a used range far larger than its cells", [(0, [(0, "x")]), (199_999, [(150, 1)])], Limits()),
])  # fmt: skip
def test_a_sheet_the_scan_cannot_vouch_for_takes_the_streaming_reader(tmp_path, monkeypatch, why, rows, limits):
    path = _write(tmp_path / "odd.xlsx", rows)
    used = []
    monkeypatch.setattr(reader, "_calamine_rows", lambda *args: used.append(why) or iter(()))
    with contextlib.suppress(reader.UnreadableFile):  # the streaming reader's refusal (tests/test_hostile.py)
        _rows(path, limits)
    assert used == []


def test_a_workbook_saved_by_openpyxl_reads_the_same_both_ways(tmp_path, monkeypatch):
    book = Workbook()
    sheet = book.active
    sheet.append(["项目代码", "本月完成", "本年累计"])
    for i in range(50):
        sheet.append([f"B{i:04d}", i * 1.25, i * 10, "在建" if i % 2 else None])
    path = tmp_path / "openpyxl.xlsx"
    book.save(path)
    assert _rows(path) == _streamed(path, monkeypatch)


def test_a_cell_over_the_character_limit_is_refused_on_the_fast_path_too(tmp_path):
    path = _write(tmp_path / "long.xlsx", [(0, [(0, "x")]), (2, [(1, "长" * 50)])])
    with pytest.raises(reader.UnreadableFile, match="B3"):
        _rows(path, Limits(cell_chars=40))


def test_the_tag_and_column_caches_stay_bounded(tmp_path):
    for i in range(3000):
        assert reader._tag(f"{{urn:x{i}}}c") == "c"
        assert reader._column_of(f"{reader.column_letters(i)}7") == i
    assert len(reader._TAGS) <= 1000 and len(reader._COLUMNS) <= 20_000

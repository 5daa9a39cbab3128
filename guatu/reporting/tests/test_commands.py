"""`guatu reporting`: the same 报送情况 as the page and API, a sheet with --out, the calendar with --open/--close."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from guatu.projects.models import MonthlyReport
from guatu.reporting.models import ReportingMonth

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("reporting", *args, stdout=out)
    return out.getvalue()


def test_json_for_a_month_and_a_scope():
    data = json.loads(run("--year", "2024", "--month", "12", "--platform", "衢州智造新城", "--json"))
    assert data["scope"] == ["衢州智造新城"]
    assert {row["label"]: (row["expected"], row["reported"], row["rate_pct"]) for row in data["by_county"]} == {
        "柯城区": (68, 13, "19.1"), "衢江区": (57, 13, "22.8")}  # fmt: skip


def test_the_default_month_is_the_open_one():
    data = json.loads(run("--json"))
    assert (data["year"], data["month"]) == (2024, 12)


def test_the_readable_table_has_the_totals_and_who_is_missing():
    text = run("--year", "2024", "--month", "12", "--by", "county")
    assert "已报送 54 / 216  报送率 25.0%  逾期未报 162" in text
    assert "江山市" in text and "未报送 162 个项目" in text
    assert "按" not in text.splitlines()[0]


def test_out_writes_the_sheet(tmp_path):
    path = tmp_path / "december.xlsx"
    assert "wrote" in run("--year", "2024", "--month", "12", "--out", str(path), "--out-by", "department")
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert rows[1][0] == "责任单位" and rows[-1][:3] == ("合计", 216, 54)


def test_bad_options_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="--month"):
        run("--year", "2024")
    with pytest.raises(CommandError, match="month"):
        run("--year", "2024", "--month", "13")
    with pytest.raises(CommandError, match="xlsx"):
        run("--out", str(tmp_path / "x.pdf"))


def test_open_and_close_from_the_command_line():
    assert "opened 2025-01, due 2025-02-10" in run(
        "--year", "2025", "--month", "1", "--open", "--deadline", "2025-02-10"
    )
    assert "closed 2024-12; 54 reports locked" in run("--year", "2024", "--month", "12", "--close")
    assert ReportingMonth.objects.get(year=2024, month=12).closed_by is None  # the system
    assert MonthlyReport.objects.filter(year=2024, month=12, status="locked").count() == 54
    with pytest.raises(CommandError, match="2024-12"):
        run("--year", "2024", "--month", "12", "--close")
    with pytest.raises(CommandError, match="not in the calendar"):
        run("--year", "2023", "--month", "12", "--close")

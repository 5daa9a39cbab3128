"""PostgreSQL keeps the monthly reports in one partition per year; SQLite keeps one table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from guatu.projects.models import MonthlyReport
from guatu.projects.partitioning import TABLE, ensure_partitions, is_partitioned, partitions
from guatu.test import make_project

pytestmark = pytest.mark.django_db
postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitioning is for PostgreSQL")


def where_each_report_is() -> dict[int, set[str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT year, tableoid::regclass::text FROM {TABLE}")
        found: dict[int, set[str]] = {}
        for year, table in cursor.fetchall():
            found.setdefault(year, set()).add(table)
    return found


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite only")
def test_sqlite_keeps_one_plain_table():
    assert not is_partitioned() and partitions() == {} and ensure_partitions([2024]) == []


@postgres
def test_reports_land_in_their_years_partition():
    assert is_partitioned()
    ensure_partitions()
    assert where_each_report_is()[2024] == {f"{TABLE}_y2024"}
    assert partitions()[f"{TABLE}_y2024"] == MonthlyReport.objects.filter(year=2024).count() > 2000
    assert partitions()[f"{TABLE}_default"] == 0


@postgres
def test_a_year_without_a_partition_waits_in_the_default_one_until_it_gets_its_own():
    ensure_partitions()
    project = make_project("P-2019", year=2019, ytd_by_month={1: "10", 2: "25"})
    assert where_each_report_is()[2019] == {f"{TABLE}_default"}
    assert ensure_partitions() == [2019]
    assert where_each_report_is()[2019] == {f"{TABLE}_y2019"}
    report = MonthlyReport.objects.get(project=project, year=2019, month=2)
    report.invest_ytd = Decimal("30")
    report.invest_month = Decimal("20")
    report.invest_cumulative = Decimal("30")
    report.save(validate=False)  # the ORM reads and writes a report by id as before
    assert MonthlyReport.objects.get(pk=report.pk).invest_ytd == Decimal("30.00")
    assert ensure_partitions() == []


@postgres
def test_the_key_holds_the_year_and_ids_come_from_one_sequence():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'",
            [TABLE],
        )
        assert cursor.fetchone() == ("PRIMARY KEY (id, year)",)
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        assert cursor.fetchone() == (f"public.{TABLE}_id_seq",)
    ensure_partitions()
    first = make_project("P-2019a", year=2019, ytd_by_month={1: "10"}).reports.get()
    second = make_project("P-2024a", year=2024, ytd_by_month={1: "10"}).reports.get()
    assert second.pk > first.pk  # one sequence across the partitions

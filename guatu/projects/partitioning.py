"""PostgreSQL: monthly reports partitioned by year (projects migration 0005) — keeping the partitions.

A report for a year without its own partition lands in the default partition; `ensure_partitions()`
gives each such year, and the current and next year, a partition of its own, moving the rows out of
the default partition in one transaction (a new partition cannot be attached while the default one
still holds rows of its year). `guatu serve` runs it before serving; `guatu partitions` shows them.
On SQLite there is one plain table and both do nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections, transaction
from django.utils import timezone

TABLE = "projects_monthlyreport"
DEFAULT = f"{TABLE}_default"


def is_partitioned(using: str = "default") -> bool:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        # to_regclass: NULL, not an error, in a database not migrated yet
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [TABLE])
        return cursor.fetchone() is not None


def partitions(using: str = "default") -> dict[str, int]:
    """Each partition's name and how many reports it holds."""
    if not is_partitioned(using):
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass ORDER BY c.relname",
            [TABLE],
        )
        names = [name for (name,) in cursor.fetchall()]
        cursor.execute(f"SELECT tableoid::regclass::text, count(*) FROM {TABLE} GROUP BY 1")
        counts = dict(cursor.fetchall())
    return {name: counts.get(name, 0) for name in names}


def partition_of_year(year: int) -> str:
    return f"{TABLE}_y{year}"


def ensure_partitions(years: Iterable[int] = (), using: str = "default") -> list[int]:
    """Give `years`, the current and next year and every year found in the default partition a
    partition of their own. Returns the years given one now."""
    if not is_partitioned(using):
        return []
    today = timezone.localdate()
    existing = set(partitions(using))
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT year FROM {DEFAULT}")
        stranded = {year for (year,) in cursor.fetchall()}
        wanted = {*years, today.year, today.year + 1, *stranded}
        missing = sorted(y for y in wanted if partition_of_year(y) not in existing)
        if not missing:
            return []
        # Nobody may add a report to the default partition while its rows move out.
        cursor.execute(f"LOCK TABLE {DEFAULT} IN EXCLUSIVE MODE")
        for year in missing:
            name = partition_of_year(year)
            cursor.execute(f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
            cursor.execute(f"INSERT INTO {name} SELECT * FROM {DEFAULT} WHERE year = %s", [year])
            cursor.execute(f"DELETE FROM {DEFAULT} WHERE year = %s", [year])
            # The check lets PostgreSQL attach without scanning the new table.
            cursor.execute(
                f"ALTER TABLE {name} ADD CONSTRAINT {name}_year CHECK (year >= {year} AND year < {year + 1})"
            )
            cursor.execute(f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES FROM ({year}) TO ({year + 1})")
            cursor.execute(f"ALTER TABLE {name} DROP CONSTRAINT {name}_year")
    return missing

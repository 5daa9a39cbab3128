"""Rollups: the ledger's figures kept ready for the cockpit, maintained in every writing transaction.

One row per project and year per list it is on (`list_id`), one more for the project in the year
overall (`list_id` 0), and one per project for year 0 holding what does not depend on the year (counted by
"all projects in scope" whatever the year). Each row carries the project's scope keys (region, platform,
industry, department: any scope and any access grant is a condition on them), its total investment and
start, the year's annual plan and the year to date as of every month — carried forward, so a missed month
keeps the last reported figure — and which months were reported. Amounts are integers in fen of 万元
(0.01 万元): sums are exact on both databases and need no decimal conversion.

A second level, `GroupFigures`, sums those rows per (year, list, region, platform) — a few thousand rows
where the first level has a few hundred thousand — with the month's sums and counts (laggards, reporters,
started projects) kept per month, so the big scopes' totals read the groups; the laggards themselves are read
a page at a time from the first level through one partial index per month that holds that month's laggards in
order (`lag_index_sql`).

Written only by `guatu.rollups.facts` (from the raw rows, in the transaction that changed them);
`guatu rollup --verify` recomputes every row of both levels from the raw rows and reports the differences.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MONTHS = range(1, 13)
OVERALL = 0  # list_id of the row counted by "all projects in scope"
TIMELESS = 0  # year of the row that holds the year-independent figures


class YearFigures(models.Model):
    """A project's figures for a year (and a list it is on), the year to date as of each month carried forward."""

    project_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    list_id = models.BigIntegerField(default=OVERALL)
    code = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    region_id = models.BigIntegerField()
    platform_id = models.BigIntegerField(default=0)
    industry_id = models.BigIntegerField(default=0)
    department_id = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)  # fen
    actual_start = models.DateField(null=True)
    plan = models.BigIntegerField(null=True)  # fen; None: no annual plan for the year
    reported = models.IntegerField(default=0)  # bit m-1 set: month m has a reported report
    ytd1 = models.BigIntegerField(null=True)
    ytd2 = models.BigIntegerField(null=True)
    ytd3 = models.BigIntegerField(null=True)
    ytd4 = models.BigIntegerField(null=True)
    ytd5 = models.BigIntegerField(null=True)
    ytd6 = models.BigIntegerField(null=True)
    ytd7 = models.BigIntegerField(null=True)
    ytd8 = models.BigIntegerField(null=True)
    ytd9 = models.BigIntegerField(null=True)
    ytd10 = models.BigIntegerField(null=True)
    ytd11 = models.BigIntegerField(null=True)
    ytd12 = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("rollup row")
        verbose_name_plural = _("rollup rows")
        constraints = [
            models.UniqueConstraint(fields=["project_id", "year", "list_id"], name="yearfigures_unique"),
        ]
        indexes = [
            models.Index(fields=["year", "list_id"], name="yearfigures_year_list"),
            # A region's, a platform's or a department's rows without scanning the province's.
            models.Index(fields=["region_id", "year", "list_id"], name="yearfigures_region"),
            models.Index(fields=["platform_id", "year", "list_id"], name="yearfigures_platform"),
            models.Index(fields=["department_id", "year", "list_id"], name="yearfigures_department"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year} list {self.list_id}"


COLUMNS = [f.column for f in YearFigures._meta.concrete_fields if f.column != "id"]


class GroupFigures(models.Model):
    """The sums of the `YearFigures` rows of one (year, list, region, platform, start bucket).

    The start bucket makes "started by the period's end" a sum: a year row's bucket is its own year and
    `started{m}` counts its projects started by the end of month m of that year; a year-0 row's bucket is the
    year its projects started (0: not started), and `started{m}` counts those started by the end of month m of
    that year — projects started in an earlier year are all of that bucket's `projects`.
    """

    year = models.PositiveSmallIntegerField()
    list_id = models.BigIntegerField(default=OVERALL)
    region_id = models.BigIntegerField()
    platform_id = models.BigIntegerField(default=0)
    start_year = models.PositiveSmallIntegerField(default=0)
    projects = models.BigIntegerField(default=0)  # rows
    total = models.BigIntegerField(default=0)  # fen
    planned = models.BigIntegerField(default=0)  # rows with an annual plan
    plan = models.BigIntegerField(default=0)  # fen
    # ytd{m}, lag{m}, rep{m}, started{m} for every month: added below

    class Meta:
        verbose_name = _("rollup group")
        verbose_name_plural = _("rollup groups")
        constraints = [
            models.UniqueConstraint(fields=["year", "list_id", "region_id", "platform_id", "start_year"],
                                    name="groupfigures_unique"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.year} list {self.list_id} region {self.region_id} platform {self.platform_id}"


for _prefix, _help in (("ytd", "Σ YTD as of month %d, fen"), ("lag", "rows lagging as of month %d"),
                      ("rep", "rows with a plan that reported month %d"),
                      ("started", "rows started by the end of month %d of the bucket's year")):  # fmt: skip
    for _m in MONTHS:
        GroupFigures.add_to_class(f"{_prefix}{_m}", models.BigIntegerField(default=0, help_text=_help % _m))

GROUP_KEY = ["year", "list_id", "region_id", "platform_id", "start_year"]
GROUP_VALUES = ["projects", "total", "planned", "plan", *(f"{name}{m}" for name in ("ytd", "lag", "rep", "started")
                                                         for m in MONTHS)]  # fmt: skip
GROUP_COLUMNS = [*GROUP_KEY, *GROUP_VALUES]


def lag_index_sql(vendor: str, month: int, table: str = "rollups_yearfigures") -> str:
    """The partial index of the rows lagging as of `month`, in the laggards' order (completion, then code):
    a page of any list's laggards is a walk of its first entries. `guatu.rollups.read.laggard_pages` orders by
    the same expression, which the index must match exactly. The scope keys follow, so a scope's or a grant's
    condition is checked on the index entry, without reading the row (SQLite): a deep page of a small scope
    walks many entries of its list."""
    ratio, code = f"({lag_ratio(vendor, month, '')})", "code"
    if vendor == "postgresql":
        code = 'code COLLATE "C"'
    return (f"CREATE INDEX yearfigures_lag{month} ON {table} (year, list_id, {ratio}, {code}, region_id, platform_id, "
            f"industry_id, department_id) WHERE {lag_condition(month, '')}")  # fmt: skip


def lag_ratio(vendor: str, month: int, alias: str = "f.") -> str:
    """A row's completion as of `month` as a float (YTD ÷ plan): the laggards' order, exact up to float ties."""
    real = "double precision" if vendor == "postgresql" else "REAL"
    return f"CAST(COALESCE({alias}ytd{month}, 0) AS {real}) / {alias}plan"


def lag_condition(month: int, alias: str = "f.") -> str:
    """Lagging as of `month`: a plan, and YTD ÷ plan < month ÷ 12 (in integers)."""
    return f"{alias}plan > 0 AND 12 * COALESCE({alias}ytd{month}, 0) < {month} * {alias}plan"

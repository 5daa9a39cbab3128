"""Rollups: the ledger's figures kept ready for the cockpit, maintained in every writing transaction.

One row per project and year per list it is on (`list_id`), one more for the project in the year
overall (`list_id` 0), and one per project for year 0 holding what does not depend on the year (counted by
"all projects in scope" whatever the year). Each row carries the project's scope keys (region, platform,
industry, department: any scope and any access grant is a condition on them), its total investment and
start, the year's annual plan and the year to date as of every month — carried forward, so a missed month
keeps the last reported figure — and which months were reported. Amounts are integers in fen of 万元
(0.01 万元): sums are exact on both databases and need no decimal conversion.

Written only by `guatu.rollups.facts` (from the raw rows, in the transaction that changed them);
`guatu rollup --verify` recomputes every row from the raw rows and reports the differences.
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

"""The cross-row rules of a project's monthly reports, as one pure function (no Django).

The model (`MonthlyReport.clean`), the importer (set-based, over a whole file) and any other way
in call `series_errors` on one project's reports, so every way in says no for the same reasons:

- within a year, the year-to-date never decreases from one month to the next;
- since-start (自开工累计) is at least the year-to-date and never decreases from month to month,
  across years.

Single-row rules (bounds, month ≥ this month's investment) live on the model's fields and clean().
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SeriesRow:
    """One report's figures; `key` identifies it to the caller (a pk, a sheet row number …)."""

    key: object
    year: int
    month: int
    ytd: Decimal | None
    cumulative: Decimal | None


@dataclass(frozen=True)
class SeriesError:
    key: object  # the row the error belongs to
    field: str  # "invest_ytd" or "invest_cumulative"
    code: str  # ytd_below_earlier, ytd_above_later, cumulative_below_earlier, cumulative_above_later
    other_year: int
    other_month: int
    value: Decimal
    other: Decimal


def series_errors(rows: Iterable[SeriesRow], *, check: set | None = None) -> list[SeriesError]:
    """The rule violations among one project's reports.

    `check` limits the errors reported to rows with those keys (e.g. the rows being written),
    each compared with its nearest neighbours in time; None reports every row.
    """
    ordered = sorted(rows, key=lambda r: (r.year, r.month))
    errors: list[SeriesError] = []
    for i, row in enumerate(ordered):
        if check is not None and row.key not in check:
            continue
        earlier = ordered[:i]
        later = ordered[i + 1 :]
        if row.ytd is not None:
            same_year_before = [r for r in earlier if r.year == row.year and r.ytd is not None]
            same_year_after = [r for r in later if r.year == row.year and r.ytd is not None]
            if same_year_before and row.ytd < same_year_before[-1].ytd:
                prev = same_year_before[-1]
                errors.append(
                    SeriesError(row.key, "invest_ytd", "ytd_below_earlier", prev.year, prev.month, row.ytd, prev.ytd)
                )
            elif same_year_after and row.ytd > same_year_after[0].ytd:
                nxt = same_year_after[0]
                errors.append(
                    SeriesError(row.key, "invest_ytd", "ytd_above_later", nxt.year, nxt.month, row.ytd, nxt.ytd)
                )
        if row.cumulative is not None:
            before = [r for r in earlier if r.cumulative is not None]
            after = [r for r in later if r.cumulative is not None]
            if before and row.cumulative < before[-1].cumulative:
                prev = before[-1]
                errors.append(
                    SeriesError(
                        row.key, "invest_cumulative", "cumulative_below_earlier", prev.year, prev.month,
                        row.cumulative, prev.cumulative,
                    )
                )  # fmt: skip
            elif after and row.cumulative > after[0].cumulative:
                nxt = after[0]
                errors.append(
                    SeriesError(
                        row.key, "invest_cumulative", "cumulative_above_later", nxt.year, nxt.month,
                        row.cumulative, nxt.cumulative,
                    )
                )  # fmt: skip
    return errors

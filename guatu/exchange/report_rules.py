"""The cross-row rules of a project's monthly reports, checked set-based over an imported file and
the stored rows together.

The contract is the one `guatu.projects.rules.series_errors` has (rows of one project, `check`
limiting the rows reported): within a year the year-to-date never decreases from one month to the
next; since-start (自开工累计) never decreases from month to month, across years. When that module
is on this branch, `series_errors` here becomes an import of it; the importer calls only these names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class SeriesRow:
    """One report's figures; `key` identifies it to the caller (a record key, a sheet row …)."""

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
    """The rule violations among one project's reports, each row compared with its nearest
    neighbours in time; `check` limits the errors reported to rows with those keys."""
    ordered = sorted(rows, key=lambda r: (r.year, r.month))
    errors: list[SeriesError] = []
    for i, row in enumerate(ordered):
        if check is not None and row.key not in check:
            continue
        if row.ytd is not None:
            before = next((r for r in reversed(ordered[:i]) if r.year == row.year and r.ytd is not None), None)
            after = next((r for r in ordered[i + 1 :] if r.year == row.year and r.ytd is not None), None)
            if before and row.ytd < before.ytd:
                errors.append(SeriesError(row.key, "invest_ytd", "ytd_below_earlier", before.year, before.month,
                                          row.ytd, before.ytd))  # fmt: skip
            elif after and row.ytd > after.ytd:
                errors.append(SeriesError(row.key, "invest_ytd", "ytd_above_later", after.year, after.month,
                                          row.ytd, after.ytd))  # fmt: skip
        if row.cumulative is not None:
            before = next((r for r in reversed(ordered[:i]) if r.cumulative is not None), None)
            after = next((r for r in ordered[i + 1 :] if r.cumulative is not None), None)
            if before and row.cumulative < before.cumulative:
                errors.append(SeriesError(row.key, "invest_cumulative", "cumulative_below_earlier", before.year,
                                          before.month, row.cumulative, before.cumulative))  # fmt: skip
            elif after and row.cumulative > after.cumulative:
                errors.append(SeriesError(row.key, "invest_cumulative", "cumulative_above_later", after.year,
                                          after.month, row.cumulative, after.cumulative))  # fmt: skip
    return errors


def series_message(error: SeriesError) -> str:
    """A cross-row rule violation in words, naming the other month and both figures."""
    texts = {
        "ytd_below_earlier": _("Year to date %(value)s is less than %(other)s reported for %(year)s-%(month)02d."),
        "ytd_above_later": _("Year to date %(value)s is more than %(other)s reported for %(year)s-%(month)02d."),
        "cumulative_below_earlier": _(
            "Since-start investment %(value)s is less than %(other)s reported for %(year)s-%(month)02d; "
            "it never decreases."
        ),
        "cumulative_above_later": _(
            "Since-start investment %(value)s is more than %(other)s reported for %(year)s-%(month)02d."
        ),
    }
    return texts[error.code] % {"value": error.value, "other": error.other, "year": error.other_year,
                                "month": error.other_month}  # fmt: skip

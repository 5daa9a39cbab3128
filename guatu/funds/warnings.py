"""Early-exit warnings (提前退出预警) from the national rules on government-sponsored funds.

The rules let the government's money leave a fund early when (among others) the fund is not set up
within a year after its plan was approved, or when the government's money has been paid into the fund
for more than a year and the fund has not started investing. guatu flags both, as of a day:

- `not_set_up`: the plan was approved more than a year ago and the fund is still not set up;
- `idle`: government money was first paid in more than a year ago and the fund has made no investment
  (in a firm, or — for a 母基金 — no payment into a sub-fund) by the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guatu.funds.choices import GOVERNMENT_CLASSES, LPClass


def one_year_after(day: dt.date) -> dt.date:
    """The same day a year later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class FundWarning:
    fund: object
    rule: str  # "not_set_up" | "idle"
    since: dt.date  # the day the rule started to apply
    text: str

    def as_json(self) -> dict:
        return {
            "fund": self.fund.code,
            "name": self.fund.name,
            "rule": self.rule,
            "since": self.since.isoformat(),
            "text": self.text,
        }


def fund_warnings(as_of: dt.date, *, user=None, scope=None, book=None) -> list[FundWarning]:
    """The funds (in `scope`, as `user` may see them) that meet an early-exit trigger on `as_of`."""
    from guatu.funds.figures import FundBook
    from guatu.funds.scope import FundScope

    book = book or FundBook(scope or FundScope(), user=user)
    first_paid: dict[int, dt.date] = {}
    for c in book.commitments:
        government = c["lp_class"] in GOVERNMENT_CLASSES or c["lp_class"] == LPClass.FUND
        if government and c["paid_in_on"] and c["paid_in_on"] <= as_of:
            first_paid[c["fund_id"]] = min(c["paid_in_on"], first_paid.get(c["fund_id"], c["paid_in_on"]))
    active = {r["fund_id"] for r in book.all_investments if r["invested_on"] <= as_of}
    active |= {c["lp_fund_id"] for c in book.stakes if c["paid_in_on"] and c["paid_in_on"] <= as_of}
    found = []
    for fund in sorted(book.funds.values(), key=lambda f: f.code):
        if fund.closed_on and fund.closed_on <= as_of:
            continue
        set_up = fund.set_up_on is not None and fund.set_up_on <= as_of
        if not set_up and fund.approved_on and as_of > one_year_after(fund.approved_on):
            found.append(
                FundWarning(
                    fund,
                    "not_set_up",
                    one_year_after(fund.approved_on),
                    _("The plan was approved on %(day)s and the fund is still not set up after more than a year.")
                    % {"day": fund.approved_on.isoformat()},
                )
            )
        paid = first_paid.get(fund.pk)
        if set_up and paid and fund.pk not in active and as_of > one_year_after(paid):
            found.append(
                FundWarning(
                    fund,
                    "idle",
                    one_year_after(paid),
                    _(
                        "Government money was paid in on %(day)s and the fund has made no investment in more than a "
                        "year."
                    )
                    % {"day": paid.isoformat()},
                )
            )
    return found

"""Reporting periods: a year and the month reported through (1至11月)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, order=True)
class Period:
    """January through `month` of `year`."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1–12, got {self.month}")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"year out of range: {self.year}")

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def elapsed_pct(self) -> Decimal:
        """序时进度: months elapsed ÷ 12 × 100, unrounded."""
        return Decimal(self.month) * 100 / 12

    def label_zh(self) -> str:
        return f"{self.year}年1至{self.month}月" if self.month > 1 else f"{self.year}年1月"

    def label_en(self) -> str:
        return f"Jan–{calendar.month_abbr[self.month]} {self.year}" if self.month > 1 else f"Jan {self.year}"

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

"""Parsing cell values as officers type them: dates, numbers, units, and what title rows declare
(单位：亿元, 报告期：2024年11月). Pure functions; Django only for translated messages."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug folded in)
UNIT_IN_HEADER = re.compile(r"[（(]\s*(亿元|万元|元|%)\s*[)）]")
TO_WAN = {"亿元": Decimal(10000), "万元": Decimal(1), "元": Decimal("0.0001")}


_SPACES = re.compile(r"\s+")


def normalise_text(value: object) -> str:
    """Full-width digits, letters and punctuation to half-width; trimmed; spaces folded."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    elif " " not in text and "\t" not in text and "\n" not in text:
        return text  # the common case, kept cheap: 100,000-row sheets call this a million times
    return _SPACES.sub(" ", text).strip()


def header_unit(label: str) -> str | None:
    """The unit written in a header, e.g. "本月完成(亿元)" → "亿元"."""
    match = UNIT_IN_HEADER.search(normalise_text(label))
    return match.group(1) if match else None


def strip_unit(label: str) -> str:
    return UNIT_IN_HEADER.sub("", normalise_text(label)).strip()


LARGEST = Decimal("1e15")  # no figure a sheet holds is this large: beyond it is an error, not a number


class OutOfRange(ValueError):
    """A number too large (or not finite) to be any figure in a sheet."""


def parse_decimal(value: object) -> Decimal | None:
    """12,345.6 / １２３４５ / "45%" / 1.5e3 / a float from the sheet → Decimal; "" → None.
    NaN, infinities and anything of 10^15 or more are `OutOfRange`."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a number") % {"value": value})
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest repr: 0.1 stays 0.1
    else:
        text = normalise_text(value).replace(",", "").replace(" ", "")
        if text in ("", "-", "—", "/"):
            return None
        if text.endswith("%"):
            text = text[:-1]
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number") % {"value": value}) from None
    if not number.is_finite() or abs(number) >= LARGEST:
        raise OutOfRange(_("“%(value)s” is out of range") % {"value": value})
    return number


_YEAR_MONTH = re.compile(r"^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月)?(?:\s*(?:[-/.]|月)?\s*(\d{1,2})\s*日?)?$")


def parse_date(value: object) -> dt.date | None:
    """2024年6月 / 2024.06 / 2024-6 / 2024/6/30 / a date cell / an Excel serial → a date (day 1 when only
    a month is given); "" → None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(_("“%(value)s” is not a date") % {"value": value})
    text = normalise_text(value)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    match = _YEAR_MONTH.match(text)
    if not match:
        raise ValueError(_("“%(value)s” is not a date such as 2024-06 or 2024/6/30") % {"value": value})
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a real date") % {"value": value}) from None


# What title rows above the header declare for the whole table.
_UNIT_DECLARATION = re.compile(r"(?:^|[(\[【\s,;:]|金额|计量|货币|数量)单位\s*:?\s*([^()\]】]{0,20})")
_MONEY_UNIT = re.compile(r"亿元|万元|(?<![亿万])元")
_PERIOD_LABEL = re.compile(r"(?:报告期|统计期|报告月份|填报月份|统计月份|报告期间|统计期间)\s*:?\s*(.{0,20})")
_PERIOD_RANGE = re.compile(r"(\d{4})\s*年\s*(?:1|一)\s*月?\s*(?:-|—|–|~|至|到)\s*(\d{1,2})\s*月")
_PERIOD_MONTH = re.compile(
    r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月(?!\s*\d)(?!\s*(?:-|—|–|~|至|到))|[-/.](\d{1,2})(?![\d/.-]))"
)
_NOT_A_PERIOD = re.compile(r"日期|填报时间|制表时间|打印时间|报送时间")


def declared_units(text: str) -> set[str]:
    """The money units a title cell declares: "单位：亿元" / "金额单位:万元" / "(单位：亿元)" → {"亿元"}."""
    text = normalise_text(text)
    found = set()
    for match in _UNIT_DECLARATION.finditer(text):
        found.update(_MONEY_UNIT.findall(match.group(1)))
    return found


def declared_periods(text: str) -> set[tuple[int, int]]:
    """The report months a title cell declares: "报告期：2024年11月", "2024年1-11月重点项目…",
    "衢州市2024年11月项目进展" → {(2024, 11)}. A cell naming a date (填报日期…) declares none."""
    text = normalise_text(text)
    if _NOT_A_PERIOD.search(text):
        return set()
    found = set()
    labelled = _PERIOD_LABEL.search(text)
    for source in (labelled.group(1),) if labelled else (text,):
        for pattern in (_PERIOD_RANGE, _PERIOD_MONTH):
            for year, *months in pattern.findall(source):
                month = next(m for m in months if m)
                if 1 <= int(month) <= 12 and 1990 <= int(year) <= 2100:
                    found.add((int(year), int(month)))
            if found:
                break
    return found

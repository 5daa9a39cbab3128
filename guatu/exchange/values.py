"""Parsing cell values as officers type them: dates, numbers, units. No Django."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

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


def parse_decimal(value: object) -> Decimal | None:
    """12,345.6 / １２３４５ / "45%" / 1.5e3 / a float from the sheet → Decimal; "" → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest repr: 0.1 stays 0.1
    text = normalise_text(value).replace(",", "").replace(" ", "")
    if text in ("", "-", "—", "/"):
        return None
    if text.endswith("%"):
        text = text[:-1]
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{value}” is not a number") from None


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
        raise ValueError(f"“{value}” is not a date")
    text = normalise_text(value)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    match = _YEAR_MONTH.match(text)
    if not match:
        raise ValueError(f"“{value}” is not a date such as 2024-06 or 2024/6/30")
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"“{value}” is not a real date") from None

"""Money and rates: Decimal only, half-up rounding for display, "—" for a missing denominator.

Storage is 万元 (10,000 yuan). Python's round() is half-even and is wrong for reports:
1.42284 → 142.3%, 0.0005 → 0.1% (one decimal, half-up).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "—"
WAN_PER_YI = Decimal(10000)
HUNDRED = Decimal(100)


def to_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("floats are not accepted for money or rates; pass a str, int or Decimal")
    return Decimal(str(value))


def ratio_pct(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator × 100, unrounded; None when there is no (or a zero) denominator."""
    if numerator is None or not denominator:
        return None
    return to_decimal(numerator) * HUNDRED / to_decimal(denominator)


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money_str(wan: Decimal | None) -> str | None:
    """An amount in 万元 as a plain decimal string with two places ("2305000.00")."""
    return None if wan is None else str(round_half_up(to_decimal(wan), 2))


def pct_str(value: Decimal | None, places: int = 1) -> str | None:
    """A percentage as a plain decimal string for machines ("142.3"), None when undefined."""
    return None if value is None else str(round_half_up(value, places))


def fmt_pct(value: Decimal | None, places: int = 1) -> str:
    """A percentage for people: "142.3%", or "—" when undefined."""
    return DASH if value is None else f"{round_half_up(value, places)}%"


def wan_to_yi(wan: Decimal) -> Decimal:
    return to_decimal(wan) / WAN_PER_YI


def fmt_amount(value: Decimal | None, places: int = 2, trim: bool = False, grouping: bool = True) -> str:
    """A rounded amount; `trim` drops trailing zeros the way the article writes 230.5 and 145.73."""
    if value is None:
        return DASH
    rounded = round_half_up(value, places)
    text = f"{rounded:,.{places}f}" if grouping else f"{rounded:.{places}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_money(wan: Decimal | None, unit: str = "yi", places: int = 2, trim: bool = False) -> str:
    """An amount stored in 万元 shown in 亿元 (unit="yi") or 万元 (unit="wan"), without the unit."""
    if wan is None:
        return DASH
    if unit == "yi":
        return fmt_amount(wan_to_yi(wan), places, trim)
    if unit == "wan":
        return fmt_amount(to_decimal(wan), places, trim)
    raise ValueError(f"unknown money unit {unit!r}; use 'yi' (亿元) or 'wan' (万元)")

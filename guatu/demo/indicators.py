"""The demo's main indicators, 2023–2024: Zhejiang's 11 cities, Quzhou's counties and 衢州智造新城.

ILLUSTRATIVE, NOT PUBLISHED FIGURES. City levels are in the order of magnitude of each city's
economy and growth rates vary around a provincial mean; they were generated (fixed seed), not
copied from statistical releases. Counties add up exactly to Quzhou, so contributions add up to
Quzhou's growth; 衢州智造新城 is a functional zone that overlaps 柯城区 and 衢江区 and is shown beside
them, outside the sum. Quzhou's fixed-asset investment is sized so its key projects are a
plausible share of it.
"""

from __future__ import annotations

import random
from decimal import Decimal

from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Platform
from guatu.indicators.models import Indicator, IndicatorValue, RankTarget, ReportingUnit

SEED = 2024_11
REASON = "guatu demo (illustrative)"
QUZHOU = "330800"
ZONE = "ZZXC"
THROUGH = {2023: 12, 2024: 11}

# Annual 2023 GDP, 亿元 (order of magnitude only) — the other indicators scale from it.
CITY_SIZE = {"330100": 20000, "330200": 16400, "330300": 8700, "330400": 7000, "330500": 4000, "330600": 7800,
             "330700": 6000, "330800": 2100, "330900": 2100, "331000": 6200, "331100": 1950}  # fmt: skip
RATIO = {"GDP": Decimal(1), "IVA": Decimal("0.30"), "FAI": Decimal("0.55"), "IND_INV": Decimal("0.18"),
         "MFG_INV": Decimal("0.14"), "RETAIL": Decimal("0.40"), "FISCAL": Decimal("0.09"),
         "EXPORT": Decimal("0.32")}  # fmt: skip
MEAN_GROWTH = {"GDP": 6.0, "IVA": 7.5, "FAI": 5.0, "IND_INV": 12.0, "MFG_INV": 11.0, "RETAIL": 5.5, "FISCAL": 4.0,
               "EXPORT": 6.5, "INCOME": 5.2}  # fmt: skip
COUNTY_SHARE = {"330802": "0.20", "330803": "0.17", "330822": "0.12", "330824": "0.11", "330825": "0.18",
                "330881": "0.22"}  # fmt: skip
ZONE_SHARE = Decimal("0.42")


def _ytd_share(month: int, rng: random.Random) -> Decimal:
    """How much of a year's total is in by the end of `month` (a little noise, 1 at December)."""
    if month == 12:
        return Decimal(1)
    return (Decimal(month) / 12 * Decimal(str(round(rng.uniform(0.97, 1.03), 3)))).quantize(Decimal("0.0001"))


def _round(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places))


def build_rows() -> list[dict]:
    rng = random.Random(SEED)
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = {u.code: u for u in ReportingUnit.objects.filter(code__in=[*CITY_SIZE, *COUNTY_SHARE, ZONE])}
    rows = []

    def add(code: str, unit: str, year: int, month: int, value: Decimal, growth: Decimal | None) -> None:
        rows.append({"indicator_id": indicators[code].pk, "unit_id": units[unit].pk, "year": year, "month": month,
                     "value": _round(value, 4), "growth_pct": None if growth is None else _round(growth),
                     "growth_derived": False, "vintage": "final" if year == 2023 else "preliminary",
                     "source": REASON})  # fmt: skip

    for code, indicator in indicators.items():
        mean = MEAN_GROWTH[code]
        months = indicator.months()
        for city, size in CITY_SIZE.items():
            annual23 = Decimal(size) * RATIO.get(code, 1) if code != "INCOME" else Decimal(45000 + size * 2)
            g23 = Decimal(str(round(rng.gauss(mean, 1.5), 1)))
            g24 = Decimal(str(round(rng.gauss(mean, 1.8) + (0.4 if city == QUZHOU else 0), 1)))
            for month in months:
                share = _ytd_share(month, rng) if code != "INCOME" else Decimal(month) / 12
                v23 = annual23 * share
                if month <= THROUGH[2023]:
                    add(code, city, 2023, month, v23, g23)
                if month > THROUGH[2024]:
                    continue
                if city == QUZHOU:
                    _quzhou(add, code, month, v23, g24, rng)
                else:
                    add(code, city, 2024, month, v23 * (1 + g24 / 100), g24)
    return rows


def _quzhou(add, code: str, month: int, v23: Decimal, growth: Decimal, rng: random.Random) -> None:
    """Quzhou 2024 as the sum of its counties (each growing at its own rate), plus the zone."""
    total23 = total24 = Decimal(0)
    for county, share in COUNTY_SHARE.items():
        c23 = v23 * Decimal(share)
        g = growth + Decimal(str(round(rng.gauss(0, 1.2), 1)))
        if county == "330824" and code in ("IND_INV", "EXPORT"):
            g = Decimal("-6.5")  # a county going backwards pulls the city down
        c24 = c23 * (1 + g / 100)
        add(code, county, 2023, month, c23, None)
        add(code, county, 2024, month, c24, (c24 / c23 - 1) * 100)
        total23, total24 = total23 + c23, total24 + c24
    add(code, QUZHOU, 2024, month, total24, (total24 / total23 - 1) * 100)
    z23 = v23 * ZONE_SHARE
    zg = growth + Decimal("3.0")
    add(code, ZONE, 2023, month, z23, None)
    add(code, ZONE, 2024, month, z23 * (1 + zg / 100), zg)


def load() -> dict[str, UpsertResult]:
    quzhou = ReportingUnit.objects.get(code=QUZHOU)
    ReportingUnit.objects.update_or_create(code=ZONE, defaults={
        "name": "衢州智造新城", "kind": "zone", "parent": quzhou, "platform": Platform.objects.get(code=ZONE),
        "sort_order": 90})  # fmt: skip
    result = {"indicator_values": upsert(IndicatorValue, ["indicator_id", "unit_id", "year", "month"], build_rows(),
                                         change_reason=REASON, protect_people="guatu demo")}  # fmt: skip
    targets = []
    for indicator in Indicator.objects.all():
        keep, strive = (3, 2) if indicator.code == "IVA" else (5, 3)  # (保, 争, 拼): (3, 2, 1) is used too
        targets.append({"indicator_id": indicator.pk, "unit_id": quzhou.pk, "year": 2024, "keep": keep,
                        "strive": strive, "fight": 1})  # fmt: skip
    result["rank_targets"] = upsert(
        RankTarget, ["indicator_id", "unit_id", "year"], targets, change_reason=REASON, protect_people="guatu demo"
    )
    return result

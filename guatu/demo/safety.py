"""The demo's safety year (安全生产), Quzhou 2024 — ILLUSTRATIVE, not published figures.

As it stood on 2024-11-30 (the end of the demo's latest month): inspections of demo project sites
and a few firms across the six counties; most hazards found this year are closed (销号), a few are
open — and exactly one 重大 hazard is overdue: on the site of 星辰能源年产5万吨高性能氟树脂项目
(2024-330803-004, 衢江区), 12 days past its deadline (2024-11-18) under the city's 挂牌督办, which
turns that project red. Three 一般 accidents; none 较大 or worse.

Awards: the city won 平安市 every year 2006–2023 — 18 in a row — so 2024 would be its 19th
(十九连冠), the goal the article names; the counties' history (three lost years) is made up so
that the streaks differ and 满堂红 (every county won) holds 2018–2023. Idempotent; rows a person
changed are kept (`guatu.core.bulk.upsert(protect_people=…)`). The rows are in data/safety_*.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Department, Region
from guatu.projects.models import Project
from guatu.safety.models import Accident, Hazard, Inspection, SafetyAward

REASON = "guatu demo"
ACTOR = "guatu demo"
CITY = "330800"
COUNTIES = ("330802", "330803", "330822", "330824", "330825", "330881")
OVERDUE_MAJOR_PROJECT = "2024-330803-004"  # 星辰能源年产5万吨高性能氟树脂项目
CITY_WINS = range(2006, 2024)  # 18 consecutive 平安市 awards: 2024 would be the 19th
COUNTY_LOSSES = {("330822", 2012), ("330803", 2015), ("330881", 2017)}  # illustrative
YJJ = ("QZ-YJJ", "市应急管理局")
VERIFIER = "王建国"


DATA = Path(__file__).with_name("data")


def d(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def rows(name: str) -> list[dict[str, str]]:
    """safety_inspections.csv, safety_hazards.csv, safety_accidents.csv beside this module (UTF-8)."""
    with (DATA / f"safety_{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _place(row: dict, projects: dict, regions: dict) -> dict:
    if row["project"]:
        project = projects[row["project"]]
        return {"project_id": project.pk, "region_id": project.region_id, "platform_id": project.platform_id}
    return {"project_id": None, "region_id": regions[row["region"]], "platform_id": None}


def load() -> dict[str, UpsertResult]:
    result = {
        "departments": upsert(
            Department, ["code"], [{"code": YJJ[0], "name": YJJ[1], "region_id": Region.objects.get(code=CITY).pk}]
        )
    }
    departments = dict(Department.objects.values_list("code", "pk"))
    regions = dict(Region.objects.filter(code__in=[CITY, *COUNTIES]).values_list("code", "pk"))
    inspections, hazards, accidents = rows("inspections"), rows("hazards"), rows("accidents")
    codes = {r["project"] for r in inspections + accidents if r["project"]}
    projects = {p.code: p for p in Project.objects.filter(code__in=codes)}
    result["inspections"] = upsert(Inspection, ["code"], [
        {"code": r["code"], "inspected_on": d(r["inspected_on"]), **_place(r, projects, regions), "firm": r["firm"],
         "inspectors": r["inspectors"], "department_id": departments[r["department"]], "site": r["site"],
         "findings": r["findings"]}
        for r in inspections
    ], change_reason=REASON, protect_people=ACTOR)  # fmt: skip
    inspection_ids = dict(
        Inspection.objects.filter(code__in=[r["code"] for r in inspections]).values_list("code", "pk")
    )
    result["hazards"] = upsert(Hazard, ["code"], [
        {"code": r["code"], "inspection_id": inspection_ids[r["inspection"]], "grade": r["grade"],
         "description": r["description"], "found_on": d(r["found_on"]), "owner": r["owner"],
         "deadline": d(r["deadline"]), "status": r["status"], "supervised": bool(r["supervision_level"]),
         "supervision_level": r["supervision_level"], "rectification": r["rectification"],
         "verified_on": d(r["verified_on"]), "verified_by": VERIFIER if r["verified_on"] else "",
         "closed_on": d(r["closed_on"]), "closed_by": YJJ[1] if r["closed_on"] else ""}
        for r in hazards
    ], change_reason=REASON, protect_people=ACTOR)  # fmt: skip
    result["accidents"] = upsert(Accident, ["code"], [
        {"code": r["code"], "occurred_on": d(r["occurred_on"]), **_place(r, projects, regions), "firm": r["firm"],
         "description": r["description"], "deaths": int(r["deaths"]), "serious_injuries": int(r["serious_injuries"]),
         "direct_loss": Decimal(r["direct_loss"]).quantize(Decimal("0.01")), "accident_class": "general"}
        for r in accidents
    ], change_reason=REASON, protect_people=ACTOR)  # fmt: skip
    awards = [{"region_id": regions[CITY], "year": year, "won": True, "note": ""} for year in CITY_WINS]
    awards += [
        {"region_id": regions[county], "year": year, "won": (county, year) not in COUNTY_LOSSES, "note": ""}
        for county in COUNTIES for year in CITY_WINS
    ]  # fmt: skip
    result["safety_awards"] = upsert(SafetyAward, ["region_id", "year"], awards, change_reason=REASON,
                                     protect_people=ACTOR)  # fmt: skip
    return result

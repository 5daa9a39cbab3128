"""The demo's battle map: milestones for every demo project, baselines, actuals and problems.

Everything is as it stood on AS_OF (the end of the demo's latest month, 2024-11-30). The named
projects follow the article (正和 commissioning equipment for end-2024 production; 拓烯 二期 at
50% heading for equipment in 2025H1 and production in 2025H2; 先导 东港 in production; 创柔 UTG
ignited); the rest are illustrative, deterministic (fixed seed) and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random

from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Department
from guatu.projects.models import Project
from guatu.schedules.defaults import INDUSTRIAL, INFRASTRUCTURE
from guatu.schedules.models import Milestone, MilestoneTemplate, Problem, ScheduleApproval

AS_OF = dt.date(2024, 11, 30)
BASELINE_APPROVED = dt.date(2024, 1, 15)
SEED = 20241201
REASON = "guatu demo"
DAY = dt.timedelta(days=1)

# Named projects: per milestone key, (planned finish, actual finish or None, actual start or None[, duration]).
# The duration is the gap since the previous milestone unless given (a shorter one leaves float).
NAMED = {
    "浙江正和硅材料有限公司有机硅功能材料项目": {
        "sign": ("2023-03-10", "2023-03-10", None), "land": ("2023-06-20", "2023-06-20", None),
        "start": ("2023-08-01", "2023-08-01", None), "structure": ("2024-06-30", "2024-06-28", "2023-08-01"),
        "equipment": ("2024-12-01", None, "2024-06-30"), "trial": ("2024-12-20", None, None),
        "production": ("2024-12-31", None, None),
    },
    "浙江拓烯光学新材料有限公司二期项目": {
        "sign": ("2022-11-15", "2022-11-15", None), "land": ("2023-03-20", "2023-03-18", None),
        "start": ("2023-06-01", "2023-06-01", None), "structure": ("2025-03-31", None, "2023-06-01"),
        "equipment": ("2025-06-30", None, None), "trial": ("2025-09-30", None, None),
        "production": ("2025-12-31", None, None, 45),
    },
    "先导集成电路东港片区基地项目": {
        "sign": ("2022-03-01", "2022-03-01", None), "land": ("2022-07-15", "2022-07-12", None),
        "start": ("2022-10-01", "2022-10-01", None), "structure": ("2023-09-30", "2023-10-20", "2022-10-01"),
        "equipment": ("2024-02-29", "2024-03-15", "2023-10-21"), "trial": ("2024-05-31", "2024-05-28", "2024-03-16"),
        "production": ("2024-06-30", "2024-06-30", "2024-05-29"),
    },
    "衢州创柔超薄柔性玻璃(UTG)项目": {
        "sign": ("2022-12-20", "2022-12-20", None), "land": ("2023-03-31", "2023-03-30", None),
        "start": ("2023-05-01", "2023-05-01", None), "structure": ("2024-06-30", "2024-07-25", "2023-05-01"),
        "equipment": ("2024-10-31", "2024-10-28", "2024-07-26"), "trial": ("2025-03-31", None, "2024-10-29"),
        "production": ("2025-06-30", None, None, 60),
    },
}  # fmt: skip


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _scaled(durations: list[int], span: int) -> list[int]:
    """Stretch the template durations to fill `span` days exactly, keeping their proportions."""
    total = sum(durations) or 1
    parts = [max(1, round(span * d / total)) for d in durations]
    parts[-1] = max(1, parts[-1] + span - sum(parts))
    return parts


def _row(project: Project, order: int, step: tuple, duration: int, planned_finish: dt.date, shift: int,
         actual_start: dt.date | None, actual_finish: dt.date | None) -> dict:  # fmt: skip
    key, name, _template_duration, preds = step
    planned_start = planned_finish - duration * DAY
    return {
        "project_id": project.pk, "key": key, "name": name, "order": order, "duration_days": duration,
        "predecessors": preds, "planned_start": planned_start, "planned_finish": planned_finish,
        "baseline_start": planned_start - shift * DAY, "baseline_finish": planned_finish - shift * DAY,
        "actual_start": actual_start if actual_start and actual_start <= AS_OF else None,
        "actual_finish": actual_finish if actual_finish and actual_finish <= AS_OF else None, "note": "",
    }  # fmt: skip


def _named_rows(project: Project, steps: list[tuple], named: dict) -> list[dict]:
    """The article's projects: the dates are given; durations are the gaps between them."""
    rows, previous = [], None
    for order, step in enumerate(steps):
        planned, actual, started = (_d(x) for x in named[step[0]][:3])
        gap = (planned - previous).days if previous else 0
        duration = named[step[0]][3] if len(named[step[0]]) > 3 else gap
        rows.append(_row(project, order, step, duration, planned, 0, started, actual))
        previous = planned
    return rows


def milestone_rows(project: Project, rng: random.Random) -> list[dict]:
    """The project's milestones: planned = the 倒排 (latest) dates back from its promise with some
    buffer left; actuals follow the start with small deviations, and some projects slip."""
    promise = project.planned_completion
    start = project.actual_start or project.planned_start
    if not (promise and start) or promise <= start:
        return []
    steps = INDUSTRIAL if project.category == "industrial" else INFRASTRUCTURE
    if project.name in NAMED:
        return _named_rows(project, steps, NAMED[project.name])
    at = [s[0] for s in steps].index("start")
    work = _scaled([s[2] for s in steps[at + 1 :]], int((promise - start).days * rng.uniform(0.82, 0.95)))
    durations = [s[2] for s in steps[: at + 1]] + work
    # Planned (ALAP): back from the promise. Expected: forward from the real (or planned) start.
    planned = [promise - sum(durations[i + 1 :]) * DAY for i in range(len(steps))]
    expected = [
        start - sum(durations[i + 1 : at + 1]) * DAY if i <= at else start + sum(durations[at + 1 : i + 1]) * DAY
        for i in range(len(steps))
    ]
    slip = rng.choice([0, 0, 0, 0, 0, 25, 60, 150])  # the phase in progress may be running late
    shift = rng.choice([0, 0, 0, 20, 45])  # days the plan moved since the baseline was approved
    blocked = bool(project.reports.exclude(problems="").exists()) and project.actual_start is None
    rows, previous_finish, slipped = [], None, False
    for i, step in enumerate(steps):
        exp_start, exp_finish = expected[i] - durations[i] * DAY, expected[i]
        if previous_finish:
            exp_start = previous_finish
        if not slipped and exp_finish > AS_OF and i > 0:
            exp_finish += slip * DAY  # the phase running on AS_OF carries the slip, and so does all after it
            slipped = True
        elif slipped:
            exp_finish += slip * DAY
        actual_start = actual_finish = None
        not_started_yet = project.actual_start is None and i >= at
        if step[0] == "land" and blocked:
            not_started_yet = True  # land supply is the reported problem
        if not not_started_yet:
            if step[0] == "start":
                actual_finish = project.actual_start
            elif exp_finish + 7 * DAY <= AS_OF:
                actual_finish = exp_finish + rng.randint(-3, 7) * DAY
            if actual_finish is None and exp_start <= AS_OF:
                actual_start = exp_start
        previous_finish = actual_finish or (exp_finish if not not_started_yet else None)
        rows.append(_row(project, i, step, durations[i], planned[i], shift, actual_start, actual_finish))
        if not_started_yet and step[0] == "land":
            previous_finish = None
    return rows


PROBLEM_TYPES = {"用地": "land", "环评": "environment", "能耗": "energy", "资金": "funding"}


def problem_rows(projects: list[Project], milestones: dict[int, list[dict]], rng: random.Random) -> list[dict]:
    """Problems for the projects that are stuck: their reported problems, and slipped milestones."""
    departments = {d.code: d.pk for d in Department.objects.all()}
    rows = []
    for project in projects:
        reported = project.reports.filter(year=2024).exclude(problems="").values_list("problems", flat=True).last()
        overdue = [
            m for m in milestones.get(project.pk, []) if m["actual_finish"] is None and m["planned_finish"] < AS_OF
        ]
        if not reported and not overdue:
            continue
        title = reported or f"{overdue[0]['name']}节点滞后,需协调推进"
        kind = next((v for k, v in PROBLEM_TYPES.items() if k in title), "construction")
        owner = f"{project.region.code}-FGJ" if project.platform_id is None else "QZ-ZZXC"
        raised = AS_OF - rng.randint(20, 120) * DAY
        status = rng.choice(["open", "open", "in_progress", "in_progress", "resolved", "closed"])
        done = status in ("resolved", "closed")
        rows.append({
            "project_id": project.pk, "title": title, "type": kind, "department_id": departments[owner],
            "description": "", "raised_on": raised, "deadline": raised + rng.choice([15, 30, 60, 90]) * DAY,
            "status": status, "resolution": "已召开专题协调会,明确责任单位和完成时限,问题已解决。" if done else "",
            "resolved_on": min(AS_OF, raised + 25 * DAY) if done else None,
        })  # fmt: skip
    return rows


def load() -> dict[str, UpsertResult]:
    rng = random.Random(SEED)
    projects = list(Project.objects.filter(code__startswith="2024-").select_related("region").order_by("code"))
    milestones = {p.pk: milestone_rows(p, rng) for p in projects}
    result = {
        "milestones": upsert(
            Milestone,
            ["project_id", "key"],
            [r for rows in milestones.values() for r in rows],
            existing=Milestone.objects.filter(project__in=projects),
            change_reason=REASON,
            protect_people="guatu demo",
        )
    }
    templates = {t.category: t.pk for t in MilestoneTemplate.objects.all()}
    approved = dt.datetime.combine(BASELINE_APPROVED, dt.time(9), tzinfo=dt.UTC)
    result["approvals"] = upsert(ScheduleApproval, ["project_id"], [
        {"project_id": p.pk, "template_id": templates.get(p.category), "approved_at": approved, "baseline_at": approved}
        for p in projects if milestones[p.pk]
    ])  # fmt: skip
    result["problems"] = upsert(
        Problem,
        ["project_id", "title"],
        problem_rows(projects, milestones, rng),
        existing=Problem.objects.filter(project__in=projects),
        change_reason=REASON,
        protect_people="guatu demo",
    )
    return result

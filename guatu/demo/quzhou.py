"""`guatu demo`: the Quzhou demo — reference data, the article's projects, generated members.

Deterministic (a fixed seed) and idempotent (natural-key upserts): loading twice leaves one
copy and writes nothing the second time. For 衢州智造新城, January–November 2024, the lists
add up exactly to the article's figures (see `catalog.TARGETS`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from guatu.audit.context import acting
from guatu.core.bulk import UpsertResult, upsert
from guatu.core.models import Department, Industry, Platform, Region
from guatu.demo import catalog as c
from guatu.demo import reporting, safety
from guatu.demo.people import ensure_demo_users
from guatu.demo.splits import cumulative_curve, split_total
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList

SEED = 20241130
REASON = "guatu demo"
DEMO_USER = "demo"  # the city administrator (guatu/demo/people.py has every demo user)
DEMO_ACTOR = "guatu demo"  # the name on the change record for rows the demo wrote


@dataclass
class Spec:
    """Everything the demo says about one project."""

    code: str
    name: str
    owner: str
    region: str
    platform: str | None
    industry: str
    department: str
    category: str
    total: int
    prior: int
    plan: int
    ytd: int
    actual_start: dt.date | None
    planned_start: dt.date | None = None
    planned_completion: dt.date | None = None
    actual_completion: dt.date | None = None
    stage: str = "construction"
    description: str = ""
    lists: list[str] = field(default_factory=list)
    batch: str = ""
    problems: str = ""


def _round_up(value: float, step: int) -> int:
    return int(-(-value // step) * step)


class _Generator:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.seq: dict[str, int] = {}
        self.names: set[str] = {item["name"] for item in c.NAMED}

    def code(self, region: str) -> str:
        self.seq[region] = self.seq.get(region, 0) + 1
        return f"2024-{region}-{self.seq[region]:03d}"

    def name(self, industry: str) -> tuple[str, str]:
        """A plausible, unique project name and owner (names are how officers find projects)."""
        while True:
            name, owner = self._draw_name(industry)
            if name not in self.names:
                self.names.add(name)
                return name, owner

    def _draw_name(self, industry: str) -> tuple[str, str]:
        rng = self.rng
        company = f"浙江{rng.choice(c.COMPANY_WORDS)}{rng.choice(['新材料', '科技', '实业', '能源'])}有限公司"
        if industry == "JCSS":
            return f"衢州市{rng.choice(c.INFRA_NAMES)}({rng.randint(1, 9)}期)", "衢州市城市建设投资发展集团有限公司"
        scale = rng.choice([1, 2, 3, 5, 8, 10, 20, 30])
        return f"{company[2:-4]}年产{scale}万吨{rng.choice(c.PRODUCTS[industry])}项目", company

    def start_before(self, latest: dt.date, earliest: dt.date = dt.date(2021, 6, 1)) -> dt.date:
        span = (latest - earliest).days
        day = earliest + dt.timedelta(days=self.rng.randint(0, span))
        return day.replace(day=1)

    def member(self, region: str, platform: str | None, plan: int, ytd: int, start: dt.date, **extra) -> Spec:
        rng = self.rng
        category = extra.pop("category", "industrial")
        industry = "JCSS" if category == "infrastructure" else rng.choice(list(c.PRODUCTS))
        name, owner = self.name(industry)
        prior = 0 if start.year >= c.YEAR else _round_up(ytd * rng.uniform(0.3, 1.6), 100)
        total = max(
            _round_up((prior + ytd) / rng.uniform(0.35, 0.9), 1000), _round_up(plan * rng.uniform(1.5, 4), 1000)
        )
        return Spec(
            code=self.code(region),
            name=name,
            owner=owner,
            region=region,
            platform=platform,
            industry=industry,
            department=extra.pop("department", "QZ-ZZXC" if platform else f"{region}-FGJ"),
            category=category,
            total=total,
            prior=prior,
            plan=plan,
            ytd=ytd,
            actual_start=start,
            planned_start=start,
            planned_completion=dt.date(rng.choice([2025, 2026]), rng.choice([6, 12]), 30),
            **extra,
        )

    def split_members(self, n: int, plan_total: int, ytd_total: int) -> list[tuple[int, int]]:
        """n (plan, ytd) pairs summing exactly to the totals, completion varying project to project."""
        plans = split_total(plan_total, [self.rng.lognormvariate(0, 0.6) for _ in range(n)])
        ytds = split_total(ytd_total, [p * self.rng.uniform(0.55, 1.45) for p in plans])
        return list(zip(plans, ytds, strict=True))


def _named_spec(gen: _Generator, item: dict) -> Spec:
    platform = item["platform"]
    region = "330803" if platform == "ZZXC-DG" else "330802"
    return Spec(
        code=gen.code(region),
        name=item["name"],
        owner=item["owner"],
        region=region,
        platform=platform,
        industry=item["industry"],
        department=item["department"],
        category="industrial",
        total=item["total"],
        prior=item["prior"],
        plan=item["plan"],
        ytd=item["ytd"],
        actual_start=item["actual_start"],
        planned_start=item["actual_start"],
        planned_completion=item["planned_completion"],
        actual_completion=item.get("actual_completion"),
        stage=item["stage"],
        description=item["description"],
        lists=list(item["lists"]),
        batch=item.get("batch", ""),
    )


def _zhizao_specs(gen: _Generator) -> list[Spec]:
    """衢州智造新城's projects, adding up exactly to the article's list totals."""
    rng = gen.rng
    named = [_named_spec(gen, item) for item in c.NAMED]
    specs = list(named)
    platforms = ["ZZXC-GX", "ZZXC-DG"]

    def remaining(list_code: str, key: str) -> int:
        return c.TARGETS[list_code][key] - sum(getattr(s, key) for s in named if list_code in s.lists)

    def region_of(platform: str) -> str:
        return "330803" if platform == "ZZXC-DG" else "330802"

    # 省"千项万亿": the named giants plus generated members.
    qxwy_named = sum(1 for s in named if "QXWY" in s.lists)
    for plan, ytd in gen.split_members(
        c.TARGETS["QXWY"]["projects"] - qxwy_named, remaining("QXWY", "plan"), remaining("QXWY", "ytd")
    ):
        platform = rng.choice(platforms)
        specs.append(
            gen.member(region_of(platform), platform, plan, ytd, gen.start_before(dt.date(2023, 10, 1)), lists=["QXWY"])
        )

    # 省集中开工: started in 2024's batches; they are 市重点 too.
    jzkg_named = [s for s in named if "JZKG" in s.lists]
    n_gen = c.TARGETS["JZKG"]["projects"] - len(jzkg_named)
    totals = split_total(remaining("JZKG", "total"), [rng.uniform(0.7, 1.3) for _ in range(n_gen)])
    batches = [("第一批", dt.date(2024, 3, 18)), ("第二批", dt.date(2024, 6, 12)), ("第三批", dt.date(2024, 9, 20))]
    pairs = sorted(gen.split_members(n_gen, remaining("JZKG", "plan"), remaining("JZKG", "ytd")), key=lambda p: p[1])
    # The biggest total goes with the biggest YTD, so no project has invested more than its total.
    for i, ((plan, ytd), total) in enumerate(zip(pairs, sorted(totals), strict=True)):
        batch, start = batches[i % 2] if i < n_gen - 1 else batches[0]
        platform = rng.choice(platforms)
        spec = gen.member(region_of(platform), platform, plan, ytd, start, lists=["JZKG", "SZD"], batch=batch)
        spec.total, spec.prior = total, 0
        specs.append(spec)

    # 市重点: every one started; the 集中开工 projects above count here too.
    szd = [s for s in specs if "SZD" in s.lists]
    n_gen = c.TARGETS["SZD"]["projects"] - len(szd)
    plan_left = c.TARGETS["SZD"]["plan"] - sum(s.plan for s in szd)
    ytd_left = c.TARGETS["SZD"]["ytd"] - sum(s.ytd for s in szd)
    for plan, ytd in gen.split_members(n_gen, plan_left, ytd_left):
        platform = rng.choice(platforms)
        category = "infrastructure" if rng.random() < 0.12 else "industrial"
        extra = {"department": rng.choice(["QZ-JTJ", "QZ-ZJJ"])} if category == "infrastructure" else {}
        start = gen.start_before(dt.date(2024, 10, 1))
        specs.append(
            gen.member(region_of(platform), platform, plan, ytd, start, lists=["SZD"], category=category, **extra)
        )
    return specs


def _county_specs(gen: _Generator) -> list[Spec]:
    """Each county's own key projects: some on 市重点 or 千项万亿, some not started, some lagging."""
    rng = gen.rng
    zones = {p[3]: p[0] for p in c.PLATFORMS if p[2] is None and p[0] != c.HOME_PLATFORM}
    specs = []
    for region in c.COUNTIES:
        for _ in range(rng.randint(12, 18)):
            lists = [f"XZD-{region}"]
            if rng.random() < 0.45:
                lists.append("SZD")
            if rng.random() < 0.12:
                lists.append("QXWY")
            plan = _round_up(rng.uniform(3_000, 60_000), 100)
            platform = zones.get(region) if rng.random() < 0.5 else None
            category = "infrastructure" if rng.random() < 0.2 else "industrial"
            if rng.random() < 0.15:  # planned to start late in the year or next: nothing invested yet
                spec = gen.member(region, platform, plan, 0, dt.date(2024, 12, 1), lists=lists, category=category)
                spec.actual_start, spec.planned_start, spec.prior, spec.stage = (
                    None,
                    dt.date(2024, 9, 1),
                    0,
                    "preparation",
                )
                spec.problems = rng.choice(["用地报批未完成", "环评审批办理中", "能耗指标待落实", "资金未到位"])
            else:
                start = gen.start_before(dt.date(2024, 9, 1))
                share = min(1.0, (12 - start.month + 1) / 12) if start.year == c.YEAR else 1.0
                ytd = _round_up(plan * share * rng.uniform(0.6, 1.4), 10)
                spec = gen.member(region, platform, plan, ytd, start, lists=lists, category=category)
            specs.append(spec)
    return specs


def build_specs() -> list[Spec]:
    gen = _Generator()
    return _zhizao_specs(gen) + _county_specs(gen)


def _stage_in(spec: Spec, month_end: dt.date) -> str:
    if spec.actual_start is None or spec.actual_start > month_end:
        return "preparation"
    if spec.actual_completion and spec.actual_completion <= month_end:
        return "production"
    return "construction"


def report_rows(spec: Spec, project_id: int, rng: random.Random, locked: frozenset = frozenset()) -> list[dict]:
    """Jan–Nov reports: YTD follows a non-decreasing curve from the start month to the year's YTD.

    Approved; locked for the months in `locked` (closed by the reporting calendar, `guatu.demo.reporting`).
    """
    from guatu.core.periods import Period

    first = (
        1
        if spec.actual_start and spec.actual_start.year < c.YEAR
        else (spec.actual_start.month if spec.actual_start and spec.actual_start.year == c.YEAR else c.THROUGH + 1)
    )
    curve = [0] * (first - 1) + cumulative_curve(spec.ytd, c.THROUGH - first + 1, rng)
    rows, previous = [], 0
    for month in range(1, c.THROUGH + 1):
        ytd = curve[month - 1]
        cumulative = spec.prior + ytd
        stage = _stage_in(spec, Period(c.YEAR, month).end)
        progress = (
            Decimal(100)
            if stage == "production"
            else (Decimal(cumulative) * 100 / spec.total).quantize(Decimal("0.01"))
        )
        rows.append(
            {
                "project_id": project_id,
                "year": c.YEAR,
                "month": month,
                "invest_month": Decimal(ytd - previous),
                "invest_ytd": Decimal(ytd),
                "invest_cumulative": Decimal(cumulative),
                "progress_pct": min(progress, Decimal(100)),
                "stage": stage,
                "problems": spec.problems if month >= 9 else "",
                "status": "locked" if (c.YEAR, month) in locked else "approved",
            }
        )
        previous = ytd
    return rows


def _seed_reference() -> None:
    regions = {r.code: r for r in Region.objects.filter(code__in=[c.CITY, "330000", *c.COUNTIES])}
    for code, name, parent, region in c.PLATFORMS:  # parents first, so paths are right
        Platform.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "region": regions[region],
                "parent": Platform.objects.get(code=parent) if parent else None,
            },
        )
    upsert(
        Industry,
        ["code"],
        [
            {"code": code, "name": name, "flagship": flagship, "sort_order": i}
            for i, (code, name, flagship) in enumerate(c.INDUSTRIES)
        ],
    )
    upsert(
        Department,
        ["code"],
        [{"code": code, "name": name, "region_id": regions[region].pk} for code, name, region in c.DEPARTMENTS],
    )
    upsert(
        ProjectList,
        ["code"],
        [
            {"code": code, "name": name, "level": level, "region_id": regions[region].pk, "sort_order": order}
            for code, name, level, region, order in c.LISTS
        ],
    )


def load() -> dict[str, UpsertResult]:
    """Load (or refresh) the demo; returns what changed per table.

    Idempotent, and it never overwrites what a person changed since (see `guatu.core.bulk`).
    """
    with transaction.atomic(), acting(None, name=DEMO_ACTOR, reason=REASON):
        return _load()


def _load() -> dict[str, UpsertResult]:
    if not Region.objects.filter(code=c.CITY).exists():
        raise RuntimeError("regions are missing: run `guatu migrate` first (it loads Zhejiang's divisions)")
    _seed_reference()
    specs = build_specs()
    ids = {
        "region": dict(Region.objects.values_list("code", "pk")),
        "platform": dict(Platform.objects.values_list("code", "pk")),
        "industry": dict(Industry.objects.values_list("code", "pk")),
        "department": dict(Department.objects.values_list("code", "pk")),
        "list": dict(ProjectList.objects.values_list("code", "pk")),
    }
    result = {
        "projects": upsert(
            Project,
            ["code"],
            [
                {
                    "code": s.code,
                    "name": s.name,
                    "owner": s.owner,
                    "region_id": ids["region"][s.region],
                    "platform_id": ids["platform"][s.platform] if s.platform else None,
                    "industry_id": ids["industry"][s.industry],
                    "department_id": ids["department"][s.department],
                    "category": s.category,
                    "total_investment": Decimal(s.total),
                    "planned_start": s.planned_start,
                    "actual_start": s.actual_start,
                    "planned_completion": s.planned_completion,
                    "actual_completion": s.actual_completion,
                    "stage": s.stage,
                    "description": s.description,
                }
                for s in specs
            ],
            change_reason=REASON,
            protect_people=DEMO_ACTOR,
        )
    }
    project_ids = dict(Project.objects.filter(code__in=[s.code for s in specs]).values_list("code", "pk"))
    result["memberships"] = upsert(
        ListMembership,
        ["project_id", "project_list_id", "year"],
        [
            {
                "project_id": project_ids[s.code],
                "project_list_id": ids["list"][code],
                "year": c.YEAR,
                "batch": s.batch if code == "JZKG" else "",
            }
            for s in specs
            for code in s.lists
        ],
        existing=ListMembership.objects.filter(year=c.YEAR),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    result["annual_plans"] = upsert(
        AnnualPlan,
        ["project_id", "year"],
        [
            {
                "project_id": project_ids[s.code],
                "year": c.YEAR,
                "planned_investment": Decimal(s.plan),
                "plans_start": bool(s.actual_start is None or s.actual_start.year == c.YEAR),
                "plans_production": bool(s.planned_completion and s.planned_completion.year == c.YEAR),
            }
            for s in specs
        ],
        existing=AnnualPlan.objects.filter(year=c.YEAR),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    rng = random.Random(SEED + 1)
    locked = reporting.closed_months()
    result["monthly_reports"] = upsert(
        MonthlyReport,
        ["project_id", "year", "month"],
        [row for s in specs for row in report_rows(s, project_ids[s.code], rng, locked)],
        existing=MonthlyReport.objects.filter(year=c.YEAR),
        change_reason=REASON,
        protect_people=DEMO_ACTOR,
    )
    from guatu.demo import attraction, battle, funds, indicators, innovation

    result.update(battle.load())
    result.update(indicators.load())
    result.update(safety.load())
    result.update(innovation.load())
    result.update(funds.load())
    ensure_demo_users()
    result.update(reporting.load(get_user_model().objects.get(username=DEMO_USER)))
    result.update(attraction.load())  # after the users: leads name their leaders' accounts
    result.update(innovation.load_lead_links())  # after the leads
    return result

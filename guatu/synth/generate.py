"""`guatu synth`: a province-shaped ledger, deterministic per seed, loaded set-based.

Zhejiang's real divisions (11 cities, 90 counties); per city two platforms (the first with two sub-areas)
and four departments; twelve industries; the province's lists (省"千项万亿", 省集中开工), each city's 市重点
and each county's 县重点, per year; projects spread over the counties with annual plans, monthly reports
(some months missed, the last month partly submitted, approved, draft or returned; earlier months locked and
closed in the calendar), milestones from the standard templates for one project in ten, problems for one in
fifty, and the main investment indicators for every region and month. Every row is written with its change
record ("guatu synth", set-based) and the rollups are built with the same `guatu.rollups.facts.build`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from guatu.audit.context import acting
from guatu.audit.models import ChangeRecord
from guatu.audit.setbased import allocate_ids, insert_rows
from guatu.core.models import Department, Industry, Platform, Region
from guatu.indicators.models import Indicator, IndicatorValue, ReportingUnit
from guatu.projects.choices import Category, ReportStatus, Stage
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList
from guatu.reporting.choices import MonthState
from guatu.reporting.models import ReportingMonth, next_month
from guatu.rollups import facts
from guatu.rollups.models import YearFigures
from guatu.schedules.choices import ProblemStatus, ProblemType
from guatu.schedules.defaults import INDUSTRIAL, INFRASTRUCTURE
from guatu.schedules.models import Milestone, Problem
from guatu.synth import bulk, groups
from guatu.synth.writer import Records, TableWriter, fen_text, insert_records, stamp

LOADER = "guatu synth"
CHUNK = 2000  # projects generated at a time: the random draws follow this order, so it is part of the seed's data
REPORTED = {str(s) for s in (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.LOCKED)}
REVIEWED = {str(s) for s in (ReportStatus.APPROVED, ReportStatus.LOCKED, ReportStatus.RETURNED)}
TABLES = [Project, AnnualPlan, ListMembership, MonthlyReport, Milestone, Problem, IndicatorValue, YearFigures,
          ChangeRecord]  # fmt: skip
INDUSTRIES = ["新材料", "新能源", "集成电路", "高端装备", "生命健康", "特种纸", "氟硅新材料", "锂电材料",
              "电子化学材料", "数字经济", "现代物流", "文化旅游"]  # fmt: skip
DEPARTMENTS = [
    ("FGW", "发展和改革委员会"),
    ("JXJ", "经济和信息化局"),
    ("ZJJ", "住房和城乡建设局"),
    ("JTJ", "交通运输局"),
]
NAME_HEADS = ["华宇", "东港", "天盛", "金瑞", "恒信", "中科", "浙西", "钱江", "瓯越", "新安", "明德", "鼎力", "海创",
              "九龙", "衢江", "龙腾", "瑞丰", "永盛", "凯达", "宏图"]  # fmt: skip
NAME_TAILS = {
    Category.INDUSTRIAL: ["年产10万吨新材料项目", "高端装备制造基地项目", "锂电池正极材料项目", "半导体封装测试项目",
                          "特种纸生产线项目", "生物医药产业园项目", "智能制造产业园项目"],
    Category.INFRASTRUCTURE: ["快速路工程", "综合交通枢纽项目", "污水处理厂扩建工程", "220千伏输变电工程",
                              "物流园区项目"],
    Category.SOCIAL: ["人民医院迁建工程", "中学新建工程", "保障性租赁住房项目", "养老服务中心项目", "文体中心项目"],
}  # fmt: skip


@dataclass
class Result:
    projects: int = 0
    plans: int = 0
    memberships: int = 0
    reports: int = 0
    milestones: int = 0
    problems: int = 0
    indicator_values: int = 0
    rollup_rows: int = 0
    records: int = 0
    months: list[tuple[int, int]] = field(default_factory=list)


class SynthError(RuntimeError):
    """The data set cannot be generated (e.g. this seed's projects exist already)."""


def window(months: int, end: tuple[int, int]) -> list[tuple[int, int]]:
    """The `months` months ending with `end`, oldest first."""
    year, month = end
    out = []
    for _ in range(months):
        out.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


@dataclass
class World:
    """The reference data projects are spread over."""

    counties: list[Region]
    city_of: dict[int, Region]
    platforms: dict[int, list[Platform]]  # city id → its platforms and sub-areas
    departments: dict[int, list[Department]]  # city id → its departments
    industries: list[Industry]
    lists: dict[str, ProjectList]  # "QXWY", "JZKG", "city:<id>", "county:<id>"


def _list(code: str, name: str, level: str, region: Region, order: int) -> ProjectList:
    found = (
        ProjectList.objects.filter(code=code).first() or ProjectList.objects.filter(name=name, region=region).first()
    )
    return found or ProjectList.objects.create(code=code, name=name, level=level, region=region, sort_order=order)


def build_world() -> World:
    province = Region.objects.get(code="330000")
    cities = list(Region.objects.filter(parent=province, level=Region.Level.CITY).order_by("code"))
    counties = list(Region.objects.filter(parent__in=cities, level=Region.Level.COUNTY).order_by("code"))
    city_of = {c.pk: next(city for city in cities if city.pk == c.parent_id) for c in counties}
    platforms, departments = {}, {}
    for city in cities:
        short = city.name.removesuffix("市")
        found = []
        for k, suffix in enumerate(("经济技术开发区", "高新技术产业开发区"), start=1):
            p, _ = Platform.objects.get_or_create(code=f"SYP{city.code}{k}", defaults={"name": f"{short}{suffix}",
                                                                                      "region": city})  # fmt: skip
            found.append(p)
        for k, part in enumerate(("东区", "西区"), start=1):
            found.append(Platform.objects.get_or_create(code=f"SYP{city.code}1{k}", defaults={
                "name": f"{found[0].name}{part}", "region": city, "parent": found[0]})[0])  # fmt: skip
        platforms[city.pk] = found
        departments[city.pk] = [
            Department.objects.get_or_create(code=f"SYD{city.code}{code}", defaults={"name": f"{city.name}{name}",
                                                                                     "region": city})[0]
            for code, name in DEPARTMENTS
        ]  # fmt: skip
    industries = []
    for k, name in enumerate(INDUSTRIES):
        industry = Industry.objects.filter(name=name).first()
        industries.append(industry or Industry.objects.create(code=f"SYI{k:02d}", name=name, sort_order=50 + k))
    lists = {
        "QXWY": _list("QXWY", '省"千项万亿"工程项目', "province", province, 1),
        "JZKG": _list("JZKG", "省集中开工项目", "province", province, 2),
    }
    for city in cities:
        lists[f"city:{city.pk}"] = _list(f"SZD{city.code}", "市重点项目", "city", city, 3)
    for county in counties:
        lists[f"county:{county.pk}"] = _list(f"XZD{county.code}", "县重点项目", "county", county, 4)
    return World(counties, city_of, platforms, departments, industries, lists)


def _date_in(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _utc(year: int, month: int, day: int, hour: int = 2) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


class Generator:
    """Generates and writes one chunk of projects at a time, every random draw in one sequence per seed."""

    def __init__(self, world: World, seed: int, months: list[tuple[int, int]]):
        self.world, self.seed, self.months = world, seed, months
        self.rng = random.Random(seed)
        self.years = sorted({y for y, _m in months})
        self.first_day = dt.date(months[0][0], months[0][1], 1)
        last = months[-1]
        nxt = next_month(*last)
        self.last_day = dt.date(nxt[0], nxt[1], 1) - dt.timedelta(days=1)
        self.last_month = last
        self.groups = facts.Deltas()  # what the chunks' rollup rows add to the groups, applied once at the end
        self._tails: dict[tuple[int, int, str], tuple[tuple, str]] = {}
        self.templates = {Category.INDUSTRIAL: INDUSTRIAL, Category.INFRASTRUCTURE: INFRASTRUCTURE,
                          Category.SOCIAL: INFRASTRUCTURE}  # fmt: skip

    def chunk(self, start: int, count: int) -> Result:
        """Projects number `start` … `start + count - 1`, with everything that belongs to them, written."""
        rng, world = self.rng, self.world
        result = Result()
        project_rows = TableWriter(Project, lambda r: (r["id"], r["region_id"], r["platform_id"], r["department_id"]),
                                   lambda r: r["name"])  # fmt: skip
        keys: dict[int, facts.ProjectKeys] = {}
        by_index = []
        for i in range(start, start + count):
            county = rng.choice(world.counties)
            city = world.city_of[county.pk]
            platform = rng.choice(world.platforms[city.pk]) if rng.random() < 0.5 else None
            department = rng.choice(world.departments[city.pk]) if rng.random() < 0.85 else None
            industry = rng.choice(world.industries) if rng.random() < 0.9 else None
            category = rng.choices([Category.INDUSTRIAL, Category.INFRASTRUCTURE, Category.SOCIAL], [6, 3, 1])[0]
            total = rng.randint(50, 20000) * 100 * 100  # whole 万元 from 5,000 to 2,000,000 (in fen)
            # Most projects run through the whole window (a province's list is mostly multi-year works).
            if rng.random() < 0.85:
                planned_start = _date_in(rng, self.first_day - dt.timedelta(days=1095), self.first_day)
            else:
                planned_start = _date_in(rng, self.first_day, self.last_day)
            started = planned_start + dt.timedelta(days=rng.randint(0, 60))
            actual_start = started if started <= self.last_day and rng.random() < 0.97 else None
            planned_completion = planned_start + dt.timedelta(days=rng.randint(1095, 2555))
            done = actual_start and planned_completion <= self.last_day and rng.random() < 0.6
            stage = Stage.PRODUCTION if done else Stage.CONSTRUCTION if actual_start else Stage.PREPARATION
            name = f"{county.name}{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS[category])}"
            row = project_rows.add({
                "code": f"SY{self.seed}-{i:07d}", "name": name, "owner": f"{rng.choice(NAME_HEADS)}有限公司",
                "region_id": county.pk, "platform_id": platform.pk if platform else None,
                "department_id": department.pk if department else None,
                "industry_id": industry.pk if industry else None, "category": str(category),
                "total_investment": fen_text(total), "planned_start": planned_start, "actual_start": actual_start,
                "planned_completion": planned_completion, "actual_completion": planned_completion if done else None,
                "stage": str(stage), "contact_leader": "", "description": "",
            })  # fmt: skip
            by_index.append((row, county, city, total))
        records = Records(Project)
        ids = project_rows.flush(records)
        result.records += records.flush()
        result.projects = len(ids)
        for (row, *_rest), pid in zip(by_index, ids, strict=True):
            keys[pid] = facts.ProjectKeys(row["code"], row["name"], row["region_id"], row["platform_id"] or 0,
                                          row["industry_id"] or 0, row["department_id"] or 0,
                                          int(row["total_investment"].replace(".", "")),
                                          row["actual_start"])  # fmt: skip
        plans, reports, memberships = self._ledger(by_index, result)
        milestones, problems = self._battle(by_index, result)
        del milestones, problems
        rows = facts.build(keys, plans, reports, memberships)
        facts.insert_rows(rows)
        self.groups.add(groups.group_sums(rows))
        result.rollup_rows = len(rows)
        return result

    def _scope(self, row: dict) -> tuple:
        return (row["project_id"], *self._project_scope[row["project_id"]])

    def _ledger(self, by_index, result: Result):
        rng, world = self.rng, self.world
        self._project_scope = {row["id"]: (row["region_id"], row["platform_id"], row["department_id"])
                               for row, *_ in by_index}  # fmt: skip
        self._scope_of = {pid: (pid, *rest) for pid, rest in self._project_scope.items()}
        names = {row["id"]: row["name"] for row, *_ in by_index}
        list_names = {lst.pk: str(lst) for lst in world.lists.values()}
        plan_rows = TableWriter(AnnualPlan, self._scope, lambda r: f"{names[r['project_id']]} {r['year']}")
        member_rows = TableWriter(ListMembership, self._scope, lambda r: (
            f"{r['year']} {list_names[r['project_list_id']]} · {names[r['project_id']]}"))  # fmt: skip
        reports: list[tuple] = []  # (project, year, month, month's, YTD and cumulative amount in whole 万元, status)
        plans: dict[tuple[int, int], int] = {}
        counted: list[tuple[int, int, int, int]] = []
        memberships: list[tuple[int, int, int]] = []
        random = rng.random
        months_of = {year: [(y, m, y * 12 + m) for y, m in self.months if y == year] for year in self.years}
        last, locked = self.last_month[0] * 12 + self.last_month[1], str(ReportStatus.LOCKED)
        for row, county, city, total in by_index:
            pid = row["id"]
            if row["actual_start"] is not None:
                begun = row["actual_start"].year * 12 + row["actual_start"].month
            start = row["actual_start"] or row["planned_start"]
            finish = row["actual_completion"] or row["planned_completion"]
            cumulative = 0
            for year in self.years:
                if start.year > year + 1 or finish.year < year:
                    continue
                plan = max(total // rng.randint(3, 8) // 10000 * 10000, 10000)
                if rng.random() < 0.95:
                    plans[(pid, year)] = plan
                    plan_rows.add(
                        {
                            "project_id": pid,
                            "year": year,
                            "planned_investment": fen_text(plan),
                            "plans_start": start.year == year,
                            "plans_production": finish.year == year,
                        }
                    )
                for key, share in ((f"county:{county.pk}", 0.7), (f"city:{city.pk}", 0.3), ("QXWY", 0.06),
                                   ("JZKG", 0.04 if start.year == year else 0)):  # fmt: skip
                    if rng.random() < share:
                        list_id = world.lists[key].pk
                        memberships.append((pid, year, list_id))
                        member_rows.add({"project_id": pid, "project_list_id": list_id, "year": year,
                                         "batch": "第一批" if key == "JZKG" else ""})  # fmt: skip
                if (pid, year) not in plans or row["actual_start"] is None:
                    continue
                pace = rng.uniform(0.45, 1.5)  # about half the projects keep pace with 序时进度
                ytd = 0
                for y, m, ym in months_of[year]:
                    if ym < begun or random() < 0.03:
                        continue  # not started yet, or a missed month
                    # rng.uniform(0.6, 1.4), spelt out (the same draw): amounts are whole 万元 by construction
                    step = int(plan * pace / 12 * (0.6 + (1.4 - 0.6) * random())) // 100
                    ytd += step
                    cumulative += step
                    status = locked if ym != last else self._status(y, m)
                    reports.append((pid, y, m, step, ytd, cumulative, status))
                    if status in REPORTED:
                        counted.append((pid, y, m, ytd * 100))
        for writer, model, attr in ((plan_rows, AnnualPlan, "plans"), (member_rows, ListMembership, "memberships")):
            records = Records(model)
            setattr(result, attr, len(writer.flush(records)))
            result.records += records.flush()
        result.reports = len(reports)
        result.records += self._write_reports(reports, names)
        return plans, counted, memberships

    def _report_tail(self, year: int, month: int, status: str) -> tuple[tuple, str]:
        """What a report of that month and status has after its amounts: the column values, and the end of its
        change record's JSON (`json.dumps` of the snapshot, after "invest_cumulative")."""
        key = (year, month, status)
        if key not in self._tails:
            submitted = _utc(*next_month(year, month), 3) if status != ReportStatus.DRAFT else None
            reviewed = _utc(*next_month(year, month), 8) if status in REVIEWED else None
            values = {
                "progress_pct": f"{min(100, 5 + month * 7)}.00", "stage": str(Stage.CONSTRUCTION), "problems": "",
                "status": status, "revision": 1, "submitted_at": submitted,
                "submitted_by": "synth" if submitted else "", "reviewed_at": reviewed,
                "reviewed_by": "synth" if reviewed else "",
                "return_reason": "数据有误,请核实" if status == ReportStatus.RETURNED else "",
            }  # fmt: skip
            column_values = tuple(stamp(v) if isinstance(v, dt.datetime) else v for v in values.values())
            snapshot = {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in values.items()}
            self._tails[key] = (column_values, json.dumps(snapshot)[1:])
        return self._tails[key]

    def _write_reports(self, reports: list[tuple], names: dict[int, str]) -> int:
        """The chunk's monthly reports in one insert, then their change records in another: the same record
        `Records` writes — the object "<project> <year>-<month>", the project's scope, and as after the snapshot's
        `json.dumps` text, put together from the report's ids and amounts (whole 万元, as their 2-place text) and
        the month's and status's tail (`_report_tail`)."""
        if not reports:
            return 0
        ids = allocate_ids(MonthlyReport, len(reports))
        record_ids = allocate_ids(ChangeRecord, len(reports))
        tails = {key: self._report_tail(*key) for key in {(y, m, status) for _p, y, m, *_a, status in reports}}
        head = Records(MonthlyReport).head
        scope = self._scope_of
        rows, records = [], []
        for pk, rpk, (pid, y, m, step, ytd, cumulative, status) in zip(ids, record_ids, reports, strict=True):
            values, after = tails[(y, m, status)]
            rows.append((pk, 1, pid, y, m, step, ytd, cumulative, *values))
            records.append((rpk, pk, f"{names[pid]} {y}-{m:02d}"[:200], *scope[pid], None,
                            f'{{"project_id": {pid}, "year": {y}, "month": {m}, "invest_month": "{step}.00", '
                            f'"invest_ytd": "{ytd}.00", "invest_cumulative": "{cumulative}.00", {after}'))  # fmt: skip
        insert_rows(MonthlyReport._meta.db_table, [f.column for f in MonthlyReport._meta.concrete_fields], rows)
        insert_records(head, records)
        return len(records)

    def _status(self, year: int, month: int) -> str:
        if (year, month) != self.last_month:
            return str(ReportStatus.LOCKED)
        return str(self.rng.choices([ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.DRAFT,
                                     ReportStatus.RETURNED], [70, 15, 8, 7])[0])  # fmt: skip

    def _battle(self, by_index, result: Result):
        rng = self.rng
        names = {row["id"]: row["name"] for row, *_ in by_index}
        milestone_rows = TableWriter(Milestone, self._scope, lambda r: f"{names[r['project_id']]} · {r['name']}")
        problem_rows = TableWriter(Problem, self._scope, lambda r: r["title"])
        as_of = self.last_day
        for row, _county, city, _total in by_index:
            pid = row["id"]
            if row["actual_start"] and rng.random() < 0.1:
                steps = self.templates[row["category"]]
                span = max((row["planned_completion"] - row["planned_start"]).days, 1)
                total_days = sum(d for _k, _n, d, _p in steps) or 1
                day, slip = row["planned_start"], rng.choice([0, 0, 10, 25, 60])
                for order, (key, name, duration, predecessors) in enumerate(steps):
                    day = day + dt.timedelta(days=duration * span // total_days)
                    actual = day + dt.timedelta(days=slip) if day + dt.timedelta(days=slip) <= as_of else None
                    milestone_rows.add({
                        "project_id": pid, "key": key, "name": name, "order": order, "duration_days": duration,
                        "predecessors": predecessors, "planned_start": None, "planned_finish": day,
                        "baseline_start": None, "baseline_finish": day, "actual_start": None,
                        "actual_finish": actual if rng.random() < 0.9 else None, "note": "",
                    })  # fmt: skip
            if rng.random() < 0.02:
                raised = _date_in(rng, self.first_day, as_of)
                status = rng.choice([ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS, ProblemStatus.RESOLVED])
                department = row["department_id"] or self.world.departments[city.pk][0].pk
                problem_rows.add({
                    "project_id": pid, "type": str(rng.choice(list(ProblemType))),
                    "title": f"{row['name']}要素保障问题",
                    "description": "", "department_id": department, "raised_on": raised,
                    "deadline": raised + dt.timedelta(days=rng.randint(15, 120)), "status": str(status),
                    "resolution": "已协调解决" if status == ProblemStatus.RESOLVED else "",
                    "resolved_on": min(raised + dt.timedelta(days=30), as_of)
                    if status == ProblemStatus.RESOLVED else None,
                })  # fmt: skip
        for writer, model, attr in ((milestone_rows, Milestone, "milestones"), (problem_rows, Problem, "problems")):
            records = Records(model)
            setattr(result, attr, len(writer.flush(records)))
            result.records += records.flush()
        return None, None


def _calendar(months: list[tuple[int, int]], result: Result) -> None:
    """The reporting calendar: every month closed but the last, which is open."""
    existing = set(ReportingMonth.objects.values_list("year", "month"))
    last = months[-1]
    for year, month in months:
        if (year, month) in existing:
            continue
        due = dt.date(*next_month(year, month), 5)
        closed = (year, month) != last
        ReportingMonth.objects.create(year=year, month=month, deadline=due,
                                      state=MonthState.CLOSED if closed else MonthState.OPEN,
                                      opened_at=_utc(year, month, 1), closed_at=_utc(*next_month(year, month), 10)
                                      if closed else None)  # fmt: skip


def _indicators(rng: random.Random, months: list[tuple[int, int]], result: Result) -> None:
    """固定资产投资, 工业投资 and 社会消费品零售总额 for every region unit and month (亿元, growth %)."""
    units = list(ReportingUnit.objects.filter(region__isnull=False).select_related("region"))
    indicators = list(Indicator.objects.filter(code__in=["FAI", "IND_INV", "RETAIL"]))
    existing = set(IndicatorValue.objects.values_list("indicator_id", "unit_id", "year", "month"))
    scale = {Region.Level.PROVINCE: 40000, Region.Level.CITY: 4000, Region.Level.COUNTY: 400}
    writer = TableWriter(IndicatorValue, lambda r: (None, r["_region"], None, None),
                         lambda r: f"{r['_indicator']} {r['_unit']} {r['year']}-{r['month']:02d}")  # fmt: skip
    for indicator in indicators:
        for unit in units:
            base = scale.get(unit.region.level, 100) * rng.uniform(0.5, 1.5)
            for year, month in months:
                if (indicator.pk, unit.pk, year, month) in existing:
                    continue
                value = round(base * month / 12 * rng.uniform(0.9, 1.1), 2)
                growth = f"{rng.uniform(-5, 15):.2f}"  # as stored: a growth that rounds to zero has no sign
                writer.add({"indicator_id": indicator.pk, "unit_id": unit.pk, "year": year, "month": month,
                            "value": f"{value:.4f}", "growth_pct": "0.00" if growth == "-0.00" else growth,
                            "growth_derived": False, "vintage": "preliminary", "source": LOADER,
                            "_region": unit.region_id, "_indicator": indicator.name, "_unit": unit.name})  # fmt: skip
    records = Records(IndicatorValue)
    result.indicator_values = len(writer.flush(records))
    result.records += records.flush()


def synth(projects: int, months: int, seed: int = 1, end: tuple[int, int] = (2024, 12),
          progress: Callable[[int], None] | None = None, defer_indexes: bool | None = None) -> Result:  # fmt: skip
    """Generate and load the data set in one transaction (see the module docstring and `guatu.synth.bulk`)."""
    if Project.objects.filter(code__startswith=f"SY{seed}-").exists():
        raise SynthError(f"projects of seed {seed} exist already (codes SY{seed}-…); use another seed or database")
    span = window(months, end)
    if dt.date(*span[-1], 1) > timezone.localdate():
        raise SynthError("the months end in the future; reports cannot be filed for a future month")
    result = Result(months=span)
    # Defer the secondary indexes when the load at least doubles the data (building them once is cheaper then).
    indexes = Project.objects.count() <= projects if defer_indexes is None else defer_indexes
    tables = [m._meta.db_table for m in TABLES]
    with (
        bulk.sqlite_settings(),
        acting(None, name=LOADER, reason=f"synthetic data, seed {seed}"),
        transaction.atomic(),
        bulk.deferred(tables, indexes=indexes),
    ):
        world = build_world()
        _calendar(span, result)
        _indicators(random.Random(seed + 1), span, result)
        generator = Generator(world, seed, span)
        for start in range(0, projects, CHUNK):
            count = min(CHUNK, projects - start)
            part = generator.chunk(start, count)
            for name in ("projects", "plans", "memberships", "reports", "milestones", "problems", "rollup_rows",
                         "records"):  # fmt: skip
                setattr(result, name, getattr(result, name) + getattr(part, name))
            if progress:
                progress(count)
        facts.apply_groups(generator.groups)
    return result

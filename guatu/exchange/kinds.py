"""What each export holds: the ledger, plans, reports (same columns as the importer reads),
and the progress, warnings and problem tables (the same filters as their pages)."""

from __future__ import annotations

from collections.abc import Iterator

from guatu.exchange.export import OutColumn
from guatu.exchange.tables import SPECS

KIND_TO_OUT = {"text": "text", "project": "text", "money": "money", "pct": "pct", "date": "date", "int": "int",
               "choice": "text", "bool": "bool"}  # fmt: skip


def ledger_columns(kind: str) -> list[OutColumn]:
    return [OutColumn(c.header, KIND_TO_OUT[c.kind], c.width) for c in SPECS[kind]]


def project_rows(projects) -> Iterator[list]:
    for p in projects.select_related("region", "platform", "department", "industry").order_by("code"):
        yield [p.code, p.name, p.owner, p.region.name, p.platform.name if p.platform else "",
               p.department.name if p.department else "", p.industry.name if p.industry else "",
               p.get_category_display(), p.total_investment, p.planned_start, p.actual_start, p.planned_completion,
               p.actual_completion, p.get_stage_display(), p.contact_leader]  # fmt: skip


def plan_rows(plans) -> Iterator[list]:
    for a in plans.select_related("project").order_by("project__code", "year"):
        yield [a.project.code, a.project.name, a.year, a.planned_investment, a.plans_start, a.plans_production]


def report_rows(reports) -> Iterator[list]:
    for r in reports.select_related("project").order_by("project__code", "year", "month").iterator(chunk_size=5000):
        yield [r.project.code, r.project.name, r.year, r.month, r.invest_month, r.invest_ytd, r.invest_cumulative,
               r.progress_pct, r.get_stage_display(), r.problems]  # fmt: skip


PROGRESS_COLUMNS = [OutColumn("项目名单", width=24), OutColumn("项目数", "int"), OutColumn("已开工", "int"),
                    OutColumn("总投资(万元)", "money", 16), OutColumn("年度计划(万元)", "money", 16),
                    OutColumn("累计完成(万元)", "money", 16), OutColumn("完成率(%)", "pct"),
                    OutColumn("序时进度(%)", "pct"), OutColumn("超序时")]  # fmt: skip


def progress_rows(report) -> Iterator[list]:
    from guatu.core.money import round_half_up

    for row in [*report.rows, report.overall]:
        yield [row.label, row.projects, row.started, row.total_investment, row.annual_plan, row.ytd_actual,
               None if row.completion is None else round_half_up(row.completion, 1), round_half_up(row.elapsed, 1),
               {True: "是", False: "否", None: "—"}[row.ahead]]  # fmt: skip


WARNING_COLUMNS = [OutColumn("预警"), OutColumn("项目代码", width=18), OutColumn("项目名称", width=40),
                   OutColumn("原因", width=80)]  # fmt: skip


def warning_rows(found) -> Iterator[list]:
    for w in found:
        yield [w.level_label, w.project.code, w.project.name, ";".join(r.text for r in w.reasons)]


PROBLEM_COLUMNS = [OutColumn("项目代码", width=18), OutColumn("项目名称", width=40), OutColumn("类型"),
                   OutColumn("问题", width=40), OutColumn("责任单位", width=20), OutColumn("提出日期", "date"),
                   OutColumn("办结时限", "date"), OutColumn("状态"), OutColumn("解决情况", width=40)]  # fmt: skip


def problem_rows(problems) -> Iterator[list]:
    for p in problems.select_related("project", "department"):
        yield [p.project.code, p.project.name, p.get_type_display(), p.title, p.department.name, p.raised_on,
               p.deadline, p.get_status_display(), p.resolution]  # fmt: skip

"""报送情况 as a sheet (xlsx or CSV): every expected project with its status, or the counts per group.

The writer is the exchange app's (formula-safe, units in the header, frozen header); headers are
Chinese like every other export.
"""

from __future__ import annotations

from guatu.core.money import round_half_up
from guatu.exchange.export import OutColumn, write_csv, write_xlsx
from guatu.reporting.status import GROUPINGS, NO_REPORT, SubmissionStatus

EXPORT_BY = ("projects", *GROUPINGS)
STATUS_ZH = {"draft": "草稿", "submitted": "已报送", "approved": "已审核", "returned": "已退回", "locked": "已锁定",
             NO_REPORT: "未填报"}  # fmt: skip
GROUP_ZH = {"county": "县(市、区)", "platform": "平台", "department": "责任单位", "list": "项目名单"}
PROJECT_COLUMNS = [OutColumn("项目代码", width=18), OutColumn("项目名称", width=36), OutColumn("业主单位", width=28),
                   OutColumn("县(市、区)", width=10), OutColumn("平台", width=22), OutColumn("责任单位", width=20),
                   OutColumn("项目名单", width=28), OutColumn("联系领导", width=10), OutColumn("报送状态", width=10),
                   OutColumn("逾期未报", "bool", 10)]  # fmt: skip
COUNT_COLUMNS = [OutColumn("应报项目", "int"), OutColumn("已报送", "int"), OutColumn("已审核", "int"),
                 OutColumn("待审核", "int"), OutColumn("已退回", "int"), OutColumn("草稿", "int"),
                 OutColumn("未填报", "int"), OutColumn("未报送", "int"), OutColumn("逾期未报", "int"),
                 OutColumn("报送率(%)", "pct")]  # fmt: skip


def export_status(status: SubmissionStatus, *, by: str = "projects", fmt: str = "xlsx") -> bytes:
    """The sheet of `status`: one row per expected project (`by="projects"`) or per county, platform,
    department or list."""
    if by not in EXPORT_BY:
        raise ValueError(f"by {by!r}: one of {', '.join(EXPORT_BY)}")
    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"format {fmt!r}: xlsx or csv")
    if by == "projects":
        columns = PROJECT_COLUMNS
        rows = [
            [p.code, p.name, p.owner, p.county, p.platform, p.department, "、".join(p.lists), p.contact,
             STATUS_ZH[p.status], p.overdue]
            for p in status.projects
        ]  # fmt: skip
    else:
        columns = [OutColumn(GROUP_ZH[by], width=26), *COUNT_COLUMNS]
        tallies = [*status.groups[by], status.overall]
        rows = [
            [t.label if t is not status.overall else "合计", t.expected, t.reported, t.approved, t.submitted,
             t.returned, t.draft, t.no_report, t.not_reported, t.overdue,
             None if t.rate is None else round_half_up(t.rate, 1)]
            for t in tallies
        ]  # fmt: skip
    if fmt == "csv":
        return write_csv(columns, rows)
    period = status.period
    title = f"{period.year}年{period.month}月报送情况 · {status.scope.describe()}"
    overall = status.overall
    rate = "—" if overall.rate is None else f"{round_half_up(overall.rate, 1)}%"
    note = f"报送截止日 {status.deadline.isoformat()};已报送 {overall.reported} / {overall.expected},报送率 {rate}"
    return write_xlsx(title, columns, rows, note)

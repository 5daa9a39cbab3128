"""The sheets guatu exchanges: their columns, the header labels people use for them, and finding
the header row in a sheet as officers really keep it (title rows above, two-row merged headers,
units in the header text)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from guatu.exchange.values import header_unit, normalise_text, strip_unit


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the canonical Chinese header guatu writes
    kind: str  # text, money, date, int, pct, choice, bool, project
    synonyms: tuple[str, ...] = ()
    required: bool = False
    width: int = 14

    @property
    def header(self) -> str:
        return (
            f"{self.label}(万元)"
            if self.kind == "money"
            else (f"{self.label}(%)" if self.kind == "pct" else self.label)
        )


PROJECT = Column("project", "项目代码", "project", ("项目编码", "项目编号", "代码", "编码"), width=18)
PROJECT_NAME = Column("project_name", "项目名称", "text", ("项目", "名称"), width=40)

SPECS: dict[str, list[Column]] = {
    "reports": [
        PROJECT,
        PROJECT_NAME,
        Column("year", "年份", "int", ("年度",)),
        Column("month", "月份", "date", ("月", "填报月份", "报告期", "期间", "统计月份"), required=True),
        Column(
            "invest_month",
            "本月完成",
            "money",
            (
                "当月完成",
                "本月完成投资",
                "当月完成投资",
                "本月投资",
                "本年完成投资|当月",
                "完成投资|当月",
                "本年完成投资|本月",
            ),
            True,
        ),
        Column(
            "invest_ytd",
            "本年累计",
            "money",
            (
                "本年累计完成",
                "本年累计完成投资",
                "年度累计",
                "1-本月累计",
                "本年完成投资|累计",
                "完成投资|累计",
                "本年完成投资|1-本月",
            ),
            True,
        ),
        Column(
            "invest_cumulative", "开工累计", "money", ("自开工累计", "开工以来累计", "累计完成投资", "自开工累计完成")
        ),
        Column("progress_pct", "形象进度", "pct", ("形象进度%", "工程形象进度", "进度")),
        Column("stage", "阶段", "choice", ("项目阶段", "建设阶段", "所处阶段")),
        Column("problems", "存在问题", "text", ("问题", "存在的问题", "困难和问题"), width=40),
    ],
    "projects": [
        PROJECT,
        PROJECT_NAME,
        Column("owner", "业主单位", "text", ("建设单位", "项目单位"), width=30),
        Column("region", "行政区划", "choice", ("所在地", "县(市、区)", "县市区", "区县", "所属区县"), True),
        Column("platform", "产业平台", "choice", ("平台", "园区", "所属平台")),
        Column("department", "责任单位", "choice", ("牵头单位", "责任部门")),
        Column("industry", "产业", "choice", ("所属产业", "行业")),
        Column("category", "类别", "choice", ("项目类别", "项目类型")),
        Column("total_investment", "总投资", "money", ("计划总投资", "项目总投资"), True),
        Column("planned_start", "计划开工", "date", ("计划开工时间", "计划开工日期")),
        Column("actual_start", "实际开工", "date", ("实际开工时间", "开工时间", "开工日期")),
        Column("planned_completion", "计划投产/竣工", "date", ("计划投产", "计划竣工", "计划投产时间", "计划竣工时间")),
        Column("actual_completion", "实际投产/竣工", "date", ("实际投产", "实际竣工", "投产时间")),
        Column("stage", "阶段", "choice", ("项目阶段", "建设阶段")),
        Column("contact_leader", "联系领导", "text", ("联系市领导", "挂联领导")),
    ],
    "plans": [
        PROJECT,
        PROJECT_NAME,
        Column("year", "年份", "int", ("年度", "计划年度"), True),
        Column(
            "planned_investment",
            "年度计划投资",
            "money",
            ("年度计划", "计划投资", "年度投资计划", "本年计划投资"),
            True,
        ),
        Column("plans_start", "年内开工", "bool", ("计划年内开工",)),
        Column("plans_production", "年内投产", "bool", ("计划年内投产", "年内竣工")),
    ],
}
KINDS = tuple(SPECS)


def _key(label: str) -> str:
    return strip_unit(label).replace(" ", "").replace("（", "(").replace("）", ")").lower()


@dataclass
class Header:
    """Where the header is and which sheet column holds which field."""

    row: int  # 0-based index of the last header row
    columns: dict[str, int]  # field key → 0-based column
    units: dict[str, str] = field(default_factory=dict)  # field key → unit written in its header
    labels: dict[str, str] = field(default_factory=dict)  # field key → the header text as written
    first_row: int = 0  # 0-based index of the first header row (row - 1 for a two-row header)


def _synonyms(kind: str, extra: dict[str, Iterable[str]] | None) -> dict[str, str]:
    table = {}
    for column in SPECS[kind]:
        for label in (column.label, column.header, *column.synonyms, *((extra or {}).get(column.key, ()))):
            table[_key(label)] = column.key
    return table


def _merged_labels(row: list[object], r: int, merged: list[tuple[int, int, int, int]]) -> list[str]:
    """A header row's labels with each horizontally merged cell's text spread over its span."""
    labels = [normalise_text(v) for v in row]
    for r0, c0, r1, c1 in merged:
        if r0 <= r <= r1 and c0 < len(labels):
            for c in range(c0, min(c1 + 1, len(labels))):
                labels[c] = labels[c] or labels[c0]
    return labels


def _candidates(top: list[str], below: list[str], c: int, group: str) -> list[str]:
    """The texts a column of a two-row header may be known by. `group` is the label standing over
    this column: its own top cell, or — when that is empty and a sub-label sits below, as under a
    merged cell or a CSV's "本年完成投资,," over "当月,累计" — the nearest label to its left."""
    label = top[c] if c < len(top) else ""
    sub = below[c] if c < len(below) else ""
    if not sub:
        return [label] if label else []
    if label:
        return [f"{label}|{sub}", sub, label]
    return [f"{group}|{sub}", sub] if group else [sub]


def find_header(rows: list[list[object]], kind: str, merged=(), extra=None, scan: int = 30) -> Header | None:
    """The best header among the first `scan` rows: one row, or two rows where a group header
    ("本年完成投资", merged or not) stands over sub-labels ("当月 | 累计"). Whether the columns it
    needs are all there is `missing_columns`' question."""
    table = _synonyms(kind, extra)
    best: Header | None = None
    best_score = 0
    for r in range(min(scan, len(rows))):
        top = _merged_labels(rows[r], r, list(merged))
        below = [normalise_text(v) for v in rows[r + 1]] if r + 1 < len(rows) else []
        for two in (False, True):
            columns, units, labels = {}, {}, {}
            group = ""
            for c in range(max(len(top), len(below) if two else 0)):
                if c < len(top) and top[c]:
                    group = top[c]
                candidates = _candidates(top, below if two else [], c, group)
                for candidate in candidates:
                    key = table.get(_key(candidate))
                    if key and key not in columns:
                        columns[key], labels[key] = c, candidate
                        own = header_unit(candidate.split("|")[-1])
                        units[key] = own or (header_unit(group) if two and group else None) or ""
                        break
            score = len(columns) - (1 if two else 0)  # prefer one row when two add nothing
            if score > best_score and ({"project", "project_name"} & set(columns)):
                best, best_score = Header(r + 1 if two else r, columns, units, labels, r), score
    return best


def missing_columns(header: Header, kind: str, declared: Iterable[str] = ()) -> list[Column]:
    """The required columns the header lacks (a field declared above the header, such as the
    report period, is not missing)."""
    present = set(header.columns) | set(declared)
    return [c for c in SPECS[kind] if c.required and c.key not in present]

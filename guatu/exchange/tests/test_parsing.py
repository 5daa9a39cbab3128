"""The compiled fast path for report rows gives exactly what `parse_report` gives, or leaves the row to it."""

import datetime as dt
import random
from decimal import Decimal as D

from guatu.exchange.parsing import Context, Lookups, Row, parse_report, report_fast_path
from guatu.exchange.reader import Uncomputed
from guatu.exchange.tables import find_header

HEADER = ["项目代码", "项目名称", "年份", "月份", "本月完成(万元)", "本年累计(万元)", "开工累计(万元)", "形象进度(%)",
          "阶段", "存在问题"]  # fmt: skip
POOLS = [
    ["P1", "P2", "", None, 123, Uncomputed("=A1")],  # code (P2 is no project)
    ["项目一", "", None, Uncomputed("=B1")],
    [2024, 2025, 2026, 1999, 2024.0, "2024", True, None],  # year
    [1, 6, 7, 12, 13, 0, "6", "2024-06", 6.0, None, "", True],  # month
    [0, 12, 12.345, 0.005, -3, 1e15, 10**15, float("nan"), float("inf"), "1,234", "", None, True],  # this month
    [12, 60.5, 99999999999999.99, 2.675, "", None, "x"],  # year to date
    [500, 0.125, "", None, "—"],  # since start
    [0.45, 45, 100, 101, None, "", "45%"],  # progress
    ["在建", "construction", "xx", "", None, 3],  # stage
    ["", None, "用地", 5],  # problems
]


def lookups() -> Lookups:
    look = Lookups.__new__(Lookups)  # the lookups without the database: one project
    look.projects_by_code, look.projects_by_name = {"P1": 1}, {"项目一": [1]}
    look.project_names, look.tables = {1: ("P1", "项目一")}, {}
    return look


def exact(fields: dict) -> list:
    return [(name, type(value), str(value)) for name, value in fields.items()]


def test_a_plain_row_is_read_by_the_fast_path_with_its_figures():
    header = find_header([HEADER], "reports")
    ctx = Context(lookups(), dt.date(2025, 6, 15), language="zh-hans")
    fields = report_fast_path(header, ctx)(["P1", "项目一", 2025, 5, 12.346, 60, 1000.004, 0.45, "在建", "用地"])
    assert exact(fields) == exact({"project_id": 1, "year": 2025, "month": 5, "invest_month": D("12.35"),
                                   "invest_ytd": D("60.00"), "invest_cumulative": D("1000.00"),
                                   "progress_pct": D("45.00"), "stage": "construction",
                                   "problems": "用地"})  # fmt: skip


def test_the_fast_path_gives_what_parse_report_gives_or_nothing():
    rng = random.Random(13)
    cases = [[rng.choice(pool) for pool in POOLS] for _ in range(3000)]
    cases += [[rng.choice(pool[:3]) for pool in POOLS] for _ in range(1000)]  # mostly plain values
    taken = 0
    in_yi = [h.replace("万元", "亿元") for h in HEADER]  # amounts in 亿元, and a report month declared above
    for labels, period in ((HEADER, None), (in_yi, (2025, 5))):
        header = find_header([labels], "reports")
        ctx = Context(lookups(), dt.date(2025, 6, 15), period, language="zh-hans")
        fast = report_fast_path(header, ctx)
        for cells in cases:
            row = Row(3, cells, header)
            fields = parse_report(row, ctx)
            got = fast(cells)
            if got is not None:
                taken += 1
                assert not row.errors and exact(got) == exact(fields), cells
    assert taken > 100  # the fast path is taken, not only declined

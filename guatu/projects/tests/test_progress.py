import datetime as dt
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import AnonymousUser

from guatu.core.money import fmt_pct, pct_str
from guatu.core.periods import Period
from guatu.projects.models import Project
from guatu.projects.progress import progress
from guatu.projects.querysets import behind_schedule
from guatu.projects.scope import Scope
from guatu.test import make_project, sample_list, sample_platform

pytestmark = pytest.mark.django_db
NOV = Period(2024, 11)


def row_for(scope, period=NOV, user=None):
    report = progress(scope, period, user=user)
    assert len(report.rows) == 1
    return report.rows[0]


def test_completion_is_ytd_over_plan_rounded_half_up():
    lst = sample_list()
    make_project("P1", plan="100000", ytd_by_month={11: "142284"}, lists=(lst,))
    row = row_for(Scope(platform=sample_platform()))
    assert row.ytd_actual == D("142284") and row.annual_plan == D("100000")
    assert pct_str(row.completion) == "142.3"
    assert row.as_json()["completion_pct"] == "142.3"


def test_an_exact_half_rounds_up():
    lst = sample_list()
    make_project("P1", plan="2000", ytd_by_month={11: "2845"}, lists=(lst,))  # 142.25%
    assert pct_str(row_for(Scope(platform=sample_platform())).completion) == "142.3"


def test_a_list_with_no_plan_shows_a_dash_and_no_verdict():
    lst = sample_list()
    make_project("P1", plan=None, ytd_by_month={11: "50"}, lists=(lst,))
    row = row_for(Scope(platform=sample_platform()))
    assert row.completion is None
    assert fmt_pct(row.completion) == "—"
    assert row.ahead is None
    assert row.as_json()["completion_pct"] is None
    assert row.lagging == []


def test_a_missed_month_keeps_the_last_reported_ytd():
    lst = sample_list()
    make_project("P1", plan="100", ytd_by_month={1: "10", 2: "20", 3: "30"}, lists=(lst,))  # silent in April
    row = row_for(Scope(platform=sample_platform()), Period(2024, 4))
    assert row.ytd_actual == D(30)
    assert row.members[0].ytd_month == 3


def test_later_reports_do_not_leak_into_an_earlier_period():
    lst = sample_list()
    make_project("P1", plan="100", ytd_by_month={1: "10", 5: "60"}, lists=(lst,))
    assert row_for(Scope(platform=sample_platform()), Period(2024, 4)).ytd_actual == D(10)


def test_started_counts_projects_started_by_the_period_end():
    lst = sample_list()
    make_project("P1", lists=(lst,), started=dt.date(2024, 11, 30))
    make_project("P2", lists=(lst,), started=dt.date(2024, 12, 1))
    make_project("P3", lists=(lst,), started=None)
    row = row_for(Scope(platform=sample_platform()))
    assert (row.projects, row.started) == (3, 1)


def test_ahead_when_completion_reaches_time_elapsed_and_lagging_lists_the_laggards():
    lst = sample_list()
    make_project("P1", plan="1200", ytd_by_month={11: "1100"}, lists=(lst,))  # exactly 11/12: not lagging
    make_project("P2", plan="1200", ytd_by_month={11: "1099"}, lists=(lst,))  # just below
    make_project("P3", plan="100", lists=(lst,))  # nothing reported: 0%
    row = row_for(Scope(platform=sample_platform()))
    assert [m.code for m in row.lagging] == ["P3", "P2"]
    assert row.ahead is False  # (1100 + 1099) / 2500 = 87.96% < 91.67%
    assert pct_str(row.elapsed) == "91.7"


def test_the_ledger_filter_agrees_with_the_lagging_list():
    lst = sample_list()
    make_project("P1", plan="1200", ytd_by_month={11: "1100"}, lists=(lst,))
    make_project("P2", plan="1200", ytd_by_month={11: "1099"}, lists=(lst,))
    make_project("P3", plan="100", lists=(lst,))
    make_project("P4", plan=None, lists=(lst,))
    projects = Project.objects.on_platform(sample_platform()).with_figures(2024, 11)
    assert sorted(behind_schedule(projects, 2024, 11).values_list("code", flat=True)) == ["P2", "P3"]


def test_a_project_on_two_lists_counts_in_both_but_once_overall():
    first, second = sample_list("L1", "名单一"), sample_list("L2", "名单二")
    make_project("P1", plan="100", ytd_by_month={11: "50"}, lists=(first, second))
    make_project("P2", plan="100", ytd_by_month={11: "150"}, lists=(second,))
    report = progress(Scope(platform=sample_platform()), NOV)
    by_code = {row.project_list.code: row for row in report.rows}
    assert (by_code["L1"].projects, by_code["L2"].projects) == (1, 2)
    assert by_code["L2"].ytd_actual == D(200)
    assert report.overall.projects == 2 and report.overall.ytd_actual == D(200)


def test_scopes_combine():
    lst = sample_list()
    make_project("P1", plan="100", ytd_by_month={11: "50"}, lists=(lst,), region="330802")
    make_project("P2", plan="100", ytd_by_month={11: "70"}, lists=(lst,), region="330881")
    from guatu.core.models import Region

    jiangshan = Region.objects.get(code="330881")
    row = row_for(Scope(platform=sample_platform(), region=jiangshan, project_list=lst))
    assert [m.code for m in row.members] == ["P2"]
    assert row.ytd_actual == D(70)


def test_progress_runs_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    lst = sample_list()
    for i in range(20):
        make_project(f"P{i}", plan="100", ytd_by_month={10: "80"}, lists=(lst,))
    scope = Scope(platform=sample_platform())
    with django_assert_max_num_queries(3):
        report = progress(scope, NOV)
        data = report.as_json()  # the sums, the lists' names, and a page of every row's laggards
    assert report.rows[0].projects == 20
    assert data["rows"][0]["lagging_count"] == 20 and len(data["rows"][0]["lagging"]) == 20


def test_an_anonymous_user_sees_nothing():
    lst = sample_list()
    make_project("P1", plan="100", ytd_by_month={11: "50"}, lists=(lst,))
    report = progress(Scope(platform=sample_platform()), NOV, user=AnonymousUser())
    assert report.rows == [] and report.overall.projects == 0


def test_a_rows_laggards_are_counted_and_shown_a_page_at_a_time(monkeypatch):
    monkeypatch.setattr("guatu.projects.progress.LAGGARDS_PER_PAGE", 2)
    lst = sample_list()
    make_project("P1", plan="1200", ytd_by_month={11: "1100"}, lists=(lst,))  # exactly 11/12: not lagging
    make_project("P2", plan="1200", ytd_by_month={11: "1099"}, lists=(lst,))  # 91.6%
    make_project("P3", plan="100", lists=(lst,))  # 0%
    make_project("P4", plan="400", ytd_by_month={11: "100"}, lists=(lst,))  # 25%
    make_project("P5", plan="100", ytd_by_month={11: "50"}, lists=(lst,))  # 50%
    scope = Scope(platform=sample_platform())
    first, second, third = (progress(scope, NOV, lagging_page=page) for page in (1, 2, 3))
    assert first.overall.lagging_count == first.rows[0].lagging_count == 4
    assert [m.code for m in first.overall.lagging_page] == ["P3", "P4"]
    assert [m.code for m in second.rows[0].lagging_page] == ["P5", "P2"]
    assert third.overall.lagging_page == []
    data = second.as_json()
    assert (data["lagging_page"], data["lagging_page_size"]) == (2, 2)
    assert data["overall"]["lagging_count"] == 4
    assert data["overall"]["lagging"] == [{"code": "P5", "name": "测试项目P5", "completion_pct": "50.0"},
                                          {"code": "P2", "name": "测试项目P2", "completion_pct": "91.6"}]  # fmt: skip


def test_a_page_that_ends_inside_a_run_of_equal_completions_continues_it_by_code(monkeypatch):
    monkeypatch.setattr("guatu.projects.progress.LAGGARDS_PER_PAGE", 2)
    lst = sample_list()
    # Four projects at exactly 25% (equal as floats and exactly), three at 0%: each page boundary falls in a run.
    for code, plan in (("Q4", "400"), ("Q1", "800"), ("Q3", "1200"), ("Q2", "4000")):
        make_project(code, plan=plan, ytd_by_month={11: str(D(plan) / 4)}, lists=(lst,))
    for code in ("Z3", "Z1", "Z2"):
        make_project(code, plan="100", lists=(lst,))
    scope = Scope(platform=sample_platform())
    codes = [[m.code for m in progress(scope, NOV, lagging_page=page).overall.lagging_page] for page in (1, 2, 3, 4)]
    assert codes == [["Z1", "Z2"], ["Z3", "Q1"], ["Q2", "Q3"], ["Q4"]]


def test_a_page_is_cut_in_the_exact_order_where_two_completions_are_equal_only_as_floats():
    from guatu.projects.progress import Laggard, exact_page

    def laggard(code, ytd, plan):
        return Laggard(0, code, code, 0, None, plan, 0, ytd)

    third = laggard("A", 1, 3)  # exactly 1/3
    below = laggard("B", 10**16, 3 * 10**16 + 1)  # a hair below 1/3: the same float, exactly smaller
    assert third.ytd / third.plan == below.ytd / below.plan
    ahead = laggard("C", 1, 2)
    # The database's order: by the float, then by code — A before B, which the exact order reverses.
    window = [(third, 1 / 3), (below, 1 / 3), (ahead, 0.5)]
    asked = []

    def group(value):
        asked.append(value)
        return [third, below]

    assert exact_page(window[:2], 0, 1, group, lambda value: 0) == [below]
    assert asked == [1 / 3]
    # The second page starts inside the same run: the run is read whole, and what comes before it counted.
    assert exact_page(window, 1, 1, group, lambda value: 0) == [third]
    assert exact_page(window[1:], 2, 1, group, lambda value: 0) == [ahead]
    # Equal floats of 0 are exactly 0: ordered by code already, nothing more is read.
    zeros = [(laggard("Z1", 0, 5), 0.0), (laggard("Z2", 0, 7), 0.0)]
    assert exact_page(zeros, 0, 1, None, None) == [zeros[0][0]]

"""The rollups answer every scope and every user exactly as the raw rows do."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.periods import Period
from guatu.projects.models import ProjectList
from guatu.projects.progress import progress, progress_raw
from guatu.projects.scope import Scope
from guatu.rollups import read
from guatu.rollups.verify import verify

pytestmark = pytest.mark.django_db


def scopes():
    lists = list(ProjectList.objects.all()[:3])
    yield Scope()
    yield Scope(region=Region.objects.get(code="330800"))
    yield Scope(region=Region.objects.get(code="330802"))
    for platform in Platform.objects.filter(parent__isnull=True)[:2]:
        yield Scope(platform=platform)
    for lst in lists:
        yield Scope(project_list=lst)
        yield Scope(project_list=lst, region=Region.objects.get(code="330803"))
    industry = Industry.objects.first()
    if industry:
        yield Scope(industry=industry)
    department = Department.objects.first()
    if department:
        yield Scope(department=department)


def same(scope, period, user):
    fast, raw = progress(scope, period, user=user), progress_raw(scope, period, user=user)
    assert json.dumps(fast.as_json(), ensure_ascii=False) == json.dumps(raw.as_json(), ensure_ascii=False)
    for a, b in zip([*fast.rows, fast.overall], [*raw.rows, raw.overall], strict=True):
        assert a.members == b.members
        assert a.lagging == b.lagging
        assert a.lagging_count == len(b.lagging)
    return fast


@pytest.mark.parametrize("username", [None, "demo", "kecheng", "jiangshan", "zhizao", "fagaiwei", "lingdao", "shenji"])
def test_every_scope_reads_the_same_from_the_rollups_as_from_the_raw_rows(username):
    user = get_user_model().objects.get(username=username) if username else None
    for scope in scopes():
        for period in (Period(2024, 11), Period(2024, 3), Period(2024, 12), Period(2023, 6)):
            same(scope, period, user)


USERS = [None, "demo", "kecheng", "jiangshan", "zhizao", "fagaiwei", "lingdao", "shenji"]


@pytest.mark.parametrize("username", USERS)
def test_every_page_of_every_rows_laggards_reads_the_same_as_the_raw_rows(username, monkeypatch):
    monkeypatch.setattr("guatu.projects.progress.LAGGARDS_PER_PAGE", 2)
    user = get_user_model().objects.get(username=username) if username else None
    for scope in scopes():
        period = Period(2024, 11)
        pages = max(progress(scope, period, user=user).overall.lagging_count // 2 + 2, 2)
        for page in range(1, min(pages, 6) + 1):
            fast = progress(scope, period, user=user, lagging_page=page)
            raw = progress_raw(scope, period, user=user, lagging_page=page)
            assert json.dumps(fast.as_json(), ensure_ascii=False) == json.dumps(raw.as_json(), ensure_ascii=False)
            assert [m.code for m in fast.overall.lagging_page] == [m.code for m in raw.overall.lagging][
                (page - 1) * 2 : page * 2
            ]


@pytest.mark.parametrize("username", USERS)
def test_the_groups_sum_every_scope_they_answer_as_the_rows_do(username):
    user = get_user_model().objects.get(username=username) if username else None
    answered = 0
    for scope in scopes():
        for period in (Period(2024, 11), Period(2024, 1), Period(2023, 6), Period(2030, 5)):
            if read.grouped(scope, user):
                answered += 1
                assert read.totals(scope, period, user) == read.totals(scope, period, user, groups=False)
    if username in (None, "demo", "kecheng", "lingdao"):
        assert answered >= 40  # the province, cities, counties, platforms and lists: all but industry and department


def test_an_anonymous_user_reads_nothing_from_the_rollups():
    report = same(Scope(), Period(2024, 11), AnonymousUser())
    assert report.overall.projects == 0 and report.rows == []


def test_the_demo_loads_with_rollups_that_match_the_raw_rows():
    assert verify().count == 0


def test_the_demo_article_figures_come_from_the_rollups(django_assert_max_num_queries):
    platform = Platform.objects.get(code=Platform.objects.get(name="衢州智造新城").code)
    with django_assert_max_num_queries(3):
        report = progress(Scope(platform=platform), Period(2024, 11))
        rows = {row.project_list.code: row.as_json() for row in report.rows}
    assert (rows["QXWY"]["projects"], rows["QXWY"]["ytd_actual_wan"], rows["QXWY"]["completion_pct"]) == (
        12,
        "2305000.00",
        "142.3",
    )


@pytest.mark.parametrize("username", [None, "kecheng", "zhizao", "fagaiwei"])
def test_the_cockpits_submission_count_from_the_rollups_is_the_reporting_status(username):
    from guatu.reporting.status import submission_status

    user = get_user_model().objects.get(username=username) if username else None
    for scope in scopes():
        for year, month in ((2024, 11), (2024, 12)):
            overall = submission_status(scope, year, month, user=user).overall
            assert progress(scope, Period(year, month), user=user).overall.submission == (
                type(progress(scope, Period(year, month), user=user).overall.submission)(
                    overall.reported, overall.expected
                )
            )


def test_the_ledgers_figures_from_the_rollups_are_the_raw_ones():
    from guatu.projects.models import Project
    from guatu.projects.querysets import behind_schedule

    for year, month in ((2024, 11), (2024, 4), (2023, 12)):
        fast = {p.pk: (p.ytd_actual, p.annual_plan) for p in Project.objects.with_figures(year, month)}
        raw = {p.pk: (p.ytd_actual, p.annual_plan) for p in Project.objects.with_raw_figures(year, month)}
        assert fast == raw
        lagging = behind_schedule(Project.objects.with_figures(year, month), year, month)
        expected = progress_raw(Scope(), Period(year, month)).overall.lagging
        assert sorted(lagging.values_list("code", flat=True)) == sorted(m.code for m in expected)

"""The Quzhou demo reproduces the article's figures (衢州智造新城, January–November 2024)."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from guatu.audit.models import ChangeRecord
from guatu.demo.quzhou import load
from guatu.projects.models import MonthlyReport, Project

pytestmark = pytest.mark.django_db

ARTICLE = {
    "QXWY": {"projects": 12, "ytd_actual_wan": "2305000.00", "completion_pct": "142.3"},
    "JZKG": {
        "projects": 5,
        "total_investment_wan": "1457300.00",
        "ytd_actual_wan": "572000.00",
        "completion_pct": "171.9",
    },
    "SZD": {"projects": 113, "started": 113, "ytd_actual_wan": "2761000.00", "completion_pct": "111.0"},
}


def cli_progress(*args) -> dict:
    out = StringIO()
    call_command("progress", "--year", "2024", "--through", "11", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def assert_article_figures(rows: list[dict]) -> None:
    by_code = {row["list_code"]: row for row in rows}
    for code, expected in ARTICLE.items():
        for key, value in expected.items():
            assert by_code[code][key] == value, (code, key)
        assert by_code[code]["elapsed_pct"] == "91.7"
        assert by_code[code]["ahead"] is True


def test_the_cli_reproduces_every_article_figure():
    data = cli_progress("--platform", "衢州智造新城")
    assert (data["year"], data["through_month"]) == (2024, 11)
    assert_article_figures(data["rows"])


def test_the_cli_accepts_list_names_with_any_quotes():
    data = cli_progress("--platform", "ZZXC", "--list", "省“千项万亿”工程项目")
    assert [row["completion_pct"] for row in data["rows"]] == ["142.3"]


def test_the_api_reproduces_every_article_figure(demo_client):
    response = demo_client.get("/api/v1/progress/", {"year": 2024, "through": 11, "platform": "衢州智造新城"})
    assert response.status_code == 200
    assert_article_figures(response.json()["rows"])


def test_the_cli_readable_table_is_in_yi(capsys):
    out = StringIO()
    call_command("progress", "--year", "2024", "--through", "11", "--platform", "ZZXC", stdout=out)
    text = out.getvalue()
    assert "230.50" in text and "142.3%" in text and "57.20" in text and "171.9%" in text and "111.0%" in text


def test_an_unknown_scope_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="火星园区"):
        cli_progress("--platform", "火星园区")


def test_the_named_projects_carry_the_articles_facts():
    zhenghe = Project.objects.get(name="浙江正和硅材料有限公司有机硅功能材料项目")
    assert zhenghe.total_investment > 35000 and str(zhenghe.actual_start) == "2023-08-01"
    assert str(zhenghe.planned_completion) == "2024-12-31"
    tuoxi = Project.objects.get(name__startswith="浙江拓烯光学")
    assert MonthlyReport.objects.get(project=tuoxi, year=2024, month=11).progress_pct == 50
    assert Project.objects.get(name__startswith="年产15万吨高端无机精细化学品").total_investment == 250000
    assert Project.objects.get(name__startswith="先导集成电路").stage == "production"


def test_every_project_reports_every_month_and_cumulative_never_decreases():
    projects = Project.objects.count()
    assert MonthlyReport.objects.filter(year=2024, month__lte=11).count() == projects * 11
    last = {}
    for r in MonthlyReport.objects.filter(year=2024).order_by("project_id", "month"):
        before = last.get(r.project_id)
        if before:
            assert r.invest_ytd >= before.invest_ytd and r.invest_cumulative >= before.invest_cumulative
            assert r.invest_month == r.invest_ytd - before.invest_ytd
        assert 0 <= r.progress_pct <= 100
        last[r.project_id] = r


def test_the_other_counties_have_projects_of_their_own():
    for code in ("330822", "330824", "330825", "330881"):
        assert Project.objects.filter(region__code=code).count() >= 10


def test_loading_twice_leaves_one_copy_and_writes_nothing():
    before = (Project.objects.count(), MonthlyReport.objects.count(), ChangeRecord.objects.count())
    results = load()
    assert all(r.created == 0 and r.updated == 0 for r in results.values())
    assert (Project.objects.count(), MonthlyReport.objects.count(), ChangeRecord.objects.count()) == before


def test_loading_again_keeps_what_an_officer_changed_and_every_password(demo_user):
    from guatu.audit.context import acting

    report = MonthlyReport.objects.filter(year=2024, month=11).first()
    with acting(demo_user, reason="officer's correction"):
        MonthlyReport.objects.filter(pk=report.pk).update(problems="已与自然资源局对接")
    demo_user.set_password("a-new-secret-2025")
    demo_user.save()
    results = load()
    assert results["monthly_reports"].kept == 1
    assert MonthlyReport.objects.get(pk=report.pk).problems == "已与自然资源局对接"
    demo_user.refresh_from_db()
    assert demo_user.check_password("a-new-secret-2025")


def test_the_demo_ships_a_user_per_role_with_the_documented_password():
    from guatu.accounts.models import RoleAssignment
    from guatu.demo.people import DEMO_PASSWORD, DEMO_USERS

    roles = {a.user.username: (a.role, a.region and a.region.code) for a in RoleAssignment.objects.select_related(
        "user", "region")}  # fmt: skip
    assert {u.username for u in DEMO_USERS} <= set(roles)
    assert {role for role, _ in roles.values()} >= {"city_admin", "department", "reporter", "reviewer", "leader",
                                                     "auditor"}  # fmt: skip
    assert roles["kecheng"] == ("reporter", "330802") and roles["jiangshan"] == ("reporter", "330881")
    assert get_user_model().objects.get(username="kecheng").check_password(DEMO_PASSWORD)


def test_the_demo_login_is_made_by_the_demo_not_by_migrations(demo_user):
    from guatu.demo.people import DEMO_PASSWORD

    assert demo_user.check_password(DEMO_PASSWORD)
    assert demo_user.profile.home_platform.name == "衢州智造新城"


def test_project_names_are_unique_so_officers_can_match_by_name():
    names = list(Project.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))


def test_the_api_and_the_cli_count_the_laggards_and_give_them_a_page_at_a_time(demo_client):
    from guatu.core.periods import Period
    from guatu.projects.progress import LAGGARDS_PER_PAGE, progress_raw
    from guatu.projects.scope import Scope

    every = [m.code for m in progress_raw(Scope(), Period(2024, 11)).overall.lagging]
    assert len(every) > LAGGARDS_PER_PAGE  # the demo has more than a page of them
    for page in (1, 2):
        api = demo_client.get("/api/v1/progress/", {"year": 2024, "through": 11, "lagging_page": page}).json()
        cli = cli_progress("--lagging-page", str(page))
        for data in (api, cli):
            assert (data["lagging_page"], data["lagging_page_size"]) == (page, LAGGARDS_PER_PAGE)
            assert data["overall"]["lagging_count"] == len(every)
            expected = every[(page - 1) * LAGGARDS_PER_PAGE : page * LAGGARDS_PER_PAGE]
            assert [m["code"] for m in data["overall"]["lagging"]] == expected
    response = demo_client.get("/api/v1/progress/", {"year": 2024, "through": 11, "lagging_page": 0})
    assert response.status_code == 400 and "lagging_page" in response.json()

import re

import pytest

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client):
    for path in ("/", "/projects/", "/projects/2024-330802-001/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/login/"), path


def test_the_cockpit_opens_on_the_home_platform_and_the_latest_month(demo_client):
    response = demo_client.get("/")
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.period.year, report.period.month) == (2024, 11)
    assert report.scope.platform.name == "衢州智造新城"
    page = response.content.decode()
    for figure in ("142.3%", "171.9%", "111.0%", "230.50", "57.20", "276.10", "145.73", "91.7%"):
        assert figure in page, figure


def test_the_cockpit_speaks_the_articles_sentence(demo_client):
    page = demo_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()  # the browser does not decide
    sentence = "1至11月，衢州智造新城12个省&quot;千项万亿&quot;工程项目完成投资230.5亿元，完成年度目标任务的142.3%。"
    assert sentence in page


def test_the_cockpit_filters_and_shows_wan_on_request(demo_client):
    from guatu.projects.models import ProjectList

    lst = ProjectList.objects.get(code="JZKG")
    response = demo_client.get("/", {"year": 2024, "through": 11, "list": lst.pk, "unit": "wan"})
    rows = response.context["report"].rows
    assert [r.label for r in rows] == ["省集中开工项目"]
    assert "572,000.00" in response.content.decode()


def test_the_cockpit_reports_a_bad_filter(demo_client):
    response = demo_client.get("/", {"year": 2024, "through": 14})
    assert response.status_code == 400 and "report" not in response.context
    assert response.context["form"].errors


def test_the_ledger_filters_sorts_and_pages(demo_client):
    from guatu.core.models import Platform

    platform = Platform.objects.get(code="ZZXC")
    response = demo_client.get("/projects/", {"platform": platform.pk, "year": 2024, "through": 11, "sort": "-ytd"})
    page = response.context["page"]
    assert page.paginator.count == 125
    ytds = [p.ytd_actual for p in page.object_list]
    assert ytds == sorted(ytds, reverse=True)
    assert len(ytds) == 50


def test_the_ledger_lists_only_laggards_when_asked(demo_client):
    from guatu.core.models import Platform
    from guatu.core.periods import Period
    from guatu.projects.progress import progress
    from guatu.projects.scope import Scope

    platform = Platform.objects.get(code="ZZXC")
    response = demo_client.get("/projects/", {"platform": platform.pk, "year": 2024, "through": 11, "lagging": 1})
    expected = progress(Scope(platform=platform), Period(2024, 11)).overall.lagging
    assert response.context["page"].paginator.count == len(expected) > 0


def test_the_ledger_searches_names(demo_client):
    response = demo_client.get("/projects/", {"q": "拓烯"})
    assert [p.name for p in response.context["page"]] == ["浙江拓烯光学新材料有限公司二期项目"]


def test_the_project_page_shows_facts_series_and_history(demo_client):
    from guatu.projects.models import Project

    project = Project.objects.get(name__startswith="浙江拓烯光学")
    response = demo_client.get(project.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "600,000.00" in page and "50.00%" in page and "guatu demo" in page
    assert len(response.context["reports"]) == 11


def test_an_unknown_project_is_404(demo_client):
    assert demo_client.get("/projects/NOPE/").status_code == 404


def test_the_chart_library_is_served_locally(demo_client):
    page = demo_client.get("/").content.decode()
    # Every script and stylesheet the page names comes from this server (a CSRF token may contain "cdn").
    sources = re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', page)
    assert "/static/vendor/plotly/plotly.min.js" in sources
    assert sources and all(src.startswith("/") and not src.startswith("//") for src in sources), sources

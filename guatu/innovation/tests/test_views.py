"""The pages, under the access rule: figures with their rows, scorecard, ranking, editing forms."""

from __future__ import annotations

import re

import pytest

from guatu.innovation.models import EvaluationScheme, InnovationPlatform, PlatformOutput, SchemeIndicator
from guatu.test import records_of

pytestmark = pytest.mark.django_db
INSTITUTE = "/innovation/platforms/QZ-ZYHG/"


def text(page) -> str:
    """A page's (or an HTML fragment's) text, tags dropped and spaces folded."""
    html = page if isinstance(page, str) else page.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_platform_list_shows_each_platforms_figures_since_founding(demo_client):
    response = demo_client.get("/innovation/", {"year": 2024})
    assert response.status_code == 200
    row = re.search(r'<tr data-code="QZ-ZYHG">(.*?)</tr>', response.content.decode(), re.S).group(1)
    cells = text(row)
    for figure in ("269", "12", "160余", "90余", "6", "300余", "104.31", "优秀"):
        assert figure in cells
    assert "/innovation/outputs/?platform=QZ-ZYHG&through=2024" in row  # drill-down to the rows


def test_the_list_filters_by_region_subtree_and_type(demo_client):
    from guatu.core.models import Region
    from guatu.innovation.models import PlatformType

    response = demo_client.get("/innovation/", {"year": 2024, "region": Region.objects.get(code="330881").pk})
    assert re.findall(r'data-code="([^"]+)"', response.content.decode()) == ["JS-ZNZB"]
    response = demo_client.get("/innovation/", {"year": 2024, "platform_type": PlatformType.objects.get(code="NRI").pk})
    assert re.findall(r'data-code="([^"]+)"', response.content.decode()) == ["QZ-FGYJ", "QZ-JCDL"]


def test_the_platform_page_has_facts_partners_milestones_outputs_and_the_linked_project(demo_client):
    body = text(demo_client.get(INSTITUTE))
    facts = ("浙江省高端化学品技术创新中心", "段雪院士团队", "2023年12月", "签订战略合作协议", "工程化创新联合研究中心",
             "年产15万吨高端无机精细化学品项目", "技术入股", "25.00")  # fmt: skip
    for fact in facts:
        assert fact in body, fact
    assert re.search(r"成立以来累计 269 12 160余 90余 6 300余", body)


def test_the_scorecard_page_shows_each_indicators_actual_target_score_and_gap(demo_client):
    response = demo_client.get(INSTITUTE + "scorecard/2024/")
    page = response.content.decode()
    talent = text(re.search(r'data-measure="talent".*?</tr>', page, re.S).group(0))
    assert "148" in talent and "150" in talent and "98.7%" in talent and "19.73" in talent and " 2 " in talent
    assert 'id="total">104.31' in page and ">优秀<" in page
    assert 'id="innovation-scorecard-data"' in page and "<script>" not in page.replace("<script src", "")


def test_a_year_without_a_scheme_says_so(demo_client):
    response = demo_client.get("/innovation/platforms/ZJ-GDHXP/scorecard/2024/")
    assert 'id="no-scheme"' in response.content.decode()


def test_the_ranking_page_ranks_within_each_type(demo_client):
    page = demo_client.get("/innovation/ranking/", {"year": 2024}).content.decode()
    section = re.search(r'data-type="IRI">(.*?)</section>', page, re.S).group(1)
    assert re.findall(r'data-code="([^"]+)"', section) == ["QZ-ZYHG", "JS-ZNZB", "QZ-DLDC"]
    assert "95.25" in section and "+9.06" in section


def test_the_year_on_year_page_shows_growth(demo_client):
    body = text(demo_client.get(INSTITUTE + "years/"))
    assert "121 148 22.3%" in body  # talent 2023 → 2024


def test_the_rows_behind_a_figure_sum_to_it(demo_client):
    body = text(demo_client.get("/innovation/outputs/", {"platform": "QZ-ZYHG", "through": 2024}))
    assert "2023 121 5 72 38 2 130" in body and "2024 148 7 88 52 4 170" in body
    assert "合计 269 12 160 90 6 300" in body


def test_an_outsider_sees_no_platform_outside_their_region(client, outsider):
    client.force_login(outsider)
    assert client.get(INSTITUTE).status_code == 404
    assert client.get(INSTITUTE + "scorecard/2024/").status_code == 404
    page = client.get("/innovation/", {"year": 2024}).content.decode()
    assert re.findall(r'data-code="([^"]+)"', page) == ["JS-ZNZB"]
    ranking = client.get("/innovation/ranking/", {"year": 2024}).content.decode()
    assert "衢州资源化工创新研究院" not in ranking
    assert "衢州资源化工创新研究院" not in client.get("/innovation/outputs/").content.decode()


def test_a_reader_reads_but_may_not_report_outputs(reader_client):
    assert reader_client.get(INSTITUTE).status_code == 200
    assert reader_client.get(INSTITUTE + "outputs/2024/").status_code == 403
    assert reader_client.get("/innovation/schemes/1/edit/").status_code == 403


def test_an_officer_reports_a_years_outputs_and_the_change_is_recorded(client, officer):
    client.force_login(officer)
    row = PlatformOutput.objects.get(platform__code="QZ-ZYHG", year=2024)
    form = client.get(INSTITUTE + "outputs/2024/").content.decode()
    assert 'name="seen_version"' in form and re.search(r'value="papers"[^>]*checked', form)
    data = {"year": 2024, "talent": 150, "first_of_kind": 7, "papers": 88, "patent_applications": 52,
            "funded_projects": 4, "firm_services": 170, "lower_bound_measures": ["papers"], "note": "核实",
            "seen_version": row.version}  # fmt: skip
    response = client.post(INSTITUTE + "outputs/2024/", data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.talent == 150 and row.lower_bounds == "papers" and row.firm_services == 170
    last = records_of(row)[-1]
    assert last.username == "officer" and last.before["talent"] == 148 and last.after["talent"] == 150


def test_an_edit_over_a_newer_version_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    row = PlatformOutput.objects.get(platform__code="QZ-ZYHG", year=2023)
    seen = row.version
    row.talent = 122  # someone else saves after the officer opened the form
    row.save()
    response = client.post(INSTITUTE + "outputs/2023/", {"year": 2023, "talent": 1, "seen_version": seen})
    assert response.status_code == 200 and "请刷新后重新修改" in text(response)  # the stored figure stays
    row.refresh_from_db()
    assert row.talent == 122


def test_an_outsider_may_not_report_for_a_platform_outside_their_scope(client, outsider):
    client.force_login(outsider)
    assert client.post(INSTITUTE + "outputs/new/", {"year": 2024, "talent": 1}).status_code == 404


def test_only_the_city_edits_schemes_and_the_weights_are_checked_together(demo_client, officer):
    from django.test import Client

    scheme = EvaluationScheme.objects.get(year=2024, platform_type__code="IRI")
    other = Client()
    other.force_login(officer)
    assert other.get(f"/innovation/schemes/{scheme.pk}/edit/").status_code == 403
    indicators = list(scheme.indicators.order_by("order", "pk"))
    bands = list(scheme.bands.all())
    data = {"year": 2024, "platform_type": scheme.platform_type_id, "name": scheme.name, "bonus_cap": "10",
            "note": scheme.note, "seen_version": scheme.version,
            "indicators-TOTAL_FORMS": len(indicators), "indicators-INITIAL_FORMS": len(indicators),
            "bands-TOTAL_FORMS": len(bands), "bands-INITIAL_FORMS": len(bands)}  # fmt: skip
    for i, ind in enumerate(indicators):
        fields = {"id": ind.pk, "scheme": scheme.pk, "order": ind.order, "measure": ind.measure, "basis": ind.basis,
                  "kind": ind.kind, "weight": str(ind.weight), "target": str(ind.target),
                  "cap": "" if ind.cap is None else str(ind.cap), "seen_version": ind.version}  # fmt: skip
        data.update({f"indicators-{i}-{k}": v for k, v in fields.items()})
    for i, band in enumerate(bands):
        data.update(
            {
                f"bands-{i}-id": band.pk,
                f"bands-{i}-scheme": scheme.pk,
                f"bands-{i}-name": band.name,
                f"bands-{i}-min_score": str(band.min_score),
                f"bands-{i}-seen_version": band.version,
            }
        )
    # Move 5 points from talent (first row) to papers (third row) in one save: fine.
    moved = {**data, "indicators-0-weight": "15", "indicators-2-weight": "15"}
    response = demo_client.post(f"/innovation/schemes/{scheme.pk}/edit/", moved)
    assert response.status_code == 302, text(response)[:2000]
    weights = dict(SchemeIndicator.objects.filter(scheme=scheme, kind="normal").values_list("measure", "weight"))
    assert weights["talent"] == 15 and weights["papers"] == 15
    # Raising a weight past 100 in total is refused, and nothing changes.
    scheme.refresh_from_db()
    data["seen_version"] = scheme.version
    for i, ind in enumerate(SchemeIndicator.objects.filter(scheme=scheme).order_by("order", "pk")):
        data[f"indicators-{i}-seen_version"] = ind.version
        data[f"indicators-{i}-weight"] = str(ind.weight)
    response = demo_client.post(f"/innovation/schemes/{scheme.pk}/edit/", {**data, "indicators-1-weight": "30"})
    assert response.status_code == 200 and "110.00" in text(response)
    assert SchemeIndicator.objects.get(scheme=scheme, measure="first_of_kind", kind="normal").weight == 20


def test_copying_a_scheme_to_next_year_copies_its_indicators_and_bands(demo_client):
    scheme = EvaluationScheme.objects.get(year=2024, platform_type__code="IRI")
    response = demo_client.post(f"/innovation/schemes/{scheme.pk}/copy/", {"year": 2025})
    copy = EvaluationScheme.objects.get(year=2025, platform_type__code="IRI")
    assert response.status_code == 302 and copy.name == "2025年度产业创新研究院导向化绩效评价方案"
    assert copy.indicators.count() == 8 and copy.bands.count() == 4
    again = demo_client.post(f"/innovation/schemes/{scheme.pk}/copy/", {"year": 2025}, follow=True)
    assert "已有2025年度" in text(again)


def test_a_new_platform_is_created_in_the_officers_region(client, officer):
    from guatu.core.models import Region
    from guatu.innovation.models import PlatformType

    client.force_login(officer)
    form = client.get("/innovation/platforms/new/").content.decode()
    assert "江山市" not in re.search(r'<select name="region".*?</select>', form, re.S).group(0)
    data = {
        "code": "KC-NEW",
        "name": "柯城新研究院",
        "platform_type": PlatformType.objects.get(code="NRI").pk,
        "founded": "2024-03-01",
        "founded_precision": "month",
        "region": Region.objects.get(code="330802").pk,
    }
    assert client.post("/innovation/platforms/new/", data).status_code == 302
    assert InnovationPlatform.objects.get(code="KC-NEW").founded_display == "2024年3月"
    data.update(code="KC-NEW2", name="江山新研究院", region=Region.objects.get(code="330881").pk)
    assert client.post("/innovation/platforms/new/", data).status_code == 200  # not a region it may use
    assert not InnovationPlatform.objects.filter(code="KC-NEW2").exists()


def test_the_exports_carry_only_what_the_user_may_see(client, outsider):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(outsider)
    response = client.get("/innovation/export/outputs.xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert {r[0] for r in rows[2:]} == {"江山智能装备产业创新研究院"}


def test_the_nav_links_the_innovation_pages(demo_client):
    page = demo_client.get("/innovation/").content.decode()
    assert 'href="/innovation/" class="active">科创平台</a>' in page

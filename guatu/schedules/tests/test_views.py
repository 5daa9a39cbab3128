import io

import pytest
from pypdf import PdfReader

from guatu.core.browser import chromium_path
from guatu.core.models import Platform
from guatu.projects.models import Project
from guatu.schedules.models import Milestone
from guatu.schedules.tests.helpers import formset_data
from guatu.test import records_of
from guatu.testing.requirements import require

pytestmark = pytest.mark.django_db


def test_the_battle_map_opens_on_the_home_platform_with_every_colour(demo_client):
    response = demo_client.get("/battle-map/")
    assert response.status_code == 200
    data = response.context["map"]
    assert data.scope.platform.name == "衢州智造新城" and str(data.as_of) == "2024-11-30"
    assert {row.level for row in data.projects} == {"red", "yellow", "green"}
    levels = [row.level for row in data.projects]
    assert levels == sorted(levels, key=["red", "yellow", "green"].index)  # most severe first
    assert len(data.projects) == 50 and len(data.rows) == 50 * 8  # a page: 50 projects with their milestones
    assert (data.counts["red"], data.counts["yellow"], data.counts["green"]) == (18, 20, 87)


def test_the_battle_maps_pages_go_most_severe_first_and_every_page_counts_the_whole_platform(demo_client):
    seen, address = [], "/battle-map/"  # from the home platform, then the pager's links
    for number in (1, 2, 3):
        response = demo_client.get(address)
        data = response.context["map"]
        address = f"/battle-map/?{response.context['query']}&page={number + 1}"
        assert (number < 3) == (f"page={number + 1}" in response.content.decode().replace("&amp;", "&"))
        assert (data.counts["red"], data.counts["yellow"], data.counts["green"]) == (18, 20, 87)
        seen += [(row.level, row.key) for row in data.projects]
    assert data.page.paginator.num_pages == 3 and len(seen) == len(set(seen)) == 125
    assert seen == sorted(seen, key=lambda r: (["red", "yellow", "green"].index(r[0]), r[1]))
    assert [level for level, _code in seen].count("red") == 18


def test_the_battle_map_filters_by_level(demo_client):
    response = demo_client.get("/battle-map/", {"level": "red", "as_of": "2024-11-30"})
    assert {row.level for row in response.context["map"].projects} == {"red"}


def test_the_warnings_page_summarises_by_list(demo_client):
    response = demo_client.get("/warnings/")
    assert response.status_code == 200
    labels = [row.label for row in response.context["summary"]]
    assert labels[:3] == ['省"千项万亿"工程项目', "省集中开工项目", "市重点项目"]
    assert all(w.level != "green" for w in response.context["flagged"])


def test_the_problem_list_counts_overdue_per_department(demo_client):
    response = demo_client.get("/problems/", {"overdue": "on"})
    assert response.status_code == 200
    assert sum(response.context["overdue_by_department"].values()) >= 1


def test_saving_an_actual_date_is_recorded_and_rescheduled(demo_client, demo_user):
    project = Project.objects.get(name__startswith="浙江正和硅材料")
    data = formset_data(project)
    data["m-4-actual_finish"] = "2024-11-28"  # equipment installed
    response = demo_client.post(f"/projects/{project.code}/milestones/?as_of=2024-11-30", data)
    assert response.status_code == 302
    equipment = Milestone.objects.get(project=project, key="equipment")
    assert str(equipment.actual_finish) == "2024-11-28"
    assert records_of(equipment)[-1].user == demo_user
    page = demo_client.get(f"/projects/{project.code}/milestones/")
    rows = {row.milestone.key: row for row in page.context["plan"].rows}
    # trial can start no earlier than the as-of day (11-30): 19 days to 12-19, one day before its 12-20
    assert rows["equipment"].status == "met" and rows["trial"].timing.float_days == 1


def test_a_reader_cannot_change_milestones(reader_client):
    project = Project.objects.get(name__startswith="浙江正和硅材料")
    assert reader_client.get(f"/projects/{project.code}/milestones/").status_code == 200
    assert reader_client.post(f"/projects/{project.code}/milestones/", {}).status_code == 403
    assert reader_client.post(f"/projects/{project.code}/milestones/approve/").status_code == 403


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, glyphs embedded?) for every font the pages use.

    Chromium embeds CFF-outline fonts such as Noto Sans CJK as Type 3 fonts: the glyph outlines are
    in /CharProcs and the descriptor names the font they came from. Had the CJK font been missing,
    the descriptor would name a fallback font and the Chinese would be empty boxes.
    """
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            name = str(descriptor.get("/FontName") or font.get("/BaseFont") or "")
            outlines = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            glyph_procs = len(font.get("/CharProcs", {}) or {}) > 0
            found.append((name, outlines or glyph_procs))
    return found


def test_the_pdf_export_is_a3_landscape_with_a_cjk_font_embedded(demo_client):
    require(chromium_path() is not None, "chromium")
    platform = Platform.objects.get(code="ZZXC").pk
    response = demo_client.get("/battle-map/export.pdf", {"as_of": "2024-11-30", "level": "red", "platform": platform})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 1190.55) < 2 and abs(height - 841.89) < 2  # A3 landscape in points
    fonts = _fonts(reader)
    assert any("CJK" in name and embedded for name, embedded in fonts), fonts
    first = reader.pages[0].extract_text()
    assert "挂图作战" in first and "2024-11-30" in first and "衢州智造新城" in first
    last = reader.pages[-1].extract_text()
    assert f"{len(reader.pages)} / {len(reader.pages)}" in last  # page numbers on every page


def test_the_png_export_is_an_image(demo_client):
    require(chromium_path() is not None, "chromium")
    response = demo_client.get("/battle-map/export.png", {"as_of": "2024-11-30", "level": "yellow"})
    assert response.status_code == 200 and response.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_unknown_export_format_is_404(demo_client):
    assert demo_client.get("/battle-map/export.xls").status_code == 404


def test_the_projects_only_pdf_is_shorter(demo_client):
    require(chromium_path() is not None, "chromium")
    query = {"as_of": "2024-11-30", "level": "red"}
    full = PdfReader(io.BytesIO(demo_client.get("/battle-map/export.pdf", query).content))
    short = PdfReader(io.BytesIO(demo_client.get("/battle-map/export.pdf", {**query, "milestones": "0"}).content))
    assert len(short.pages) < len(full.pages)


def test_a_project_that_cannot_be_scheduled_stays_on_the_battle_map_red_with_the_reason(demo_client):
    project = Project.objects.get(name__startswith="浙江正和硅材料")
    Milestone.objects.filter(project=project, key="land").update(predecessors="ghost")
    response = demo_client.get("/battle-map/", {"as_of": "2024-11-30"})
    row = next(r for r in response.context["map"].projects if r.key == project.code)
    assert row.level == "red" and row.unschedulable
    assert "ghost" in row.reasons[0] and "无法排期" in row.reasons[0]
    assert 'class="tag red unschedulable"' in response.content.decode()


@pytest.mark.parametrize(("path", "query"), [
    ("/battle-map/", {"as_of": "9999-12-31"}),
    ("/warnings/", {"as_of": "1999-12-31"}),
    ("/battle-map/export.pdf", {"as_of": "9999-12-31"}),
    ("/battle-map/export.pdf", {"as_of": "2024-11-30", "milestones": "maybe"}),
    ("/problems/", {"status": "nope"}),
])  # fmt: skip
def test_battle_map_pages_answer_a_bad_parameter_with_a_400(demo_client, path, query):
    response = demo_client.get(path, query)
    assert response.status_code == 400
    assert next(iter(query.keys() - {"as_of"} or query)) in response.content.decode()

"""The battle map as a person sees it: Debian's chromium against the served demo."""

import pytest

pytestmark = pytest.mark.browser


def test_the_battle_map_shows_rows_in_warning_colours(page, server):
    page.goto(f"{server}/battle-map/")
    projects = page.locator("#gantt tr.g-project")
    assert projects.count() == 50  # the first of three pages of the platform's 125
    colours = {}
    for level in ("red", "yellow", "green"):
        row = page.locator(f"#gantt tr.g-project.level-{level}").first
        colours[level] = row.locator("td").first.evaluate("td => getComputedStyle(td).borderLeftColor")
    assert colours == {"red": "rgb(198, 40, 40)", "yellow": "rgb(224, 161, 0)", "green": "rgb(27, 127, 59)"}
    assert projects.first.get_attribute("data-level") == "red"  # most severe first
    assert page.locator("#gantt line.today").count() > 50  # the as-of line crosses every row
    assert page.locator(".count.red").inner_text().replace(" ", "") == "红18"


def test_the_next_page_keeps_the_platform_and_its_whole_counts(page, server):
    page.goto(f"{server}/battle-map/")
    assert page.inner_text("#battle-pages span") == "1 / 3"
    for number, rows in ((2, 50), (3, 25)):
        page.locator("#battle-pages a", has_text="›").click()
        page.wait_for_selector(f"#battle-pages span:text-is('{number} / 3')")
        assert page.locator("#gantt tr.g-project").count() == rows
        assert page.locator(".count.red").inner_text().replace(" ", "") == "红18"
        assert "衢州智造新城" in page.inner_text("h1")


def test_a_project_row_expands_to_its_milestones_with_coloured_markers(page, server):
    page.goto(f"{server}/battle-map/?as_of=2024-11-30&q=&level=yellow")
    first = page.locator("#gantt tr.g-project").first
    key = first.get_attribute("data-key")
    children = page.locator(f'#gantt tr[data-parent="{key}"]')
    assert children.count() == 7 and not children.first.is_visible()
    first.locator("button.g-toggle").click()
    assert children.first.is_visible()
    met = page.locator(f'#gantt tr[data-parent="{key}"] path.marker.met').first
    assert met.evaluate("p => getComputedStyle(p).fill") == "rgb(27, 127, 59)"


def test_a_project_name_clicks_through_to_the_project(page, server):
    page.goto(f"{server}/battle-map/?level=green&as_of=2024-11-30")
    link = page.locator("#gantt tr.g-project a").first
    name = link.inner_text()
    link.click()
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == name

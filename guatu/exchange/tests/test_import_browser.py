"""An officer uploads a sheet in the browser; the worker previews it in the background; they confirm."""

import pytest

pytestmark = pytest.mark.browser


def test_upload_preview_confirm_in_the_browser(page, server, tmp_path):
    sheet = tmp_path / "年度计划.csv"
    sheet.write_text(
        "项目代码,年份,年度计划投资(亿元),年内开工,年内投产\n2024-330802-001,2027,3.5,否,是\n", encoding="utf-8"
    )
    page.goto(f"{server}/imports/")
    page.set_input_files("input[name=file]", str(sheet))
    page.click("#upload button")
    page.wait_for_selector("#preview", timeout=30_000)  # the page polls until the worker has read the file
    assert "新增 1" in page.inner_text("#preview")
    page.click("#confirm-import")
    page.wait_for_selector("#committed", timeout=30_000)
    assert "年度计划.csv" in page.inner_text("h1")

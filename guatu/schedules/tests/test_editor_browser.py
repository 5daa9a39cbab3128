"""The milestone editor as a person uses it: Debian's chromium against the served demo."""

import pytest

pytestmark = pytest.mark.browser


def test_add_a_milestone_set_a_predecessor_save_and_see_the_dates_move(page, server):
    page.goto(f"{server}/projects/?q=浙江正和硅材料")
    page.locator("table a", has_text="浙江正和硅材料").first.click()
    page.locator("a.button", has_text="节点").first.click()
    page.wait_for_selector("#milestones")
    assert page.locator("#milestones tbody tr").count() == 7
    trial = page.locator('#milestones tr[data-key="trial"]')
    assert trial.locator("td.earliest").inner_text() == "2024-12-20"

    # Add 环评批复 after 供地 with a 5-day lag: chosen by name, no code typed.
    add = page.locator("#add-milestone")
    add.locator('input[name="new-name"]').fill("环评批复")
    add.locator('input[name="new-duration_days"]').fill("20")
    add.locator('select[name="new-predecessors_key"]').first.select_option(label="供地")
    add.locator('input[name="new-predecessors_lag"]').first.fill("5")
    add.locator("#add-milestone-button").click()
    page.wait_for_selector('#milestones tr[data-key="环评批复"]')
    added = page.locator('#milestones tr[data-key="环评批复"]')
    assert added.locator("td.earliest").inner_text() == "2024-12-20"  # nothing starts before the as-of day 11-30
    assert "已添加节点" in page.locator(".msg").first.inner_text()

    # 试生产 now also waits for 环评批复: add a predecessor row, pick it by name, save.
    trial = page.locator('#milestones tr[data-key="trial"]')
    trial.locator("button.add-link").click()
    trial.locator('select[name$="-predecessors_key"]').last.select_option(label="环评批复")
    page.locator("#save-milestones").click()
    page.wait_for_selector(".msg")
    trial = page.locator('#milestones tr[data-key="trial"]')
    assert trial.locator("td.earliest").inner_text() == "2025-01-08"  # 12-20 + 19 days
    assert trial.locator("td.float").inner_text() == "-19"
    assert "negative" in trial.locator("td.float").get_attribute("class")
    assert page.locator("#days-missed").is_visible()

    # Take it out again: drop the link, remove the milestone, save.
    trial.locator(".link-row").last.locator("button.remove-link").click()
    page.locator('#milestones tr[data-key="环评批复"] input[name$="-DELETE"]').check()
    page.locator("#save-milestones").click()
    page.wait_for_selector(".msg")
    assert page.locator('#milestones tr[data-key="环评批复"]').count() == 0
    assert page.locator('#milestones tr[data-key="trial"] td.earliest').inner_text() == "2024-12-20"

"""The dashboard in a real browser: a solara server subprocess driven by headless Chromium."""

import os
import re

import pytest

from pathlib import Path

pytestmark = pytest.mark.slow
DOC_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "dashboard.png"


def screenshot_path(tmp_path: Path) -> Path:
    """Tests never change tracked files: the README's screenshot is refreshed only on request
    (CLUSTER_SIM_UPDATE_SCREENSHOTS=1), otherwise it goes to a temporary folder."""
    return DOC_SCREENSHOT if os.environ.get("CLUSTER_SIM_UPDATE_SCREENSHOTS") == "1" else tmp_path / "dashboard.png"


def chart_sources(page) -> tuple[str, str]:
    return (page.locator(".chart-collective img").first.get_attribute("src"),
            page.locator(".chart-farmer img").first.get_attribute("src"))


def assert_no_error(page, dashboard) -> None:
    assert page.locator(".app-error").count() == 0, page.locator(".app-error").inner_text()
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "raised exception" not in body, body[-2000:]
    assert "Traceback" not in dashboard.log.read_text(), dashboard.log.read_text()[-4000:]


def test_switch_policy_on_run_years_charts_change(browser, start_dashboard, tmp_path):
    from playwright.sync_api import expect

    dashboard = start_dashboard(lang="zh", seed=2024)
    page = browser.new_page(viewport={"width": 1500, "height": 1450})
    page.goto(dashboard.url)
    page.wait_for_selector(".village", timeout=90_000)
    page.wait_for_selector(".chart-collective img", timeout=60_000)
    expect(page.locator(".run-status")).to_contain_text("2024")
    before = chart_sources(page)

    # switch the flying-land package on (Chinese labels by default), apply, run five years
    page.locator(".switch-flying_land input").click()
    apply = page.locator(".apply-button")
    expect(apply).to_be_enabled(timeout=30_000)
    apply.click()
    expect(apply).to_be_disabled(timeout=60_000)
    page.locator(".run-button").click()
    expect(page.locator(".run-status")).to_contain_text("2029", timeout=60_000)
    page.wait_for_function(
        "([a, b]) => { const c = document.querySelector('.chart-collective img');"
        " const f = document.querySelector('.chart-farmer img');"
        " return c && f && c.src !== a && f.src !== b; }", arg=list(before), timeout=60_000)
    after = chart_sources(page)
    assert after[0] != before[0] and after[1] != before[1]

    # the summary compares with the baseline: flying land adds public money and weak-village income
    expect(page.locator(".summary-table")).to_contain_text("比基线多花的财政资金", timeout=60_000)
    # click a weak village: its accounts and households appear
    page.locator(".village polygon").first.click()
    page.wait_for_selector(".village-accounts", timeout=30_000)
    assert re.search(r"经营性收入", page.locator(".village-accounts").inner_text())
    expect(page.locator(".village-panel img")).to_have_count(2, timeout=30_000)
    assert_no_error(page, dashboard)
    screenshot = screenshot_path(tmp_path)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000

    # the English switch relabels the page
    page.locator(".lang-en").click()
    expect(page.locator(".run-button")).to_contain_text("Run", timeout=30_000)
    expect(page.locator(".summary-table")).to_contain_text("baseline", timeout=30_000)
    assert_no_error(page, dashboard)
    page.close()


OUTLINES = "() => [...document.querySelectorAll('.county-map svg polygon[stroke-dasharray]')].map(p => p.getAttribute('points'))"


def test_the_cluster_switch_redraws_the_map_with_the_clusters_the_villages_form(browser, start_dashboard):
    from playwright.sync_api import expect

    dashboard = start_dashboard(lang="zh", seed=2024)
    page = browser.new_page(viewport={"width": 1500, "height": 1450})
    page.goto(dashboard.url)
    page.wait_for_selector(".village", timeout=90_000)
    expect(page.locator(".control-cluster_formation")).to_contain_text("片区怎样划", timeout=30_000)
    before = page.evaluate(OUTLINES)
    assert len(before) == 8  # Pinghu's eight designated clusters
    page.locator(".control-cluster_formation .v-select").click()
    page.get_by_text("各村自愿组团（按收益）").last.click()
    apply = page.locator(".apply-button")
    expect(apply).to_be_enabled(timeout=30_000)
    apply.click()
    expect(apply).to_be_disabled(timeout=60_000)
    page.wait_for_function(f"(b) => JSON.stringify(({OUTLINES})()) !== JSON.stringify(b)", arg=before, timeout=60_000)
    assert page.evaluate(OUTLINES) != before
    assert_no_error(page, dashboard)
    page.locator(".lang-en").click()
    expect(page.locator(".control-cluster_formation")).to_contain_text("How clusters are drawn", timeout=30_000)
    expect(page.locator(".control-cluster_formation")).to_contain_text("formed by the villages", timeout=30_000)
    assert_no_error(page, dashboard)
    page.close()

"""A classroom of three groups end to end in real Chromium: each browser takes its group from
the URL, a name another browser holds is refused, a reload keeps the group, each group sets
its policy, runs five years and submits; the results CSV holds exactly the three rows, and
the group whose tourism budget buys not one village sees that and gets the baseline."""

from pathlib import Path
from urllib.parse import quote

import pytest

from cluster_sim.classroom.results import read_results

pytestmark = pytest.mark.slow
WEAK = Path(__file__).resolve().parents[2] / "scenarios" / "classroom_weak_villages.toml"


WATCH_BUSY = """() => {
  window.busySeen = false; window.disabledWhileBusy = false;
  const check = () => {
    if (!document.querySelector('.busy-sign')) return;
    window.busySeen = true;
    const off = s => { const e = document.querySelector(s); return !!e && e.disabled; };
    if (off('.run-button') && off('.reset-button')) window.disabledWhileBusy = true;
  };
  new MutationObserver(check).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


def open_group(browser, url: str, group: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    page = context.new_page()
    page.goto(f"{url}?group={quote(group)}")
    page.wait_for_selector(".chart-collective img", timeout=120_000)
    return context, page


def set_budget(page, package: str, wan: str) -> None:
    page.locator(f".switch-{package} input").click()
    page.locator(f".policy-{package} .v-expansion-panel-title").first.click()
    box = page.locator(f".policy-{package} .control-budget_yuan input").first
    box.fill(wan)
    box.press("Enter")


def run_and_submit(page, check_busy: bool = False) -> None:
    from playwright.sync_api import expect

    apply = page.locator(".apply-button")
    if apply.is_enabled():
        apply.click()
        expect(apply).to_be_disabled(timeout=120_000)
    if check_busy:  # the run may take well under a second: watch every change of the page
        page.evaluate(WATCH_BUSY)
    page.locator(".run-button").click()
    if check_busy:  # while the five years ran: a busy sign, and the buttons refused a second click
        expect(page.locator(".run-status")).to_contain_text("2029", timeout=120_000)
        assert page.evaluate("() => [window.busySeen, window.disabledWhileBusy]") == [True, True]
    expect(page.locator(".run-status")).to_contain_text("2029", timeout=120_000)
    expect(page.locator(".busy-sign")).to_have_count(0, timeout=60_000)
    submit = page.locator(".submit-button")
    expect(submit).to_be_enabled(timeout=60_000)
    submit.click()
    expect(page.locator(".submitted-message")).to_contain_text("已提交", timeout=60_000)


def test_three_groups_end_to_end(browser, start_dashboard, tmp_path):
    from playwright.sync_api import expect

    results = tmp_path / "class.csv"
    dashboard = start_dashboard(classroom=str(WEAK), lang="zh", results=str(results))
    groups = {}
    for name in ("第一组", "第二组", "第三组"):
        groups[name] = open_group(browser, dashboard.url, name)
    for name, (_, page) in groups.items():
        expect(page.locator(".group-select")).to_contain_text(name, timeout=30_000)

    # a fourth browser asking for 第二组 is refused and gets a free group instead
    intruder, page4 = open_group(browser, dashboard.url, "第二组")
    expect(page4.locator(".group-refused")).to_contain_text("已被另一台设备选用", timeout=30_000)
    expect(page4.locator(".group-select")).to_contain_text("第四组")
    intruder.close()

    # a reload keeps the group
    page2 = groups["第二组"][1]
    page2.reload()
    page2.wait_for_selector(".chart-collective img", timeout=120_000)
    expect(page2.locator(".group-select")).to_contain_text("第二组", timeout=30_000)
    assert page2.locator(".group-refused").count() == 0

    # 第一组: tourism with 1,500 万 — below one village (3,000 万): warned before, nothing after
    page1 = groups["第一组"][1]
    set_budget(page1, "tourism", "1500")
    expect(page1.locator(".below-unit-tourism")).to_contain_text("不够一个村", timeout=30_000)
    # 第二组: flying land with 2,000 万
    set_budget(page2, "flying_land", "2000")
    for name, (_, page) in groups.items():
        run_and_submit(page, check_busy=name == "第一组")
    expect(page1.locator(".package-use-tourism")).to_contain_text("未花钱")
    expect(page2.locator(".package-use-flying_land")).to_contain_text("实际花费")
    for _, (context, _) in groups.items():
        context.close()

    rows = read_results(results).set_index("group")
    assert sorted(rows.index) == ["第一组", "第三组", "第二组"]
    assert (rows["seed"] == 2024).all()
    # unfunded tourism changes nothing: 第一组 sees exactly what 第三组 (no policy) sees
    m = [c for c in rows.columns if c.startswith("m_") and c != "m_extra_public_spending_yuan"]
    assert (rows.loc["第一组", m] == rows.loc["第三组", m]).all()
    assert rows.loc["第二组", "m_weak_operating_mean_yuan"] > rows.loc["第三组", "m_weak_operating_mean_yuan"]
    assert rows.loc["第二组", "m_extra_public_spending_yuan"] > 0
    assert "Traceback" not in dashboard.log.read_text(), dashboard.log.read_text()[-3000:]

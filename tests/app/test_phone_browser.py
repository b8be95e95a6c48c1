"""The dashboard on a phone (390 × 844): one column, no sideways scroll, every input wide
enough to use — in real Chromium against a real server."""

from pathlib import Path

import pytest

WEAK = Path(__file__).resolve().parents[2] / "scenarios" / "classroom_weak_villages.toml"

pytestmark = pytest.mark.slow

OVERFLOW = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && r.right > w + 1 && getComputedStyle(el).visibility !== 'hidden'
        && !el.closest('.v-slider-thumb') && !el.closest('.v-overlay-container'))
      out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width: w, out: out.slice(0, 10)};
}"""

CONTROLS = """() => [...document.querySelectorAll('.controls-column input, .controls-column textarea,'
  + ' .controls-column button, .controls-column .v-slider')]
  .filter(el => el.offsetParent !== null && el.type !== 'hidden' && el.type !== 'checkbox'
          && !el.closest('.v-slider-thumb') && !el.closest('.v-selection-control'))
  .map(el => { const r = el.getBoundingClientRect();
    return {tag: el.tagName, type: el.type || '', cls: String(el.className).slice(0, 60),
            label: (el.closest('.v-input, .v-field') || el).innerText.slice(0, 30),
            left: r.left, right: r.right, width: r.width}; })"""


def test_phone_viewport_stacks_and_every_input_is_usable(browser, start_dashboard, tmp_path):
    from playwright.sync_api import expect

    dashboard = start_dashboard(classroom=str(WEAK), lang="zh", results=str(tmp_path / "r.csv"))
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.goto(dashboard.url)
    page.wait_for_selector(".chart-collective img", timeout=90_000)
    # one column: the results sit below the controls, not beside them
    controls = page.locator(".controls-column").bounding_box()
    chart = page.locator(".county-map").bounding_box()
    assert controls["width"] > 330 and chart["y"] > controls["y"] + controls["height"] - 1
    # open every policy package and parameter list, so every input is laid out
    titles = page.locator(".controls-column .v-expansion-panel-title")
    for i in range(titles.count()):
        titles.nth(i).click()
    page.locator(".switch-tourism input").click()
    expect(page.locator(".apply-button")).to_be_enabled(timeout=30_000)
    page.wait_for_timeout(500)
    seen = page.evaluate(OVERFLOW)
    assert seen["scroll"] <= seen["width"] and not seen["out"], seen
    boxes = page.evaluate(CONTROLS)
    assert len(boxes) > 50, boxes
    for b in boxes:
        assert b["left"] >= 0 and b["right"] <= 391, b
        minimum = 120 if b["tag"] in ("INPUT", "TEXTAREA") and b["type"] != "range" else 40
        assert b["width"] >= minimum, b
    # the budget box can be typed into
    budget = page.locator(".policy-tourism .control-budget_yuan input").first
    budget.fill("3000")
    budget.press("Enter")
    assert budget.input_value() == "3000"
    page.close()

"""The report opens offline in headless Chromium with its tables and figures, and the
figures' Chinese text has glyphs (no empty boxes)."""

from __future__ import annotations

import io
import warnings

import pytest
from matplotlib import font_manager

from cluster_sim.app.chromium import launch_options
from cluster_sim.outputs.figures import CJK_FAMILIES, plt, setup_cjk_font


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(**launch_options())
        yield chromium
        chromium.close()


@pytest.mark.parametrize("page_file, title, heading", [
    ("report.html", "乡村片区组团发展政策比较报告", "核心指标"),
    ("report_en.html", "Village-cluster development: policy comparison report", "Headline indicators"),
])
def test_report_renders_offline_with_tables_and_figures(browser, comparison, page_file, title, heading):
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((comparison.out / page_file).as_uri())
    page.wait_for_load_state("load")
    assert page.title() == title
    assert heading in page.inner_text("body")
    assert page.locator("table").count() >= 8
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    pngs = sorted(p.name for p in comparison.out.glob("*.png"))
    assert len(widths) == len(pngs) and all(w > 0 for w in widths)
    # self-contained: nothing fetched beyond the file itself and its data: URLs
    assert [u for u in requested if not u.startswith(("data:", "file:"))] == []
    assert [u for u in requested if u.startswith("file:")] == [(comparison.out / page_file).as_uri()]
    page.close()


def _draw(text: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title(text)
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)
    return [str(w.message) for w in caught if "missing" in str(w.message).lower()]


def test_figure_font_draws_chinese():
    family = setup_cjk_font()
    assert family in CJK_FAMILIES or "CJK" in family
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert "cjk" in path.lower() or "wqy" in path.lower()
    assert _draw("村集体经营性收入 与基准之差 低收入农户 强弱村 飞地抱团 万元") == []


def test_missing_glyphs_would_be_caught():
    # the check above can fail: with a Latin-only font matplotlib reports the missing glyphs
    setup_cjk_font()
    saved = list(plt.rcParams["font.sans-serif"])
    plt.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    try:
        assert _draw("村集体") != []
    finally:
        plt.rcParams["font.sans-serif"] = saved

"""The dashboard's charts: the difference from the baseline by village group shows the effect
on its own scale, and every text is projector-sized (>= 12 pt)."""

import pytest
from matplotlib.text import Text

from cluster_sim.app import charts
from cluster_sim.app.session import Session


@pytest.fixture(scope="module")
def ran(small_scenario):
    s = Session.for_scenario(str(small_scenario), seed=3)
    s.set_value("policies.flying_land.enabled", True)
    s.apply()
    s.run_years(3)
    return s.county_rows(), s.baseline().county_rows


def test_difference_view_shows_run_minus_baseline_per_group(ran):
    run, base = ran
    fig = charts.difference_by_group(run, base, "zh")
    ax = fig.axes[0]
    heights = [b.get_height() for b in ax.patches]
    t = int(run["t"].iloc[-1])
    expected = [(run.set_index("t").loc[t, col] - base.set_index("t").loc[t, col]) / 1e4
                for col, _ in charts.GROUPS if col in run and run[col].notna().all()]
    assert heights == pytest.approx(expected)
    assert any(abs(h) > 0.01 for h in heights)  # flying land moves weak villages
    lo, hi = ax.get_ylim()
    assert hi - lo < 4 * max(abs(h) for h in heights) + 1e-9  # scaled to the effect, not to the levels
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["全部村", "薄弱村"]


def every_chart(ran, lang: str, small_scenario) -> list:
    """The dashboard's five charts: the three of the run and the two of a village's card."""
    run, base = ran
    s = Session.for_scenario(str(small_scenario), seed=3)
    s.run_years(1)
    d = s.village_detail(0)
    return [charts.difference_by_group(run, base, lang), charts.collective_income(run, base, lang),
            charts.farmer_income(run, base, lang), charts.village_history(d["history"], d["name"], lang),
            charts.household_sources(d["household_income"], lang)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_text_is_at_least_12_pt(ran, lang, small_scenario):
    figs = every_chart(ran, lang, small_scenario)
    for fig in figs:
        fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
        texts = [t for t in fig.findobj(Text) if t.get_text().strip()]
        assert texts
        small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < 12]
        assert not small, small


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_text_is_cut_off_or_overlaps_another(ran, lang, small_scenario):
    """Fixed margins (no constrained layout): every title, label, tick and legend entry must lie
    inside the figure, and the legend must not sit on the axis labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figs = every_chart(ran, lang, small_scenario)
    for fig in figs:
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        drawn = fig.get_tightbbox(renderer)  # inches, of what is drawn (ticks outside the view are not)
        width, height = fig.get_size_inches()
        assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01 and drawn.x1 <= width + 0.01 and drawn.y1 <= height + 0.01, (
            fig.axes[0].get_title(), drawn, (width, height))
        for legend in fig.legends:
            box = legend.get_window_extent(renderer)
            for ax in fig.axes:
                labels = [ax.xaxis.label, *ax.get_xticklabels()]
                hit = [t.get_text() for t in labels if t.get_text() and box.overlaps(t.get_window_extent(renderer))]
                assert not hit, hit

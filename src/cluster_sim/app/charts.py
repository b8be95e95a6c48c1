"""The dashboard's charts: this run beside its baseline, drawn with matplotlib to PNG in a
worker process (``worker.draw``), so they need no browser plotting library, show Chinese with
the CJK font, and cost the server's event loop nothing.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..accounts import HOUSEHOLD_SOURCE_LABELS, HOUSEHOLD_SOURCES
from ..outputs.figures import setup_cjk_font
from .i18n import pick, tr

RUN_STYLE = {"lw": 2.2, "marker": "o", "ms": 4}
BASE_STYLE = {"lw": 1.6, "ls": "--", "alpha": 0.8}
# Read from the back of a classroom on a projector: nothing smaller than 12 pt.
TEXT_PT, TITLE_PT = 12, 14
# Village groups of the difference view: (county_year column, word)
GROUPS = (("collective_income_operating_mean_yuan", "group_all"), ("weak_operating_mean_yuan", "weak"),
          ("strong_operating_mean_yuan", "strong"), ("key_operating_mean_yuan", "key"),
          ("surrounding_operating_mean_yuan", "group_surrounding"), ("partner_operating_mean_yuan", "partner"))


def _figure(width: float, height: float, left: float, bottom: float, top: float = 0.45) -> Figure:
    """A figure with fixed margins in inches: a constrained layout measured every text's extent
    and was half of a chart's drawing time, once per click. ``test_charts`` checks that every
    text still lies inside the figure."""
    setup_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100)
    fig.subplots_adjust(left=left / width, right=1 - 0.2 / width, bottom=bottom / height, top=1 - top / height)
    return fig


def _ticks(ax) -> None:
    ax.tick_params(labelsize=TEXT_PT)


def _short_lines(label: str, width: int = 11) -> str:
    """A category label on lines of ``width`` characters at most (English names are long; with
    fixed margins a long one would run into its neighbour or off the figure)."""
    return textwrap.fill(label, width, break_long_words=False)


def _pair(ax, base: pd.DataFrame, run: pd.DataFrame, col: str, colour: str, scale: float) -> None:
    ax.plot(base["year"], base[col] / scale, color=colour, **BASE_STYLE)
    if len(run):
        ax.plot(run["year"], run[col] / scale, color=colour, **RUN_STYLE)


def _finish(ax, lang: str, title: str, series: list[tuple[str, str]]) -> None:
    """Title, axis and one legend below: a colour per series, and one key for the two line
    styles (short entries a projector can show in two rows, not "series · baseline" six times)."""
    ax.set_title(title, fontsize=TITLE_PT)
    ax.set_xlabel(tr("year", lang), fontsize=TEXT_PT)
    ax.grid(alpha=0.3)
    _ticks(ax)
    handles = [Line2D([], [], color=colour, lw=RUN_STYLE["lw"]) for _, colour in series]
    handles += [Line2D([], [], color="#555", **BASE_STYLE), Line2D([], [], color="#555", **RUN_STYLE)]
    labels = [label for label, _ in series] + [tr("baseline", lang), tr("current", lang)]
    ax.figure.legend(handles, labels, fontsize=TEXT_PT, ncol=3, loc="lower center", frameon=False,
                     borderaxespad=0.2, columnspacing=1.0, handlelength=1.8)
    ax.xaxis.get_major_locator().set_params(integer=True)


def difference_by_group(run: pd.DataFrame, base: pd.DataFrame, lang: str) -> Figure:
    """This run minus the baseline in the last closed year, per village group (万元 per village):
    the effect being taught, on an axis scaled to it rather than to the levels."""
    fig = _figure(8.0, 3.8, left=0.85, bottom=0.65)  # two-line English names below
    ax = fig.subplots()
    if len(run):
        t = int(run["t"].iloc[-1])
        now, then = run.set_index("t").loc[t], base.set_index("t").loc[t]
        groups = [(col, word) for col, word in GROUPS if col in run and pd.notna(now[col]) and pd.notna(then[col])]
        diffs = [float(now[col] - then[col]) / 1e4 for col, _ in groups]
        colours = ["#2ca02c" if d >= 0 else "#d62728" for d in diffs]
        bars = ax.bar([_short_lines(tr(word, lang)) for _, word in groups], diffs, color=colours)
        ax.bar_label(bars, labels=[f"{d:+,.1f}" if abs(d) >= 0.05 else "0" for d in diffs], fontsize=TEXT_PT,
                     padding=2)
        ax.margins(y=0.25)
        year = int(run["year"].iloc[-1])
        ax.set_title(tr("chart_difference", lang, year=year), fontsize=TITLE_PT)
    else:
        ax.set_title(tr("no_year_closed", lang), fontsize=TITLE_PT)
    ax.axhline(0, color="#333", lw=1)
    ax.grid(alpha=0.3, axis="y")
    _ticks(ax)
    return fig


def collective_income(run: pd.DataFrame, base: pd.DataFrame, lang: str) -> Figure:
    """Collective income per village, total and operating, in 万元."""
    fig = _figure(6.4, 4.6, left=0.75, bottom=1.3)
    ax = fig.subplots()
    series = [("collective_income_total_mean_yuan", tr("total", lang), "#1f77b4"),
              ("collective_income_operating_mean_yuan", tr("operating", lang), "#d62728"),
              ("weak_operating_mean_yuan", tr("weak_operating", lang), "#9467bd")]
    for col, _, colour in series:
        _pair(ax, base, run, col, colour, 1e4)
    _finish(ax, lang, tr("chart_collective", lang), [(label, colour) for _, label, colour in series])
    return fig


def farmer_income(run: pd.DataFrame, base: pd.DataFrame, lang: str) -> Figure:
    """Farmer income per capita, all and low-income households, in 元."""
    fig = _figure(6.4, 4.6, left=0.85, bottom=1.3)  # the same height as the collective chart beside it
    ax = fig.subplots()
    series = [("farmer_income_per_capita_yuan", tr("all_farmers", lang), "#2ca02c"),
              ("low_income_income_per_capita_yuan", tr("low_income", lang), "#ff7f0e")]
    for col, _, colour in series:
        _pair(ax, base, run, col, colour, 1.0)
    _finish(ax, lang, tr("chart_farmer", lang), [(label, colour) for _, label, colour in series])
    return fig


def village_history(history: pd.DataFrame, name: str, lang: str) -> Figure:
    """One village's operating income, this run vs. baseline (万元)."""
    fig = _figure(5.0, 3.4, left=0.75, bottom=0.45, top=0.4)
    ax = fig.subplots()
    ax.plot(history["year"], history["baseline"] / 1e4, color="#7f7f7f", label=tr("baseline", lang), **BASE_STYLE)
    ran = history.dropna(subset=["run"])
    ax.plot(ran["year"], ran["run"] / 1e4, color="#d62728", label=tr("current", lang), **RUN_STYLE)
    ax.set_title(f"{name} · {tr('operating', lang)}（{tr('colour_scale', lang)}）", fontsize=TEXT_PT)
    ax.grid(alpha=0.3)
    _ticks(ax)
    ax.legend(fontsize=TEXT_PT)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def household_sources(income: dict, lang: str) -> Figure:
    """A village's income per person by source, all vs. low-income households (元)."""
    fig = _figure(5.0, 3.8, left=1.3, bottom=1.2, top=0.4)
    ax = fig.subplots()
    groups = [(g, _short_lines(tr(f"{g}_households", lang))) for g in ("all", "low_income")]
    left = [0.0, 0.0]
    colours = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd")
    for source, colour in zip(HOUSEHOLD_SOURCES, colours, strict=True):
        values = [income[g][source] for g, _ in groups]
        ax.barh([label for _, label in groups], values, left=left, color=colour,
                label=pick(HOUSEHOLD_SOURCE_LABELS[source], lang))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(tr("households_income", lang), fontsize=TEXT_PT)
    _ticks(ax)
    fig.legend(fontsize=TEXT_PT, ncol=2, loc="lower center", borderaxespad=0.2)
    ax.grid(alpha=0.3, axis="x")
    return fig

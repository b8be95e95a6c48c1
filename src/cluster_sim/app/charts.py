"""The dashboard's charts: this run beside its baseline, drawn with matplotlib to PNG in a
worker process (``worker.draw``), so they need no browser plotting library, show Chinese with
the CJK font, and cost the server's event loop nothing.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

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


def _figure(width: float = 6.4, height: float = 4.4) -> Figure:
    setup_cjk_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def _ticks(ax) -> None:
    ax.tick_params(labelsize=TEXT_PT)


def _pair(ax, base: pd.DataFrame, run: pd.DataFrame, col: str, label: str, colour: str, lang: str, scale: float):
    ax.plot(base["year"], base[col] / scale, color=colour, label=f"{label} · {tr('baseline', lang)}", **BASE_STYLE)
    if len(run):
        ax.plot(run["year"], run[col] / scale, color=colour, label=f"{label} · {tr('current', lang)}", **RUN_STYLE)


def _finish(ax, lang: str, title: str) -> None:
    ax.set_title(title, fontsize=TITLE_PT)
    ax.set_xlabel(tr("year", lang), fontsize=TEXT_PT)
    ax.grid(alpha=0.3)
    _ticks(ax)
    ax.figure.legend(*ax.get_legend_handles_labels(), fontsize=TEXT_PT, ncol=2, loc="outside lower center",
                     frameon=False)
    ax.xaxis.get_major_locator().set_params(integer=True)


def difference_by_group(run: pd.DataFrame, base: pd.DataFrame, lang: str) -> Figure:
    """This run minus the baseline in the last closed year, per village group (万元 per village):
    the effect being taught, on an axis scaled to it rather than to the levels."""
    fig = _figure(8.0, 3.6)
    ax = fig.subplots()
    if len(run):
        t = int(run["t"].iloc[-1])
        now, then = run.set_index("t").loc[t], base.set_index("t").loc[t]
        groups = [(col, word) for col, word in GROUPS if col in run and pd.notna(now[col]) and pd.notna(then[col])]
        diffs = [float(now[col] - then[col]) / 1e4 for col, _ in groups]
        colours = ["#2ca02c" if d >= 0 else "#d62728" for d in diffs]
        bars = ax.bar([tr(word, lang) for _, word in groups], diffs, color=colours)
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
    fig = _figure()
    ax = fig.subplots()
    _pair(ax, base, run, "collective_income_total_mean_yuan", tr("total", lang), "#1f77b4", lang, 1e4)
    _pair(ax, base, run, "collective_income_operating_mean_yuan", tr("operating", lang), "#d62728", lang, 1e4)
    _pair(ax, base, run, "weak_operating_mean_yuan", tr("weak_operating", lang), "#9467bd", lang, 1e4)
    _finish(ax, lang, tr("chart_collective", lang))
    return fig


def farmer_income(run: pd.DataFrame, base: pd.DataFrame, lang: str) -> Figure:
    """Farmer income per capita, all and low-income households, in 元."""
    fig = _figure()
    ax = fig.subplots()
    _pair(ax, base, run, "farmer_income_per_capita_yuan", tr("all_farmers", lang), "#2ca02c", lang, 1.0)
    _pair(ax, base, run, "low_income_income_per_capita_yuan", tr("low_income", lang), "#ff7f0e", lang, 1.0)
    _finish(ax, lang, tr("chart_farmer", lang))
    return fig


def village_history(history: pd.DataFrame, name: str, lang: str) -> Figure:
    """One village's operating income, this run vs. baseline (万元)."""
    fig = _figure(5.0, 3.2)
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
    fig = _figure(5.0, 3.4)
    ax = fig.subplots()
    groups = [("all", tr("all_households", lang)), ("low_income", tr("low_income_households", lang))]
    left = [0.0, 0.0]
    colours = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd")
    for source, colour in zip(HOUSEHOLD_SOURCES, colours, strict=True):
        values = [income[g][source] for g, _ in groups]
        ax.barh([label for _, label in groups], values, left=left, color=colour,
                label=pick(HOUSEHOLD_SOURCE_LABELS[source], lang))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(tr("households_income", lang), fontsize=TEXT_PT)
    _ticks(ax)
    fig.legend(fontsize=TEXT_PT, ncol=2, loc="outside lower center")
    ax.grid(alpha=0.3, axis="x")
    return fig

"""The report's figures (PNG, labelled in Chinese and English), drawn from the trajectory
and comparison tables so they show exactly the numbers the tables hold."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..outputs.figures import line_chart, plt, setup_cjk_font
from . import metrics as M
from .tables import Labels


@dataclass(frozen=True)
class Figure:
    file: str
    section: str  # which report section shows it
    zh: str  # caption
    en: str


def _bilingual(labels: Labels, name: str) -> str:
    zh, en = labels.zh[name], labels.en[name]
    return zh if zh == en else f"{zh} {en}"


def _unit_label(metric: M.Metric) -> str:
    if not metric.unit or metric.unit_en.startswith(metric.unit):
        return metric.unit_en  # "万元 (10,000 yuan)", "%"
    return f"{metric.unit} ({metric.unit_en})"


def trajectory_figure(folder: Path, traj: pd.DataFrame, metric: M.Metric, labels: Labels, diff: bool = False) -> bool:
    """Mean over replications per scenario with its 95 % band (``diff``: paired difference
    from the baseline, the baseline drawn as the zero line). False when nothing to draw."""
    sub = traj[traj["metric"] == metric.name]
    if sub.empty or (not diff and not sub["mean"].abs().gt(0).any()):
        return False  # nothing, or zero throughout (e.g. no village ever over-indebted): the table says so
    years = np.sort(sub["year"].unique())
    series, bands = {}, {}
    col = "diff" if diff else "mean"
    for s in labels.names:
        rows = sub[sub["scenario"] == s].sort_values("year")
        label = _bilingual(labels, s)
        if diff and s == labels.baseline:
            series[f"{label}（基准 baseline）"] = np.zeros(len(years))
            continue
        series[label] = rows[col].to_numpy()
        if rows[f"{col}_low"].notna().any():
            bands[label] = (rows[f"{col}_low"].to_numpy(), rows[f"{col}_high"].to_numpy())
    title = f"{metric.zh} {metric.en}"
    if diff:
        title = f"与基准之差：{metric.zh}\nDifference from baseline: {metric.en}"
    line_chart(folder / figure_file(metric, diff), years, series, title, _unit_label(metric), bands=bands)
    return True


def figure_file(metric: M.Metric, diff: bool = False) -> str:
    return f"{'diff' if diff else 'trend'}_{metric.name.removesuffix('_yuan')}.png"


def bar_chart(path: Path, categories: list[str], parts: dict[str, np.ndarray], title: str, xlabel: str,
              stacked: bool) -> Path:
    """Horizontal bars, one row per category (scenario), first at the top: stacked parts
    (income sources) or side by side (village groups). Long bilingual names fit on the y axis."""
    setup_cjk_font()
    n, k = len(categories), max(len(parts), 1)
    row = 0.55 if stacked else 0.22 * k
    fig, ax = plt.subplots(figsize=(9, 1.6 + row * n), dpi=110)
    y = np.arange(n)[::-1].astype(float)
    height = 0.7 if stacked else 0.8 / k
    right, left = np.zeros(n), np.zeros(n)  # stacked: positive parts grow rightwards, negative leftwards
    for i, (label, values) in enumerate(parts.items()):
        values = np.nan_to_num(np.asarray(values, dtype=float))
        if stacked:
            start = np.where(values >= 0, right, left)
            ax.barh(y, values, height, left=start, label=label)
            right, left = right + np.maximum(values, 0), left + np.minimum(values, 0)
        else:
            ax.barh(y + 0.4 - height * (i + 0.5), values, height, label=label)
    ax.set_yticks(y, categories, fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(alpha=0.3, axis="x")
    ax.axvline(0, color="black", lw=0.8)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.5 / (1.6 + row * n) - 0.08), ncol=2,
              frameon=False)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def _final(comparison: pd.DataFrame, metrics, names, column: str = "final_value") -> dict[str, np.ndarray]:
    """Final-year ``column`` (level, or paired difference ``diff``) per metric, in ``names`` order."""
    out = {}
    for m in metrics:
        rows = comparison[comparison["metric"] == m.name].set_index("scenario")
        if not rows.empty:
            out[f"{m.zh} {m.en}"] = rows.reindex(list(names))[column].to_numpy()
    return out


TREND_SECTIONS = (
    ("headline", M.HEADLINE, True),
    ("groups", (M.BY_NAME["strong_weak_gap_ratio"], M.BY_NAME["surrounding_operating_mean_yuan"]), False),
    ("inequality", M.INEQUALITY, False),
    ("debt", (M.BY_NAME["villages_over_indebted"],), False),
    ("partner", (M.BY_NAME["partner_operating_mean_yuan"],), True),
)


def write_figures(folder: Path, traj: pd.DataFrame, comparison: pd.DataFrame, labels: Labels) -> list[Figure]:
    """Draw every figure into ``folder``; returns them in report order."""
    figures: list[Figure] = []
    band_zh, band_en = "阴影为95%区间", "shaded: 95 % interval"
    for section, metric_list, with_diff in TREND_SECTIONS:
        for m in metric_list:
            if trajectory_figure(folder, traj, m, labels):
                figures.append(Figure(figure_file(m), section, f"{m.zh}：各情景均值（{band_zh}）",
                                      f"{m.en}: mean per scenario ({band_en})"))
            if with_diff and labels.others and trajectory_figure(folder, traj, m, labels, diff=True):
                figures.append(Figure(figure_file(m, True), section, f"{m.zh}：与基准的配对差（{band_zh}）",
                                      f"{m.en}: paired difference from the baseline ({band_en})"))
    year = int(comparison["final_year"].iloc[0])
    group_metrics = [M.BY_NAME[n] for n in ("strong_operating_mean_yuan", "weak_operating_mean_yuan",
                                            "key_operating_mean_yuan", "surrounding_operating_mean_yuan",
                                            "partner_operating_mean_yuan")]
    parts = _final(comparison, group_metrics, labels.names)
    if parts:
        bar_chart(folder / "village_groups.png", _categories(labels, labels.names), parts,
                  f"{year}年各类村经营性收入（村均）Operating income by village group, {year}", "万元 (10,000 yuan)",
                  stacked=False)
        figures.append(Figure("village_groups.png", "groups",
                              f"{year}年强村、弱村、重点村、周边村与结对外县村的经营性收入（各重复的均值）",
                              f"operating income of strong, weak, key, surrounding and partner villages in {year} "
                              "(mean of replications)"))
    # by source: the paired difference from the baseline shows why a policy works (levels when alone)
    names, column = (labels.others, "diff") if labels.others else (labels.names, "final_value")
    what_zh, what_en = ("与基准之差", "difference from the baseline") if labels.others else ("水平", "level")
    for file, metric_list, zh, en, unit in (
            ("household_sources.png", M.HOUSEHOLD_SOURCE_METRICS, "农民人均收入", "Farmer income per capita", "元 (yuan)"),
            ("collective_sources.png", M.COLLECTIVE_SOURCE_METRICS, "村集体收入（村均）",
             "Collective income (mean per village)", "万元 (10,000 yuan)")):
        parts = _final(comparison, metric_list, names, column)
        if parts:
            bar_chart(folder / file, _categories(labels, names), parts,
                      f"{year}年{zh}按来源：{what_zh}\n{en} by source, {year}: {what_en}", unit, stacked=True)
            figures.append(Figure(file, "sources", f"{year}年{zh}按来源分解：{what_zh}（各重复的均值）",
                                  f"{en} by source in {year}: {what_en} (mean of replications)"))
    return figures


def _categories(labels: Labels, names) -> list[str]:
    return [labels.zh[s] if labels.zh[s] == labels.en[s] else f"{labels.zh[s]}\n{textwrap.fill(labels.en[s], 36)}"
            for s in names]

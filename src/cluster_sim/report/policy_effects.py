"""Per policy, what an official needs beyond the headline table, every number paired over
replications with a 95 % interval: each headline income's effect split into the part transfers
and guarantees paid and the part the markets induced (``outputs.effects``), the change in
growth rates after the build years, and both inequality measures side by side (they can move
in opposite directions, so quoting one alone misleads)."""

from __future__ import annotations

import math

import pandas as pd

from ..outputs.effects import HEADLINES
from . import metrics as M
from .stats import Interval, mean_interval
from .tables import (Labels, final_t, growth_per_replication, growth_window_start, interval_cols, metric_rows,
                     per_replication, year_of)

# growth after the build years of what the province and the farmers care about
GROWTH_METRICS = ("collective_income_operating_mean_yuan", "farmer_income_per_capita_yuan")
# a growth change smaller than this (a tenth of a percentage point a year) reads as none, even
# when its interval excludes zero: a one-off level step leaves such a trace and no more
NEGLIGIBLE_GROWTH = 0.001
# the verdicts on growth after the build years, in words (both languages)
VERDICTS = {"faster": "增长加快 faster growth", "slower": "增长放慢 slower growth",
            "none": "无增速变化 no growth change", "unknown": "无区间 no interval"}
# the two inequality measures, each higher = more unequal
INEQUALITY_PAIR = ("gini_collective", "strong_weak_gap_ratio")


def _names(labels: Labels, s: str) -> dict:
    return {"scenario": s, "情景": labels.zh[s], "scenario_title": labels.en[s]}


def _metric_names(m: M.Metric) -> dict:
    return {"metric": m.name, "指标": m.zh, "indicator": m.en, "单位": m.unit, "unit": m.unit_en}


def effect_split_table(tidy: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per policy and headline income, in the final year (shown units): the effect (policy −
    baseline), its transfer part (the difference of the transfer-paid component) and its
    induced part (the rest), each the mean of the paired differences with its interval."""
    t1, present = final_t(tidy), set(tidy["metric"])
    base, rows = labels.baseline, []
    shown = {key: (M.BY_NAME[level], per_replication(tidy, level, t1), per_replication(tidy, transfer, t1))
             for key, (level, transfer) in HEADLINES.items() if level in present and transfer in present}
    for s in labels.others:  # package by package, as the findings read
        for key, (m, levels, transfers) in shown.items():
            effect = (levels[s] - levels[base]) / m.divisor
            part = (transfers[s] - transfers[base]) / m.divisor
            rows.append({**_names(labels, s), "headline": key, **_metric_names(m), "year": year_of(tidy, t1),
                         **interval_cols("effect", mean_interval(effect)),
                         **interval_cols("transfer", mean_interval(part)),
                         **interval_cols("induced", mean_interval(effect - part)),
                         "reps": int(effect.notna().sum())})
    return pd.DataFrame(rows)


def growth_verdict(iv: Interval) -> str:
    """'faster', 'slower', 'none' (interval includes 0, or the change is negligible) or
    'unknown' (one replication: no interval)."""
    if math.isnan(iv.mean):
        return "unknown"
    if abs(iv.mean) < NEGLIGIBLE_GROWTH:
        return "none"
    if not iv.has_interval:
        return "unknown"
    if not iv.excludes_zero:
        return "none"
    return "faster" if iv.mean > 0 else "slower"


def growth_change_table(tidy: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per policy: average annual growth of collective operating income and farmer income from
    the end of the build years to the final year, and policy − baseline paired by replication
    (fractions: 0.01 = one percentage point a year), with the verdict the findings state."""
    t1, present = final_t(tidy), set(tidy["metric"])
    t0 = growth_window_start(t1)
    rows = []
    growths = {name: growth_per_replication(tidy, name, t0, t1) for name in GROWTH_METRICS if name in present}
    for s in labels.others:
        for name, growth in growths.items():
            iv = mean_interval(growth[s] - growth[labels.baseline])
            rows.append({**_names(labels, s), **_metric_names(M.BY_NAME[name]), "from_year": year_of(tidy, t0),
                         "to_year": year_of(tidy, t1), "growth": growth[s].mean(),
                         "baseline_growth": growth[labels.baseline].mean(), **interval_cols("growth_diff", iv),
                         "verdict": growth_verdict(iv), "reps": iv.n})
    return pd.DataFrame(rows)


def _clear_sign(row) -> int:
    """+1 / −1 when the paired difference's interval excludes zero, else 0."""
    if row is None or math.isnan(row["diff_low"]):
        return 0
    return 1 if row["diff_low"] > 0 else -1 if row["diff_high"] < 0 else 0


def inequality_pair_table(comparison: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per policy, both inequality measures side by side (final-year levels of policy and
    baseline, paired difference with interval), and whether they clearly move in opposite
    directions. Read from the comparison table, so the numbers are the ones shown there."""
    pair = [M.BY_NAME[name] for name in INEQUALITY_PAIR]
    rows = []
    for s in labels.others:
        row, signs = _names(labels, s), []
        for m in pair:
            r, b = metric_rows(comparison, m, s), metric_rows(comparison, m, labels.baseline)
            if r is None or b is None:
                break
            row.update({f"{m.name}_baseline": b["final_value"], f"{m.name}_final": r["final_value"],
                        f"{m.name}_diff": r["diff"], f"{m.name}_diff_low": r["diff_low"],
                        f"{m.name}_diff_high": r["diff_high"]})
            signs.append(_clear_sign(r))
        else:
            row["opposite"] = signs[0] * signs[1] < 0
            rows.append(row)
    return pd.DataFrame(rows)


POLICY_TABLES = ("effect_split", "growth_change", "inequality_pair")


def policy_tables(tidy: pd.DataFrame, comparison: pd.DataFrame, labels: Labels) -> dict[str, pd.DataFrame]:
    """The three per-policy tables, keyed as the report files them (``POLICY_TABLES``)."""
    if not labels.others:
        return {key: pd.DataFrame() for key in POLICY_TABLES}
    return {"effect_split": effect_split_table(tidy, labels), "growth_change": growth_change_table(tidy, labels),
            "inequality_pair": inequality_pair_table(comparison, labels)}

"""The report's tables, every number computed from the tidy long table
(scenario, replication, seed, t, year, metric, value) of all runs."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..outputs.stats import annual_growth
from ..policies import registry as policy_registry
from ..policies.base import COMMON_FIELDS
from ..scenario import Scenario
from ..scenario.registry import BY_PATH
from . import settings
from .metrics import Metric, present
from .stats import Interval, mean_interval

# The province's target is checked on growth after a cluster's 2–3 construction years.
CONSTRUCTION_YEARS = 3
TARGET_UPLIFT = 0.20


@dataclass(frozen=True)
class Labels:
    """Display names of the compared scenarios, in comparison order, and the baseline."""

    names: tuple[str, ...]
    zh: dict[str, str]
    en: dict[str, str]
    baseline: str

    def of(self, name: str, lang: str) -> str:
        return (self.zh if lang == "zh" else self.en)[name]

    @property
    def others(self) -> tuple[str, ...]:
        return tuple(n for n in self.names if n != self.baseline)


def final_t(tidy: pd.DataFrame) -> int:
    return int(tidy["t"].max())


def year_of(tidy: pd.DataFrame, t: int) -> int:
    return int(tidy.loc[tidy["t"] == t, "year"].iloc[0])


def per_replication(tidy: pd.DataFrame, metric: str, t: int) -> pd.DataFrame:
    """Values of ``metric`` at ``t``: one row per replication, one column per scenario."""
    rows = tidy[(tidy["metric"] == metric) & (tidy["t"] == t)]
    return rows.pivot(index="replication", columns="scenario", values="value")


def growth_per_replication(tidy: pd.DataFrame, metric: str, t0: int, t1: int) -> pd.DataFrame:
    """Average annual growth from ``t0`` to ``t1`` in each replication (NaN where undefined)."""
    first, last = per_replication(tidy, metric, t0), per_replication(tidy, metric, t1)
    out = first.copy()
    for col in first.columns:
        out[col] = [annual_growth(a, b, t1 - t0) for a, b in zip(first[col], last[col])]
    return out


def growth_window_start(t1: int) -> int:
    """Where growth after the build years is measured from: the end of construction (year
    ``CONSTRUCTION_YEARS``), or the base year when the run is no longer than that."""
    return CONSTRUCTION_YEARS if t1 > CONSTRUCTION_YEARS else 0


def interval_cols(prefix: str, iv: Interval, scale: float = 1.0) -> dict:
    return {prefix: iv.mean * scale, f"{prefix}_low": iv.low * scale, f"{prefix}_high": iv.high * scale}


def comparison_table(tidy: pd.DataFrame, metrics, labels: Labels) -> pd.DataFrame:
    """Per metric and scenario: base-year and final level (shown units), average annual
    growth, and the paired difference from the baseline in level and in growth with 95 %
    intervals (NaN for the baseline itself, and intervals NaN with one replication)."""
    t1 = final_t(tidy)
    y0, y1 = year_of(tidy, 0), year_of(tidy, t1)
    rows = []
    for m in present(tidy, metrics):
        base, final = per_replication(tidy, m.name, 0), per_replication(tidy, m.name, t1)
        growth = growth_per_replication(tidy, m.name, 0, t1) if m.growth else None
        for s in labels.names:
            row = {"scenario": s, "情景": labels.zh[s], "scenario_title": labels.en[s], "metric": m.name,
                   "指标": m.zh, "indicator": m.en, "单位": m.unit, "unit": m.unit_en, "base_year": y0,
                   "base_value": base[s].mean() / m.divisor, "final_year": y1,
                   **interval_cols("final_value", mean_interval(final[s] / m.divisor)),
                   "growth": mean_interval(growth[s]).mean if growth is not None else math.nan}
            if s != labels.baseline:
                row.update(interval_cols("diff", mean_interval((final[s] - final[labels.baseline]) / m.divisor)))
                row["diff_pct"] = row["diff"] / (final[labels.baseline].mean() / m.divisor) \
                    if final[labels.baseline].mean() != 0 else math.nan
                if growth is not None:
                    row.update(interval_cols("growth_diff", mean_interval(growth[s] - growth[labels.baseline])))
            row["reps"] = int(final[s].notna().sum())
            rows.append(row)
    columns = ["scenario", "情景", "scenario_title", "metric", "指标", "indicator", "单位", "unit", "base_year",
               "base_value", "final_year", "final_value", "final_value_low", "final_value_high", "growth", "diff",
               "diff_low", "diff_high", "diff_pct", "growth_diff", "growth_diff_low", "growth_diff_high", "reps"]
    return pd.DataFrame(rows).reindex(columns=columns)


def trajectory_table(tidy: pd.DataFrame, metrics, labels: Labels) -> pd.DataFrame:
    """Per scenario, metric and year: mean over replications with its 95 % interval, and the
    paired difference from the baseline with its interval (shown units)."""
    rows = []
    for m in present(tidy, metrics):
        sub = tidy[tidy["metric"] == m.name]
        wide = sub.pivot(index=["t", "year", "replication"], columns="scenario", values="value")
        for (t, year), block in wide.groupby(level=["t", "year"]):
            for s in labels.names:
                level = mean_interval(block[s] / m.divisor)
                row = {"scenario": s, "metric": m.name, "t": int(t), "year": int(year),
                       **interval_cols("mean", level)}
                if s != labels.baseline:
                    row.update(interval_cols("diff", mean_interval((block[s] - block[labels.baseline]) / m.divisor)))
                rows.append(row)
    columns = ["scenario", "metric", "t", "year", "mean", "mean_low", "mean_high", "diff", "diff_low", "diff_high"]
    return pd.DataFrame(rows).reindex(columns=columns)


def target_table(tidy: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The province's target for surrounding villages, with the baseline run standing in for
    'growth before construction' (the model has no pre-construction history).

    Growth is the average annual growth of surrounding villages' mean operating income from
    the end of construction (year ``CONSTRUCTION_YEARS``, or the base year when the run is
    shorter) to the final year. Two readings: relative (growth ≥ 1.2 × baseline growth) and
    points (growth ≥ baseline growth + 20 percentage points).
    """
    metric = "surrounding_operating_mean_yuan"
    t1 = final_t(tidy)
    if metric not in set(tidy["metric"]) or not labels.others:
        return pd.DataFrame()
    t0 = growth_window_start(t1)
    growth = growth_per_replication(tidy, metric, t0, t1)
    g_base = growth[labels.baseline]
    rows = []
    for s in labels.others:
        g = growth[s]
        ratio = g.mean() / g_base.mean() if g_base.mean() > 0 else math.nan
        points = mean_interval(g - g_base)
        rows.append({
            "scenario": s, "情景": labels.zh[s], "scenario_title": labels.en[s],
            "from_year": year_of(tidy, t0), "to_year": year_of(tidy, t1),
            "growth": g.mean(), "baseline_growth": g_base.mean(), "growth_ratio": ratio,
            "relative_met": bool(ratio >= 1 + TARGET_UPLIFT) if not math.isnan(ratio) else None,
            "reps_relative_met": float(np.mean([(b > 0) and (a >= (1 + TARGET_UPLIFT) * b) for a, b in zip(g, g_base)])),
            # the relative reading's margin, growth − 1.2 × baseline growth, paired: its interval says
            # whether the reading is met beyond the model's randomness
            **interval_cols("relative_margin", mean_interval(g - (1 + TARGET_UPLIFT) * g_base)),
            **interval_cols("points_diff", points),
            "points_met": bool(points.mean >= TARGET_UPLIFT) if not math.isnan(points.mean) else None,
            "reps_points_met": float(np.mean(g - g_base >= TARGET_UPLIFT)),
        })
    return pd.DataFrame(rows)


def _flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(_flatten(value, path + "."))
        else:
            out[path] = value
    return out


def _non_default(policy: str, spec: Scenario) -> dict[str, object]:
    """A policy's settings that differ from its declared defaults: its key parameters."""
    fields = {**COMMON_FIELDS, **policy_registry()[policy].FIELDS}
    return {k: v for k, v in spec.data["policies"][policy].items()
            if k != "enabled" and (k not in fields or fields[k].default != v)}


def _changed(spec: Scenario, base: dict[str, object]) -> list[tuple[str, object, object]]:
    """(dotted key, baseline value, this scenario's value) of every non-policy setting that differs."""
    flat = _flatten({k: v for k, v in spec.data.items() if k not in ("meta", "policies")})
    return [(k, base.get(k), v) for k, v in flat.items() if base.get(k) != v]


def scenario_table(specs: dict[str, Scenario], labels: Labels) -> pd.DataFrame:
    """What was compared, in words (Chinese and English columns): each scenario's file name,
    active policies with the settings they change from the defaults, and the parameters
    set differently from the baseline."""
    base = _flatten({k: v for k, v in specs[labels.baseline].data.items() if k not in ("meta", "policies")})
    rows = []
    for name, spec in specs.items():
        active = spec.active_policies()
        changed = _changed(spec, base) if name != labels.baseline else []
        row = {"scenario": name, "情景": labels.zh[name], "scenario_title": labels.en[name],
               "baseline": name == labels.baseline, "file": settings.source_label(spec.source),
               "question": spec.data["meta"]["question"]}
        for lang, sep, none in (("zh", "；", "默认设置"), ("en", "; ", "default settings")):
            colon = "：" if lang == "zh" else ": "
            list_sep = "，" if lang == "zh" else ", "
            row[f"policies_{lang}"] = list_sep.join(settings.policy_title(p, lang) for p in active)
            row[f"settings_{lang}"] = sep.join(
                settings.policy_title(p, lang) + colon
                + (list_sep.join(settings.policy_setting(p, k, v, lang) for k, v in _non_default(p, spec).items())
                   or none) for p in active)
            row[f"differs_{lang}"] = sep.join(settings.param_setting(k, a, b, lang) for k, a, b in changed)
        row.update({"villages": spec.data["county"]["villages"], "households": spec.data["county"]["households"],
                    "years": spec.data["simulation"]["years"], "start_year": spec.data["simulation"]["start_year"]})
        rows.append(row)
    return pd.DataFrame(rows)


def settings_table(specs: dict[str, Scenario], labels: Labels) -> pd.DataFrame:
    """Every scenario's settings as readable key/value rows: each active policy's every
    setting, then the parameters it sets differently from the baseline."""
    base = _flatten({k: v for k, v in specs[labels.baseline].data.items() if k not in ("meta", "policies")})
    rows = []
    for name, spec in specs.items():
        def add(group_zh, group_en, key_zh, key_en, value_zh, value_en):
            rows.append({"情景": labels.zh[name], "scenario_title": labels.en[name], "分组": group_zh,
                         "group": group_en, "设置": key_zh, "setting": key_en, "值": value_zh, "value": value_en})
        for p in spec.active_policies():
            for k, v in spec.data["policies"][p].items():
                add(settings.policy_title(p, "zh"), settings.policy_title(p, "en"), settings.field_label(p, k, "zh"),
                    settings.field_label(p, k, "en"), settings.value_text(k, v, "zh"), settings.value_text(k, v, "en"))
        if name != labels.baseline:
            for k, a, b in _changed(spec, base):
                unit = BY_PATH[k].unit if k in BY_PATH else ""
                leaf = k.rpartition(".")[2]
                add("与基准不同的参数", "differs from the baseline", settings.param_label(k, "zh"),
                    settings.param_label(k, "en"),
                    f"{settings.value_text(leaf, a, 'zh', unit)} → {settings.value_text(leaf, b, 'zh', unit)}",
                    f"{settings.value_text(leaf, a, 'en', unit)} → {settings.value_text(leaf, b, 'en', unit)}")
    return pd.DataFrame(rows, columns=["情景", "scenario_title", "分组", "group", "设置", "setting", "值", "value"])


def labels_for(specs: dict[str, Scenario], baseline: str) -> Labels:
    zh, en = {}, {}
    for name, spec in specs.items():
        meta = spec.data["meta"]
        zh[name] = meta["title_zh"] or meta["title_en"] or name
        en[name] = meta["title_en"] or name
    return Labels(tuple(specs), zh, en, baseline)


def metric_rows(table: pd.DataFrame, metric: Metric, scenario: str) -> pd.Series | None:
    hit = table[(table["metric"] == metric.name) & (table["scenario"] == scenario)]
    return None if hit.empty else hit.iloc[0]

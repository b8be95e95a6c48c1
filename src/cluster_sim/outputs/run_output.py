"""What ``cluster-sim run`` shows and writes: the summary table, tidy tables, figures, manifest."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from ..accounts import COLLECTIVE_SOURCE_LABELS, COLLECTIVE_SOURCES, HOUSEHOLD_SOURCE_LABELS, HOUSEHOLD_SOURCES
from ..runner import RunResult
from . import figures as fonts
from .figures import line_chart, stacked_bars
from .indicators import indicators
from .manifest import manifest
from .stats import annual_growth
from .writer import atomic_folder, write_manifest, write_table

# the printed summary's indicators, in order (words and units from the indicator catalogue)
SUMMARY_ROWS = indicators(
    "collective_income_total_mean_yuan", "collective_income_operating_mean_yuan", "collective_income_total_yuan",
    "farmer_income_per_capita_yuan", "low_income_income_per_capita_yuan", "strong_operating_mean_yuan",
    "weak_operating_mean_yuan", "strong_weak_gap_ratio", "gini_collective", "gini_household",
    "share_villages_below_weak_line", "partner_operating_mean_yuan")


POLICY_FLOW_COLUMNS = ("政策 policy", "资金流 flow", "末年金额（万元） final year (10k yuan)")


def summary_table(county: pd.DataFrame) -> pd.DataFrame:
    first, last = county.iloc[0], county.iloc[-1]
    years = int(last["t"] - first["t"])
    rows = []
    for m in SUMMARY_ROWS:
        col = m.name
        if col not in county or pd.isna(first[col]):
            continue
        rows.append({"指标": m.zh, "indicator": m.en, "单位 unit": m.unit,
                     f"{int(first['year'])}": first[col] / m.divisor, f"{int(last['year'])}": last[col] / m.divisor,
                     "年均增长 growth/yr": annual_growth(first[col], last[col], years) if m.growth else float("nan")})
    return pd.DataFrame(rows)


def policy_flows(result: RunResult) -> pd.DataFrame:
    """Final-year money moved through the categories of each active policy, next to the
    baseline economy's own flows in the same categories (so a reader sees what the policy adds)."""
    from ..accounts import BY_NAME
    from ..policies import registry

    flows = result.tables["flows_year"]
    last = flows[(flows["t"] == flows["t"].max()) & (flows["side"] == "received")]
    amount = last.groupby("category")["amount_yuan"].sum()
    rows = []
    modules = registry()
    for name in result.scenario.active_policies():
        mod = modules[name]
        for cat in mod.CATEGORIES:
            rows.append({"政策 policy": f"{mod.TITLE_ZH} {mod.TITLE_EN}", "资金流 flow": f"{BY_NAME[cat].zh} {cat}",
                         "末年金额（万元） final year (10k yuan)": float(amount.get(cat, 0.0)) / 1e4})
    return pd.DataFrame(rows, columns=list(POLICY_FLOW_COLUMNS))  # the header even when no policy is on


def format_summary(table: pd.DataFrame) -> str:
    def fmt(x):
        if isinstance(x, float):
            if np.isnan(x):
                return "–"
            return f"{x:,.3f}" if abs(x) < 10 else f"{x:,.0f}"
        return str(x)
    shown = table.copy()
    growth_col = "年均增长 growth/yr"
    shown[growth_col] = [("–" if np.isnan(g) else f"{g:+.1%}") for g in table[growth_col]]
    return shown.to_string(index=False, formatters={c: fmt for c in shown.columns if c != growth_col})


def write_figures(folder: Path, county: pd.DataFrame) -> list[str]:
    years = county["year"].to_numpy()
    line_chart(folder / "collective_income.png", years, {
        "总收入 total": county["collective_income_total_mean_yuan"] / 1e4,
        "经营性收入 operating": county["collective_income_operating_mean_yuan"] / 1e4,
        "强村经营性 strong (operating)": county["strong_operating_mean_yuan"] / 1e4,
        "弱村经营性 weak (operating)": county["weak_operating_mean_yuan"] / 1e4,
    }, "村集体收入（村均）Collective income per village", "万元 (10,000 yuan)")
    line_chart(folder / "farmer_income.png", years, {
        "全体农户 all households": county["farmer_income_per_capita_yuan"],
        "低收入农户 low-income households": county["low_income_income_per_capita_yuan"],
    }, "农民人均可支配收入 Farmer income per capita", "元 (yuan)")
    stacked_bars(folder / "farmer_income_sources.png", years, {
        f"{HOUSEHOLD_SOURCE_LABELS[s][0]} {s}": county[f"{s}_per_capita_yuan"] for s in HOUSEHOLD_SOURCES
    }, "农民收入来源 Farmer income by source", "元/人 (yuan per person)")
    stacked_bars(folder / "collective_income_sources.png", years, {
        f"{COLLECTIVE_SOURCE_LABELS[s][0]} {COLLECTIVE_SOURCE_LABELS[s][1]}": county[f"collective_{s}_yuan"] / county["villages"] / 1e4
        for s in COLLECTIVE_SOURCES
    }, "村集体收入来源（村均）Collective income by source", "万元 (10,000 yuan)")
    return ["collective_income.png", "farmer_income.png", "farmer_income_sources.png", "collective_income_sources.png"]


def write_run(result: RunResult, out: Path, command: str, force: bool = False) -> Path:
    """Write every table, figure and the manifest of one run into ``out`` (atomically; an
    existing folder only if cluster-sim wrote it and ``force``, see ``folders``)."""
    t0 = time.perf_counter()
    with atomic_folder(out, force=force) as tmp:
        files = []
        for name in ("village_year", "household_group_year", "cluster_year", "county_year"):
            files += write_table(tmp, name, result.tables[name])
        files += write_table(tmp, "flows_year", result.tables["flows_year"], parquet=False)
        files += write_table(tmp, "enterprise_failures", result.failures, parquet=False)
        if "cluster_moves" in result.tables:  # formed clusters: who joined, left or switched, and when
            files += write_table(tmp, "cluster_moves", result.tables["cluster_moves"], parquet=False)
        files += write_table(tmp, "summary", summary_table(result.county_year), parquet=False)
        files += write_table(tmp, "policy_flows", policy_flows(result), parquet=False)
        if fonts.find_cjk_font() is not None:  # without one, cli warned before the run: tables only
            files += write_figures(tmp, result.county_year)
        timings = {**result.timings, "write_s": time.perf_counter() - t0}
        write_manifest(tmp, manifest(command, result.scenario.source, result.scenario.data, result.seed,
                                                   timings, files + ["manifest.json"],
                                                   active_policies=result.scenario.active_policies(),
                                                   overrides=result.scenario.overrides))
    return out

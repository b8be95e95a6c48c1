"""What each package costs the public purse and what it buys: the extra government outlays
against the paired baseline (ledger flows paid by government, summed over every simulated
year, as the dashboard's ``extra_public_spending_yuan``), and the income gained per 万元.

A gain is summed over the same years as the cost, so investments that keep paying after
the last simulated year are undercounted; the report says so.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import metrics as M
from .stats import Interval, mean_interval
from .tables import Labels

WAN = 1e4
# below this (yuan, over the whole run) a package is taken to need no extra public money
NO_COST_YUAN = 1e4
# (key, tidy metric whose run total is the gain, Chinese, English)
EFFECTS = (
    ("weak", "weak_operating_total_yuan", "弱村集体经营性收入", "weak villages' collective operating income"),
    ("farmer", "household_income_total_yuan", "农民收入", "farmers' income"),
)


def run_totals(tidy: pd.DataFrame, metric: str) -> pd.DataFrame:
    """``metric`` summed over every simulated year: one row per replication, one column per scenario."""
    rows = tidy[tidy["metric"] == metric]
    return rows.groupby(["replication", "scenario"])["value"].sum().unstack("scenario")


def _cols(prefix: str, iv: Interval, scale: float = 1.0) -> dict:
    return {prefix: iv.mean / scale, f"{prefix}_low": iv.low / scale, f"{prefix}_high": iv.high / scale}


def cost_status(extra_yuan: float) -> str:
    """'extra' (costs public money), 'none' (about nothing) or 'saves' (less than the baseline)."""
    if extra_yuan >= NO_COST_YUAN:
        return "extra"
    return "saves" if extra_yuan <= -NO_COST_YUAN else "none"


def public_cost_table(tidy: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per package: extra public money against the paired baseline (万元, run total and per
    year, 95 % intervals), the income gained over the same years, and the gain per 万元 of
    extra public money with each package's rank (1 = most per 万元; only packages that cost
    public money are ranked)."""
    if M.PUBLIC_SPENDING.name not in set(tidy["metric"]) or not labels.others:
        return pd.DataFrame()
    years = int(tidy["t"].nunique())
    spend = run_totals(tidy, M.PUBLIC_SPENDING.name)
    gains = {key: run_totals(tidy, metric) for key, metric, _, _ in EFFECTS}
    base = labels.baseline
    rows = []
    for s in labels.others:
        extra = spend[s] - spend[base]
        row = {"scenario": s, "情景": labels.zh[s], "scenario_title": labels.en[s], "years": years,
               "from_year": int(tidy["year"].min()), "to_year": int(tidy["year"].max()),
               "baseline_spending": spend[base].mean() / WAN, "scenario_spending": spend[s].mean() / WAN,
               **_cols("extra", mean_interval(extra), WAN), **_cols("extra_per_year", mean_interval(extra / years), WAN),
               "status": cost_status(extra.mean())}
        for key, _, _, _ in EFFECTS:
            gain = gains[key][s] - gains[key][base]
            row.update(_cols(f"{key}_gain", mean_interval(gain), WAN))
            if row["status"] == "extra" and (extra > 0).all():
                row.update(_cols(f"{key}_per_wan", mean_interval(gain / (extra / WAN)), WAN))
            else:
                row.update({f"{key}_per_wan": math.nan, f"{key}_per_wan_low": math.nan, f"{key}_per_wan_high": math.nan})
        row["reps"] = int(extra.notna().sum())
        rows.append(row)
    table = pd.DataFrame(rows)
    for key, _, _, _ in EFFECTS:
        table[f"{key}_rank"] = table[f"{key}_per_wan"].rank(ascending=False, method="min").astype("Int64")
    return table


def cost_by_category(tidy: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per package and government category: extra outlays against the baseline (万元, run
    total with 95 % interval); categories where neither side paid anything are left out."""
    if M.PUBLIC_SPENDING.name not in set(tidy["metric"]) or not labels.others:
        return pd.DataFrame()
    rows = []
    for cat in M.GOVERNMENT_CATEGORIES:
        m = M.BY_NAME[f"public_{cat}_yuan"]
        totals = run_totals(tidy, m.name)
        for s in labels.others:
            if not (totals[s].abs().sum() > 0 or totals[labels.baseline].abs().sum() > 0):
                continue
            extra = totals[s] - totals[labels.baseline]
            rows.append({"scenario": s, "情景": labels.zh[s], "scenario_title": labels.en[s], "category": cat,
                         "类别": m.zh, "category_en": m.en, "baseline_spending": totals[labels.baseline].mean() / WAN,
                         "scenario_spending": totals[s].mean() / WAN, **_cols("extra", mean_interval(extra), WAN)})
    return pd.DataFrame(rows)


def ranking(cost: pd.DataFrame, key: str) -> pd.DataFrame:
    """The packages that cost public money, best gain per 万元 first."""
    ranked = cost[cost[f"{key}_per_wan"].notna()]
    return ranked.sort_values([f"{key}_per_wan", "scenario"], ascending=[False, True]).reset_index(drop=True)


def zero_width(low, high) -> bool:
    """An interval that exists and has no width: every replication gave the same number."""
    return (low is not None and high is not None and np.isfinite(low) and np.isfinite(high)
            and abs(high - low) <= 1e-9 * max(1.0, abs(low), abs(high)))

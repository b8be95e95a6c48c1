"""What the comparison report measures (indicators named from outputs/indicators.py) and how one
run's tables become tidy rows (scenario, replication, year, metric, value)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..accounts import CATEGORIES, COLLECTIVE_SOURCES, HOUSEHOLD_SOURCES
from ..outputs.indicators import Metric, indicator, indicators

HEADLINE = indicators("collective_income_total_mean_yuan", "collective_income_operating_mean_yuan",
                      "farmer_income_per_capita_yuan", "low_income_income_per_capita_yuan")
VILLAGE_GROUPS = indicators("strong_operating_mean_yuan", "weak_operating_mean_yuan", "weak_total_mean_yuan",
                            "strong_weak_gap_ratio", "key_operating_mean_yuan", "surrounding_operating_mean_yuan",
                            "share_villages_below_weak_line")
INEQUALITY = indicators("gini_collective", "gini_household")
HOUSEHOLD_SOURCE_METRICS = indicators(*(f"{s}_per_capita_yuan" for s in HOUSEHOLD_SOURCES))
COLLECTIVE_SOURCE_METRICS = indicators(*(f"collective_{s}_mean_yuan" for s in COLLECTIVE_SOURCES))
DEBT = indicators("villages_over_indebted", "villages_ever_over_indebted", "max_debt_ratio")
PARTNER = indicators("partner_operating_mean_yuan", "partner_total_mean_yuan")
# Not shown as indicators: what the public cost and the effect per 万元 of public money are
# computed from (every year's government outlays from the ledger's flows, by category, and
# the yearly totals whose gains are set against them).
GOVERNMENT_CATEGORIES = tuple(c.name for c in CATEGORIES if c.payer == "government")
PUBLIC_SPENDING = indicator("public_spending_yuan")
COST_INPUTS = (PUBLIC_SPENDING, *indicators(*(f"public_{c}_yuan" for c in GOVERNMENT_CATEGORIES)),
               *indicators("weak_operating_total_yuan", "household_income_total_yuan"))
# The part of each headline that transfers and guarantees paid (outputs.effects): its paired
# difference is a policy's transfer part; the headline's difference less it, the induced part.
EFFECT_PARTS = indicators("collective_total_transfer_mean_yuan", "collective_operating_transfer_mean_yuan",
                          "farmer_transfer_per_capita_yuan", "low_income_transfer_per_capita_yuan",
                          "weak_total_transfer_mean_yuan", "weak_operating_transfer_mean_yuan")
ALL = (HEADLINE + VILLAGE_GROUPS + INEQUALITY + HOUSEHOLD_SOURCE_METRICS + COLLECTIVE_SOURCE_METRICS + DEBT + PARTNER
       + EFFECT_PARTS)
BY_NAME = {m.name: m for m in ALL + COST_INPUTS}


def government_outlays(flows_year: pd.DataFrame) -> pd.DataFrame:
    """Government payments per year and category (yuan): rows ``t``, one column per
    government category (zero where nothing was paid)."""
    paid = flows_year[(flows_year["side"] == "paid") & (flows_year["kind"] == "government")]
    wide = paid.pivot_table(index="t", columns="category", values="amount_yuan", aggfunc="sum")
    return wide.reindex(columns=list(GOVERNMENT_CATEGORIES)).fillna(0.0)


def run_to_tidy(county_year: pd.DataFrame, village_year: pd.DataFrame,
                flows_year: pd.DataFrame | None = None) -> pd.DataFrame:
    """One run's metrics as long rows ``t, year, metric, value`` (raw units); with the run's
    flows also its public spending and the totals the cost-effectiveness is computed from."""
    county = county_year.sort_values("t").reset_index(drop=True).copy()
    for s in COLLECTIVE_SOURCES:
        county[f"collective_{s}_mean_yuan"] = county[f"collective_{s}_yuan"] / county["villages"]
    home = village_year[~village_year["is_partner"].astype(bool)]
    by_t = home.groupby("t")
    county["max_debt_ratio"] = county["t"].map(by_t["debt_ratio"].max())
    ever = home[home["over_indebted"].astype(bool)].groupby("village")["t"].min()  # first year each was over
    county["villages_ever_over_indebted"] = [int((ever <= t).sum()) for t in county["t"]]
    names = [m.name for m in ALL]
    if flows_year is not None:
        outlays = government_outlays(flows_year).reindex(county["t"]).fillna(0.0)
        for cat in GOVERNMENT_CATEGORIES:
            county[f"public_{cat}_yuan"] = outlays[cat].to_numpy()
        county[PUBLIC_SPENDING.name] = outlays.sum(axis=1).to_numpy()
        weak = home[home["is_weak"].astype(bool)].groupby("t")["operating_income_yuan"].sum()
        county["weak_operating_total_yuan"] = county["t"].map(weak).fillna(0.0)
        county["household_income_total_yuan"] = county["farmer_income_per_capita_yuan"] * county["members"]
        names += [m.name for m in COST_INPUTS]
    long = county.melt(id_vars=["t", "year"], value_vars=names, var_name="metric", value_name="value")
    long["value"] = long["value"].astype(float)
    long["t"] = long["t"].astype(int)
    long["year"] = long["year"].astype(int)
    return long


def present(tidy: pd.DataFrame, metrics) -> tuple[Metric, ...]:
    """The metrics with at least one finite value in ``tidy`` (e.g. no partner county → none)."""
    finite = tidy.loc[np.isfinite(tidy["value"]), "metric"].unique()
    return tuple(m for m in metrics if m.name in set(finite))

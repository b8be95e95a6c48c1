"""A policy's effect on each headline income, split into the part that transfers and guarantees
pay (public subsidies, allowances, guaranteed dividends topped up by a guarantor) and the part
the markets induce (income that would not exist without the policy's projects, jobs, visitors).

Both runs must share the county and the seed (common random numbers): the effect is the paired
difference of the headline; the transfer part is the paired difference of its transfer-paid
component (county-year columns ``*_transfer_*``, booked by category — ``accounts.TRANSFER``, the
categories flagged ``transfer``); the induced part is the rest.
"""

from __future__ import annotations

import pandas as pd

# headline, weak villages first (the packages aim at them) → (county-year column of the level, column
# of its transfer-paid part); their words are the indicator catalogue's (outputs/indicators.py)
HEADLINES = {
    "weak_total": ("weak_total_mean_yuan", "weak_total_transfer_mean_yuan"),
    "weak_operating": ("weak_operating_mean_yuan", "weak_operating_transfer_mean_yuan"),
    "collective_operating": ("collective_income_operating_mean_yuan", "collective_operating_transfer_mean_yuan"),
    "collective_total": ("collective_income_total_mean_yuan", "collective_total_transfer_mean_yuan"),
    "farmer_income": ("farmer_income_per_capita_yuan", "farmer_transfer_per_capita_yuan"),
    "low_income": ("low_income_income_per_capita_yuan", "low_income_transfer_per_capita_yuan"),
}


def decompose(run: pd.DataFrame, baseline: pd.DataFrame) -> pd.DataFrame:
    """Per year and headline: effect = transfer + induced (yuan), from two county-year tables of
    the same seed. Long format: t, headline, effect_yuan, transfer_yuan, induced_yuan."""
    a, b = run.set_index("t"), baseline.set_index("t")
    rows = []
    for key, (level, transfer) in HEADLINES.items():
        effect = a[level] - b[level]
        part = a[transfer] - b[transfer]
        for t in effect.index:
            rows.append({"t": int(t), "headline": key, "effect_yuan": float(effect[t]),
                         "transfer_yuan": float(part[t]), "induced_yuan": float(effect[t] - part[t])})
    return pd.DataFrame(rows)

"""Under which conditions a policy narrows a gap: the share of sampled futures where it does,
overall and by tercile of each uncertain parameter, so a finding can be read as "in x % of
futures, mostly where p is high" instead of one mean effect."""

from __future__ import annotations

import numpy as np
import pandas as pd

TERCILES = ("low", "mid", "high")


def narrowing_share(effect: pd.Series) -> float:
    """Share of futures whose effect on the strong/weak ratio is negative (the gap narrows)."""
    values = np.asarray(effect, float)
    if values.size == 0:
        raise ValueError("no futures to summarise")
    return float(np.mean(values < 0))


def conditional_shares(samples: pd.DataFrame, effect: pd.Series) -> pd.DataFrame:
    """For each parameter, the narrowing share among futures in its low, mid and high tercile,
    and the spread high − low: the parameters with the largest spread are the conditions."""
    if len(samples) != len(effect):
        raise ValueError(f"{len(samples)} samples but {len(effect)} effects")
    narrows = np.asarray(effect, float) < 0
    rows = []
    for name in samples.columns:
        # ranks, not values, so ties and skewed ranges still split into three equal groups
        rank = samples[name].rank(method="first").to_numpy()
        tercile = np.minimum((3 * (rank - 1) // len(rank)).astype(int), 2)
        shares = [float(narrows[tercile == k].mean()) if (tercile == k).any() else np.nan for k in range(3)]
        rows.append({"parameter": name, **dict(zip(TERCILES, shares)), "spread": shares[2] - shares[0]})
    table = pd.DataFrame(rows)
    return table.reindex(table["spread"].abs().sort_values(ascending=False).index).reset_index(drop=True)

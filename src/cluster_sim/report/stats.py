"""Paired-difference statistics for comparing scenarios run with common random numbers.

Replication k of every scenario uses the same seed, so scenario − baseline in replication k
is one paired difference; the interval is mean ± t(0.975, R−1) · sd / √R over those R
differences. scipy is not a dependency, so the t quantile comes from a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# two-sided 95 % (upper 0.975) quantiles of Student's t by degrees of freedom
T975 = {1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646, 8: 2.3060,
        9: 2.2622, 10: 2.2281, 11: 2.2010, 12: 2.1788, 13: 2.1604, 14: 2.1448, 15: 2.1314, 16: 2.1199,
        17: 2.1098, 18: 2.1009, 19: 2.0930, 20: 2.0860, 21: 2.0796, 22: 2.0739, 23: 2.0687, 24: 2.0639,
        25: 2.0595, 26: 2.0555, 27: 2.0518, 28: 2.0484, 29: 2.0452, 30: 2.0423, 40: 2.0211, 50: 2.0086,
        60: 2.0003, 80: 1.9901, 100: 1.9840, 120: 1.9799, 200: 1.9719, 500: 1.9647, 1000: 1.9623}
T975_INFINITE = 1.9600


def t_quantile_975(df: int) -> float:
    """t(0.975, df); between table entries linear in 1/df, which is accurate to about 1e-3."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if df in T975:
        return T975[df]
    known = sorted(T975)
    if df > known[-1]:
        lo_df, hi_inv, lo_t, hi_t = known[-1], 0.0, T975[known[-1]], T975_INFINITE
        return lo_t + (hi_t - lo_t) * (1 / df - 1 / lo_df) / (hi_inv - 1 / lo_df)
    hi_df = next(d for d in known if d > df)
    lo_df = max(d for d in known if d < df)
    w = (1 / df - 1 / lo_df) / (1 / hi_df - 1 / lo_df)
    return T975[lo_df] + w * (T975[hi_df] - T975[lo_df])


@dataclass(frozen=True)
class Interval:
    """Mean of ``n`` values with a 95 % t interval (``low``/``high`` are NaN when n < 2)."""

    mean: float
    low: float
    high: float
    sd: float
    n: int

    @property
    def has_interval(self) -> bool:
        return self.n >= 2 and not math.isnan(self.low)

    @property
    def excludes_zero(self) -> bool:
        return self.has_interval and (self.low > 0 or self.high < 0)


def mean_interval(values) -> Interval:
    """Mean ± t(0.975, n−1)·sd/√n of the finite ``values`` (paired differences, or levels)."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n == 0:
        return Interval(math.nan, math.nan, math.nan, math.nan, 0)
    mean = float(x.mean())
    if n == 1:
        return Interval(mean, math.nan, math.nan, math.nan, 1)
    sd = float(x.std(ddof=1))
    half = t_quantile_975(n - 1) * sd / math.sqrt(n)
    return Interval(mean, mean - half, mean + half, sd, n)


def paired_interval(scenario_values, baseline_values) -> Interval:
    """Interval of the paired differences scenario − baseline (aligned by replication)."""
    a = np.asarray(scenario_values, dtype=float)
    b = np.asarray(baseline_values, dtype=float)
    if a.shape != b.shape:
        raise ValueError("paired values need one value per replication on both sides")
    return mean_interval(a - b)

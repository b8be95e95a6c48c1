"""Summary statistics used by the tables and reports."""

from __future__ import annotations

import numpy as np


def gini(values: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Gini coefficient of ``values`` (weighted, e.g. per-capita income weighted by members)."""
    x = np.asarray(values, float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, float)
    keep = w > 0
    x, w = x[keep], w[keep]
    if len(x) == 0 or np.all(x == x[0]):
        return 0.0
    order = np.argsort(x)  # any deterministic order: ties do not change the Lorenz area
    x, w = x[order], w[order]
    cw = np.cumsum(w)
    cxw = np.cumsum(x * w)
    total_w, total_xw = cw[-1], cxw[-1]
    if total_xw == 0:
        return 0.0
    # area under the Lorenz curve by trapezoids
    lorenz_prev = np.r_[0.0, cxw[:-1]] / total_xw
    lorenz = cxw / total_xw
    area = np.sum(w / total_w * (lorenz + lorenz_prev) / 2)
    return float(1 - 2 * area)


def annual_growth(first: float, last: float, years: int) -> float:
    """Average annual growth rate; NaN when it is undefined."""
    if years <= 0 or first <= 0 or last <= 0:
        return float("nan")
    return float((last / first) ** (1 / years) - 1)

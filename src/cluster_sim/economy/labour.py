"""The labour market: each worker's yearly choice of work, and one wage per village.

Options (monthly values per worker-equivalent):

- ``local``: a post in the village's enterprises at the village wage ``w_v``;
- ``commute``: the best daily destination (county town, Jiaxing, Shanghai) within reach —
  its wage, less the cost of travel, which grows with distance;
- ``migrate``: the migrant wage less the cost of living away; the household receives a share;
- ``business``: the household's own business (entrepreneurial households only), earning the
  village's business profit per unit of scale (``economy.demand``);
- ``farm``: farming the household's own land full-time.

Choice is multinomial logit over net values ``V`` with scale ``σ``:
``P_j ∝ exp(V_j/σ + α_j)``. The rule is a switchable assumption (Wang et al. 2021): under
``income`` the constants ``α`` are 0 (bounded income maximisation); under ``observed`` they are
fitted once, in the base year, so that the county's shares equal the observed shares.

Each village's wage clears its market between a floor (the minimum wage) and a ceiling (a share
of the employers' value added per post): the wage at which the workers choosing local posts
fill them. At the floor, excess workers are rationed and re-choose among the other options; at
the ceiling, posts stay empty and output falls with them (``E.fill``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import AGRI, TOURISM
from .base import growth, pooled_jobs

if TYPE_CHECKING:
    from ..model import ClusterModel

OPTIONS = ("local", "commute", "migrate", "business", "farm")
LOCAL, COMMUTE, MIGRATE, BUSINESS, FARM = range(5)
WORK_DAYS_MONTH = 22.0
_BISECTIONS = 30


def commute_options(model: ClusterModel) -> tuple[np.ndarray, np.ndarray]:
    """Per village: (gross wage, net value) of its best commuting destination this year;
    net = -inf where no destination is within the daily commuting radius."""
    v, e = model.villages, model.params["economy"]
    wage_f = growth(model, "economy.wage_growth")
    area = model.params["county"]["area_km"]
    dist_jiaxing = e["jiaxing_km"] + 1.3 * np.maximum(area / 2 - v.x_km, -area / 2) + np.abs(v.y_km - area / 2) * 0.3
    dists = np.stack([v.dist_town_km, np.maximum(dist_jiaxing, 5.0), v.dist_shanghai_km])
    wages = np.array([e["wage_commute_yuan_month"], e["wage_jiaxing_yuan_month"], e["wage_shanghai_yuan_month"]])
    wages = np.repeat(wages[:, None] * wage_f, v.n, axis=1)
    net = wages - e["commute_cost_yuan_km_month"] * dists * wage_f
    net = np.where(dists <= e["max_commute_km"], net, -np.inf)
    best = np.argmax(net, axis=0)
    cols = np.arange(v.n)
    return wages[best, cols], net[best, cols]


def value_added_per_post(model: ClusterModel) -> np.ndarray:
    """Monthly value added per post of each village's employers at full staffing."""
    E, v = model.enterprises, model.villages
    pooled = pooled_jobs(E)
    va = E.revenue_base_yuan_year * E.productivity * (1 - E.input_share) * pooled
    va = va * np.where(E.kind == AGRI, 1.0, growth(model, "economy.business_growth"))
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled, minlength=v.n)
    va_v = np.bincount(E.village, weights=va, minlength=v.n)
    return np.divide(va_v, 12 * jobs_v, out=np.zeros(v.n), where=jobs_v > 0)


class Choice:
    """This year's option values for every household: net (for choosing) and gross (income)."""

    def __init__(self, model: ClusterModel, business_profit_v: np.ndarray):
        h, v, e = model.households, model.villages, model.params["economy"]
        wage_f = growth(model, "economy.wage_growth")
        n = h.n
        self.commute_gross_v, commute_net_v = commute_options(model)
        self.net = np.full((n, 5), -np.inf)  # local: set by set_local
        self.gross = np.zeros((n, 5))
        self.net[:, COMMUTE] = commute_net_v[h.village]
        self.gross[:, COMMUTE] = self.commute_gross_v[h.village]
        migrant = e["wage_migrant_yuan_month"] * wage_f
        self.net[:, MIGRATE] = migrant - e["migrant_living_cost_yuan_month"] * wage_f
        self.gross[:, MIGRATE] = migrant * e["migrant_remit_share"]
        business = h.business_scale * business_profit_v[h.village] / 12
        self.net[:, BUSINESS] = np.where(h.entrepreneur, business, -np.inf)
        self.gross[:, BUSINESS] = business
        farm = h.land_mu * e["farm_fulltime_yuan_mu_year"] / 12
        self.net[:, FARM] = farm
        self.gross[:, FARM] = 0.0  # farming income is booked per mu farmed (economy.land)
        self.scale = e["job_choice_scale_yuan_month"] * wage_f
        self.village = h.village
        self.n_villages = v.n

    def set_local(self, wage_v: np.ndarray, has_posts_v: np.ndarray) -> None:
        self.net[:, LOCAL] = np.where(has_posts_v, wage_v, -np.inf)[self.village]
        self.gross[:, LOCAL] = wage_v[self.village]

    def utilities(self, asc: np.ndarray) -> np.ndarray:
        return self.net / self.scale + asc

    def utility_rows(self, asc: np.ndarray) -> np.ndarray:
        """``utilities(asc).T`` as contiguous rows, one per option (the same values)."""
        u = np.empty(self.net.shape[::-1])
        np.divide(self.net.T, self.scale, out=u)
        u += asc[:, None]
        return u

    def shares(self, asc: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(_logit_rows(self.utility_rows(asc)).T)


# Option-by-option rows, not households × options: numpy's max and sum over a row of five
# are slow. Same operations in the same order as ``u.max(axis=1)``, ``u.sum(axis=1)``, so
# the same bits.
def _row_max(u: np.ndarray) -> np.ndarray:
    m = u[0].copy()
    for row in u[1:]:
        np.maximum(m, row, out=m)
    return m


def _row_sum(u: np.ndarray) -> np.ndarray:
    s = u[0].copy()
    for row in u[1:]:
        s += row
    return s


def _logit_rows(u: np.ndarray) -> np.ndarray:
    """Logit shares of utilities given as option rows, in place."""
    np.subtract(u, _row_max(u), out=u)
    np.exp(u, out=u)
    np.divide(u, _row_sum(u), out=u)
    return u


def fit_constants(choice: Choice, workers: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Alternative-specific constants that reproduce the target shares (BLP contraction)."""
    asc = np.zeros(5)
    unavailable = ~np.isfinite(choice.net).any(axis=0)
    # ``choice.shares`` per iteration, on option rows reused in place (a province's 200
    # iterations allocated 40 MB arrays a thousand times); the workers' sums add household
    # after household, as ``.sum(axis=0)`` over households × options does
    u0 = choice.utility_rows(np.zeros(5))
    p, weighted = np.empty_like(u0), np.empty(u0.shape[::-1])
    for _ in range(200):
        np.add(u0, asc[:, None], out=p)
        _logit_rows(p)
        np.multiply(p, workers, out=weighted.T)
        got = np.einsum("ij->j", weighted) / workers.sum()
        step = np.log(np.maximum(target, 1e-9)) - np.log(np.maximum(got, 1e-12))
        step[unavailable] = 0.0
        asc += step
        if np.abs(step).max() < 1e-6:
            break
    return asc - asc[COMMUTE]


def clear_wages(model: ClusterModel, choice: Choice, asc: np.ndarray, jobs_v: np.ndarray,
                floor: float, ceiling_v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each village's wage at which local supply meets its posts (bisection over villages).
    Returns (wage, supply at that wage)."""
    h = model.households
    others = choice.utility_rows(asc)
    others[LOCAL] = -np.inf
    top = _row_max(others)
    np.subtract(others, top, out=others)
    rest = _row_sum(np.exp(others, out=others))  # Σ_{j≠local} exp(u_j - top)
    w = h.workers.astype(float)
    n_v = choice.n_villages

    # households stored village by village (as the generator makes them): spreading the
    # villages' values by repeat is much faster than gathering them by index, same values
    counts = np.bincount(h.village, minlength=n_v)
    in_order = bool((np.diff(h.village) >= 0).all())

    def supply(wage_v):
        # p = 1 / (1 + rest · exp(-min(u_local - top, 700))), in place, in the same operations
        a_v = wage_v / choice.scale + asc[LOCAL]
        x = np.repeat(a_v, counts) if in_order else a_v[h.village]
        np.subtract(top, x, out=x)  # = -(u_local - top), exactly
        np.maximum(x, -700.0, out=x)
        np.exp(x, out=x)
        x *= rest
        x += 1.0
        np.divide(1.0, x, out=x)
        x *= w
        return np.bincount(h.village, weights=x, minlength=n_v)

    lo = np.full(n_v, floor)
    hi = np.maximum(ceiling_v, floor)
    s_hi = supply(hi)
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        short = supply(mid) < jobs_v
        lo = np.where(short, mid, lo)
        hi = np.where(short, hi, mid)
    wage = np.where(s_hi < jobs_v, np.maximum(ceiling_v, floor), hi)
    return wage, supply(wage)


def allocate(model: ClusterModel, choice: Choice, asc: np.ndarray, jobs_v: np.ndarray,
             supply_v: np.ndarray) -> np.ndarray:
    """Workers per option per household (n × 5): logit shares, local posts rationed where the
    village's supply exceeds them (the rationed re-choose among the other options)."""
    h = model.households
    p = _logit_rows(choice.utility_rows(asc))  # ``choice.shares(asc)``, one row per option
    ration_v = np.divide(jobs_v, supply_v, out=np.zeros_like(jobs_v), where=supply_v > jobs_v)
    ration_v = np.where(supply_v > jobs_v, ration_v, 1.0)
    keep = ration_v[h.village]
    spill = p[LOCAL] * (1 - keep)
    p[LOCAL] *= keep
    other = 1.0 - p[LOCAL] - spill
    scale = np.divide(spill, other, out=np.zeros_like(spill), where=other > 0)
    p[[COMMUTE, MIGRATE, BUSINESS, FARM]] *= 1.0 + scale
    p *= h.workers.astype(float)
    return p.T  # households × options (a view whose columns are contiguous)


def observed_targets(model: ClusterModel, jobs_total: float, workers_total: float) -> np.ndarray:
    e = model.params["economy"]
    local = min(jobs_total / max(workers_total, 1.0), 0.9)
    t = np.array([local, 0.0, e["migration_share"], e["business_worker_share"], e["farm_worker_share"]])
    t[COMMUTE] = max(1.0 - t.sum(), 0.01)
    return t / t.sum()


def choose_jobs(model: ClusterModel) -> None:
    """The year's job choices and village wages; sets the households' job columns, the
    villages' wages and the employers' fill rates."""
    E, v, h, e = model.enterprises, model.villages, model.households, model.params["economy"]
    pooled = pooled_jobs(E)
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled, minlength=v.n)
    choice = Choice(model, model.demand.expected_profit_v)
    wage_f = growth(model, "economy.wage_growth")
    if model.labour_constants is None:  # base year: expectations and (observed rule) constants
        start = np.full(v.n, e["wage_local_yuan_month"])
        choice.set_local(start, jobs_v > 0)
        if e["job_choice_rule"] == "observed":
            target = observed_targets(model, jobs_v.sum(), float(h.workers.sum()))
            model.labour_constants = fit_constants(choice, h.workers.astype(float), target)
        else:
            model.labour_constants = np.zeros(5)
    asc = model.labour_constants
    floor = e["min_wage_yuan_month"] * wage_f
    ceiling = e["wage_value_added_cap"] * value_added_per_post(model)
    wage, supply = clear_wages(model, choice, asc, jobs_v, floor, ceiling)
    choice.set_local(wage, jobs_v > 0)
    n = allocate(model, choice, asc, jobs_v, supply)
    h.n_local, h.n_commute, h.n_migrant, h.n_business, h.n_farm = (n[:, j].astype(np.float32) for j in range(5))
    v.wage_yuan_month = wage
    v.commute_wage_yuan_month = choice.commute_gross_v
    filled = np.minimum(supply, jobs_v)
    fill_v = np.divide(filled, jobs_v, out=np.zeros(v.n), where=jobs_v > 0)
    E.fill = np.where(pooled, fill_v[E.village], 1.0)
    E.wage_yuan_month = np.where(pooled, wage[E.village], E.wage_yuan_month)
    model.labour_choice = choice


def pay_wages(model: ClusterModel) -> None:
    """Employers pay the village wage for every filled post (their own village's workers and,
    under pairing, workers from elsewhere in the cluster)."""
    E, v, L = model.enterprises, model.villages, model.ledger
    pooled = pooled_jobs(E)
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled, minlength=v.n)
    b = model.household_bases
    filled_v = b.local.totals + b.cluster_job.totals
    fill = np.divide(filled_v, jobs_v, out=np.zeros(v.n), where=jobs_v > 0)
    wage_bill = E.wage_yuan_month * E.jobs * fill[E.village] * pooled
    pool_v = np.bincount(E.village, weights=wage_bill, minlength=v.n)
    per_worker = np.divide(pool_v, filled_v, out=np.zeros(v.n), where=filled_v > 0)
    L.pay_grouped("wage_local", (np.arange(E.n), wage_bill), [(b.local, per_worker), (b.cluster_job, per_worker)])
    E.cost_month += wage_bill


__all__ = ["OPTIONS", "TOURISM", "choose_jobs", "pay_wages"]

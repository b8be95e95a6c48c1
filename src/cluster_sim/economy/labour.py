"""The labour market: each worker's yearly choice of work, and one wage per village.

Options (monthly values per worker-equivalent):

- ``local``: a post in the village's enterprises at the village wage ``w_v``;
- ``commute``: the best daily destination (county town, Jiaxing, Shanghai) within reach —
  its wage, less the cost of travel, which grows with distance;
- ``migrate``: the migrant wage less the cost of living away; the household receives a share;
- ``business``: the household's own business (entrepreneurial households only), earning the
  village's business profit per unit of scale (``economy.demand``);
- ``farm``: farming the household's own land full-time;
- ``cluster``: a post in the village the household's village is linked to (a pairing policy's
  leader: ``model.job_links``), at that village's wage less the cost of commuting there; it is a
  commute, so it takes the commuting constant (0): workers take it for its net wage.

Choice is multinomial logit over net values ``V`` with scale ``σ``:
``P_j ∝ exp(V_j/σ + α_j)``. The rule is a switchable assumption (Wang et al. 2021): under
``income`` the constants ``α`` are 0 (bounded income maximisation); under ``observed`` they are
the registry's ``economy.job_constant_*`` — what workers value in an option beyond its money
(staying near home, the risk of a business) — fitted once on the default county's base year to
the observed shares (``fit_constants``, run by ``python -m cluster_sim.economy.labour``) and
then held fixed, so a scenario with more posts does not change preferences.

Each village's wage clears its market between a floor (the minimum wage) and a ceiling (a share
of the employers' value added per post): the wage at which the workers choosing local posts
fill them — its own workers and those commuting in from linked villages. Workers then share the
employers' surplus: the wage is the clearing wage plus ``economy.wage_rent_share`` of the gap to
the ceiling (``share_rents``), so local wages follow the employers' value added, not only the
outside options. Above clearing (or at the floor), excess workers are rationed and re-choose
among the other options; at the ceiling, posts stay empty and output falls with them (``E.fill``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import AGRI
from .base import growth, pooled_jobs

if TYPE_CHECKING:
    from ..model import ClusterModel

OPTIONS = ("local", "commute", "migrate", "business", "farm")  # the options with constants of their own
LOCAL, COMMUTE, MIGRATE, BUSINESS, FARM, CLUSTER = range(6)
_BISECTIONS = 30


def commute_options(model: ClusterModel) -> tuple[np.ndarray, np.ndarray]:
    """Per village: (gross wage, net value) of its best commuting destination this year;
    net = -inf where no destination is within the daily commuting radius."""
    v, e = model.villages, model.params["economy"]
    wage_f = growth(model, "economy.wage_growth")
    area, road = model.params["county"]["area_km"], model.params["county"]["road_factor"]
    dist_jiaxing = (e["jiaxing_km"] + road * np.maximum(area / 2 - v.x_km, -area / 2)
                    + np.abs(v.y_km - area / 2) * e["jiaxing_offset_factor"])
    dists = np.stack([v.dist_town_km, np.maximum(dist_jiaxing, e["min_trip_km"]), v.dist_shanghai_km])
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
        # option rows (6 × households), so each option is one contiguous array
        self.net = np.full((6, n), -np.inf)  # local and cluster: set by set_wages
        self.gross = np.zeros((6, n))
        self.net[COMMUTE] = commute_net_v[h.village]
        self.gross[COMMUTE] = self.commute_gross_v[h.village]
        migrant = e["wage_migrant_yuan_month"] * wage_f
        self.net[MIGRATE] = migrant - e["migrant_living_cost_yuan_month"] * wage_f
        self.gross[MIGRATE] = migrant * e["migrant_remit_share"]
        business = h.business_scale * business_profit_v[h.village] / 12
        self.net[BUSINESS] = np.where(h.entrepreneur, business, -np.inf)
        self.gross[BUSINESS] = business
        self.net[FARM] = h.land_mu * e["farm_fulltime_yuan_mu_year"] / 12
        # gross[FARM] stays 0: farming income is booked per mu farmed (economy.land)
        self.scale = e["job_choice_scale_yuan_month"] * wage_f
        self.village = h.village
        self.n_villages = v.n
        # posts in a linked village (pairing): where, and the cost of getting there
        links = model.job_links
        self.link = links[h.village]
        gap = np.hypot(v.x_km - v.x_km[np.maximum(links, 0)], v.y_km - v.y_km[np.maximum(links, 0)]) * model.params["county"]["road_factor"]
        self.link_cost_v = e["commute_cost_yuan_km_month"] * wage_f * gap
        self.link_cost = self.link_cost_v[h.village]

    def set_wages(self, wage_v: np.ndarray, has_posts_v: np.ndarray) -> None:
        """The wage-dependent options: a post at home and in the linked village."""
        self.net[LOCAL] = np.where(has_posts_v, wage_v, -np.inf)[self.village]
        self.gross[LOCAL] = wage_v[self.village]
        linked = self.link >= 0
        dest = np.maximum(self.link, 0)
        self.net[CLUSTER] = np.where(linked & has_posts_v[dest], wage_v[dest] - self.link_cost, -np.inf)
        self.gross[CLUSTER] = np.where(linked, wage_v[dest], 0.0)

    def utility_rows(self, asc: np.ndarray, households: np.ndarray | None = None) -> np.ndarray:
        """The options' utilities ``net / σ + α`` as contiguous rows, one per option (of these
        households only, when given)."""
        net = self.net if households is None else self.net[:, households]
        u = np.divide(net, self.scale)
        u += asc[:, None]
        return u

    def shares(self, asc: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(_logit_rows(self.utility_rows(asc)).T)


# Option-by-option rows, not households × options: numpy's max and sum over a row of six are
# slow. Same operations in the same order as ``u.max(axis=1)``, ``u.sum(axis=1)``: same bits.
def row_max(u: np.ndarray) -> np.ndarray:
    m = u[0].copy()
    for row in u[1:]:
        np.maximum(m, row, out=m)
    return m


def row_sum(u: np.ndarray) -> np.ndarray:
    s = u[0].copy()
    for row in u[1:]:
        s += row
    return s


def _logit_rows(u: np.ndarray) -> np.ndarray:
    """Logit shares of utilities given as option rows, in place."""
    np.subtract(u, row_max(u), out=u)
    np.exp(u, out=u)
    np.divide(u, row_sum(u), out=u)
    return u


def fit_constants(choice: Choice, workers: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Alternative-specific constants that reproduce the target shares (BLP contraction)."""
    asc = np.zeros(6)
    avail = np.isfinite(choice.net).any(axis=1)
    for _ in range(200):
        got = (choice.shares(asc) * workers[:, None]).sum(axis=0) / workers.sum()
        step = np.log(np.maximum(target, 1e-9)) - np.log(np.maximum(got, 1e-12))
        step[~avail] = 0.0
        asc += step
        if np.abs(step).max() < 1e-6:
            break
    asc[CLUSTER] = asc[COMMUTE]  # a post in the linked village is a commute
    return asc - asc[COMMUTE]


def clear_wages(model: ClusterModel, choice: Choice, asc: np.ndarray, jobs_v: np.ndarray,
                floor: float, ceiling_v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each village's wage at which the workers choosing its posts (its own and those of linked
    villages) fill them: bisection over all villages at once. Returns (wage, supply at it), the
    wage being the clearing wage plus workers' share of the surplus (``share_rents``).

    A household's chance of a post at home or in the linked village depends only on those
    villages' wages and on ``log_others``, the log-sum of exp-utilities of its options whose
    value does not depend on wages. While bisecting, households of a village whose
    ``log_others`` agree to ``_BIN`` are pooled, so a step costs bins, not households; the supply
    at the chosen wages is then computed household by household."""
    h = model.households
    others = choice.utility_rows(asc)
    others[LOCAL] = -np.inf
    others[CLUSTER] = -np.inf
    top = row_max(others)
    np.subtract(others, top, out=others)
    log_others = top + np.log(row_sum(np.exp(others, out=others)))
    workers = h.workers.astype(float)
    n_v = choice.n_villages
    has_posts = jobs_v > 0
    links, link_cost = model.job_links, choice.link_cost_v
    dest_of = np.maximum(links, 0)
    linked_v = (links >= 0) & has_posts[dest_of]  # villages whose workers have a linked post open

    def supply_at(v_of, a_of, w_of):
        """The supply to every village as a function of the wages, for these households (or
        bins). What does not depend on the wages is looked up once; where no post in a linked
        village is open (e_link = 0), the link terms are left out, which adds nothing but zeros."""
        is_linked = linked_v[v_of]
        alone, tied = np.flatnonzero(~is_linked), np.flatnonzero(is_linked)
        v_alone, a_alone, w_alone = v_of[alone], a_of[alone], w_of[alone]
        v_tied, a_tied, w_tied = v_of[tied], a_of[tied], w_of[tied]
        d, cost = dest_of[v_tied], link_cost[v_tied]

        def supply(wage_v):
            u_v = np.where(has_posts, wage_v / choice.scale + asc[LOCAL], -np.inf)
            # Without a linked post the larger of a and u is the logit's max, whose own term is
            # exp(0) = 1: one exp per household, t = exp(-|u - a|), same bits as exp(x - max).
            diff = u_v[v_alone] - a_alone
            t = np.abs(diff)
            np.exp(np.negative(t, out=t), out=t)
            share = w_alone / (1.0 + t)
            local = np.bincount(v_alone, weights=share * np.where(diff > 0, 1.0, t), minlength=n_v)
            # with a post in the linked village: three terms
            u_local = u_v[v_tied]
            u_link = (wage_v[d] - cost) / choice.scale + asc[CLUSTER]
            m = np.maximum(np.maximum(a_tied, u_local), u_link)
            e_local = np.exp(u_local - m)
            e_link = np.exp(u_link - m)
            denominator = np.exp(a_tied - m) + e_local
            denominator += e_link
            share = w_tied / denominator
            # a village's households are all alone or all tied, so adding the two counts adds zeros
            local += np.bincount(v_tied, weights=share * e_local, minlength=n_v)
            return local + np.bincount(d, weights=share * e_link, minlength=n_v)
        return supply

    cell = np.round(log_others / _BIN).astype(np.int64)
    cell -= cell.min()
    width = int(cell.max()) + 1
    uniq, inverse = np.unique(h.village.astype(np.int64) * width + cell, return_inverse=True)
    bin_w = np.bincount(inverse, weights=workers, minlength=len(uniq))
    bin_a = np.bincount(inverse, weights=workers * log_others, minlength=len(uniq)) / np.maximum(bin_w, 1e-300)
    bin_v = uniq // width

    lo = np.full(n_v, floor)
    hi = np.maximum(ceiling_v, floor)
    top_wage = hi.copy()
    exact = supply_at(h.village, log_others, workers)
    at_ceiling = exact(top_wage) < jobs_v
    # Bins that cannot change a wage are left out of the bisection: those of villages at the
    # ceiling (their bisected wage is discarded) or without posts (never short), unless a link
    # ties the village to another's posts. Every kept village keeps all its bins, in order, so
    # the wages are the same to the bit.
    tied = linked_v.copy()
    tied[dest_of[linked_v]] = True
    keep = ~((at_ceiling | ~has_posts) & ~tied)[bin_v]
    binned = supply_at(bin_v[keep], bin_a[keep], bin_w[keep])
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        short = binned(mid) < jobs_v
        lo = np.where(short, mid, lo)
        hi = np.where(short, hi, mid)
    wage = np.where(at_ceiling, top_wage, hi)
    wage = share_rents(wage, top_wage, model.params["economy"]["wage_rent_share"])
    return wage, exact(wage)


def share_rents(clearing_v: np.ndarray, ceiling_v: np.ndarray, share: float) -> np.ndarray:
    """Rent sharing (channel from a village's employers to its households): the wage is the
    clearing wage plus ``share`` of the surplus per post still above it, so where employers add
    more value a post pays more. A wage above clearing draws more workers than there are posts;
    ``allocate`` rations them."""
    return clearing_v + share * np.maximum(ceiling_v - clearing_v, 0.0)


_BIN = 0.01  # utility units: households whose other options sum to within this are pooled while bisecting


def allocate(model: ClusterModel, choice: Choice, asc: np.ndarray, jobs_v: np.ndarray,
             supply_v: np.ndarray) -> np.ndarray:
    """Workers per option per household (n × 6): logit shares, posts rationed where a village's
    supply exceeds them (the rationed re-choose among the options without posts)."""
    h = model.households
    p = _logit_rows(choice.utility_rows(asc))  # ``choice.shares(asc)``, one row per option
    ration_v = np.where(supply_v > jobs_v, np.divide(jobs_v, supply_v, out=np.zeros_like(jobs_v),
                                                     where=supply_v > 0), 1.0)
    keep_local = ration_v[h.village]
    keep_link = np.where(choice.link >= 0, ration_v[np.maximum(choice.link, 0)], 1.0)
    spill = p[LOCAL] * (1 - keep_local) + p[CLUSTER] * (1 - keep_link)
    p[LOCAL] *= keep_local
    p[CLUSTER] *= keep_link
    other = 1.0 - p[LOCAL] - p[CLUSTER] - spill
    scale = np.divide(spill, other, out=np.zeros_like(spill), where=other > 0)
    p[[COMMUTE, MIGRATE, BUSINESS, FARM]] *= 1.0 + scale
    p *= h.workers.astype(float)
    return p.T  # households × options (a view whose columns are contiguous)


def constants(model: ClusterModel) -> np.ndarray:
    """The logit's alternative-specific constants under the scenario's rule (commuting = 0)."""
    e = model.params["economy"]
    if e["job_choice_rule"] == "income":
        return np.zeros(6)
    return np.array([e["job_constant_local"], 0.0, e["job_constant_migrate"], e["job_constant_business"],
                     e["job_constant_farm"], 0.0])


def refit_constants(model: ClusterModel) -> np.ndarray:
    """Constants that make the base-year shares of this county equal the observed shares (posts
    filled at the starting wage; the registry's migrant, business and farm shares)."""
    E, v, h, e = model.enterprises, model.villages, model.households, model.params["economy"]
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled_jobs(E), minlength=v.n)
    choice = Choice(model, model.demand.expected_profit_v)
    choice.set_wages(np.full(v.n, e["wage_local_yuan_month"]), jobs_v > 0)
    target = observed_targets(model, jobs_v.sum(), float(h.workers.sum()))
    return fit_constants(choice, h.workers.astype(float), target)


def observed_targets(model: ClusterModel, jobs_total: float, workers_total: float) -> np.ndarray:
    e = model.params["economy"]
    local = min(jobs_total / max(workers_total, 1.0), 0.9)
    # no linked villages in the default county: the cluster option takes the commuting constant
    t = np.array([local, 0.0, e["migration_share"], e["business_worker_share"], e["farm_worker_share"], 0.0])
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
    asc = model.labour_constants = constants(model)
    floor = e["min_wage_yuan_month"] * wage_f
    ceiling = e["wage_value_added_cap"] * value_added_per_post(model)
    wage, supply = clear_wages(model, choice, asc, jobs_v, floor, ceiling)
    choice.set_wages(wage, jobs_v > 0)
    n = allocate(model, choice, asc, jobs_v, supply)
    h.n_local, h.n_commute, h.n_migrant, h.n_business, h.n_farm = (n[:, j].astype(np.float32) for j in range(5))
    h.n_cluster_job = n[:, CLUSTER].astype(np.float32)
    h.cluster_job_village = np.where(h.n_cluster_job > 0, choice.link, -1).astype(np.int32)
    h.cluster_jobs = bool((h.n_cluster_job > 0).any())
    h.n_project[:] = 0.0  # policy projects hire after this choice (their after_decide hooks)
    h.n_project_idle[:] = 0.0
    h.project_wage_yuan_month[:] = 0.0
    v.wage_yuan_month = wage
    v.commute_wage_yuan_month = choice.commute_gross_v
    filled = np.minimum(supply, jobs_v)
    fill_v = np.divide(filled, jobs_v, out=np.zeros(v.n), where=jobs_v > 0)
    E.fill = np.where(pooled, fill_v[E.village], 1.0)
    E.wage_yuan_month = np.where(pooled, wage[E.village], E.wage_yuan_month)
    model.labour_choice = choice


def expected_earnings(model: ClusterModel, idx: np.ndarray | None = None) -> np.ndarray:
    """Each household's earnings this year from the work it chose (yuan a year): the options'
    gross monthly values, work in another village of the cluster at that village's wage, and
    policy projects' and assigned public posts' wages. ``idx``: only these households (a
    policy's few, without computing the million)."""
    h, v = model.households, model.villages
    at = slice(None) if idx is None else idx

    def col(name):
        return getattr(h, name)[at]

    gross = model.labour_choice.gross
    # option by option, in the order (and so with the bits) of summing a households × options array
    monthly = col(h.JOBS[0]) * gross[0, at]
    for j, name in enumerate(h.JOBS[1:], start=1):
        monthly += col(name) * gross[j, at]
    monthly += col("n_project") * col("project_wage_yuan_month")
    monthly += col("n_post") * col("post_wage_yuan_month")
    if h.cluster_jobs:
        linked = col("cluster_job_village")
        away = linked >= 0
        monthly[away] += col("n_cluster_job")[away] * v.wage_yuan_month[linked[away]]
    return monthly * 12


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


if __name__ == "__main__":  # print the constants fitted on the default county's base year
    from ..model import ClusterModel

    fitted = refit_constants(ClusterModel(seed=1))
    for name, value in zip(OPTIONS, fitted[:len(OPTIONS)], strict=True):
        print(f"economy.job_constant_{name} = {value:.4f}")

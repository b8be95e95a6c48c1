"""The visitor market: where the source markets' day trips go, how many a village can take,
and where visitors' money goes. The baseline and the tourism package share it.

**Gravity with an outside option** (a Huff model). In month m, source market k (Shanghai,
Jiaxing, Hangzhou) makes ``T_k = τ · P_k · s_m / 12`` trips (τ trips per resident a year, P_k
its population, s_m the season). Village v pulls market k with ``A_v · c_v · f_kv``:

- attractiveness ``A_v = scenic_v² · (1 + u_v) · e_v · q_v``: scenery, upgrades ``u_v`` (the
  tourism package), festivals ``e_v`` (event months), and the service of the village's tourism
  operators ``q_v`` (mean productivity × posts filled); no live operator, no pull;
- distance decay ``f_kv = (60 km / d_kv)^β``;
- crowding ``c_v = 1 / (1 + (V_v / K_v)^γ)``: a village grows less attractive as it fills its
  capacity ``K_v = K · max(scenic_v, s_min)`` visitors a month.

Market k's trips split between the county's villages and the rest of the region (the outside
option O, in fully scenic villages 60 km away): ``V_v = Σ_k T_k A_v c_v f_kv / (O + Σ_u A_u c_u f_ku)``,
with ``c`` solved by damped fixed-point iteration; arrivals above capacity are turned away.
An upgraded village therefore takes visitors from the others (and from the outside option),
and a full one sends them elsewhere or loses them.

**Routes** (串点成线, laid by the tourism package): a share ρ of a route origin's arrivals move
on to the other stops of its route (villages with an operator), in equal parts and within
their spare capacity. The origin loses what the destinations gain, so the county's visitors are
counted once: ``Σ_v V_v = Σ_v arrivals_v``.

**Spending.** Each visitor spends ``tourism_spend_yuan_visitor`` at the village's tourism
operators (tickets, food, produce: ``enterprises.sell``); from there the collective's scenic fee,
the operators' wages and profit (to village companies) and household businesses' visitor trade
(``economy.demand``) follow. A share ``overnight_share`` of visitors also wants a bed
(``lodging_spend_yuan_visitor``) in the village's farm-stays (农家乐/民宿) — lost where there is
none. Households open stays while the net income per stay, ``margin · L_v / n_v``, stays above
what the family's labour earns elsewhere, ``c_v = stay_labour · 12 · w_v`` (the village's local
wage): ``n_v = ⌊margin · L^e_v / c_v⌋`` with ``L^e_v`` last year's lodging demand grown; the
member who runs the stay leaves the family's other (non-local) work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import TOURISM
from ..agents.households import group_fill
from ..ledger import GroupedBase
from .base import growth

if TYPE_CHECKING:
    from ..model import ClusterModel

# Source markets: (key, label). Shanghai is reached over the village's own distance to it, the
# others over its distance to the county town plus ``enterprises.market_extra_km_<key>``;
# populations are ``enterprises.market_population_<key>_m``.
MARKETS = (("shanghai", "上海 Shanghai"), ("jiaxing", "嘉兴 Jiaxing"), ("hangzhou", "杭州 Hangzhou"))
# The distance at which decay is 1: the unit of ``enterprises.outside_attractiveness`` ("fully
# scenic villages at 60 km"), a definition rather than a behavioural parameter.
REFERENCE_KM = 60.0
_ITERATIONS = 100


class VisitorMarket:
    """Visitors per village each month, their spending, and the farm-stays it supports."""

    def __init__(self, model: ClusterModel):
        v, e = model.villages, model.params["enterprises"]
        n = self.n = v.n
        self.params = e
        self.scenery = np.where(v.is_partner, 0.0, v.scenic ** 2)
        self.capacity_v = e["capacity_visitors_month"] * np.maximum(v.scenic, e["min_capacity_scenic"])
        dist = np.stack([v.dist_shanghai_km if key == "shanghai" else v.dist_town_km + e[f"market_extra_km_{key}"]
                         for key, _ in MARKETS])
        self.decay = (REFERENCE_KM / np.maximum(dist, model.params["economy"]["min_trip_km"])) ** e["visitor_distance_decay"]
        self.population = np.array([e[f"market_population_{key}_m"] for key, _ in MARKETS]) * 1e6
        # the months' weights of the year's trips (spring and autumn peaks), mean 1
        season = np.array([e[f"tourism_season_{m:02d}"] for m in range(1, 13)])
        self.season = season / max(season.mean(), 1e-300)  # all weights 0: no trips, not NaN
        # set by the tourism package: upgrades, this month's festivals, routes
        self.upgrade = np.zeros(n)
        self.event = np.ones(n)
        self.route = np.full(n, -1)  # route (cluster) of each village on one, else -1
        self.route_origin = np.zeros(n, bool)
        self.route_share = 0.0
        # this month
        self.arrivals = np.zeros(n)
        self.visitors = np.zeros(n)
        self.turned_away = 0.0
        # the year so far and the last closed year
        self.ytd = {k: np.zeros(n) for k in ("visitors", "arrivals", "operator_spend", "lodging_demand",
                                             "stay_revenue", "stay_income")}
        self.last = {k: np.zeros(n) for k in self.ytd}
        self.stays = GroupedBase("households", model.households.village, model.households.runs_stay, n)
        self.stays_last = np.zeros(n)
        self.history: list[dict[str, np.ndarray]] = []  # each closed year's totals (and "stays")

    # --- the gravity rule ------------------------------------------------------------------
    def attractiveness(self, model: ClusterModel) -> np.ndarray:
        return self.scenery * (1.0 + self.upgrade) * self.event * self.service(model)

    def service(self, model: ClusterModel) -> np.ndarray:
        """Mean productivity × fill of each village's live tourism operators (0: none)."""
        E, n = model.enterprises, self.n
        tour = (E.kind == TOURISM) & E.alive
        count = np.bincount(E.village, weights=tour, minlength=n)
        quality = np.bincount(E.village, weights=tour * E.productivity * E.fill, minlength=n)
        return np.divide(quality, count, out=np.zeros(n), where=count > 0)

    def arrivals_month(self, attractiveness: np.ndarray, month: int) -> np.ndarray:
        """Arrivals per village in ``month`` (1..12): gravity, crowding (before the capacity cut)."""
        e = self.params
        trips = e["trips_per_resident_year"] * self.population * self.season[month - 1] / 12
        served = np.flatnonzero(attractiveness > 0)  # only villages with a pull enter the sums
        pull = attractiveness[served] * self.decay[:, served]  # markets × served villages
        gamma, cap = e["crowding_exponent"], np.maximum(self.capacity_v[served], 1e-9)
        outside = e["outside_attractiveness"]

        def arrive(crowd):
            w = pull * crowd
            return trips @ (w / (outside + w.sum(axis=1, keepdims=True)))

        crowd = np.ones(len(served))
        for _ in range(_ITERATIONS):  # damped fixed point of the crowding factors
            new = 0.5 * crowd + 0.5 / (1.0 + (arrive(crowd) / cap) ** gamma)
            done = np.abs(new - crowd).max(initial=0.0) < 1e-10
            crowd = new
            if done:
                break
        out = np.zeros(self.n)
        out[served] = arrive(crowd)
        return out

    def move_on(self, arrivals: np.ndarray, attractiveness: np.ndarray) -> np.ndarray:
        """Visitors per village after a share ρ of each route origin's arrivals moves on to
        the other stops of its route (in equal parts, within their spare capacity).
        Whatever a destination gains, its origins lose."""
        if self.route_share <= 0 or not self.route_origin.any():
            return arrivals.copy()
        on = self.route >= 0
        g = np.where(on, self.route, 0)
        k = g.max() + 1
        w = (on & (attractiveness > 0)).astype(float)  # each stop of the route (with an operator) alike
        total_w = np.bincount(g, weights=w, minlength=k)
        others = total_w[g] - w  # the route's other stops
        moving = np.where(self.route_origin & on & (others > 0), self.route_share * arrivals, 0.0)
        r = np.divide(moving, others, out=np.zeros(self.n), where=others > 0)
        inflow = w * (np.bincount(g, weights=r, minlength=k)[g] - r)
        spare = np.maximum(self.capacity_v - arrivals, 0.0)
        accept = np.divide(spare, inflow, out=np.ones(self.n), where=inflow > spare)
        accepted_in = inflow * accept
        accepted_out = r * (np.bincount(g, weights=w * accept, minlength=k)[g] - w * accept)
        return arrivals - accepted_out + accepted_in

    def solve(self, model: ClusterModel, month: int) -> None:
        a = self.attractiveness(model)
        demand = self.arrivals_month(a, month)
        self.arrivals = np.minimum(demand, self.capacity_v)
        self.turned_away = float((demand - self.arrivals).sum())
        self.visitors = self.move_on(self.arrivals, a)

    def expected_year(self, model: ClusterModel) -> np.ndarray:
        """Visitors a year at today's attractiveness (the operators' first revenue estimate)."""
        a = self.attractiveness(model)
        return sum(self.move_on(np.minimum(self.arrivals_month(a, m), self.capacity_v), a) for m in range(1, 13))


# --- the schedule (model.py) -------------------------------------------------------------
def arrive(model: ClusterModel) -> None:
    """The month's visitors; lodging spending reaches the households running farm-stays."""
    mk, e, L = model.visitors, model.params["enterprises"], model.ledger
    mk.solve(model, model.month)
    mk.event[:] = 1.0  # festivals are set month by month (by the tourism package)
    g = growth(model, "economy.business_growth")
    lodging = mk.visitors * e["overnight_share"] * e["lodging_spend_yuan_visitor"] * g
    revenue = np.where(mk.stays.totals > 0, lodging, 0.0)
    per_stay = np.divide(revenue * e["stay_margin"], mk.stays.totals, out=np.zeros(mk.n), where=mk.stays.totals > 0)
    paid = L.pay_grouped("business_stay", (None, float(per_stay @ mk.stays.totals)), [(mk.stays, per_stay)])
    assert paid >= 0
    mk.ytd["visitors"] += mk.visitors
    mk.ytd["arrivals"] += mk.arrivals
    mk.ytd["operator_spend"] += mk.visitors * e["tourism_spend_yuan_visitor"] * g
    mk.ytd["lodging_demand"] += lodging
    mk.ytd["stay_revenue"] += revenue
    mk.ytd["stay_income"] += per_stay * mk.stays.totals


def _operator_shares(model: ClusterModel) -> np.ndarray:
    """Each live tourism operator's share of its village's visitor spending (by service:
    productivity × posts filled); 0 for every other enterprise."""
    E = model.enterprises
    weight = ((E.kind == TOURISM) & E.alive) * E.productivity * E.fill
    weight_v = np.bincount(E.village, weights=weight, minlength=model.visitors.n)[E.village]
    return np.divide(weight, weight_v, out=np.zeros(E.n), where=weight_v > 0)


def operator_sales(model: ClusterModel) -> np.ndarray:
    """This month's visitor spending at each enterprise: the village's visitors' spending
    shared among its live tourism operators."""
    mk = model.visitors
    spend_v = mk.visitors * model.params["enterprises"]["tourism_spend_yuan_visitor"] * \
        growth(model, "economy.business_growth")
    return _operator_shares(model) * spend_v[model.enterprises.village]


def close_year(model: ClusterModel) -> None:
    """Year end: roll the year's totals; operators' revenue base follows their visitors' spending
    (it sets the ceiling of the village wage, ``economy.labour``)."""
    mk, E = model.visitors, model.enterprises
    mk.last, mk.ytd = mk.ytd, {k: np.zeros(mk.n) for k in mk.ytd}
    mk.stays_last = mk.stays.totals.copy()
    mk.history.append({**mk.last, "stays": mk.stays_last})
    spend = _operator_shares(model) * mk.last["operator_spend"][E.village]
    base = spend / np.maximum(E.productivity, 1e-9) / growth(model, "economy.business_growth")
    E.revenue_base_yuan_year = np.where(spend > 0, base, E.revenue_base_yuan_year)


def open_stays(model: ClusterModel) -> None:
    """After the job choice: households open farm-stays until the income per stay would fall
    to the family labour's local wage; the member running it leaves non-local work."""
    mk, h, v, e = model.visitors, model.households, model.villages, model.params["enterprises"]
    expected = mk.last["lodging_demand"] * (1 + model.params["economy"]["business_growth"])
    cost = e["stay_labour"] * 12 * v.wage_yuan_month
    n_stays = np.floor(np.divide(e["stay_margin"] * expected, cost, out=np.zeros(mk.n), where=cost > 0))
    away = h.n_commute + h.n_migrant + h.n_business + h.n_farm
    eligible = (away >= e["stay_labour"]) & (e["stay_labour"] > 0)
    h.runs_stay = group_fill(h.village, h.job_priority, eligible.astype(float), n_stays, h.job_order) > 0.5
    h.n_stay = np.where(h.runs_stay, e["stay_labour"], 0.0).astype(np.float32)
    if h.runs_stay.any():
        keep = np.where(h.runs_stay, 1.0 - e["stay_labour"] / np.maximum(away, 1e-9), 1.0)
        for name in ("n_commute", "n_migrant", "n_business", "n_farm"):
            setattr(h, name, (getattr(h, name) * keep).astype(np.float32))
    mk.stays = GroupedBase("households", h.village, h.runs_stay, mk.n)

"""Tourism flows (文旅融合, 景区村庄, 串点成线): investment and marketing make villages more
attractive; visitors from Shanghai, Jiaxing and Hangzhou come by a gravity rule, in seasons
and for events, move on along the cluster's route, and spend on tickets, food, lodging and
produce — money that reaches collectives (scenic fees, rents, company profit) and households
(farm-stays they open when demand makes it pay, jobs).

Mechanism: for each targeted village with enough scenery the budget upgrades its
attractiveness. Extra visitors = base visitors × (attractiveness gained) × the village's
market potential (population of each source market over distance^β). A share of visitors
continues to the other villages of the cluster. Capacity caps visitors per month. Tickets
and food go to the village's tourism operator, produce to its agricultural operator, lodging
to households running farm-stays; households open a farm-stay when the village's lodging
spending per stay would exceed a threshold.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import AGRI, OUTSIDE, TOURISM, TOURISM_SEASON
from ..agents.households import group_fill
from ..ledger import GroupedBase
from ..scenario.schema import Field
from .base import Policy as BasePolicy

NAME = "tourism"
TITLE_ZH = "文旅融合"
TITLE_EN = "Tourism flows"

# Source markets: (name, population in millions, extra road km beyond the village's distance
# to the county town; Shanghai uses the village's own distance to Shanghai).
MARKETS = (("上海 Shanghai", 24.8, None), ("嘉兴 Jiaxing", 5.6, 25.0), ("杭州 Hangzhou", 12.5, 95.0))

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("visitor_spending", "business_stay", "public_works")

FIELDS = {
    "target": Field(str, "clustered", choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named")),
    "min_scenic": Field((int, float), 0.25, 0.0, 1.0, doc="scenery a village needs for the upgrade to pay"),
    "investment_per_village_yuan": Field((int, float), 30_000_000.0, 0.0, None, doc="upgrade investment per village"),
    "attractiveness_per_10m_yuan": Field((int, float), 0.6, 0.0, 10.0,
                                         doc="relative rise in attractiveness per 10 m yuan invested"),
    "distance_decay": Field((int, float), 1.2, 0.0, 5.0, doc="gravity exponent on distance to source markets"),
    "route_share": Field((int, float), 0.25, 0.0, 1.0, doc="share of visitors moving on to other cluster villages"),
    "events_per_year": Field(int, 4, 0, 12, doc="festival months (e.g. cherry blossom) in a year"),
    "event_boost": Field((int, float), 0.5, 0.0, 5.0, doc="extra visitors in an event month, relative"),
    "capacity_visitors_month": Field((int, float), 150_000.0, 0.0, None,
                                     doc="visitors a fully scenic village can take in a month"),
    "ticket_share": Field((int, float), 0.30, 0.0, 1.0, doc="share of spending on tickets and activities"),
    "food_share": Field((int, float), 0.35, 0.0, 1.0, doc="share on food"),
    "lodging_share": Field((int, float), 0.20, 0.0, 1.0, doc="share on lodging (farm-stays, homestays)"),
    "stay_revenue_to_open_yuan": Field((int, float), 80_000.0, 1.0, None,
                                       doc="lodging spending per stay that makes a household open one"),
    "stay_margin": Field((int, float), 0.5, 0.0, 1.0, doc="net income share of a farm-stay's revenue"),
}
SOURCES = {
    "investment_per_village_yuan": "000: 钟溪棹歌 cluster, 120 m yuan invested",
    "attractiveness_per_10m_yuan": "calibrated: 明月山塘 reaches ≈ 971,000 visitors (000)",
    "events_per_year": "000: 40+ events a year in 钟溪棹歌; cherry blossom peaks",
    "route_share": "002: villages linked into routes (串点成线); share assumed",
    "distance_decay": "assumption (gravity models of day trips)",
    "capacity_visitors_month": "assumption",
    "ticket_share": "assumption; DOMAIN.md: ≈ 50 yuan per day visitor, ≈ 100 with a farm-stay",
    "stay_revenue_to_open_yuan": "assumption",
}


class Policy(BasePolicy):
    name = NAME

    def setup(self) -> None:
        self.upgrade = np.zeros(self.model.villages.n)
        self.invested = False
        self.lodging_ytd = np.zeros(self.model.villages.n)
        self.lodging_last = np.zeros(self.model.villages.n)
        self.visitors_ytd = np.zeros(self.model.villages.n)
        self.visitors_last = np.zeros(self.model.villages.n)
        self.event_months = np.zeros(12, bool)
        self._group_stays()

    def _group_stays(self) -> None:
        h = self.model.households
        self.stays = GroupedBase("households", h.village, h.runs_stay, self.model.villages.n)

    # --- demand --------------------------------------------------------------------------
    def market_potential(self) -> np.ndarray:
        """Σ population / distance^β over the source markets, relative to a village 60 km from
        each market (1.0 at that reference)."""
        v, beta = self.model.villages, self.settings["distance_decay"]
        total = np.zeros(v.n)
        weights = 0.0
        for _, pop, extra in MARKETS:
            dist = v.dist_shanghai_km if extra is None else v.dist_town_km + extra
            total += pop * (60.0 / np.maximum(dist, 5.0)) ** beta
            weights += pop
        return total / weights

    def _invest(self) -> None:
        s, v, m = self.settings, self.model.villages, self.model
        self.invested = True
        targets = self.target_villages()
        targets = targets[v.scenic[targets] >= s["min_scenic"]]
        per = float(s["investment_per_village_yuan"])
        funded = [i for i in targets if self.spend(per) >= per]
        self.funded = np.array(funded, dtype=int)
        if len(self.funded):
            total = per * len(self.funded)
            m.ledger.pay("public_works", (None, total), (None, total))
            self.upgrade[self.funded] = s["attractiveness_per_10m_yuan"] * per / 1e7
        # extra visitors a month before seasons: fixed once the upgrade is built
        base = m.params["enterprises"]["base_visitors_per_year"] / 12
        self.direct_visitors_month = base * v.scenic ** 2 * self.upgrade * self.market_potential()
        # every visited village needs an operator to take tickets and food
        E = m.enterprises
        has_op = np.zeros(v.n, bool)
        has_op[E.village[(E.kind == TOURISM) & E.alive]] = True
        visited = self._visited_villages()
        new = visited[~has_op[visited]]
        if len(new):
            m.add_enterprises(kind=TOURISM, village=new, owner_village=np.where(v.has_company[new], new, OUTSIDE),
                              input_share=m.params["enterprises"]["tourism_input_share"],
                              wage_yuan_month=m.params["economy"]["wage_local_yuan_month"])
        rng = self.rng
        self.event_months[:] = False
        self.event_months[rng.choice(12, size=s["events_per_year"], replace=False)] = True

    def _visited_villages(self) -> np.ndarray:
        v = self.model.villages
        clusters = np.unique(v.cluster[self.funded]) if len(self.funded) else np.zeros(0, int)
        on_route = np.flatnonzero(np.isin(v.cluster, clusters[clusters >= 0]) & ~v.is_partner)
        return np.union1d(self.funded, on_route).astype(int)

    def visitors_month(self, month: int) -> np.ndarray:
        """Extra visitors per village this month (direct plus those moving along routes)."""
        s, v, m = self.settings, self.model.villages, self.model
        direct = self.direct_visitors_month
        season = TOURISM_SEASON[month - 1] * (1 + s["event_boost"] * self.event_months[month - 1])
        direct = direct * season
        # routes: a share of each upgraded village's visitors moves on to its cluster partners
        moving = direct * s["route_share"]
        cluster = np.where(v.cluster >= 0, v.cluster, -1)
        cl = np.maximum(cluster, 0)
        n_in = np.bincount(cl, weights=(cluster >= 0).astype(float), minlength=cl.max() + 1)
        pool = np.bincount(cl, weights=moving * (cluster >= 0), minlength=cl.max() + 1)
        arriving = np.where(cluster >= 0, (pool[cl] - moving) / np.maximum(n_in[cl] - 1, 1), 0.0)
        visitors = direct + arriving
        capacity = s["capacity_visitors_month"] * np.maximum(v.scenic, 0.2)
        return np.minimum(visitors, capacity)

    # --- money ---------------------------------------------------------------------------
    def on_month(self, year_index: int, month: int) -> None:
        if not self.invested:
            self._invest()
        s, m, L = self.settings, self.model, self.model.ledger
        v, E = m.villages, m.enterprises
        visitors = self.visitors_month(month)
        spend = visitors * m.params["enterprises"]["tourism_spend_yuan_visitor"] * \
            (1 + m.params["economy"]["business_growth"]) ** year_index
        self.visitors_ytd += visitors
        operator = self._first_of_kind(TOURISM)
        farm_op = self._first_of_kind(AGRI)
        to_operator = spend * (s["ticket_share"] + s["food_share"])
        produce = spend * max(0.0, 1 - s["ticket_share"] - s["food_share"] - s["lodging_share"])
        lodging = spend * s["lodging_share"]
        for share, ops, cat in ((to_operator, operator, "visitor_spending"), (produce, farm_op, "sales")):
            hit = np.flatnonzero((ops >= 0) & (share > 0))
            L.pay(cat, (None, share[hit].sum()), (ops[hit], share[hit]))
            E.revenue_month[ops[hit]] += share[hit]
        # lodging: households running farm-stays share their village's lodging spending
        stays = self.stays
        net_per_stay = np.divide(lodging, stays.totals, out=np.zeros(v.n), where=stays.totals > 0) * s["stay_margin"]
        L.pay_grouped("business_stay", (None, net_per_stay @ stays.totals), [(stays, net_per_stay)])
        self.lodging_ytd += lodging

    def _first_of_kind(self, kind: int) -> np.ndarray:
        """Per village, the index of its first live enterprise of ``kind`` (-1 if none)."""
        E, n = self.model.enterprises, self.model.villages.n
        idx = np.flatnonzero((E.kind == kind) & E.alive)
        out = np.full(n, -1)
        villages, first = np.unique(E.village[idx], return_index=True)
        out[villages] = idx[first]
        return out

    def on_year_close(self, year_index: int) -> None:
        self.lodging_last, self.lodging_ytd = self.lodging_ytd, np.zeros_like(self.lodging_ytd)
        self.visitors_last, self.visitors_ytd = self.visitors_ytd, np.zeros_like(self.visitors_ytd)

    def after_decide(self, year_index: int) -> None:
        """Households open farm-stays where last year's lodging demand supports them."""
        h, s = self.model.households, self.settings
        stays = np.floor(self.lodging_last / s["stay_revenue_to_open_yuan"])
        h.runs_stay = group_fill(h.village, h.job_priority, np.ones(h.n), stays, h.job_order) > 0
        self._group_stays()

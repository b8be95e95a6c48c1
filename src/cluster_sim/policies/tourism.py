"""Tourism flows (文旅融合, 景区村庄, 串点成线): public investment makes scenic villages more
attractive, festivals draw crowds, routes carry visitors on to the cluster's other villages;
the visitor market (``economy.visitors``) decides how many come and where their money goes.

Mechanism:

- **Upgrade** (public works, booked ``public_works``: government → outside). The package funds
  the targeted villages with scenery ``≥ min_scenic``, weakest first, ``I`` yuan each while the
  budget lasts; the last may get what is left. Money spent = public works booked. A village's
  attractiveness rises by ``u_v = a · spent_v / 10 m``; capacity does not, so crowding limits
  the gain where a village is already busy.
- **Market response** (``economy.visitors``): visitors choose villages by gravity from
  Shanghai, Jiaxing and Hangzhou with crowding and capacity, so an upgraded village draws
  visitors from the region and from the county's other villages. Festival months multiply
  the funded villages' attractiveness by ``1 + event_boost``.
- **Routes**: the funded villages' clusters become routes; a share ``route_share`` of a funded
  village's arrivals moves on to the route's other villages (each gets a tourism operator),
  taken from the origin's stream (counted once).
- **Induced income** (never a parameter of this package): visitors' spending at operators
  (tickets, food: ``visitor_spending``), the collective's scenic fee (``rent_scenic``) and
  company profit, household businesses' visitor trade (``economy.demand``), and farm-stays
  households open while they pay more than the family's labour earns locally (``business_stay``).

The transfer part of the package is the public works the government pays; everything else is
induced through the markets.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import OUTSIDE, TOURISM
from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "tourism"
TITLE_ZH = "文旅融合"
TITLE_EN = "Tourism flows"
SUMMARY_ZH = ("文旅融合：投资提升景观村的吸引力，上海、嘉兴、杭州的游客按距离远近前来，沿片区线路串游，在门票、餐饮、住宿和农产品上的消费进入村集体和农户（农家乐、就业）。")

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("public_works", "visitor_spending", "business_stay", "rent_scenic")
# paid by a public counterparty: the effect decomposition's transfer part
TRANSFER_CATEGORIES = ("public_works",)

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(default="clustered",
                                               choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named"),
                                               source="scenario choice: the clustered villages, as 文旅融合 works by cluster (000)"),
    "min_scenic": Field((int, float), 0.25, 0.0, 1.0, doc="scenery a village needs for the upgrade to pay",
                        zh="最低景观禀赋", zh_doc="景观禀赋（0–1）低于此值的村不做文旅提升",
                        source="assumption: an upgrade needs a quarter of a fully scenic village's scenery to "
                               "pay, as a base-year tourism operator needs (enterprises.min_scenic_operator)"),
    "investment_per_village_yuan": Field((int, float), 30_000_000.0, 0.0, None, doc="upgrade investment per village",
                                         zh="每村提升改造投资", zh_doc="每个对象村景观提升改造的投资",
                                         source="000: 钟溪棹歌 cluster, 120 m yuan invested"),
    "attractiveness_per_10m_yuan": Field((int, float), 1.3, 0.0, 10.0,
                                         doc="relative rise in attractiveness per 10 m yuan invested",
                                         zh="每千万元投资的吸引力提升", zh_doc="每投入一千万元，村庄吸引力的相对提高",
                                         source="calibrated: 明月山塘 reaches ≈ 971,000 visitors (000)"),
    "route_share": Field((int, float), 0.25, 0.0, 1.0, doc="share of visitors moving on to other cluster villages",
                         zh="串线游客比例", zh_doc="游客沿片区线路继续去其他村的比例",
                         source="002: villages linked into routes (串点成线); share assumed"),
    "events_per_year": Field(int, 4, 0, 12, doc="festival months (e.g. cherry blossom) in a year",
                             zh="每年节庆月数", zh_doc="如樱花节等节庆活动的月份数",
                             source="000: 40+ events a year in 钟溪棹歌; cherry blossom peaks"),
    "event_boost": Field((int, float), 0.5, 0.0, 5.0, doc="extra attractiveness of a funded village in a festival month, relative",
                         zh="节庆吸引力增幅", zh_doc="节庆月份受资助村吸引力的相对提高",
                         source="assumption: a festival month raises a funded village's attractiveness by half; "
                                "000 reports 40+ events a year and cherry-blossom peaks but no counts per event"),
}


class Policy(BasePolicy):
    name = NAME
    unit_words = ("村", "village")
    whole_units = True

    @staticmethod
    def unit_cost(settings: dict) -> float:
        return float(settings["investment_per_village_yuan"])

    def paid(self) -> float:
        """The upgrades booked (the last village may have had what was left)."""
        return float(self.spent.sum())

    def reached(self) -> tuple[int, int]:
        return len(self.funded), 0

    def setup(self) -> None:
        n = self.model.villages.n
        self.invested = False
        self.spent = np.zeros(n)
        self.funded = np.zeros(0, int)
        self.event_months = np.zeros(12, bool)

    # --- the investment ----------------------------------------------------------------------
    def _invest(self) -> None:
        s, v, m = self.settings, self.model.villages, self.model
        self.invested = True
        targets = self.target_villages()
        targets = targets[v.scenic[targets] >= s["min_scenic"]]
        per = self.unit_cost(s)
        for i in targets:  # weakest first while the budget lasts; the last gets what is left
            take = self.spend(per)
            if take <= 0:
                break
            self.spent[i] = take
        self.funded = np.flatnonzero(self.spent > 0)
        if len(self.funded):
            total = float(self.spent.sum())
            m.ledger.pay("public_works", (None, total), (None, total))
        market = m.visitors
        market.upgrade += s["attractiveness_per_10m_yuan"] * self.spent / 1e7
        route = self._route_villages()
        market.route[route] = v.cluster[route]
        market.route_origin[self.funded] = True
        market.route_share = float(s["route_share"])
        # every village on a route needs an operator to take tickets and food
        E = m.enterprises
        has_op = np.zeros(v.n, bool)
        has_op[E.village[(E.kind == TOURISM) & E.alive]] = True
        new = route[~has_op[route]]
        if len(new):
            m.add_enterprises(kind=TOURISM, village=new, owner_village=np.where(v.has_company[new], new, OUTSIDE),
                              input_share=m.params["enterprises"]["tourism_input_share"],
                              wage_yuan_month=v.wage_yuan_month[new])
        self.event_months[:] = False
        self.event_months[self.rng.choice(12, size=s["events_per_year"], replace=False)] = True

    def _route_villages(self) -> np.ndarray:
        """The funded villages and the other home villages of their clusters."""
        v = self.model.villages
        clusters = np.unique(v.cluster[self.funded]) if len(self.funded) else np.zeros(0, int)
        on_route = np.flatnonzero(np.isin(v.cluster, clusters[clusters >= 0]) & ~v.is_partner)
        return np.union1d(self.funded, on_route).astype(int)

    # --- the month ---------------------------------------------------------------------------
    def on_month(self, year_index: int, month: int) -> None:
        if not self.invested:
            self._invest()
        if self.event_months[month - 1] and len(self.funded):
            self.model.visitors.event[self.funded] = 1.0 + self.settings["event_boost"]

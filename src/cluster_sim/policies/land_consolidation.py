"""Land consolidation (全域土地综合整治): public works that create new farmland and turn small
plots into large, better fields, so operators pay more rent and earn more per mu.

Mechanism: for each targeted village the budget pays the works over the build time; on
completion the new farmland becomes collective land let to the village's operator (collective
rent), operators' yield per mu rises and, on large consolidated fields, they need fewer hired
workers per mu. Their margin per mu rises, so their bid for land rises and the land market
moves the rent towards it (``economy.land``); households then decide again whether to lease
out. The seed's 800 → 1,200 yuan per mu (赵家桥村, 000) is a validation row
(docs/calibration.md), not a parameter of this package.

Equations: with ``A`` = ``new_farmland_mu`` and ``c`` = ``cost_yuan_per_mu``, the first
``N`` targeted villages the budget affords (``N · A · c`` ≤ budget) are funded; public works cost
``N · A · c / (12 · build_years)`` a month for ``build_years`` years; at the close of the last,
each funded village's collective land grows by ``A`` mu, its hired-labour factor ``λ_v ← λ_v (1 −
labour_saving)`` and its farm productivity ``q_v ← q_v (1 + yield_uplift)`` (the land market's
``λ_v`` and ``q_v``, ODD §7.4).
"""

from __future__ import annotations

import numpy as np

from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "land_consolidation"
TITLE_ZH = "全域土地综合整治"
TITLE_EN = "Land consolidation"
SUMMARY_ZH = ("全域土地综合整治：工程新增耕地、把零碎地块整成大田，土地流转租金和亩均产出随之提高，新增耕地作为集体土地出租。")

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("public_works", "rent_collective_land", "land_rent")

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(default="key",
                                               choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named"),
                                               source="scenario choice: key villages (赵家桥村 is one, 000)"),
    "new_farmland_mu": Field((int, float), 2000.0, 0.0, None, doc="new farmland created per village",
                             zh="每村新增耕地", zh_doc="整治后每村新增的耕地面积",
                             source="000: 赵家桥村, 2,000 mu of new farmland"),
    "cost_yuan_per_mu": Field((int, float), 20_000.0, 0.0, None, doc="cost of the works per mu of new farmland",
                              zh="每亩整治成本", zh_doc="每新增一亩耕地的工程成本",
                              source="assumption: high-standard farmland works in Zhejiang"),
    "build_years": Field(int, 2, 1, 20, doc="years of works before the land is usable",
                         zh="工程年限", zh_doc="整治工程完工前的年数",
                         source="assumption: works take two seasons before the land is farmed, because 000 gives "
                                "no timing"),
    "labour_saving": Field((int, float), 0.3, 0.0, 1.0, doc="relative fall of hired workers per mu on consolidated fields",
                           zh="用工节省", zh_doc="整治后连片大田每亩雇工的相对减少",
                           source="assumption: machine work on consolidated fields replaces about a third of hired "
                                  "labour"),
    "yield_uplift": Field((int, float), 0.3, 0.0, 5.0, doc="relative rise of operators' revenue per mu",
                          zh="亩均产出提升", zh_doc="整治后经营主体亩均产出的相对提高",
                          source="assumption: larger, levelled and irrigated fields raise revenue per mu by about "
                                 "a third; checked against 赵家桥村's rent rising from 800 to 1,200 yuan per mu (000, "
                                 "docs/calibration.md)"),
}


class Policy(BasePolicy):
    name = NAME
    unit_words = ("村", "village")
    whole_units = True

    @staticmethod
    def unit_cost(settings: dict) -> float:
        return settings["new_farmland_mu"] * settings["cost_yuan_per_mu"]

    def paid(self) -> float:
        """The works committed to the funded villages (paid monthly over ``build_years``)."""
        return self.reached()[0] * self.unit_cost(self.settings)

    def reached(self) -> tuple[int, int]:
        return (len(self.villages) if self.started is not None else 0), 0

    def setup(self) -> None:
        self.villages = np.zeros(0, int)
        self.started = None
        self.done = False

    def on_month(self, year_index: int, month: int) -> None:
        s, L = self.settings, self.model.ledger
        if self.started is None:
            self.villages = self.target_villages()
            self.started = year_index
            per_village = self.unit_cost(s)
            self.villages = self.villages[:self.affordable(per_village, len(self.villages))]
            self.spend(per_village * len(self.villages))
        if self.done:
            return
        monthly = len(self.villages) * s["new_farmland_mu"] * s["cost_yuan_per_mu"] / (12 * s["build_years"])
        L.pay("public_works", (None, monthly), (None, monthly))

    def on_year_close(self, year_index: int) -> None:
        if self.done or year_index - self.started + 1 < self.settings["build_years"]:
            return
        s, v = self.settings, self.model.villages
        idx = self.villages
        v.collective_land_mu[idx] += s["new_farmland_mu"]
        v.agri_labour_factor[idx] *= 1 - s["labour_saving"]
        v.agri_productivity[idx] *= 1 + s["yield_uplift"]
        self.done = True

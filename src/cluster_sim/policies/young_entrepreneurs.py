"""Young rural entrepreneurs (农创客, DOMAIN.md item 8: 1,300 in the seeds' county, trained and
supported to start businesses): trained entrants who start household businesses, each bringing
an online market (e-commerce, 电商) the village did not reach before.

- **Entry.** At each year end, up to ``entrants_per_village_year`` households of each targeted
  village that have a healthy working-age member and run no business are trained, in the order
  of a keyed draw (fixed per household), while the budget pays their start-up grant
  (``start_up_grant_yuan``, booked as ``subsidy_household``). A trained entrant runs its business
  at scale ``training_scale`` (the drawn scales average 1).
- **Demand.** Each trained entrant brings ``online_market_yuan_year`` of demand from outside the
  county (indexed with business growth) into the village's business demand
  (``economy.demand``), where every business of the village shares it in proportion to scale.
- **Failure is the market's.** An entrant chooses business each year on the profit it expects,
  like any household (``economy.labour``): where entrants crowd a village's demand, profit per
  unit of scale falls and some leave for other work. Their online market stays with the
  village's businesses (the shop and its customers remain).
- Start-up credit is not modelled: households hold no loans in the model, so the support is the
  grant; a loan would only move its cost in time.
"""

from __future__ import annotations

import numpy as np

from ..agents.households import group_fill
from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "young_entrepreneurs"
TITLE_ZH = "农创客（青年创业培训与扶持）"
TITLE_EN = "Young rural entrepreneurs"
SUMMARY_ZH = ("培训并扶持青年农创客创业：每村每年若干户获得创业补贴、以培训后的规模经营个体生意，"
              "并带来电商等外部市场；创业户多了会摊薄本村需求，经营不下去的转做别的工作。")

CATEGORIES = ("subsidy_household",)
TRANSFER_CATEGORIES = ("subsidy_household",)

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(
        default="all", choices=("all", "weak", "surrounding", "clustered", "named"),
        doc="the villages whose households are trained",
        source="scenario choice: every village by default"),
    "entrants_per_village_year": Field(int, 2, 0, 10_000, doc="households trained per targeted village a year",
                                       zh="每村每年培训户数", zh_doc="每个目标村每年培训并扶持创业的农户数",
                                       source="assumption: Pinghu's about 1,300 农创客 (000, DOMAIN.md item 8) are about 17 "
                                              "a village, built up over years; two a village a year is a guess at the pace"),
    "training_scale": Field((int, float), 1.2, 0.0, 10.0, doc="business scale of a trained entrant (drawn scales average 1)",
                            zh="培训后经营规模", zh_doc="培训后创业户的经营规模（普通个体户平均为 1）",
                            source="assumption: training lifts a new business slightly above the average one"),
    "start_up_grant_yuan": Field((int, float), 50_000.0, 0.0, None, doc="one-off start-up grant per entrant",
                                 zh="创业补贴（每户一次）", zh_doc="每户农创客一次性创业补贴",
                                 source="assumption: a start-up grant of the size county schemes offer; not in the seeds"),
    "online_market_yuan_year": Field((int, float), 60_000.0, 0.0, None,
                                     doc="yearly demand from outside the county each entrant brings (e-commerce)",
                                     zh="每户带来的外部市场", zh_doc="每户农创客通过电商等带来的县外需求（元/年）",
                                     source="assumption: a small online shop's sales; the seeds name e-commerce (001) "
                                            "but give no sales"),
}


class Policy(BasePolicy):
    name = NAME  # no unit price shown: a grant buys an entrant only where a household can enter

    def reached(self) -> tuple[int, int]:
        h = self.model.households
        return len(np.unique(h.village[self.entrants])), len(self.entrants)

    def setup(self) -> None:
        m, h = self.model, self.model.households
        self.in_target = np.isin(h.village, self.target_villages())
        draw = m.streams.uniform(f"policy.{NAME}.queue", np.arange(h.n), 0)
        self.queue = np.lexsort((draw, h.village))  # by village, then the household's fixed draw
        self.entrants = np.zeros(0, int)
        self.entered_year = np.zeros(0, int)  # the year at whose end each entrant was trained

    def on_year_close(self, year_index: int) -> None:
        """Train this year's entrants (they choose their work for next year with a business to
        run) and pay their grants; the entrants' online markets join their villages' demand."""
        m, h, s, L = self.model, self.model.households, self.settings, self.model.ledger
        able = (self.in_target & ~h.entrepreneur & ~h.ill & (h.healthy_workers >= 1))[self.queue]
        candidates = self.queue[able]
        # the first entrants_per_village_year candidates of each village (already in queue order)
        seats = np.full(m.villages.n, float(s["entrants_per_village_year"]))
        one = np.ones(len(candidates))
        chosen = candidates[group_fill(h.village[candidates], one, one, seats, np.arange(len(candidates))) > 0]
        grant = float(s["start_up_grant_yuan"])
        chosen = chosen[: self.affordable(grant, len(chosen))]
        self.spend(grant * len(chosen))
        L.pay("subsidy_household", (None, grant * len(chosen)), (chosen, np.full(len(chosen), grant)))
        h.entrepreneur[chosen] = True
        h.business_scale[chosen] = np.float32(s["training_scale"])
        self.entrants = np.r_[self.entrants, chosen].astype(int)
        self.entered_year = np.r_[self.entered_year, np.full(len(chosen), year_index)].astype(int)
        m.demand.policy_demand_v = s["online_market_yuan_year"] * np.bincount(
            h.village[self.entrants], minlength=m.villages.n).astype(float)

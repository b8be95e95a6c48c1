"""Industrial chains (产业集聚 / 补链配套): operators fill the links of a chain in a host village,
and the chain pays only once enough of it is there (DOMAIN.md item 5, 花开康上: 17 operators
over the whole chain, output per mu 3,000 → 100,000 yuan, collective income +600,000 a year).

Each targeted village hosts a chain of ``chain_links`` links on a base of ``base_mu`` mu.

- **Entry (agglomeration).** Each year every empty link is taken with probability
  ``p = entry_rate · (1 + agglomeration · c)``, ``c`` = the share of links filled (keyed draw per
  village, link and year), while the budget pays the 补链 subsidy (``subsidy_per_operator_yuan``,
  public investment); the operator brings the rest of ``operator_capital_yuan`` (private).
- **A chain pays when it is whole.** An operator sells ``R · (f + (1 − f) · c^θ)`` a year (indexed
  with business growth, times a keyed yearly performance shock): ``R`` = ``operator_revenue_yuan_year``
  in a full chain, ``f`` = ``isolated_share`` what a link alone earns (selling raw produce: 3,000
  of 100,000 yuan a mu), ``θ`` = ``chain_elasticity``. Costs are ``cost_share`` of sales, fixed
  upkeep ``fixed_cost_share`` × capital and the host collective's rent
  (``collective_rent_yuan_year``, ``rent_collective_land``). An operator that loses money
  ``close_after_loss_years`` running closes (``economy.enterprises.close``); its link can be
  taken again.
- **Output per mu and rents.** The chain's output per mu is its operators' sales over its base;
  the host village's farm productivity rises with the chain's completeness,
  ``q_v = q_v⁰ · (1 + output_uplift · c)``, so operators' bids for land, and through the land
  market households' and the collective's land rents, rise where the chain forms — and only there.
- The chain's own jobs are not modelled (its operators' posts would enter the village labour
  market); what reaches households here is the land rent.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import OUTSIDE, PROJECT
from ..economy.base import growth
from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "industrial_chain"
TITLE_ZH = "产业链集聚（补链配套）"
TITLE_EN = "Industrial chains (filling the links)"
SUMMARY_ZH = ("在主村培育一条产业链：经营主体逐个进入补齐链条（已入驻越多、进入越快），链条越完整亩均产出越高；"
              "单个环节难以盈利，连续亏损的主体退出；集体收取场地租金，土地流转租金随亩均产出上升。")

CATEGORIES = ("public_investment", "private_investment", "sales", "rent_collective_land")
TRANSFER_CATEGORIES = ()

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(
        default="key", choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named"),
        doc="the villages that host a chain",
        source="scenario choice: the cluster's key village hosts the chain (花开康上, 000)"),
    "chain_links": Field(int, 17, 1, 1_000, doc="operators that make a whole chain",
                         zh="链条环节数", zh_doc="补齐整条产业链需要的经营主体数",
                         source="000: 花开康上, 17 operators over the whole chain"),
    "base_mu": Field((int, float), 1_000.0, 1.0, None, doc="land of the chain's base",
                     zh="基地面积（亩）", zh_doc="产业链基地的土地面积",
                     source="assumption: the seeds give output per mu, not the base's size"),
    "operator_revenue_yuan_year": Field((int, float), 5_900_000.0, 0.0, None,
                                        doc="yearly sales of one operator in a full chain (base year)",
                                        zh="完整链条中每个主体年销售额", zh_doc="链条完整时每个经营主体的年销售额（基年）",
                                        source="000: 100,000 yuan a mu on the base when the chain is whole; with 17 "
                                               "operators on 1,000 mu, about 5.9 m each"),
    "isolated_share": Field((int, float), 0.03, 0.0, 1.0, doc="share of full-chain sales a link alone earns",
                            zh="单环节销售比例", zh_doc="链条只有一个环节时能卖出完整链条销售额的多少",
                            source="000: output per mu 3,000 before the chain, 100,000 after (3 %)"),
    "chain_elasticity": Field((int, float), 1.0, 0.0, 10.0, doc="how sales rise with the chain's completeness (θ)",
                              zh="链条完整度弹性", zh_doc="销售额随链条完整度上升的快慢（1 = 线性）",
                              source="assumption: linear in the share of links filled"),
    "entry_rate": Field((int, float), 0.12, 0.0, 1.0, doc="yearly chance an empty link is taken, before agglomeration",
                        zh="进入概率", zh_doc="空缺环节每年被经营主体进入的基础概率",
                        source="assumption: a chain takes about a decade to fill, as the seeds' clusters did"),
    "agglomeration": Field((int, float), 2.0, 0.0, 100.0, doc="rise of the entry chance with the share of links filled",
                           zh="集聚效应", zh_doc="已入驻主体越多，空缺环节被进入的概率提高多少",
                           source="assumption: operators follow operators (产业集聚)"),
    "operator_capital_yuan": Field((int, float), 3_000_000.0, 0.0, None, doc="capital of one operator",
                                   zh="每个主体投资", zh_doc="每个经营主体的投资额",
                                   source="assumption: a processing or trading link's plant"),
    "subsidy_per_operator_yuan": Field((int, float), 500_000.0, 0.0, None,
                                       doc="public subsidy per entering operator (filling a link of the chain)",
                                       zh="补链补贴（每个主体）", zh_doc="每个进入的经营主体获得的财政补贴",
                                       source="assumption: a sixth of an operator's capital"),
    "cost_share": Field((int, float), 0.75, 0.0, 1.0, doc="an operator's variable costs as a share of sales",
                        zh="变动成本比例", zh_doc="经营主体变动成本占销售额的比例",
                        source="assumption: inputs and wages of flower growing, processing and trade"),
    "fixed_cost_share": Field((int, float), 0.06, 0.0, 1.0, doc="fixed yearly costs as a share of capital",
                              zh="固定成本比例", zh_doc="每年固定成本占投资的比例",
                              source="assumption: upkeep and depreciation of the plant"),
    "collective_rent_yuan_year": Field((int, float), 35_000.0, 0.0, None,
                                       doc="yearly rent an operator pays the host collective (base year)",
                                       zh="集体场地租金（每个主体）", zh_doc="每个经营主体每年付给所在村集体的场地租金",
                                       source="000: collective +600,000 yuan a year from 17 operators"),
    "output_uplift": Field((int, float), 0.3, 0.0, 10.0,
                           doc="rise of the host village's farm productivity with a whole chain",
                           zh="链条对农业产出的带动", zh_doc="链条完整时主村农业亩均产出提高的比例",
                           source="assumption: a whole chain lifts the village's farming (seedlings, contracts, "
                                  "sales channels); the seeds report the base's output, not the village's"),
    "performance_sd": Field((int, float), 0.2, 0.0, 2.0, doc="yearly log-sd of an operator's performance",
                            zh="经营波动", zh_doc="经营主体业绩逐年的随机波动",
                            source="assumption: as the common-prosperity project's (0.2)"),
    "close_after_loss_years": Field(int, 2, 1, 50, doc="years of loss in a row after which an operator leaves",
                                    zh="连续亏损几年退出", zh_doc="经营主体连续亏损达到这个年数就退出",
                                    source="assumption: as the other packages' projects"),
}


class Policy(BasePolicy):
    name = NAME  # no unit price: what a chain costs depends on how many operators enter

    def reached(self) -> tuple[int, int]:
        return len(self.hosts), 0

    def setup(self) -> None:
        self.hosts = np.zeros(0, int)
        self.slot = np.full((0, 0), -1, int)  # enterprise filling each (host, link); -1 = empty
        self.loss_years = np.zeros((0, 0), np.int64)
        self.started = False

    def _start(self) -> None:
        v, s = self.model.villages, self.settings
        self.hosts = self.target_villages()
        self.uplift = np.ones(len(self.hosts))  # the chain's factor on its host's farm productivity
        self.slot = np.full((len(self.hosts), s["chain_links"]), -1, int)
        self.loss_years = np.zeros(self.slot.shape, np.int64)
        self.started = True

    def open_links(self) -> np.ndarray:
        """(host, link): filled by an operator that is open."""
        return (self.slot >= 0) & self.model.enterprises.alive[np.maximum(self.slot, 0)]

    def completeness(self) -> np.ndarray:
        """Share of each chain's links filled by an operator that is open."""
        return self.open_links().mean(axis=1) if self.slot.size else np.zeros(len(self.hosts))

    def output_per_mu(self) -> np.ndarray:
        """Each chain's yearly output per mu of its base at this year's sales (yuan)."""
        return self.sales_year().sum(axis=1) / self.settings["base_mu"]

    def sales_year(self) -> np.ndarray:
        """(host, link) yearly sales of the open operators, before their performance shock."""
        s = self.settings
        c = self.completeness()
        per_operator = (s["operator_revenue_yuan_year"] * (s["isolated_share"] + (1 - s["isolated_share"])
                        * c ** s["chain_elasticity"]) * growth(self.model, "economy.business_growth"))
        return np.where(self.open_links(), per_operator[:, None], 0.0)

    def _enter(self, year_index: int) -> None:
        m, s, L = self.model, self.settings, self.model.ledger
        empty = ~self.open_links()
        p = s["entry_rate"] * (1 + s["agglomeration"] * self.completeness())
        link_id = np.arange(self.slot.size).reshape(self.slot.shape)
        u = m.streams.uniform(f"policy.{NAME}.entry", link_id.ravel(), year_index).reshape(self.slot.shape)
        host_idx, link = np.nonzero(empty & (u < p[:, None]))
        capital = float(s["operator_capital_yuan"])
        public = min(float(s["subsidy_per_operator_yuan"]), capital)  # a subsidy cannot exceed the plant
        take = self.affordable(public, len(host_idx))
        host_idx, link = host_idx[:take], link[:take]
        if not len(host_idx):
            return
        self.spend(public * len(host_idx))
        ent = m.add_enterprises(kind=PROJECT, village=self.hosts[host_idx], owner_village=OUTSIDE)
        n = len(ent)
        L.pay("public_investment", (None, public * n), (ent, np.full(n, public)))
        L.pay("private_investment", (None, (capital - public) * n), (ent, np.full(n, capital - public)))
        L.pay("inputs", (ent, np.full(n, capital)), (None, capital * n))  # the plant
        self.slot[host_idx, link] = ent
        self.loss_years[host_idx, link] = 0

    def on_month(self, year_index: int, month: int) -> None:
        if not self.started:
            self._start()
            self._enter(year_index)
        m, s, L, E = self.model, self.settings, self.model.ledger, self.model.enterprises
        open_ = self.open_links()
        if not open_.any():
            return
        host_idx, _ = np.nonzero(open_)
        ent = self.slot[open_]
        sales = self.sales_year()[open_] * self.performance(ent, s["performance_sd"]) / 12
        rent = np.full(len(ent), s["collective_rent_yuan_year"] * growth(m, "economy.business_growth") / 12)
        cost = sales * s["cost_share"] + s["fixed_cost_share"] * s["operator_capital_yuan"] / 12
        L.pay("sales", (None, sales.sum()), (ent, sales))
        L.pay("inputs", (ent, cost), (None, cost.sum()))
        L.pay("rent_collective_land", (ent, rent), (self.hosts[host_idx], rent))
        E.cash[ent] += sales - cost - rent
        E.profit_ytd[ent] += sales - cost - rent

    def on_year_close(self, year_index: int) -> None:
        if not self.started:
            return
        E, v, s = self.model.enterprises, self.model.villages, self.settings
        filled = self.slot >= 0
        if filled.any():
            ent = self.slot[filled]
            self.loss_years[filled] = self.close_loss_makers(ent, self.loss_years[filled])
            # operators keep what they earn (their owners are outside the county)
            alive = ent[E.alive[ent]]
            payout = self.take_profit(alive)
            self.model.ledger.pay("owner_payout", (alive, payout), (None, payout.sum()))
            E.profit_ytd[ent] = 0.0
        self._enter(year_index + 1)
        # the chain's factor replaces last year's; other packages' factors (land consolidation) stay
        uplift = 1 + s["output_uplift"] * self.completeness()
        v.agri_productivity[self.hosts] *= uplift / self.uplift
        self.uplift = uplift

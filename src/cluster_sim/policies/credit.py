"""Credit and subsidies (共富·兴农贷, 财政补助): extra subsidies allocated by a rule, and
common-prosperity loans that collectives invest in rentable property, repaid in instalments
from their cash — under a debt limit, since over-indebtedness (过度负债) is a red line.

Mechanism:

- **Subsidies.** Each year the subsidy budget is split among targeted villages (equally, by
  households, or inversely to operating income) as government transfers (non-operating income).
- **Loans fund property whose return is uncertain.** Each targeted village may borrow
  ``loan_per_village_yuan`` = ``L`` once; the loan is granted only if the debt ratio after it,
  ``(debt + L) / (assets + L/c · value_m2)``, stays under ``collective.debt_limit_share`` (unless
  the limit is not enforced, which shows what breaking the red line does). The proceeds build
  ``L / c`` m² of floor space (``c`` = ``building_cost_yuan_m2``), vacant until tenant firms
  enter it in the enterprises' market (``economy.enterprises.evolve``: entry by vacancy, rent
  and the village's location) — so the rent the loan earns is not set here.
- **Repayment is a contract.** Interest ``collective.loan_rate`` is paid monthly on all debt; the
  principal falls due in ``loan_years`` equal yearly instalments ``L / loan_years``, paid at the
  year end from the village's cash before anything else (``economy.collective.repay_debt``).
  A shortfall is a missed instalment; after ``collective.default_after_years`` successive misses
  the loan defaults: the bank writes off the rest (``collective_loan_writeoff``, not cash) and the
  public risk pool (风险补偿资金池) compensates it ``risk_pool_share`` of that loss
  (``loan_loss_compensation``, public money: the cost of the guarantee, booked to government).
"""

from __future__ import annotations

import numpy as np

from ..scenario.schema import Field
from .base import Policy as BasePolicy

NAME = "credit"
TITLE_ZH = "金融与财政支持"
TITLE_EN = "Credit and subsidies"
SUMMARY_ZH = ("金融与财政支持：按规则分配额外财政补助，并向村集体发放共富贷款用于建设可出租物业，用村集体现金还本付息；守住负债率红线。")

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("loan", "interest", "loan_repayment", "subsidy_village", "collective_loan_writeoff",
              "loan_loss_compensation")

FIELDS = {
    "subsidy_yuan_year": Field((int, float), 0.0, 0.0, None, doc="extra subsidies per year, shared among targets",
                               zh="每年额外补助", zh_doc="每年发给对象村的额外财政补助总额",
                               source="scenario choice: 0 = no extra subsidy, because the size of a programme is what a"
                                      " user compares"),
    "allocation": Field(str, "equal", choices=("equal", "by_households", "inverse_income"),
                        doc="how the yearly subsidy is shared among targeted villages",
                        zh="补助分配方式", zh_doc="额外补助在对象村之间怎么分",
                        source="scenario choice: the allocation rules a user compares; 'equal' shares alike"),
    "loan_per_village_yuan": Field((int, float), 3_000_000.0, 0.0, None, doc="common-prosperity loan per village",
                                   zh="每村共富贷款", zh_doc="每个对象村获得的共富贷（用于建物业）",
                                   source="assumption; 钟溪棹歌 raised 700 m yuan of loans through a common-prosperity fund "
                                          "(000)"),
    "building_cost_yuan_m2": Field((int, float), 2500.0, 1.0, None, doc="cost of the floor space the loan builds",
                                   zh="建设成本", zh_doc="每平方米厂房或物业的建设成本",
                                   source="assumption: standard factory/commercial floor in Jiaxing, as "
                                          "collective.building_cost_yuan_m2 and policies.flying_land.building_cost_yuan_m2"),
    "enforce_debt_limit": Field(bool, True, doc="refuse loans that would break the debt red line",
                                zh="守住负债红线", zh_doc="贷款会让村突破负债率红线时不予发放",
                                source="001: no over-indebtedness (过度负债) — a red line"),
    "income_floor_yuan": Field((int, float), 100_000.0, 1.0, None,
                               doc="inverse_income allocation: operating income counted at least this much",
                               zh="按收入倒数分配的收入下限", zh_doc="按经营性收入倒数分配补助时，收入低于此数的村按此数计",
                               source="assumption: a village with (nearly) no operating income is weighted as one with "
                                      "100,000 yuan, so the inverse-income weights stay finite and no one village takes"
                                      " the whole budget"),
    "loan_years": Field(int, 5, 1, 50, doc="years over which the loan's principal is repaid in equal instalments",
                        zh="贷款还款年限", zh_doc="共富贷本金分几年等额偿还；年末现金不够还当年本金即为欠还",
                        source="assumption: a medium-term (5-year) rural development loan; 000 names 共富·兴农贷 "
                               "without terms"),
    "risk_pool_share": Field((int, float), 0.5, 0.0, 1.0,
                             doc="share of a defaulted loan's loss that the public risk pool pays the bank",
                             zh="风险补偿资金池分担比例", zh_doc="贷款违约核销时，财政风险补偿资金池替银行承担的损失比例",
                             source="assumption: a loss shared half and half between a county risk-compensation pool "
                                    "(风险补偿资金池) and the bank; 000 names the bank partnership but no seed gives the "
                                    "share"),
}


class Policy(BasePolicy):
    name = NAME

    def reached(self) -> tuple[int, int]:
        return (len(self.target_villages()) if self.borrowed else 0), 0

    def setup(self) -> None:
        self.borrowed = False
        self.loans = np.zeros(self.model.villages.n)

    def on_month(self, year_index: int, month: int) -> None:
        s, v, L = self.settings, self.model.villages, self.model.ledger
        targets = self.target_villages()
        if not self.borrowed:
            self._lend(targets)
        if s["subsidy_yuan_year"] > 0 and len(targets):
            weights = {"equal": np.ones(len(targets)),
                       "by_households": v.households[targets].astype(float),
                       "inverse_income": 1.0 / np.maximum(v.operating_income_last[targets], s["income_floor_yuan"])}[s["allocation"]]
            amount = self.spend(s["subsidy_yuan_year"] / 12)
            share = amount * weights / weights.sum()
            L.pay("subsidy_village", (None, amount), (targets, share))

    def _lend(self, targets: np.ndarray) -> None:
        s, v, L = self.settings, self.model.villages, self.model.ledger
        self.borrowed = True
        limit = self.model.params["collective"]["debt_limit_share"]
        loan = np.full(len(targets), float(s["loan_per_village_yuan"]))
        new_floor = loan / s["building_cost_yuan_m2"]
        assets_after = v.assets_yuan[targets] + new_floor * v.building_value_yuan_m2
        ok = (v.debt[targets] + loan) / np.maximum(assets_after, 1) <= limit
        if s["enforce_debt_limit"]:
            loan, new_floor, targets = loan[ok], new_floor[ok], targets[ok]
        L.pay("loan", (None, loan.sum()), (targets, loan))
        L.pay("collective_construction", (targets, loan), (None, loan.sum()))
        v.debt[targets] += loan
        v.term_loan[targets] += loan
        v.term_instalment[targets] += loan / s["loan_years"]
        v.loss_cover_share[targets] = s["risk_pool_share"]
        v.building_m2[targets] += new_floor  # vacant until tenants enter (economy.evolve)
        self.loans[targets] += loan

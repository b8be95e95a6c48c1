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

from ..agents.villages import BUILDING_VALUE_YUAN_M2
from ..scenario.schema import Field
from .base import Policy as BasePolicy

NAME = "credit"
TITLE_ZH = "金融与财政支持"
TITLE_EN = "Credit and subsidies"

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("loan", "interest", "loan_repayment", "subsidy_village", "collective_loan_writeoff",
              "loan_loss_compensation")

FIELDS = {
    "subsidy_yuan_year": Field((int, float), 0.0, 0.0, None, doc="extra subsidies per year, shared among targets"),
    "allocation": Field(str, "equal", choices=("equal", "by_households", "inverse_income"),
                        doc="how the yearly subsidy is shared among targeted villages"),
    "loan_per_village_yuan": Field((int, float), 3_000_000.0, 0.0, None, doc="common-prosperity loan per village"),
    "building_cost_yuan_m2": Field((int, float), 2500.0, 1.0, None, doc="cost of the floor space the loan builds"),
    "enforce_debt_limit": Field(bool, True, doc="refuse loans that would break the debt red line"),
    "loan_years": Field(int, 5, 1, 50, doc="years over which the loan's principal is repaid in equal instalments"),
    "risk_pool_share": Field((int, float), 0.5, 0.0, 1.0,
                             doc="share of a defaulted loan's loss that the public risk pool pays the bank"),
}
SOURCES = {
    "loan_per_village_yuan": "assumption; 钟溪棹歌 raised 700 m yuan of loans through a common-prosperity fund (000)",
    "subsidy_yuan_year": "assumption", "building_cost_yuan_m2": "assumption",
    "enforce_debt_limit": "001: no over-indebtedness (过度负债) — a red line",
    "loan_years": "assumption: a medium-term (5-year) rural development loan; 000 names 共富·兴农贷 without terms",
    "risk_pool_share": "assumption: a loss shared half and half between a county risk-compensation pool "
                       "(风险补偿资金池) and the bank; 000 names the bank partnership but no seed gives the share",
}


class Policy(BasePolicy):
    name = NAME

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
                       "inverse_income": 1.0 / np.maximum(v.operating_income_last[targets], 1e5)}[s["allocation"]]
            amount = self.spend(s["subsidy_yuan_year"] / 12)
            share = amount * weights / weights.sum()
            L.pay("subsidy_village", (None, amount), (targets, share))

    def _lend(self, targets: np.ndarray) -> None:
        s, v, L = self.settings, self.model.villages, self.model.ledger
        self.borrowed = True
        limit = self.model.params["collective"]["debt_limit_share"]
        loan = np.full(len(targets), float(s["loan_per_village_yuan"]))
        new_floor = loan / s["building_cost_yuan_m2"]
        assets_after = v.assets_yuan[targets] + new_floor * BUILDING_VALUE_YUAN_M2
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

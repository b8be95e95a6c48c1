"""Credit and subsidies (共富·兴农贷, 财政补助): extra subsidies allocated by a rule, and
common-prosperity loans that collectives invest in rentable property, repaid with interest
(``collective.loan_rate``) from their cash — under a debt limit, since over-indebtedness (过度负债) is a red line.

Mechanism: each year the subsidy budget is split among targeted villages (equally, or by
the target rule: weak villages, key villages…) as government transfers (non-operating
income). Each targeted village may borrow ``loan_per_village_yuan`` once; the loan is granted
only if the village's debt ratio stays under ``collective.debt_limit_share`` (unless the limit
is not enforced, which shows what breaking the red line does). Proceeds build collective
floor space that new tenants rent (operating income); interest and repayment flow to the bank.
"""

from __future__ import annotations

import numpy as np

from ..scenario.schema import Field
from .base import Policy as BasePolicy

NAME = "credit"
TITLE_ZH = "金融与财政支持"
TITLE_EN = "Credit and subsidies"

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("loan", "interest", "subsidy_village")

FIELDS = {
    "subsidy_yuan_year": Field((int, float), 0.0, 0.0, None, doc="extra subsidies per year, shared among targets"),
    "allocation": Field(str, "equal", choices=("equal", "by_households", "inverse_income"),
                        doc="how the yearly subsidy is shared among targeted villages"),
    "loan_per_village_yuan": Field((int, float), 3_000_000.0, 0.0, None, doc="common-prosperity loan per village"),
    "building_cost_yuan_m2": Field((int, float), 2500.0, 1.0, None, doc="cost of the floor space the loan builds"),
    "enforce_debt_limit": Field(bool, True, doc="refuse loans that would break the debt red line"),
    "income_floor_yuan": Field((int, float), 100_000.0, 1.0, None,
                               doc="inverse_income allocation: operating income counted at least this much"),
}
SOURCES = {
    "loan_per_village_yuan": "assumption; 钟溪棹歌 raised 700 m yuan of loans through a common-prosperity fund (000)",
    "subsidy_yuan_year": "scenario choice: 0 = no extra subsidy, because the size of a programme is what a user compares",
    "building_cost_yuan_m2": "assumption: standard factory/commercial floor in Jiaxing, as collective.building_cost_yuan_m2 "
                             "and policies.flying_land.building_cost_yuan_m2",
    "allocation": "scenario choice: the allocation rules a user compares; 'equal' shares alike",
    "income_floor_yuan": "assumption: a village with (nearly) no operating income is weighted as one with 100,000 yuan, "
                         "so the inverse-income weights stay finite and no one village takes the whole budget",
    "enforce_debt_limit": "001: no over-indebtedness (过度负债) — a red line",
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
        v.building_m2[targets] += new_floor  # vacant until tenants enter (economy.evolve)
        self.loans[targets] += loan

"""Flying-land pooled investment (飞地抱团): weak villages pool capital, plus subsidies, into
factory buildings in an industrial park; tenants pay rent; villages receive a fixed return
during a guarantee period (the host county makes up any shortfall), then fixed or actual rent.

Mechanism: a park company (an enterprise owned by the participating villages) is capitalised
by the villages' own money (borrowed if their cash is short) and the policy's subsidy, builds
floor space, lets it to outside tenants at market rent with random vacancy, and pays each
village its return through the ledger. A village whose operating income passes the exit
threshold leaves and gets its capital back.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import PARK
from ..scenario.schema import Field
from .base import Policy as BasePolicy

NAME = "flying_land"
TITLE_ZH = "飞地抱团"
TITLE_EN = "Flying-land pooled investment"

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("return_flying_land", "return_guarantee", "capital_return")

FIELDS = {
    "target": Field(str, "weak", choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named", "partner")),
    "investment_per_village_yuan": Field((int, float), 600_000.0, 0.0, None,
                                         doc="capital each village puts into the park"),
    "subsidy_share": Field((int, float), 0.7, 0.0, 1.0, doc="share of that capital paid by the policy budget"),
    "return_rate": Field((int, float), 0.10, 0.0, 0.5, doc="fixed yearly return on the investment"),
    "return_mode": Field(str, "fixed", choices=("fixed", "actual_after_guarantee"),
                         doc="after the guarantee: keep the fixed return or pass on actual net rent"),
    "guarantee_years": Field(int, 5, 0, 100, doc="years the host county guarantees the fixed return"),
    "building_cost_yuan_m2": Field((int, float), 2500.0, 1.0, None, doc="construction cost of park floor space"),
    "park_rent_yuan_m2_year": Field((int, float), 300.0, 0.0, None, doc="market rent of park floor space"),
    "vacancy_rate": Field((int, float), 0.10, 0.0, 1.0, doc="mean share of park space standing empty"),
    "vacancy_sd": Field((int, float), 0.05, 0.0, 1.0, doc="year-to-year spread of vacancy"),
    "operating_cost_share": Field((int, float), 0.10, 0.0, 1.0, doc="park running costs as share of rent"),
    "exit_threshold_operating_yuan": Field((int, float), 0.0, 0.0, None,
                                           doc="a village leaves once its operating income passes this; 0 = never"),
}
SOURCES = {
    "investment_per_village_yuan": "assumption: 60,000 yuan a year per village at 10 % (002: about 60,000)",
    "return_rate": "DOMAIN.md: a fixed 10 % of the investment a year is the norm",
    "guarantee_years": "DOMAIN.md: some schemes switch to actual rent after 5 years",
    "park_rent_yuan_m2_year": "assumption: a 10–12 % gross yield on 2,500 yuan/m² (5-village joint property: 7.6 m on 37.46 m)",
    "vacancy_rate": "assumption",
    "subsidy_share": "assumption: provincial 消薄 funds cover most of a weak village's stake (002)",
    "exit_threshold_operating_yuan": "DOMAIN.md: some schemes expel a village once its operating income passes a threshold",
}


class Policy(BasePolicy):
    name = NAME

    def setup(self) -> None:
        self.park = None
        self.members = np.zeros(0, int)
        self.stake = np.zeros(0)
        self.joined_year = None

    def _join(self, year_index: int) -> None:
        m, s, L, v = self.model, self.settings, self.model.ledger, self.model.villages
        members = self.target_villages()
        invest = np.full(len(members), float(s["investment_per_village_yuan"]))
        subsidy = np.array([self.spend(x * s["subsidy_share"]) for x in invest])
        own = invest - subsidy
        # a village short of cash borrows its own share from the bank
        borrow = np.maximum(own - np.maximum(v.cash[members], 0), 0)
        L.pay("loan", (None, borrow.sum()), (members, borrow))
        v.debt[members] += borrow
        self.park = int(m.add_enterprises(kind=PARK, village=members[0] if len(members) else 0, owner_village=-1)[0])
        L.pay("collective_investment", (members, own), (np.full(len(members), self.park), own))
        L.pay("public_investment", (None, subsidy.sum()), (np.array([self.park]), np.array([subsidy.sum()])))
        m.enterprises.cash[self.park] += invest.sum()
        capital = invest.sum()
        m.enterprises.building_m2[self.park] = capital / s["building_cost_yuan_m2"]
        m.enterprises.cash[self.park] -= capital  # construction paid out to builders
        L.pay("inputs", (np.array([self.park]), np.array([capital])), (None, capital))
        self.members, self.stake, self.joined_year = members, invest, year_index
        self.occupancy = 1.0 - s["vacancy_rate"]

    def on_month(self, year_index: int, month: int) -> None:
        if self.park is None:
            self._join(year_index)
        m, s, L = self.model, self.settings, self.model.ledger
        E, p = m.enterprises, self.park
        rent = E.building_m2[p] * s["park_rent_yuan_m2_year"] * self.occupancy / 12
        L.pay("sales", (None, rent), (np.array([p]), np.array([rent])))
        cost = rent * s["operating_cost_share"]
        L.pay("inputs", (np.array([p]), np.array([cost])), (None, cost))
        E.cash[p] += rent - cost
        active = self.stake > 0
        if not active.any():
            return
        guaranteed = (year_index - self.joined_year) < s["guarantee_years"]
        if guaranteed or s["return_mode"] == "fixed":
            due = self.stake * s["return_rate"] / 12
        else:  # actual net rent, shared by stake
            due = (rent - cost) * self.stake / self.stake.sum()
        shortfall = max(due.sum() - max(E.cash[p], 0.0), 0.0)
        if shortfall > 0 and guaranteed:  # the host county's guarantee
            L.pay("return_guarantee", (None, shortfall), (np.array([p]), np.array([shortfall])))
            E.cash[p] += shortfall
        elif shortfall > 0:
            due = due * max(E.cash[p], 0.0) / due.sum()
        members = self.members[active]
        L.pay("return_flying_land", (np.full(len(members), p), due[active]), (members, due[active]))
        E.cash[p] -= due[active].sum()

    def on_year_close(self, year_index: int) -> None:
        s, L, E = self.settings, self.model.ledger, self.model.enterprises
        rng = self.rng
        self.occupancy = float(np.clip(1 - rng.normal(s["vacancy_rate"], s["vacancy_sd"]), 0, 1))
        if s["exit_threshold_operating_yuan"] <= 0 or self.park is None:
            return
        from ..economy import operating_income_so_far
        leaving = (self.stake > 0) & (operating_income_so_far(self.model)[self.members] > s["exit_threshold_operating_yuan"])
        if leaving.any():
            refund = self.stake[leaving]
            L.pay("capital_return", (np.full(leaving.sum(), self.park), refund), (self.members[leaving], refund))
            E.cash[self.park] -= refund.sum()
            self.stake[leaving] = 0.0

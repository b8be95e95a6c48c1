"""Common-prosperity projects (共富大棚 / 共富工坊): "government subsidy + collective capital +
enterprise operation + unified sales". An operating company runs each project; collectives and
participating low-income households hold shares and receive a guaranteed dividend (8 %), workers
earn a monthly wage, a second dividend follows when the project is profitable — and a project
can underperform, leaving less than the guarantee.

Mechanism: each targeted village hosts one project (a PROJECT enterprise). Its capital comes
from the policy budget (collective shares funded by subsidy, and low-income households' shares),
the collectives' own cash, and a private operator. Revenue varies with a yearly performance
shock; wages, inputs and dividends are ledger postings.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import OUTSIDE, PROJECT
from ..economy import village_cash_now
from ..scenario.schema import Field
from .base import Policy as BasePolicy

NAME = "common_prosperity"
TITLE_ZH = "共富项目"
TITLE_EN = "Common-prosperity projects"

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("project_return", "dividend_project", "wage_project", "return_guarantee")

FIELDS = {
    "target": Field(str, "key", choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named", "partner")),
    "investment_per_project_yuan": Field((int, float), 20_050_000.0, 0.0, None, doc="capital of one project"),
    "collective_stake_share": Field((int, float), 0.8, 0.0, 1.0, doc="share of capital held by collectives"),
    "collective_own_share": Field((int, float), 0.2, 0.0, 1.0,
                                  doc="part of the collectives' stake paid from their own cash (rest: subsidy)"),
    "radiate_villages": Field(int, 7, 0, 100, doc="other villages of the cluster holding collective shares"),
    "low_income_stake_yuan": Field((int, float), 45_000.0, 0.0, None, doc="subsidised share per low-income household"),
    "low_income_households": Field(int, 60, 0, 100_000, doc="low-income households given shares per project"),
    "guaranteed_dividend_rate": Field((int, float), 0.08, 0.0, 0.5, doc="guaranteed yearly dividend on shares"),
    "second_dividend_share": Field((int, float), 0.5, 0.0, 1.0, doc="share of profit above the guarantee paid out"),
    "revenue_yield": Field((int, float), 0.30, 0.0, 5.0, doc="yearly revenue per yuan of capital"),
    "input_share": Field((int, float), 0.35, 0.0, 1.0, doc="inputs as share of revenue"),
    "workers_per_million": Field((int, float), 3.0, 0.0, 100.0, doc="jobs per million yuan of capital"),
    "wage_yuan_month": Field((int, float), 3000.0, 0.0, None, doc="monthly wage of a project worker"),
    "performance_sd": Field((int, float), 0.2, 0.0, 2.0, doc="yearly log-sd of the project's performance"),
    "government_guarantee": Field(bool, False, doc="government tops up the guaranteed dividend when short"),
}
SOURCES = {
    "investment_per_project_yuan": "000: the vegetable island, 20.05 m yuan",
    "guaranteed_dividend_rate": "000: collective and low-income households each get 8 % of their investment",
    "wage_yuan_month": "000: workers get 3,000 yuan a month",
    "second_dividend_share": "000: a second dividend once the project is profitable (share assumed)",
    "radiate_villages": "000: one hub radiates to 7 villages",
    "low_income_stake_yuan": "000: 19 low-income households guaranteed 68,700 yuan a year = 8 % of ≈ 45,200 each",
    "collective_stake_share": "assumption: subsidies quantified as collective shares (1.4 m guaranteed to collectives, 000)",
    "revenue_yield": "assumption", "input_share": "assumption", "workers_per_million": "assumption",
    "performance_sd": "assumption: project risk",
}


class Project:
    """One project's shareholders and workers (a readable view; the monthly and yearly
    postings use the flat arrays the policy keeps for all projects at once)."""

    def __init__(self, enterprise: int, villages: np.ndarray, village_stake: np.ndarray,
                 households: np.ndarray, household_stake: np.ndarray, private_stake: float,
                 workers: np.ndarray, revenue_yuan_year: float):
        self.enterprise = enterprise
        self.villages, self.village_stake = villages, village_stake
        self.households, self.household_stake = households, household_stake
        self.private_stake = private_stake
        self.workers = workers  # household indices, one worker each
        self.revenue_yuan_year = revenue_yuan_year


def _flat(parts: list[np.ndarray], dtype) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate per-project arrays; also return each element's project number."""
    if not parts:
        return np.zeros(0, dtype), np.zeros(0, int)
    owner = np.repeat(np.arange(len(parts)), [len(x) for x in parts])
    return np.concatenate(parts).astype(dtype), owner


class Policy(BasePolicy):
    name = NAME

    def setup(self) -> None:
        self.projects: list[Project] = []
        self.started = False

    def _members(self, hub: int) -> np.ndarray:
        v = self.model.villages
        same = np.flatnonzero((v.cluster == v.cluster[hub]) & (np.arange(v.n) != hub) & ~v.is_partner) \
            if v.cluster[hub] >= 0 else np.zeros(0, int)
        return np.r_[hub, same[: self.settings["radiate_villages"]]].astype(int)

    def _households_of(self, villages: np.ndarray) -> np.ndarray:
        """Households of the given villages, in village order (households are stored by village)."""
        h = self.model.households
        villages = np.asarray(villages).astype(h.village.dtype)  # same dtype: no copy of the column per call
        lo = np.searchsorted(h.village, villages, side="left")
        hi = np.searchsorted(h.village, villages, side="right")
        return np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)]) if len(villages) else np.zeros(0, int)

    def _start_projects(self) -> None:
        m, s, L, h = self.model, self.settings, self.model.ledger, self.model.households
        self.started = True
        capital = float(s["investment_per_project_yuan"])
        cash = np.maximum(village_cash_now(m), 0)
        for hub in self.target_villages():
            if self.settings["budget_yuan"] and self.budget_left <= 0:
                break
            villages = self._members(int(hub))
            members = self._households_of(np.sort(villages))
            poor_all = members[h.low_income[members]]
            poor = poor_all[: s["low_income_households"]]
            hh_stake = np.full(len(poor), float(s["low_income_stake_yuan"]))
            coll_total = capital * s["collective_stake_share"]
            village_stake = np.full(len(villages), coll_total / len(villages))
            own = np.minimum(village_stake * s["collective_own_share"], cash[villages])  # only what they have
            cash[villages] -= own
            subsidy = self.spend(coll_total - own.sum() + hh_stake.sum())
            private = max(capital - coll_total - hh_stake.sum(), 0.0)
            # the project's own sales are posted by this policy, so the baseline economy sees
            # no base revenue for it (revenue_base 0) and no pooled jobs (kind PROJECT)
            e = int(m.add_enterprises(kind=PROJECT, village=hub, owner_village=OUTSIDE,
                                      wage_yuan_month=s["wage_yuan_month"],
                                      jobs=capital / 1e6 * s["workers_per_million"])[0])
            L.pay("collective_investment", (villages, own), (np.full(len(villages), e), own))
            L.pay("public_investment", (None, subsidy), (np.array([e]), np.array([subsidy])))
            L.pay("private_investment", (None, private), (np.array([e]), np.array([private])))
            raised = own.sum() + subsidy + private
            L.pay("inputs", (np.array([e]), np.array([raised])), (None, raised))  # construction
            # hire: low-income households first, then others, one worker each, near home
            n_jobs = int(round(m.enterprises.jobs[e]))
            workers = np.r_[poor_all, members[~h.low_income[members]]][:n_jobs]
            self.projects.append(Project(e, villages, village_stake, poor, hh_stake, private, workers,
                                         capital * s["revenue_yield"]))
        self._flatten()

    def _flatten(self) -> None:
        """Flat arrays over all projects for the postings."""
        P = self.projects
        self.ent = np.array([p.enterprise for p in P], dtype=int)
        self.revenue = np.array([p.revenue_yuan_year for p in P], dtype=float)
        self.private = np.array([p.private_stake for p in P], dtype=float)
        self.v_idx, self.v_proj = _flat([p.villages for p in P], int)
        self.v_stake, _ = _flat([p.village_stake for p in P], float)
        self.h_idx, self.h_proj = _flat([p.households for p in P], int)
        self.h_stake, _ = _flat([p.household_stake for p in P], float)
        self.w_idx, self.w_proj = _flat([p.workers for p in P], int)

    def on_month(self, year_index: int, month: int) -> None:
        if not self.started:
            self._start_projects()
        if not self.projects:
            return
        m, L, s = self.model, self.model.ledger, self.settings
        E, ent = m.enterprises, self.ent
        sales = self.revenue * self.performance(ent, s["performance_sd"]) / 12
        L.pay("sales", (None, sales.sum()), (ent, sales))
        wages = np.full(len(self.w_idx), float(s["wage_yuan_month"]))
        L.pay("wage_project", (ent[self.w_proj], wages), (self.w_idx, wages))
        wage_bill = np.bincount(self.w_proj, weights=wages, minlength=len(ent))
        inputs = sales * s["input_share"]
        L.pay("inputs", (ent, inputs), (None, inputs.sum()))
        E.cash[ent] += sales - wage_bill - inputs
        E.profit_ytd[ent] += sales - wage_bill - inputs

    def on_year_close(self, year_index: int) -> None:
        if not self.projects:
            return
        s, L, E, ent = self.settings, self.model.ledger, self.model.enterprises, self.ent
        rate = s["guaranteed_dividend_rate"]
        n = len(ent)
        stakes_v = np.bincount(self.v_proj, weights=self.v_stake, minlength=n)
        stakes_h = np.bincount(self.h_proj, weights=self.h_stake, minlength=n)
        owed = (stakes_v + stakes_h + self.private) * rate
        available = np.maximum(E.cash[ent], 0.0)
        if s["government_guarantee"]:
            top_up = np.maximum(owed - available, 0.0)
            L.pay("return_guarantee", (None, top_up.sum()), (ent, top_up))
            E.cash[ent] += top_up
            available = available + top_up
        scale = np.where(owed > 0, np.minimum(1.0, available / np.where(owed > 0, owed, 1.0)), 0.0)
        # a second dividend, out of profit above the guarantee, only when the guarantee is met
        surplus = np.maximum(E.profit_ytd[ent] - owed, 0.0) * s["second_dividend_share"] * (scale == 1.0)
        total_stake = stakes_v + stakes_h + self.private
        per_yuan = rate * scale + np.divide(surplus, total_stake, out=np.zeros(n), where=total_stake > 0)
        pay_v = self.v_stake * per_yuan[self.v_proj]
        pay_h = self.h_stake * per_yuan[self.h_proj]
        pay_p = self.private * per_yuan
        L.pay("project_return", (ent[self.v_proj], pay_v), (self.v_idx, pay_v))
        L.pay("dividend_project", (ent[self.h_proj], pay_h), (self.h_idx, pay_h))
        L.pay("owner_payout", (ent, pay_p), (None, pay_p.sum()))
        E.cash[ent] -= np.bincount(self.v_proj, weights=pay_v, minlength=n) + \
            np.bincount(self.h_proj, weights=pay_h, minlength=n) + pay_p
        E.profit_ytd[ent] = 0.0

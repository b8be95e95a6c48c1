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
    """One project's shareholders and workers."""

    def __init__(self, enterprise: int, villages: np.ndarray, village_stake: np.ndarray,
                 households: np.ndarray, household_stake: np.ndarray, private_stake: float,
                 workers: np.ndarray):
        self.enterprise = enterprise
        self.villages, self.village_stake = villages, village_stake
        self.households, self.household_stake = households, household_stake
        self.private_stake = private_stake
        self.workers = workers  # household indices, one worker each
        self.revenue_yuan_year = 0.0


class Policy(BasePolicy):
    name = NAME

    def setup(self) -> None:
        self.projects: list[Project] = []
        self.performance = 1.0

    def _members(self, hub: int) -> np.ndarray:
        v = self.model.villages
        same = np.flatnonzero((v.cluster == v.cluster[hub]) & (np.arange(v.n) != hub) & ~v.is_partner) \
            if v.cluster[hub] >= 0 else np.zeros(0, int)
        return np.r_[hub, same[: self.settings["radiate_villages"]]].astype(int)

    def _start_projects(self) -> None:
        m, s, L, h = self.model, self.settings, self.model.ledger, self.model.households
        capital = float(s["investment_per_project_yuan"])
        for hub in self.target_villages():
            if self.settings["budget_yuan"] and self.budget_left <= 0:
                break
            villages = self._members(int(hub))
            in_members = np.isin(h.village, villages)
            poor = np.flatnonzero(in_members & h.low_income)[: s["low_income_households"]]
            hh_stake = np.full(len(poor), float(s["low_income_stake_yuan"]))
            coll_total = capital * s["collective_stake_share"]
            village_stake = np.full(len(villages), coll_total / len(villages))
            own = village_stake * s["collective_own_share"]
            own = np.minimum(own, np.maximum(village_cash_now(m)[villages], 0))  # only what they have
            subsidy = self.spend(coll_total - own.sum() + hh_stake.sum())
            private = max(capital - coll_total - hh_stake.sum(), 0.0)
            # the project's own sales are posted by this policy, so the baseline economy sees
            # no base revenue for it (revenue_base 0) and no pooled jobs (kind PROJECT)
            e = int(m.add_enterprises(kind=PROJECT, village=hub, owner_village=OUTSIDE,
                                      wage_yuan_month=s["wage_yuan_month"],
                                      jobs=capital / 1e6 * s["workers_per_million"])[0])
            E = m.enterprises
            L.pay("collective_investment", (villages, own), (np.full(len(villages), e), own))
            L.pay("public_investment", (None, subsidy), (np.array([e]), np.array([subsidy])))
            L.pay("private_investment", (None, private), (np.array([e]), np.array([private])))
            raised = own.sum() + subsidy + private
            L.pay("inputs", (np.array([e]), np.array([raised])), (None, raised))  # construction
            # hire: low-income households first, then others, one worker each, near home
            n_jobs = int(round(E.jobs[e]))
            order = np.r_[np.flatnonzero(in_members & h.low_income), np.flatnonzero(in_members & ~h.low_income)]
            workers = order[:n_jobs]
            project = Project(e, villages, village_stake, poor, hh_stake, private, workers)
            project.revenue_yuan_year = capital * s["revenue_yield"]
            self.projects.append(project)

    def on_month(self, year_index: int, month: int) -> None:
        if not self.projects and year_index >= self.settings["start_year"]:
            self._start_projects()
        m, L = self.model, self.model.ledger
        E = m.enterprises
        for pr in self.projects:
            e = pr.enterprise
            sales = pr.revenue_yuan_year * self.performance / 12
            L.pay("sales", (None, sales), (np.array([e]), np.array([sales])))
            wage = self.settings["wage_yuan_month"]
            wages = np.full(len(pr.workers), float(wage))
            L.pay("wage_project", (np.full(len(pr.workers), e), wages), (pr.workers, wages))
            inputs = sales * self.settings["input_share"]
            L.pay("inputs", (np.array([e]), np.array([inputs])), (None, inputs))
            E.cash[e] += sales - wages.sum() - inputs
            E.profit_ytd[e] += sales - wages.sum() - inputs

    def on_year_close(self, year_index: int) -> None:
        s, L, E = self.settings, self.model.ledger, self.model.enterprises
        for pr in self.projects:
            e = pr.enterprise
            guaranteed_v = pr.village_stake * s["guaranteed_dividend_rate"]
            guaranteed_h = pr.household_stake * s["guaranteed_dividend_rate"]
            guaranteed_p = pr.private_stake * s["guaranteed_dividend_rate"]
            owed = guaranteed_v.sum() + guaranteed_h.sum() + guaranteed_p
            available = max(E.cash[e], 0.0)
            if owed > available and s["government_guarantee"]:
                top_up = owed - available
                L.pay("return_guarantee", (None, top_up), (np.array([e]), np.array([top_up])))
                E.cash[e] += top_up
                available = owed
            scale = min(1.0, available / owed) if owed > 0 else 0.0
            surplus = max(E.profit_ytd[e] - owed, 0.0) * s["second_dividend_share"] if scale == 1.0 else 0.0
            stakes = pr.village_stake.sum() + pr.household_stake.sum() + pr.private_stake
            extra = surplus / stakes if stakes > 0 else 0.0
            pay_v = guaranteed_v * scale + pr.village_stake * extra
            pay_h = guaranteed_h * scale + pr.household_stake * extra
            pay_p = guaranteed_p * scale + pr.private_stake * extra
            L.pay("project_return", (np.full(len(pr.villages), e), pay_v), (pr.villages, pay_v))
            L.pay("dividend_project", (np.full(len(pr.households), e), pay_h), (pr.households, pay_h))
            L.pay("owner_payout", (np.array([e]), np.array([pay_p])), (None, pay_p))
            E.cash[e] -= pay_v.sum() + pay_h.sum() + pay_p
            E.profit_ytd[e] = 0.0
        self.performance = float(np.exp(self.model.rng.normal(0, s["performance_sd"])))

"""Common-prosperity projects (共富大棚 / 共富工坊): "government subsidy + collective capital +
enterprise operation + unified sales". An operating company runs each project; collectives and
participating low-income households hold shares; workers from the member villages earn a wage;
shareholders are paid out of the project's profit, with a guaranteed floor that is a contract
term of whoever guarantees it.

Mechanism (one project per targeted hub village, its cluster's neighbours as members):

- **Capital, as raised.** Collectives pay ``collective_own_share`` of their stake from the cash
  they have *now*; the budget subsidises the rest of the collective stake and the low-income
  households' stakes (``low_income_stake_yuan`` each) as far as it reaches; the private operator
  pays its share. Stakes count what was paid in, nothing more; the project's capital ``K`` is
  their sum.
- **Output.** Revenue a year ``= K · revenue_yield · fill · performance · (1+business_growth)^t``:
  the capacity the capital buys, run by the worker-equivalents it hires (``fill`` = hired /
  posts, posts = ``workers_per_million`` per million yuan), with a keyed yearly performance shock
  per project (``performance_sd``).
- **Hiring (the labour market).** Each year a workshop is one more option for its member
  villages' workers: a post near home at the project's wage (``wage_yuan_month``, indexed with
  ``wage_growth``), chosen with the logit share ``exp(u_w)/(exp(u_w)+Σ_j exp(u_j))``, ``u_w =
  wage/σ + α_local``; members past working age bring idle capacity (``elderly_capacity`` each)
  with no other use. Posts are filled low-income households first; hired working-age capacity
  leaves the household's other work.
- **Stakes re-targeted.** Each year, households of the member villages that have become
  low-income and hold no stake get one, as far as the budget reaches.
- **Dividends.** At the year end shareholders are owed the floor ``guaranteed_dividend_rate`` ×
  stake. The project pays from its profit; a shortfall is topped up by the ``guarantor``
  (``government``: booked as ``return_guarantee``, public money — the transfer part of the effect;
  ``operator``: the private operator pays it in, ``operator_guarantee``; ``none``: shareholders
  get what the profit covers). Profit above the floor pays a second dividend
  (``second_dividend_share``).
- **Failure.** A project whose operating profit (sales less wages and inputs) is negative
  ``close_after_loss_years`` years running closes (``economy.enterprises.close``: its debts are
  written off); its posts, its dividends and the guarantee on them end with it.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import OUTSIDE, PROJECT
from ..agents.households import group_fill
from ..economy import village_cash_now
from ..economy.base import growth
from ..economy.labour import row_max, row_sum
from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "common_prosperity"
TITLE_ZH = "共富项目"
TITLE_EN = "Common-prosperity projects"
SUMMARY_ZH = ("共富项目（共富大棚、共富工坊）：财政补助加村集体资金、企业运营、统一销售；村集体和低收入农户持股，拿保底分红，农户还可在项目上务工；项目也可能经营不佳。")

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("project_return", "dividend_project", "wage_project", "return_guarantee", "operator_guarantee",
              "project_return_guaranteed", "dividend_project_guaranteed")
# dividends a guarantor's top-up paid (flagged in accounts.CATEGORIES): the transfer part
TRANSFER_CATEGORIES = ("project_return_guaranteed", "dividend_project_guaranteed")

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(default="key",
                                               choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named", "partner"),
                                               source="scenario choice: key villages host the projects (the vegetable island is a key "
                                                      "village's, 000)"),
    "investment_per_project_yuan": Field((int, float), 20_050_000.0, 0.0, None, doc="capital sought for one project",
                                         zh="每个项目投资", zh_doc="一个共富项目（如共富大棚、蔬菜岛）的总投资",
                                         source="000: the vegetable island, 20.05 m yuan"),
    "collective_stake_share": Field((int, float), 0.8, 0.0, 1.0, doc="share of capital held by collectives",
                                    zh="村集体持股比例", zh_doc="项目资本中村集体持有的比例",
                                    source="assumption: subsidies quantified as collective shares (1.4 m guaranteed to "
                                           "collectives, 000)"),
    "collective_own_share": Field((int, float), 0.2, 0.0, 1.0,
                                  doc="part of the collectives' stake paid from their own cash (rest: subsidy)",
                                  zh="村集体自筹比例", zh_doc="集体股份中村集体用自有资金出的部分（其余为补助）",
                                  source="assumption: collectives pay a fifth of their stake from their own cash and "
                                         "subsidies the rest ('government subsidy + collective capital', 000, gives no "
                                         "split)"),
    "radiate_villages": Field(int, 7, 0, 100, doc="other villages of the cluster holding collective shares",
                              zh="辐射村数", zh_doc="同片区中一起持股的其他村数",
                              source="000: one hub radiates to 7 villages"),
    "low_income_stake_yuan": Field((int, float), 45_000.0, 0.0, None, doc="subsidised share per low-income household",
                                   zh="每户低收入农户股金", zh_doc="政策为每户低收入农户补助的股金",
                                   source="000: 19 low-income households guaranteed 68,700 yuan a year = 8 % of ≈ 45,200 "
                                          "each"),
    "low_income_households": Field(int, 60, 0, 100_000, doc="most low-income households holding shares per project",
                                   zh="持股低收入农户数", zh_doc="每个项目吸纳持股的低收入农户户数",
                                   source="000: 19 low-income households hold shares in 山塘村; 60 is an upper bound per "
                                          "project (assumption) so that a larger cluster can include more"),
    "guaranteed_dividend_rate": Field((int, float), 0.08, 0.0, 0.5, doc="guaranteed yearly dividend on shares (a contract term)",
                                      zh="保底分红率", zh_doc="股金每年的保底分红",
                                      source="000: collective and low-income households each get 8 % of their investment"),
    "second_dividend_share": Field((int, float), 0.5, 0.0, 1.0, doc="share of profit above the guarantee paid out",
                                   zh="二次分红比例", zh_doc="超过保底部分的利润拿出来再分红的比例",
                                   source="000: a second dividend once the project is profitable (share assumed)"),
    "close_after_loss_years": Field(int, 2, 1, 50, doc="years of operating loss in a row after which a project closes",
                                    zh="连续亏损几年关停", zh_doc="项目连续亏损达到这个年数就关停，欠款由债权人核销",
                                    source="assumption: the operator winds a workshop up after two loss-making years"),
    "revenue_yield": Field((int, float), 0.30, 0.0, 5.0, doc="yearly revenue per yuan of capital at full staffing",
                           zh="资本营收率", zh_doc="每元资本每年带来的营收",
                           source="assumption: greenhouse vegetables, ≈ 6 m yuan of sales a year on 20 m of capital"),
    "input_share": Field((int, float), 0.35, 0.0, 1.0, doc="inputs as share of revenue",
                         zh="中间投入比例", zh_doc="营收中用于中间投入的比例",
                         source="assumption: seed, fertiliser, energy and packaging of greenhouse vegetables, "
                                "because the seeds give investment and dividends but no costs"),
    "workers_per_million": Field((int, float), 3.0, 0.0, 100.0, doc="posts (worker-equivalents) per million yuan of capital",
                                 zh="每百万元岗位数", zh_doc="每百万元投资提供的就业岗位",
                                 source="assumption: ≈ 60 workers on a 20 m project"),
    "wage_yuan_month": Field((int, float), 3000.0, 0.0, None, doc="monthly wage of a project worker in the base year (indexed)",
                             zh="项目工人月工资", zh_doc="在项目上务工的农户月工资",
                             source="000: workers get 3,000 yuan a month"),
    "performance_sd": Field((int, float), 0.2, 0.0, 2.0, doc="yearly log-sd of the project's performance",
                            zh="经营波动", zh_doc="项目经营业绩逐年的随机波动",
                            source="assumption: yearly performance risk of a greenhouse project (weather, prices), "
                                   "because no project records are given"),
    "elderly_capacity": Field((int, float), 0.4, 0.0, 1.0,
                              doc="workshop capacity of a member past working age (piecework, near home)",
                              zh="老年成员工坊劳动能力", zh_doc="超过劳动年龄的成员在共富工坊可做的工作量（劳动力当量）",
                              source="assumption: 共富工坊 employ older villagers part-time (idle labour, 闲散劳动力)"),
    "guarantor": Field(str, "operator", choices=("operator", "government", "none"),
                       doc="who tops up dividends when profit falls short of the floor",
                       zh="保底分红由谁兜底", zh_doc="利润不足保底分红时由谁补足：运营企业、政府或无人",
                       source="000: 'guaranteed' dividends; who guarantees is not said — the operator by "
                              "default (assumption)"),
}


class Project:
    """One project's shareholders (a readable view; the postings use the flat arrays the policy
    keeps for all projects at once)."""

    def __init__(self, enterprise: int, villages: np.ndarray, village_stake: np.ndarray,
                 households: np.ndarray, household_stake: np.ndarray, private_stake: float):
        self.enterprise = enterprise
        self.villages, self.village_stake = villages, village_stake
        self.households, self.household_stake = households, household_stake
        self.private_stake = private_stake

    @property
    def capital(self) -> float:
        """What was paid in: collectives' own cash and subsidy, households' stakes, the operator's."""
        return float(self.village_stake.sum() + self.household_stake.sum() + self.private_stake)


def _flat(parts: list[np.ndarray], dtype) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate per-project arrays; also return each element's project number."""
    if not parts:
        return np.zeros(0, dtype), np.zeros(0, int)
    owner = np.repeat(np.arange(len(parts)), [len(x) for x in parts])
    return np.concatenate(parts).astype(dtype), owner


class Policy(BasePolicy):
    name = NAME
    unit_words = ("个项目", "project")

    @staticmethod
    def unit_cost(settings: dict) -> float:
        """One project's subsidy: the collective stake beyond the collectives' own part, and the
        low-income households' stakes. A floor: the budget also pays what a member collective
        lacks of its own part in cash."""
        s = settings
        return (s["investment_per_project_yuan"] * s["collective_stake_share"] * (1 - s["collective_own_share"])
                + s["low_income_stake_yuan"] * s["low_income_households"])

    def reached(self) -> tuple[int, int]:
        villages = {int(i) for project in self.projects for i in project.villages}
        return len(villages), sum(len(project.households) for project in self.projects)

    def setup(self) -> None:
        self.projects: list[Project] = []
        self.started = False
        self.hired = np.zeros(0)  # worker-equivalents hired per household (all projects), this year
        self.project_of_village = np.full(self.model.villages.n, -1)

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

    def _new_stakes(self, project: Project, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """Subsidised stakes for low-income member households without one, as the budget allows."""
        h, stake = self.model.households, float(self.settings["low_income_stake_yuan"])
        members = self._households_of(np.sort(project.villages))
        candidates = members[h.low_income[members] & ~np.isin(members, project.households)][:max(limit, 0)]
        if stake <= 0 or len(candidates) == 0:
            return np.zeros(0, int), np.zeros(0)
        funded = self.affordable(stake, len(candidates))
        self.spend(funded * stake)
        return candidates[:funded], np.full(funded, stake)

    def _start_projects(self) -> None:
        m, s, L = self.model, self.settings, self.model.ledger
        self.started = True
        target = float(s["investment_per_project_yuan"])
        cash = np.maximum(village_cash_now(m), 0)
        for hub in self.target_villages():
            if self.budget_left <= 0:
                break
            villages = self._members(int(hub))
            if (self.project_of_village[villages] >= 0).any():  # a village belongs to one project
                villages = villages[self.project_of_village[villages] < 0]
                if len(villages) == 0 or villages[0] != hub:
                    continue
            coll_target = target * s["collective_stake_share"]
            own = np.minimum(np.full(len(villages), coll_target / len(villages)) * s["collective_own_share"],
                             cash[villages])  # only what they have now
            cash[villages] -= own
            subsidy = self.spend(coll_target - own.sum())
            village_stake = own + subsidy / len(villages)
            private = max(target - coll_target - s["low_income_households"] * s["low_income_stake_yuan"], 0.0)
            e = int(m.add_enterprises(kind=PROJECT, village=hub, owner_village=OUTSIDE,
                                      wage_yuan_month=s["wage_yuan_month"])[0])
            project = Project(e, villages, village_stake, np.zeros(0, int), np.zeros(0), private)
            hh, hh_stake = self._new_stakes(project, s["low_income_households"])
            project.households, project.household_stake = hh, hh_stake
            L.pay("collective_investment", (villages, own), (np.full(len(villages), e), own))
            public = subsidy + hh_stake.sum()
            L.pay("public_investment", (None, public), (np.array([e]), np.array([public])))
            L.pay("private_investment", (None, private), (np.array([e]), np.array([private])))
            L.pay("inputs", (np.array([e]), np.array([project.capital])), (None, project.capital))  # construction
            m.enterprises.jobs[e] = project.capital / 1e6 * s["workers_per_million"]
            self.project_of_village[villages] = len(self.projects)
            self.projects.append(project)
        self._flatten()
        self.loss_years = np.zeros(len(self.projects), np.int64)
        self.hire()

    def _flatten(self) -> None:
        """Flat arrays over all projects for the postings."""
        P = self.projects
        self.ent = np.array([p.enterprise for p in P], dtype=int)
        self.capital = np.array([p.capital for p in P], dtype=float)
        self.private = np.array([p.private_stake for p in P], dtype=float)
        self.v_idx, self.v_proj = _flat([p.villages for p in P], int)
        self.v_stake, _ = _flat([p.village_stake for p in P], float)
        self.h_idx, self.h_proj = _flat([p.households for p in P], int)
        self.h_stake, _ = _flat([p.household_stake for p in P], float)

    # --- the labour market ----------------------------------------------------------------------
    def wage(self) -> float:
        return float(self.settings["wage_yuan_month"]) * growth(self.model, "economy.wage_growth")

    def hire(self) -> None:
        """This year's hires, through the labour market. A workshop is one more option for the
        member villages' workers — a post near home at the project's wage, valued like a local
        post (logit share against the household's other options) — and work for members past
        working age, whose idle capacity (``elderly_capacity`` each) has no other use. A
        project's posts go to its member villages in proportion to who wants them there and are
        filled low-income households first, then in the households' fixed queue (village, job
        priority); the hired working-age capacity leaves the household's other work."""
        m, h, E = self.model, self.model.households, self.model.enterprises
        self.hired = np.zeros(h.n)
        self.from_idle = np.zeros(h.n)
        if not self.projects:
            return
        project = self.project_of_village[h.village]
        # candidates in the households' fixed queue (by village, then job priority), computed once
        order = h.job_order
        idx = order[project[order] >= 0]
        choice = m.labour_choice
        u = choice.utility_rows(m.labour_constants, idx)  # option rows (see labour.row_sum)
        u_workshop = self.wage() / choice.scale + m.labour_constants[0]
        top = np.maximum(row_max(u), u_workshop)
        np.exp(np.subtract(u, top, out=u), out=u)
        p_workshop = np.exp(u_workshop - top) / (row_sum(u) + np.exp(u_workshop - top))
        from_work = p_workshop * h.workers[idx]
        idle = h.elderly[idx] * float(self.settings["elderly_capacity"])
        want = np.minimum(from_work + idle, 1.0)
        # a project's posts go to its member villages in proportion to who wants them there
        village = h.village[idx]
        want_v = np.bincount(village, weights=want, minlength=m.villages.n)
        want_p = np.bincount(self.project_of_village[village], weights=want, minlength=len(self.ent))
        posts = E.jobs[self.ent]
        proj_v = self.project_of_village
        posts_v = np.where(proj_v >= 0, posts[np.maximum(proj_v, 0)] * np.divide(
            want_v, want_p[np.maximum(proj_v, 0)], out=np.zeros(m.villages.n), where=want_p[np.maximum(proj_v, 0)] > 0), 0.0)
        # low-income households first, then the others, each in the village's queue
        poor = h.low_income[idx]
        got = np.zeros(len(idx))
        first = group_fill(village[poor], np.zeros(poor.sum()), want[poor], posts_v, np.arange(poor.sum()))
        got[poor] = first
        left = posts_v - np.bincount(village[poor], weights=first, minlength=m.villages.n)
        got[~poor] = group_fill(village[~poor], np.zeros((~poor).sum()), want[~poor], left, np.arange((~poor).sum()))
        grp = project[idx]
        self.hired[idx] = got
        self.from_idle[idx] = np.minimum(got, idle)
        taken = self.hired - self.from_idle
        in_jobs = h.workers - h.n_stay  # capacity in the job columns (a farm-stay's keeper is not there)
        share = np.minimum(np.divide(taken, in_jobs, out=np.zeros(h.n), where=in_jobs > 0), 1.0)
        moved = np.flatnonzero(share > 0)  # elsewhere the job columns would be multiplied by 1
        h.leave_other_work(share[moved], moved)  # the hired working-age capacity leaves the household's other work
        h.n_project = self.hired.astype(np.float32)
        h.n_project_idle = self.from_idle.astype(np.float32)
        h.project_wage_yuan_month = np.where(self.hired > 0, self.wage(), 0.0)
        self.fill = np.divide(np.bincount(grp, weights=got, minlength=len(self.ent)), posts,
                              out=np.zeros(len(self.ent)), where=posts > 0)
        self.w_idx = np.flatnonzero(self.hired > 0)
        self.w_proj = project[self.w_idx]

    def after_decide(self, year_index: int) -> None:
        if not self.started:
            return
        s, L = self.settings, self.model.ledger
        # stakes for households that have become low-income
        for k, p in enumerate(self.projects):
            if not self.model.enterprises.alive[p.enterprise]:
                continue
            room = s["low_income_households"] - len(p.households)
            hh, stake = self._new_stakes(p, room)
            if len(hh):
                L.pay("public_investment", (None, stake.sum()), (np.array([p.enterprise]), np.array([stake.sum()])))
                p.households, p.household_stake = np.r_[p.households, hh], np.r_[p.household_stake, stake]
        self._flatten()
        self.hire()

    # --- month and year -----------------------------------------------------------------------
    def on_month(self, year_index: int, month: int) -> None:
        if not self.started:
            self._start_projects()
        if not self.projects:
            return
        m, L, s = self.model, self.model.ledger, self.settings
        E, ent = m.enterprises, self.ent
        capacity = self.capital * s["revenue_yield"] * growth(m, "economy.business_growth")
        sales = capacity * self.fill * self.performance(ent, s["performance_sd"]) / 12
        L.pay("sales", (None, sales.sum()), (ent, sales))
        wages = self.hired[self.w_idx] * self.wage()
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
        # a closed project's contracts (posts, dividends, guarantee) end with it
        self.loss_years = self.close_loss_makers(ent, self.loss_years)
        rate = s["guaranteed_dividend_rate"] * E.alive[ent]
        n = len(ent)
        stakes_v = np.bincount(self.v_proj, weights=self.v_stake, minlength=n)
        stakes_h = np.bincount(self.h_proj, weights=self.h_stake, minlength=n)
        total_stake = stakes_v + stakes_h + self.private
        owed = total_stake * rate
        from_profit = np.minimum(np.maximum(E.profit_ytd[ent], 0.0), np.maximum(E.cash[ent], 0.0))
        short = np.maximum(owed - from_profit, 0.0)
        category = {"government": "return_guarantee", "operator": "operator_guarantee"}.get(s["guarantor"])
        if category is not None and short.sum() > 0:  # the guarantor honours the contract
            L.pay(category, (None, short.sum()), (ent, short))
            E.cash[ent] += short
            available = from_profit + short
        else:
            available = from_profit
        scale = np.divide(np.minimum(available, owed), owed, out=np.zeros(n), where=owed > 0)
        # a second dividend, out of profit above the floor
        surplus = np.maximum(from_profit - owed, 0.0) * s["second_dividend_share"]
        per_yuan = rate * scale + np.divide(surplus, total_stake, out=np.zeros(n), where=total_stake > 0)
        pay_v = self.v_stake * per_yuan[self.v_proj]
        pay_h = self.h_stake * per_yuan[self.h_proj]
        pay_p = self.private * per_yuan
        # the share of each project's payout that the guarantor's top-up paid is booked apart
        topped = short if category is not None else np.zeros(n)
        guaranteed = np.divide(topped, available, out=np.zeros(n), where=available > 0)
        for cat, idx, proj, pay in (("project_return", self.v_idx, self.v_proj, pay_v),
                                    ("dividend_project", self.h_idx, self.h_proj, pay_h)):
            part = pay * guaranteed[proj]
            L.pay(cat, (ent[proj], pay - part), (idx, pay - part))
            L.pay(f"{cat}_guaranteed", (ent[proj], part), (idx, part))
        self.paid_last = {"villages": pay_v, "households": pay_h, "guarantee": topped}
        L.pay("owner_payout", (ent, pay_p), (None, pay_p.sum()))
        E.cash[ent] -= np.bincount(self.v_proj, weights=pay_v, minlength=n) + \
            np.bincount(self.h_proj, weights=pay_h, minlength=n) + pay_p
        E.profit_ytd[ent] = 0.0

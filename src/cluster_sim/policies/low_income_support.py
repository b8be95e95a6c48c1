"""Targeted support for low-income households (低收入农户帮扶): the instruments behind Zhejiang's
low-income catch-up (DOMAIN.md: +13.4 % against +7.3 % for all rural residents, 2023) that the
other packages do not have — an assigned post and a top-up to the line, household by household.

Who: the low-income households of the targeted villages that the programme reaches, a share
``reach_share`` of them by a keyed draw per household that never changes (so a wider reach keeps
every household a narrower one reached). A household is supported while it is low-income; it
leaves with its status, gradually through the status's exit margin (渐退, ``economy.low_income``).

- **Assigned post (公益性岗位 / 就业帮扶).** Each supported household gets a post of
  ``post_share`` worker-equivalents at ``post_wage_yuan_month`` (indexed with wage growth),
  filled first from its members past working age (``elderly_capacity`` each, capacity with no
  other use), then from its working-age capacity, which leaves the household's other work in
  proportion — so the household gains the post's wage less what that work earned. The county
  pays it (``wage_public_post``); the post counts in the assessed income of the 低保 test.
- **Top-up to the line (提标扩面).** A supported household receives ``top_up_share`` of the part of
  its gap to the low-income line that the 低保 allowance leaves (``1 − ρ`` of it, ρ =
  ``economy.low_income_margin_support_share``): ``m · τ · (1 − ρ) · max(ℓ − max(y, s), 0)``, with y
  the assessed income per member including the post (``subsidy_household``).
- **Budget.** Each year the households are taken in the order of their keyed draw while the
  budget covers their year's post and top-up.
"""

from __future__ import annotations

import numpy as np

from ..economy.base import growth
from ..economy.low_income import assessed_per_member, line_yuan_year, margin_gap
from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "low_income_support"
TITLE_ZH = "低收入农户帮扶（公益岗位与提标）"
TITLE_EN = "Support for low-income households"
SUMMARY_ZH = ("对低收入农户逐户帮扶：安排公益性岗位（先用老年成员的闲置劳力），"
              "并把低保边缘户的收入补到低收入线；覆盖面可调，随农户脱离低收入状态逐步退出。")

CATEGORIES = ("wage_public_post", "subsidy_household")
TRANSFER_CATEGORIES = ("wage_public_post", "subsidy_household")

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(
        default="all", choices=("all", "weak", "surrounding", "clustered", "named"),
        doc="the villages whose low-income households are supported",
        source="scenario choice: every village's low-income households by default (Zhejiang's support is county-wide)"),
    "reach_share": Field((int, float), 0.6, 0.0, 1.0, doc="share of the targeted low-income households reached",
                         zh="帮扶覆盖面", zh_doc="目标村低收入农户中得到结对帮扶的比例",
                         source="assumption: how many low-income households a programme reaches; the seeds give the "
                                "provincial result (+13.4 %, DOMAIN.md), not the coverage"),
    "post_share": Field((int, float), 0.5, 0.0, 2.0, doc="worker-equivalents of the post assigned to a household",
                        zh="公益岗位工作量", zh_doc="每户安排的公益性岗位折合劳动力（0.5 = 半职）",
                        source="assumption: a half-time village post (cleaning, patrols, care)"),
    "post_wage_yuan_month": Field((int, float), 2_490.0, 0.0, None,
                                  doc="monthly wage of a full-time assigned post in the base year (indexed)",
                                  zh="公益岗位月工资（全职）", zh_doc="全职公益性岗位基年月工资，随工资增长",
                                  source="assumption: Zhejiang's first-tier minimum wage, 2,490 yuan a month (2024); "
                                         "not in the seeds"),
    "elderly_capacity": Field((int, float), 0.4, 0.0, 1.0,
                              doc="work a member past working age can do in a post (worker-equivalents)",
                              zh="老年成员可用劳力", zh_doc="超过劳动年龄的成员在公益岗位上能做的工作量",
                              source="assumption: as the common-prosperity workshop's elderly capacity (0.4)"),
    "top_up_share": Field((int, float), 1.0, 0.0, 1.0,
                          doc="share of the gap to the line the allowance leaves that the package tops up",
                          zh="补到低收入线的比例", zh_doc="低保未补足的、到低收入线的差额中由帮扶补上的比例",
                          source="assumption: 提标扩面 raises support for households on the margin; full by default"),
}


class Policy(BasePolicy):
    name = NAME  # no unit price: a household's post and top-up depend on its members and income

    def reached(self) -> tuple[int, int]:
        h = self.model.households
        ever = np.flatnonzero(self.ever)
        return len(np.unique(h.village[ever])), len(ever)

    def setup(self) -> None:
        m, h = self.model, self.model.households
        in_target = np.isin(h.village, self.target_villages())
        draw = m.streams.uniform(f"policy.{NAME}.reach", np.arange(h.n), 0)
        self.eligible = in_target & (draw < self.settings["reach_share"])
        self.queue = np.argsort(draw, kind="stable")  # who is taken first when the budget binds
        self.ever = np.zeros(h.n, bool)  # households ever supported (a mask: no yearly re-sorting)
        self.idx = np.zeros(0, int)
        self.post_month = np.zeros(0)
        self.top_up_month = np.zeros(0)

    def wage(self) -> float:
        return float(self.settings["post_wage_yuan_month"]) * growth(self.model, "economy.wage_growth")

    def after_decide(self, year_index: int) -> None:
        """The coming year's posts and top-ups, after the households' job choice and before the
        allowance test (which then counts the post)."""
        m, h, s = self.model, self.model.households, self.settings
        if year_index == 0:  # the base year's status is the allowance test's, not yet set
            h.low_income = assessed_per_member(m) < line_yuan_year(m)
        supported = self.queue[(self.eligible & h.low_income)[self.queue]]
        post = np.full(len(supported), float(s["post_share"]))
        from_idle = np.minimum(post, h.elderly[supported] * s["elderly_capacity"])
        in_jobs = sum(getattr(h, name)[supported] for name in h.JOBS)
        taken = np.minimum(post - from_idle, in_jobs)
        wage = self.wage()
        # the budget: households in queue order while it covers their year's post (top-ups below)
        cost = np.cumsum((from_idle + taken) * wage * 12)
        keep = cost <= self.budget_left
        supported, from_idle, taken, in_jobs = supported[keep], from_idle[keep], taken[keep], in_jobs[keep]
        share = np.divide(taken, in_jobs, out=np.zeros(len(supported)), where=in_jobs > 0)
        h.leave_other_work(share, supported)  # the post's working-age part
        h.n_post[supported] = from_idle + taken  # (the year close cleared last year's posts)
        h.post_wage_yuan_month[supported] = wage
        post_month = h.n_post[supported].astype(float) * wage  # what the households' record says they work
        self.spend(float(post_month.sum() * 12))
        # the top-up, on assessed income with the post
        rho = m.params["economy"]["low_income_margin_support_share"]
        gap = margin_gap(m, assessed_per_member(m, supported))
        top_up = h.members[supported] * s["top_up_share"] * (1 - rho) * gap
        affordable = np.cumsum(top_up) <= self.budget_left
        top_up = np.where(affordable, top_up, 0.0)
        self.spend(float(top_up.sum()))
        self.idx, self.post_month, self.top_up_month = supported, post_month, top_up / 12
        self.ever[supported] = True

    def on_month(self, year_index: int, month: int) -> None:
        L = self.model.ledger
        L.pay("wage_public_post", (None, float(self.post_month.sum())), (self.idx, self.post_month))
        L.pay("subsidy_household", (None, float(self.top_up_month.sum())), (self.idx, self.top_up_month))

    def on_year_close(self, year_index: int) -> None:
        """The year's posts end with it; the next year's are assigned after the job choice."""
        h = self.model.households
        h.n_post[:] = 0.0
        h.post_wage_yuan_month[:] = 0.0
        self.idx, self.post_month, self.top_up_month = np.zeros(0, int), np.zeros(0), np.zeros(0)

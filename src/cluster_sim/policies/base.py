"""What every policy package shares: its scenario fields, targeting, and the schedule hooks.

A policy is a plug-in: a module that declares ``NAME``, ``FIELDS`` (its own scenario keys)
and a ``Policy`` subclass. The model calls ``setup`` once, ``on_month`` every month and
``on_year_close`` at each year end while the package is active. Money moves only through
``model.ledger``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..economy.enterprises import close as close_enterprises
from ..scenario.schema import UNLIMITED, Field

if TYPE_CHECKING:
    from ..model import ClusterModel

TARGETS = ("all", "weak", "strong", "key", "surrounding", "clustered", "named", "partner", "low_income")

COMMON_FIELDS: dict[str, Field] = {
    "enabled": Field(bool, False, doc="switch the package on",
                     zh="开启", en="switched on", zh_doc="打开后该政策从“开始年”起生效",
                     source="scenario choice: the packages a run compares (all off = the baseline)"),
    "start_year": Field(int, 1, 0, 100, doc="first simulated year the package acts (0 = from the start)",
                        zh="开始年（第几年）", en="first year (year index)", zh_doc="0 = 基准年起；1 = 模拟第 1 年起",
                        source="scenario choice: 1 = after the base year, whose statistics describe the county "
                               "before the policy"),
    "end_year": Field(int, 0, 0, 100, doc="last year it acts; 0 = never ends",
                      zh="结束年（0 = 不结束）", en="last year (0 = never ends)", zh_doc="政策最后一年；0 表示一直实施",
                      source="scenario choice: 0 = the package runs to the end"),
    "budget_yuan": Field((int, float), UNLIMITED, 0.0, None, unlimited=True,
                         doc="public money the package may spend in all; 'unlimited' = no limit, 0 = nothing",
                         zh="财政预算（总额；留空 = 不限额）", en="public budget (in all; empty = unlimited)",
                         zh_doc="该政策可花的财政资金总额；留空 = 不限额，0 = 不花钱",
                         source="scenario choice: the public money a package may spend; a comparison of packages "
                                "at equal cost sets it"),
    "target": Field(str, "all", choices=TARGETS, doc="which villages (or households) it reaches",
                    zh="对象", en="targeting", zh_doc="政策覆盖哪些村（弱者优先）",
                    source="scenario choice: the policy documents name weak, key and surrounding villages "
                           "(001)"),
    "villages": Field(list, [], doc="village names when target = 'named'",
                      zh="指定村庄", en="named villages", zh_doc="对象为“指定村庄”时选择的村",
                      source="scenario choice: the named villages when target = 'named'"),
    "max_villages": Field(int, UNLIMITED, 0, 1_000_000, unlimited=True,
                          doc="cap on villages reached, weakest (lowest operating income) first; 'unlimited' = no cap",
                          zh="最多覆盖村数（留空 = 不限）", en="at most this many villages (empty = no cap)",
                          zh_doc="最多覆盖的村数，按经营性收入从低到高选；留空 = 不限，0 = 一个也不覆盖",
                          source="scenario choice: how many villages a programme reaches"),
}


def policy_fields(module) -> dict[str, Field]:
    """Every key of a package with its words and source: the common keys (as the package may
    have narrowed them), then its own."""
    return {**COMMON_FIELDS, **module.FIELDS}


@dataclass(frozen=True)
class Use:
    """One package after a run: public money paid (None when unknown) and who it reached."""

    name: str
    budget_yuan: float | str  # or UNLIMITED
    paid_yuan: float | None
    villages: int
    households: int = 0


class Policy:
    """Base class: holds the package's resolved settings and answers 'am I active now?'."""

    name: str = ""
    # What one unit the package funds is called (zh, en), and whether it funds whole units or
    # nothing: then a budget below one unit buys nothing, and the dashboard says so.
    unit_words: tuple[str, str] = ("", "")
    whole_units: bool = False

    def __init__(self, model: ClusterModel, settings: dict):
        self.model = model
        self.settings = settings
        budget = settings["budget_yuan"]
        self.budget_left = math.inf if budget == UNLIMITED else float(budget)
        # the package's own draws: switching it on leaves every other stream unchanged
        self.rng = model.stream(f"policy.{self.name}")

    # --- schedule -------------------------------------------------------------------------
    def active(self, year_index: int) -> bool:
        s = self.settings
        return s["start_year"] <= year_index and (s["end_year"] == 0 or year_index <= s["end_year"])

    def setup(self) -> None:
        """Called once after the county is built."""

    def on_month(self, year_index: int, month: int) -> None:
        """Called every month while active (month 1..12)."""

    def on_year_close(self, year_index: int) -> None:
        """Called at each year end while active, before accounts close."""

    def on_clusters_changed(self, changed: np.ndarray) -> None:
        """Villages ``changed`` cluster at a revisit of formed clusters; a package that reads the
        clusters only when it starts keeps what it built."""

    def after_decide(self, year_index: int) -> None:
        """Called after households' yearly decisions for the coming year, while active."""

    # --- cost and reach (what the dashboard tells the class) ---------------------------------
    @staticmethod
    def unit_cost(settings: dict) -> float | None:
        """Public money (yuan) one unit needs under these settings, the same price the package
        pays; None when any amount does something."""
        return None

    @classmethod
    def below_one_unit(cls, settings: dict) -> bool:
        """Switched on with a budget too small for a single unit ('unlimited' never is)."""
        cost = cls.unit_cost(settings)
        budget = settings.get("budget_yuan", UNLIMITED)
        return bool(settings.get("enabled")) and cost is not None and budget != UNLIMITED and float(budget) < cost

    @classmethod
    def buys_nothing(cls, settings: dict) -> bool:
        """Below one unit of a package that funds whole units or nothing: the run must not change."""
        return cls.whole_units and cls.below_one_unit(settings)

    def paid(self) -> float | None:
        """Public money the package has paid so far: what it took from a limited budget, None
        when the budget is unlimited and the package does not count."""
        budget = self.settings["budget_yuan"]
        return None if budget == UNLIMITED else float(budget) - float(self.budget_left)

    def reached(self) -> tuple[int, int]:
        """(villages, households) the package has reached so far."""
        return 0, 0

    def uses(self) -> Use:
        """What the package has paid and whom it has reached, read from its own state."""
        villages, households = self.reached()
        return Use(self.name, self.settings["budget_yuan"], self.paid(), villages, households)

    # --- targeting --------------------------------------------------------------------------
    def target_villages(self) -> np.ndarray:
        """Indices of the villages this package reaches, weakest (lowest operating income) first."""
        v = self.model.villages
        rule = self.settings["target"]
        home = ~v.is_partner
        masks = {
            "all": home,
            "weak": home & v.is_weak,
            "strong": home & v.is_strong,
            "key": home & v.is_key,
            "surrounding": home & (v.cluster >= 0) & ~v.is_key,
            "clustered": home & (v.cluster >= 0),
            "partner": v.is_partner,
            "low_income": home,
        }
        if rule == "named":
            wanted = set(self.settings["villages"])
            mask = np.array([name in wanted for name in v.name])
        else:
            mask = masks[rule]
        idx = np.flatnonzero(mask)
        idx = idx[np.argsort(v.operating_income_last[idx], kind="stable")]
        cap = self.settings["max_villages"]
        return idx if cap == UNLIMITED else idx[:cap]

    def performance(self, enterprises: np.ndarray, sd: float) -> np.ndarray:
        """This year's performance factor of each of the package's enterprises: a lognormal
        shock keyed by the enterprise and the year, so projects' risks are their own and do not
        depend on what else the run contains."""
        uid = self.model.enterprises.uid[enterprises]
        return np.exp(sd * self.model.streams.normal(f"policy.{self.name}.performance", uid, self.model.year_index))

    def close_loss_makers(self, enterprises: np.ndarray, loss_years: np.ndarray) -> np.ndarray:
        """Year end: count each of the package's projects' loss-making years in a row and close
        those that reach its ``close_after_loss_years`` (their creditors write off what is left,
        as for any failed enterprise). Returns the updated counts."""
        E = self.model.enterprises
        loss_years = np.where(E.profit_ytd[enterprises] < 0, loss_years + 1, 0)
        closing = enterprises[E.alive[enterprises] & (loss_years >= self.settings["close_after_loss_years"])]
        close_enterprises(self.model, closing)
        E.profit_ytd[closing] = 0.0
        return loss_years

    def take_profit(self, enterprises: np.ndarray) -> np.ndarray:
        """Year end: the profit each of the package's projects can pay out (positive, and in
        cash), taken out of it; its year's profit starts again from 0."""
        E = self.model.enterprises
        profit = np.maximum(E.profit_ytd[enterprises], 0) * (E.cash[enterprises] > 0)
        profit = np.minimum(profit, np.maximum(E.cash[enterprises], 0))
        E.cash[enterprises] -= profit
        E.profit_ytd[enterprises] = 0.0
        return profit

    def affordable(self, unit_cost: float, wanted: int) -> int:
        """How many of ``wanted`` units at ``unit_cost`` the budget left still pays for."""
        if unit_cost <= 0 or math.isinf(self.budget_left):
            return wanted
        return min(wanted, int(self.budget_left // unit_cost))

    def spend(self, amount: float) -> float:
        """Take up to ``amount`` from the budget (all of it when the budget is unlimited)."""
        take = min(amount, self.budget_left)
        self.budget_left -= take
        return take

"""Households as columns: one numpy array per attribute, rules as whole-array expressions.

A county can hold a million households, so there is no Python object per household on the
hot path. ``Households[i]`` still gives a readable view of one household for people who
want to look at one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..accounts import HOUSEHOLD_SOURCES, household_categories
from ..ledger import sum_accounts


def group_fill(group: np.ndarray, priority: np.ndarray, demand: np.ndarray, capacity: np.ndarray,
               order: np.ndarray | None = None) -> np.ndarray:
    """Fill each group's capacity with its members' demands, highest priority first.

    Returns the amount granted to each member (partial grants at the margin). Vectorised:
    one lexsort and a cumulative sum per group, no loop over members. ``order`` is
    ``np.lexsort((-priority, group))`` when the caller keeps it (``Households.job_order``).
    """
    if len(group) == 0:
        return np.zeros(0)
    if order is None:
        order = np.lexsort((-priority, group))
    g, d = group[order], demand[order].astype(float)
    cum = np.cumsum(d)
    starts = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
    offset = np.repeat(cum[starts] - d[starts], np.diff(np.r_[starts, len(g)]))
    before = cum - d - offset  # demand served before this member within its group
    granted = np.clip(capacity[g] - before, 0.0, d)
    out = np.empty_like(granted)
    out[order] = granted
    return out


@dataclass
class HouseholdView:
    """One household's attributes and this year's income by source (read-only snapshot)."""

    index: int
    attributes: dict

    def __getattr__(self, name):
        try:
            return self.attributes[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v}" for k, v in self.attributes.items())
        return f"Household({self.index}: {inner})"


class Households:
    """Column store of all households in the county.

    ``workers`` is labour capacity in worker-equivalents (a float): members of low-income
    households often work part-time, are older or disabled. ``low_income`` is a status that
    households enter and leave with their income (``economy.low_income``)."""

    STATIC = ("village", "members", "elderly", "workers", "low_income", "land_mu", "lets_rooms")
    JOBS = ("n_local", "n_commute", "n_migrant", "n_business", "n_farm")

    def __init__(self, columns: dict[str, np.ndarray], rng: np.random.Generator, params: dict):
        for name in self.STATIC:
            setattr(self, name, columns[name])
        self.workers = self.workers.astype(np.float32)
        n = self.n = len(self.village)
        # persistent traits, drawn from the run's "household.traits" stream
        econ = params["economy"]
        self.farming_preference = rng.normal(econ["farming_preference_mean_yuan_mu"],
                                             econ["farming_preference_sd_yuan_mu"], n).astype(np.float32)
        # households able to run a business of their own (skills, premises, contacts)
        self.entrepreneur = (rng.random(n) < econ["household_business_share"]) & ~self.low_income
        sd = econ["business_scale_sd"]  # lognormal with mean 1
        self.business_scale = np.where(self.entrepreneur, rng.lognormal(-(sd ** 2) / 2, sd, n), 0.0).astype(np.float32)
        self.job_priority = rng.random(n).astype(np.float32)
        self._job_order: tuple | None = None  # (village, job_priority, their lexsort)
        # elderly members of households registered poor at the start draw only the basic pension
        self.basic_pension = self.low_income.copy()
        self.registered_low_income = self.low_income.copy()
        self.healthy_workers = self.workers.copy()  # capacity when no member is ill
        self.ill = np.zeros(n, bool)
        self.allowance_received_last = np.zeros(n)
        # decisions (set each year)
        self.land_leased = np.zeros(n, bool)
        for name in self.JOBS:
            setattr(self, name, np.zeros(n, np.float32))
        self.allowance_yuan_year = np.zeros(n)  # the year's 低保 top-up (set with the status)
        # worker-equivalents employed by policy projects (common-prosperity workshops), of which
        # the idle capacity of members past working age, and the projects' wage
        self.n_project = np.zeros(n, np.float32)
        self.n_project_idle = np.zeros(n, np.float32)
        self.project_wage_yuan_month = np.zeros(n)
        # an assigned public post (low-income support): worker-equivalents and its wage
        self.n_post = np.zeros(n, np.float32)
        self.post_wage_yuan_month = np.zeros(n)
        self.runs_stay = np.zeros(n, bool)
        self.n_stay = np.zeros(n, np.float32)  # worker-equivalents running the farm-stay (economy.visitors)
        # workers employed in another village of the cluster (set by the pairing policy)
        self.n_cluster_job = np.zeros(n, np.float32)
        self.cluster_job_village = np.full(n, -1, np.int32)
        self.cluster_jobs = False  # any worker employed outside their village (skip work when not)
        # this year's income (filled at year close)
        self.income_by_source = {s: np.zeros(n) for s in HOUSEHOLD_SOURCES}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> HouseholdView:
        if not -self.n <= i < self.n:
            raise IndexError(f"household {i} out of range (0..{self.n - 1})")
        i = i % self.n
        names = self.STATIC + ("farming_preference", "entrepreneur", "land_leased") + self.JOBS + (
            "n_cluster_job", "cluster_job_village", "runs_stay", "n_stay", "ill", "allowance_yuan_year")
        attrs = {k: getattr(self, k)[i].item() for k in names}
        attrs.update({f"income_{s}": float(self.income_by_source[s][i]) for s in HOUSEHOLD_SOURCES})
        attrs["income_total"] = sum(attrs[f"income_{s}"] for s in HOUSEHOLD_SOURCES)
        return HouseholdView(i, attrs)

    # --- yearly decisions -------------------------------------------------------------------
    def leave_other_work(self, share: np.ndarray, idx: np.ndarray | slice = slice(None)) -> None:
        """Households ``idx`` give up ``share`` of the work in each job column (a policy's post
        takes that capacity), in proportion across the columns."""
        for name in self.JOBS:
            col = getattr(self, name)
            col[idx] = (col[idx] * (1 - share)).astype(np.float32)

    @property
    def job_order(self) -> np.ndarray:
        """Households by village, then job priority, highest first: ``group_fill``'s order for
        village-wide queues. Both traits are fixed, so a province sorts its million once."""
        cached = self._job_order
        if cached is None or cached[0] is not self.village or cached[1] is not self.job_priority:
            cached = self._job_order = (self.village, self.job_priority,
                                        np.lexsort((-self.job_priority, self.village)))
        return cached[2]

    def close_year(self, received: dict[str, np.ndarray]) -> None:
        for source in HOUSEHOLD_SOURCES:
            self.income_by_source[source] = sum_accounts(received, self.n, household_categories(source))
        self.allowance_received_last = sum_accounts(received, self.n, ["low_income_allowance"])

    @property
    def income_total(self) -> np.ndarray:
        return sum(self.income_by_source[s] for s in HOUSEHOLD_SOURCES)

"""The model's household rules written twice more: as bare numpy and as one Mesa agent each.

Both versions take the same inputs (``HouseholdInputs``): the households' columns as the model
built them, and per-village rates the model produced in its first month (local wage per
worker, collective wage per worker, land rent, dividend per member, local jobs). Each month
every household earns wages by job status, land rent or self-farming income, business and
house-rent income and transfers (the formulas of ``economy.households_month`` and of the
household sides of ``enterprises_month`` and ``collectives_month``); at the year end the
collective dividend; at each year start it decides whether to lease its land and who takes
the village's local jobs (``Households.decide_land``/``decide_work``). Rates grow with the
model's wage, business and transfer growth. Nothing is cached across months: like the model,
both versions redo the monthly arithmetic every month.

- ``NumpyHouseholds``: plain arrays, the same expressions and dtypes as the model — the floor.
- ``NaiveHouseholdModel``: a ``mesa.Model`` with one ``mesa.Agent`` per household whose
  ``step()`` does the same arithmetic for itself, run with ``agents.shuffle_do("step")`` each
  month — the way a newcomer to Mesa would write it.

``tests/test_benchmarks_smoke.py`` checks that both give the same incomes, and that the numpy
version reproduces the model's own first-month household receipts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import mesa
import numpy as np

from cluster_sim.accounts import BY_NAME, HOUSEHOLD_SOURCES
from cluster_sim.agents.households import group_fill

# the flows economy.households_month posts itself (the model's "household step" with the
# yearly decisions); local and collective wages, land rent and dividends are posted by the
# enterprise and collective phases
OWN_FLOWS = ("wage_commute", "wage_migrant", "business_household", "business_farming", "house_rent",
             "pension", "low_income_allowance")
MONTHLY = ("wage_local", "wage_commute", "wage_migrant", "wage_collective", "business_household",
           "business_farming", "land_rent", "house_rent", "pension", "low_income_allowance")
SOURCE = {cat: BY_NAME[cat].source for cat in MONTHLY + ("dividend_collective",)}
ECONOMY_KEYS = ("wage_commute_yuan_month", "wage_migrant_yuan_month", "migrant_remit_share",
                "self_farm_net_yuan_mu_year", "household_business_income_yuan_year", "house_rent_yuan_year",
                "pension_yuan_month", "basic_pension_yuan_month", "low_income_allowance_yuan_month", "migration_share",
                "wage_growth", "business_growth", "transfer_growth")


@dataclass
class HouseholdInputs:
    # one row per household (the model's columns and dtypes)
    village: np.ndarray
    members: np.ndarray
    elderly: np.ndarray
    workers: np.ndarray
    low_income: np.ndarray
    land_mu: np.ndarray
    lets_rooms: np.ndarray
    farming_preference: np.ndarray
    business_scale: np.ndarray
    job_priority: np.ndarray
    migrant_propensity: np.ndarray
    # one row per village
    local_jobs: np.ndarray
    local_wage_yuan_month: np.ndarray        # per local worker, base year
    collective_wage_yuan_month: np.ndarray   # per worker of the village
    land_rent_yuan_mu_year: np.ndarray
    has_operator: np.ndarray                 # an agricultural operator rents the land
    commute_ok: np.ndarray
    dividend_yuan_member_year: np.ndarray
    # economy parameters (ECONOMY_KEYS) as a float array, to keep the .npz plain
    economy: np.ndarray

    @property
    def n(self) -> int:
        return len(self.village)

    @property
    def econ(self) -> dict[str, float]:
        return {k: float(v) for k, v in zip(ECONOMY_KEYS, self.economy, strict=True)}

    def save(self, path) -> None:
        np.savez(path, **{f.name: getattr(self, f.name) for f in fields(self)})

    @classmethod
    def load(cls, path) -> HouseholdInputs:
        with np.load(path) as data:
            return cls(**{f.name: data[f.name] for f in fields(cls)})


def per_village(village: np.ndarray, amount: np.ndarray, base: np.ndarray, n_villages: int) -> np.ndarray:
    """A village's total of ``amount`` per unit of ``base`` (0 where the base is 0)."""
    total = np.bincount(village, weights=amount, minlength=n_villages)
    units = np.bincount(village, weights=base, minlength=n_villages)
    return np.divide(total, units, out=np.zeros(n_villages), where=units > 0)


def inputs_from_model(model) -> HouseholdInputs:
    """Rates from a freshly built ``ClusterModel`` (it is stepped one month to read them)."""
    from cluster_sim import economy
    from cluster_sim.agents.enterprises import AGRI

    h, v, E, p = model.households, model.villages, model.enterprises, model.params
    jobs = np.bincount(E.village, weights=E.jobs * economy.pooled_jobs(E), minlength=v.n)
    operator = np.zeros(v.n, bool)
    operator[E.village[(E.kind == AGRI) & E.alive]] = True
    cols = {name: getattr(h, name).copy() for name in (
        "village", "members", "elderly", "workers", "low_income", "land_mu", "lets_rooms",
        "farming_preference", "business_scale", "job_priority", "migrant_propensity")}
    members_v = np.bincount(h.village, weights=h.members, minlength=v.n)
    dividend = (np.maximum(v.operating_income_last, 0) * p["collective"]["dividend_payout_share"]
                * (v.households > 0))
    rent = v.land_rent_yuan_mu.copy()
    model.step()
    model.ledger.flush()  # grouped household postings are booked per household at flush
    got = model.ledger.received["households"]
    return HouseholdInputs(
        **cols, local_jobs=jobs,
        local_wage_yuan_month=per_village(h.village, got["wage_local"], h.n_local, v.n),
        collective_wage_yuan_month=per_village(h.village, got["wage_collective"], h.workers, v.n),
        land_rent_yuan_mu_year=rent, has_operator=operator,
        commute_ok=v.dist_town_km <= p["economy"]["max_commute_km"],
        dividend_yuan_member_year=np.divide(dividend, members_v, out=np.zeros(v.n), where=members_v > 0),
        economy=np.array([p["economy"][k] for k in ECONOMY_KEYS], float))


def growth_factors(econ: dict, year_index: int) -> tuple[float, float, float]:
    return tuple((1.0 + econ[k]) ** year_index for k in ("wage_growth", "business_growth", "transfer_growth"))


# --- bare numpy ---------------------------------------------------------------------------------
class NumpyHouseholds:
    """The household arithmetic on plain arrays: the floor under the model's household step."""

    def __init__(self, inputs: HouseholdInputs):
        self.x = inputs
        self.e = inputs.econ
        self.income = {s: np.zeros(inputs.n) for s in HOUSEHOLD_SOURCES}  # cumulative over the run
        # village, then job priority: fixed traits, so sorted once (as Households.job_order)
        self.job_order = np.lexsort((-inputs.job_priority, inputs.village))
        self.decide()

    def decide(self) -> None:
        x, e = self.x, self.e
        self.land_leased = x.land_rent_yuan_mu_year[x.village] - e["self_farm_net_yuan_mu_year"] > x.farming_preference
        w = x.workers.astype(float)
        self.n_local = group_fill(x.village, x.job_priority, w, x.local_jobs, self.job_order).astype(np.float32)
        rest = w - self.n_local
        migrate = ~x.commute_ok[x.village] | (x.migrant_propensity < e["migration_share"])
        self.n_migrant = np.where(migrate, rest, 0.0).astype(np.float32)
        self.n_commute = (rest - self.n_migrant).astype(np.float32)

    def month_flows(self, year_index: int, categories: tuple[str, ...] = MONTHLY) -> dict[str, np.ndarray]:
        """One month's income of every household by payment category."""
        x, e, vil = self.x, self.e, self.x.village
        wage_f, biz_f, tr_f = growth_factors(e, year_index)
        # the model scales float64 copies of the float32 job columns (numpy keeps float32 x float)
        n_commute, n_migrant, n_local, business, land_mu = (np.asarray(a, float) for a in (
            self.n_commute, self.n_migrant, self.n_local, x.business_scale, x.land_mu))
        rules = {
            "wage_local": lambda: n_local * x.local_wage_yuan_month[vil] * wage_f,
            "wage_commute": lambda: n_commute * (e["wage_commute_yuan_month"] * wage_f),
            "wage_migrant": lambda: n_migrant * (e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * wage_f),
            "wage_collective": lambda: x.workers * x.collective_wage_yuan_month[vil],
            "business_household": lambda: business * (e["household_business_income_yuan_year"] * biz_f / 12),
            "business_farming": lambda: ~self.land_leased * land_mu * (e["self_farm_net_yuan_mu_year"] / 12),
            "land_rent": lambda: self.land_leased * land_mu * (x.land_rent_yuan_mu_year[vil] / 12 * x.has_operator[vil]),
            "house_rent": lambda: x.lets_rooms * e["house_rent_yuan_year"] * biz_f / 12,
            "pension": lambda: x.elderly * np.where(x.low_income, e["basic_pension_yuan_month"],
                                                    e["pension_yuan_month"]) * tr_f,
            "low_income_allowance": lambda: x.low_income * x.members * e["low_income_allowance_yuan_month"] * tr_f,
        }
        return {cat: rules[cat]() for cat in categories}

    def run(self, years: int, categories: tuple[str, ...] = MONTHLY, dividend: bool = True) -> NumpyHouseholds:
        """``years`` years of monthly flows (only ``categories``), yearly decisions and dividend."""
        for year in range(years):
            if year:
                self.decide()
            for _month in range(1, 13):
                for cat, amount in self.month_flows(year, categories).items():
                    self.income[SOURCE[cat]] += amount
            if dividend:
                self.income["property"] += self.x.members * self.x.dividend_yuan_member_year[self.x.village]
        return self


# --- one Mesa agent per household ------------------------------------------------------------------
class NaiveVillage:
    """What a household needs to know about its village (plain Python values)."""

    def __init__(self, x: HouseholdInputs, i: int):
        self.local_jobs = float(x.local_jobs[i])
        self.local_wage = float(x.local_wage_yuan_month[i])
        self.collective_wage = float(x.collective_wage_yuan_month[i])
        self.land_rent = float(x.land_rent_yuan_mu_year[i])
        self.has_operator = bool(x.has_operator[i])
        self.commute_ok = bool(x.commute_ok[i])
        self.dividend_per_member = float(x.dividend_yuan_member_year[i])
        self.households: list[NaiveHousehold] = []


class NaiveHousehold(mesa.Agent):
    def __init__(self, model: NaiveHouseholdModel, x: HouseholdInputs, i: int):
        super().__init__(model)
        self.village = model.villages[int(x.village[i])]
        self.village.households.append(self)
        self.members = int(x.members[i])
        self.elderly = int(x.elderly[i])
        self.workers = int(x.workers[i])
        self.low_income = bool(x.low_income[i])
        self.land_mu = float(x.land_mu[i])
        self.lets_rooms = bool(x.lets_rooms[i])
        self.farming_preference = float(x.farming_preference[i])
        self.business_scale = float(x.business_scale[i])
        self.job_priority = float(x.job_priority[i])
        self.migrant_propensity = float(x.migrant_propensity[i])
        self.land_leased = False
        self.n_local = self.n_commute = self.n_migrant = 0.0
        self.income = dict.fromkeys(HOUSEHOLD_SOURCES, 0.0)

    def decide_land(self) -> None:
        gain = self.village.land_rent - self.model.econ["self_farm_net_yuan_mu_year"]
        self.land_leased = gain > self.farming_preference

    def step(self) -> None:
        m, e, v = self.model, self.model.econ, self.village
        if m.month == 1:
            self.decide_land()
        income = self.income
        income["wages"] += self.n_local * v.local_wage * m.wage_f
        income["wages"] += self.n_commute * e["wage_commute_yuan_month"] * m.wage_f
        income["wages"] += self.n_migrant * e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * m.wage_f
        income["wages"] += self.workers * v.collective_wage
        income["business"] += self.business_scale * e["household_business_income_yuan_year"] * m.biz_f / 12
        if self.land_leased:
            if v.has_operator:
                income["property"] += self.land_mu * v.land_rent / 12
        else:
            income["business"] += self.land_mu * e["self_farm_net_yuan_mu_year"] / 12
        if self.lets_rooms:
            income["property"] += e["house_rent_yuan_year"] * m.biz_f / 12
        if self.low_income:  # basic pension (城乡居民基本养老金) and the allowance
            income["transfers"] += self.elderly * e["basic_pension_yuan_month"] * m.tr_f
            income["transfers"] += self.members * e["low_income_allowance_yuan_month"] * m.tr_f
        else:
            income["transfers"] += self.elderly * e["pension_yuan_month"] * m.tr_f
        if m.month == 12:
            income["property"] += self.members * v.dividend_per_member


class NaiveHouseholdModel(mesa.Model):
    """One agent per household; villages hand out their local jobs at each year start."""

    def __init__(self, inputs: HouseholdInputs, seed: int = 0):
        super().__init__(rng=seed)
        self.econ = inputs.econ
        self.villages = [NaiveVillage(inputs, i) for i in range(len(inputs.local_jobs))]
        self.households = [NaiveHousehold(self, inputs, i) for i in range(inputs.n)]
        self.year_index = 0
        self.month = 0

    def assign_jobs(self) -> None:
        migration_share = self.econ["migration_share"]
        for village in self.villages:
            left = village.local_jobs
            for hh in sorted(village.households, key=lambda a: -a.job_priority):
                hh.n_local = min(float(hh.workers), max(left, 0.0))
                left -= hh.workers
                rest = hh.workers - hh.n_local
                migrate = not village.commute_ok or hh.migrant_propensity < migration_share
                hh.n_migrant = rest if migrate else 0.0
                hh.n_commute = rest - hh.n_migrant

    def step(self) -> None:
        self.month += 1
        if self.month == 1:
            self.assign_jobs()
            self.wage_f, self.biz_f, self.tr_f = growth_factors(self.econ, self.year_index)
        self.agents.shuffle_do("step")
        if self.month == 12:
            self.month = 0
            self.year_index += 1

    def run(self, years: int) -> NaiveHouseholdModel:
        for _ in range(12 * years):
            self.step()
        return self

    def income_by_source(self) -> dict[str, np.ndarray]:
        """Cumulative income of every household by source, in creation order."""
        return {s: np.array([a.income[s] for a in self.households]) for s in HOUSEHOLD_SOURCES}

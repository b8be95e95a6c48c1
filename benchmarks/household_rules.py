"""The model's household rules written three more times: as bare numpy twice, and as one Mesa
agent per household.

All take the same inputs (``HouseholdInputs``): the households' columns as the model built them
and the per-village rates the model produced in its base year (local wage per worker,
collective wage per worker, land rent, dividend per member, local jobs). Every month each
household earns wages by job status, land rent or self-farming income, business and house-rent
income and transfers (the formulas of ``economy.households_month`` and of the household sides
of ``enterprises_month`` and ``collectives_month``); at the year end the collective dividend; at
each year start it decides whether to lease its land and who takes the village's local jobs
(``Households.decide_land``/``decide_work``). Rates grow with the model's wage, business and
transfer growth.

- ``NumpyHouseholds``: the floor — the arithmetic the model does now (``economy.HouseholdBases``
  and ``Ledger.pay_grouped``/``flush``) on plain arrays, with no model, ledger or enterprises
  around it: each year the per-household bases (float64) and their per-village totals; each
  month only per-village rates and posting totals; each household booked once a year,
  ``base × sum of the year's monthly rates of its village``.
- ``NumpyMonthlyHouseholds``: the same rules the old way — every household's amount of every
  flow recomputed and added every month (the model's formulation before ``pay_grouped``).
- ``NaiveHouseholdModel``: a ``mesa.Model`` with one ``mesa.Agent`` per household whose
  ``step()`` does its own monthly arithmetic, run with ``agents.shuffle_do("step")`` each
  month — the way a newcomer to Mesa would write it.

``tests/test_benchmarks_smoke.py`` checks that both numpy versions reproduce the model's own
base-year household receipts category by category, and that the naive agents compute the same
incomes as the floor.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import mesa
import numpy as np

from cluster_sim.accounts import BY_NAME, HOUSEHOLD_SOURCES
from cluster_sim.agents.households import group_fill

MONTHLY = ("wage_local", "wage_commute", "wage_migrant", "wage_collective", "business_household",
           "business_farming", "land_rent", "house_rent", "pension", "low_income_allowance")
YEAR_END = ("dividend_collective",)
CATEGORIES = MONTHLY + YEAR_END
SOURCE = {cat: BY_NAME[cat].source for cat in CATEGORIES}
# the per-household base each category scales (as economy.HouseholdBases)
BASE_OF = {"wage_local": "local", "wage_commute": "commuters", "wage_migrant": "migrants",
           "wage_collective": "workers", "business_household": "business", "business_farming": "farmed_mu",
           "land_rent": "leased_mu", "house_rent": "lets_rooms", "pension": "pension",
           "low_income_allowance": "low_income_members", "dividend_collective": "members"}
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
    local_wage_yuan_month: np.ndarray        # per local worker, base year (mean of its months)
    collective_wage_yuan_month: np.ndarray   # per worker of the village (mean of its months)
    land_rent_yuan_mu_year: np.ndarray
    has_operator: np.ndarray                 # an agricultural operator rents the land
    commute_ok: np.ndarray
    dividend_yuan_member_year: np.ndarray    # the base year's dividend per member
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


def base_year_from_model(model) -> tuple[HouseholdInputs, dict[str, np.ndarray]]:
    """Run a freshly built ``ClusterModel`` through its base year (12 monthly steps).

    Returns the inputs (the households' columns, the base year's per-village rates) and the
    model's own household receipts of that year by category, as its ledger booked them at the
    year's close (``take_year`` → ``flush``)."""
    from cluster_sim import economy
    from cluster_sim.agents.enterprises import AGRI

    h, v, E, p, ledger = model.households, model.villages, model.enterprises, model.params, model.ledger
    assert model.year_index == 0 and model.month == 0, "base_year_from_model needs a fresh model"
    jobs = np.bincount(E.village, weights=E.jobs * economy.pooled_jobs(E), minlength=v.n)
    operator = np.zeros(v.n, bool)
    operator[E.village[(E.kind == AGRI) & E.alive]] = True
    cols = {name: getattr(h, name).copy() for name in (
        "village", "members", "elderly", "workers", "low_income", "land_mu", "lets_rooms",
        "farming_preference", "business_scale", "job_priority", "migrant_propensity")}
    n_local = h.n_local.astype(float)  # this year's; the close decides the next year's
    rent = v.land_rent_yuan_mu.copy()
    taken: dict = {}
    take_year = ledger.take_year

    def keep_year():
        received, paid = take_year()
        taken["households"] = received["households"]
        return received, paid

    ledger.take_year = keep_year
    try:
        for _ in range(12):
            model.step()
    finally:
        del ledger.take_year
    got = taken["households"]
    inputs = HouseholdInputs(
        **cols, local_jobs=jobs,
        local_wage_yuan_month=per_village(h.village, got["wage_local"], n_local, v.n) / 12,
        collective_wage_yuan_month=per_village(h.village, got["wage_collective"], h.workers, v.n) / 12,
        land_rent_yuan_mu_year=rent, has_operator=operator,
        commute_ok=v.dist_town_km <= p["economy"]["max_commute_km"],
        dividend_yuan_member_year=per_village(h.village, got["dividend_collective"], h.members, v.n),
        economy=np.array([p["economy"][k] for k in ECONOMY_KEYS], float))
    return inputs, got


def inputs_from_model(model) -> HouseholdInputs:
    """The inputs of ``base_year_from_model`` (steps the model through its base year)."""
    return base_year_from_model(model)[0]


def growth_factors(econ: dict, year_index: int) -> tuple[float, float, float]:
    return tuple((1.0 + econ[k]) ** year_index for k in ("wage_growth", "business_growth", "transfer_growth"))


# --- bare numpy ---------------------------------------------------------------------------------
class NumpyHouseholds:
    """The floor: the model's household arithmetic on plain arrays — bases fixed for the year
    and their per-village totals, per-village rates each month, one booking a household a year."""

    def __init__(self, inputs: HouseholdInputs):
        self.x = inputs
        self.e = inputs.econ
        self.n_villages = len(inputs.local_jobs)
        self.income = {s: np.zeros(inputs.n) for s in HOUSEHOLD_SOURCES}  # cumulative over the run
        self.flow_totals = dict.fromkeys(CATEGORIES, 0.0)  # posted per village, summed over the run
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

    def bases(self, names) -> dict[str, np.ndarray]:
        """Per-household bases fixed for the year, float64 (``economy.HouseholdBases``)."""
        x, e = self.x, self.e
        make = {
            "local": lambda: self.n_local, "commuters": lambda: self.n_commute, "migrants": lambda: self.n_migrant,
            "business": lambda: x.business_scale, "farmed_mu": lambda: ~self.land_leased * x.land_mu,
            "leased_mu": lambda: self.land_leased * x.land_mu, "lets_rooms": lambda: x.lets_rooms,
            "pension": lambda: x.elderly * np.where(x.low_income, e["basic_pension_yuan_month"], e["pension_yuan_month"]),
            "low_income_members": lambda: x.low_income * x.members, "workers": lambda: x.workers,
            "members": lambda: x.members,
        }
        return {name: np.asarray(make[name](), dtype=float) for name in names}

    def month_rates(self, year_index: int, categories) -> dict[str, np.ndarray | float]:
        """One month's rate per unit of base: per village, or one for all (outside payers)."""
        x, e = self.x, self.e
        wage_f, biz_f, tr_f = growth_factors(e, year_index)
        rules = {
            "wage_local": lambda: x.local_wage_yuan_month * wage_f,
            "wage_commute": lambda: e["wage_commute_yuan_month"] * wage_f,
            "wage_migrant": lambda: e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * wage_f,
            "wage_collective": lambda: x.collective_wage_yuan_month,
            "business_household": lambda: e["household_business_income_yuan_year"] * biz_f / 12,
            "business_farming": lambda: e["self_farm_net_yuan_mu_year"] / 12,
            "land_rent": lambda: x.land_rent_yuan_mu_year / 12 * x.has_operator,
            "house_rent": lambda: e["house_rent_yuan_year"] * biz_f / 12,
            "pension": lambda: tr_f,
            "low_income_allowance": lambda: e["low_income_allowance_yuan_month"] * tr_f,
        }
        return {cat: rules[cat]() for cat in categories if cat in rules}

    def year(self, year_index: int, categories: tuple[str, ...] = CATEGORIES) -> dict[str, np.ndarray]:
        """One year's income of every household by payment category."""
        vil, nv = self.x.village, self.n_villages
        bases = self.bases({BASE_OF[cat] for cat in categories})
        totals = {name: np.bincount(vil, weights=base, minlength=nv) for name, base in bases.items()}
        rate_sum = {cat: np.zeros(nv) for cat in categories}
        for _month in range(12):  # per village only
            for cat, rate in self.month_rates(year_index, categories).items():
                rate = np.broadcast_to(np.asarray(rate, dtype=float), (nv,))
                self.flow_totals[cat] += float(rate @ totals[BASE_OF[cat]])
                rate_sum[cat] += rate
        if "dividend_collective" in categories:
            rate = self.x.dividend_yuan_member_year
            self.flow_totals["dividend_collective"] += float(rate @ totals["members"])
            rate_sum["dividend_collective"] += rate
        return {cat: bases[BASE_OF[cat]] * rate_sum[cat][vil] for cat in categories}  # one booking a year

    def run(self, years: int, categories: tuple[str, ...] = CATEGORIES):
        """``years`` years: yearly decisions, then the year's flows (only ``categories``)."""
        for year in range(years):
            if year:
                self.decide()
            for cat, amount in self.year(year, categories).items():
                self.income[SOURCE[cat]] += amount
        return self


class NumpyMonthlyHouseholds(NumpyHouseholds):
    """The same rules the old way: every household's every flow recomputed and added each month."""

    def month_flows(self, year_index: int, categories: tuple[str, ...] = MONTHLY) -> dict[str, np.ndarray]:
        """One month's income of every household by payment category."""
        x, e, vil = self.x, self.e, self.x.village
        wage_f, biz_f, tr_f = growth_factors(e, year_index)
        # the model's columns are float32; its bases are float64 copies
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
            "house_rent": lambda: x.lets_rooms * (e["house_rent_yuan_year"] * biz_f / 12),
            "pension": lambda: x.elderly * np.where(x.low_income, e["basic_pension_yuan_month"],
                                                    e["pension_yuan_month"]) * tr_f,
            "low_income_allowance": lambda: x.low_income * x.members * (e["low_income_allowance_yuan_month"] * tr_f),
        }
        return {cat: rules[cat]() for cat in categories if cat in rules}

    def year(self, year_index: int, categories: tuple[str, ...] = CATEGORIES) -> dict[str, np.ndarray]:
        out = {cat: np.zeros(self.x.n) for cat in categories}
        for _month in range(12):
            for cat, amount in self.month_flows(year_index, categories).items():
                out[cat] += amount
        if "dividend_collective" in categories:
            out["dividend_collective"] += self.x.members * self.x.dividend_yuan_member_year[self.x.village]
        return out


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

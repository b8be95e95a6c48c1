"""The model's household rules written three more times: as bare numpy twice, and as one Mesa
agent per household.

All three take the same inputs (``HouseholdInputs``): the households' traits as the model built
them, before any decision, and what the county's markets gave households in the model's base
year — per village the cleared local wage and the number of posts, the best commuting option,
the land rent and whether an operator rents land, the business demand from outside the
village's households (visitors, the outside market), the expected business profit per unit of
scale, the collective's wage per worker and dividend per member — with the labour market's
fitted constants and the run's random-stream seed.

Each year every household, in the model's order (``DECIDE`` in ``model.py``): falls ill or
recovers (keyed draws), enters or leaves low-income status on last year's income, decides to
lease its land or farm it (rent and freed labour against its attachment), chooses work by
the multinomial logit over its five options (local post, commute, migrate, own business,
farm) with local posts rationed where too many choose them; then the village's business demand
and profit per unit of scale follow from who runs a business and from last year's income
(expectations adapt), and low-income households get the allowance that fills their gap. Every
month it receives wages, business and farming income, rents, pensions and the allowance; at the
year end the collective dividend.

**What is re-implemented and what is an input.** The households' decisions are computed, not
read: in the floors by the model's own whole-array helpers (``labour.Choice`` for the option
values and logit shares, ``labour.allocate`` for rationing, ``land.daily_off_farm_wage``,
``demand.expected_household_income``, ``low_income.health``/``update_status``/
``set_allowances``, ``RandomStreams`` for the keyed draws) called on the floor's own household
columns — the floor is the arithmetic the model does, with nothing around it; in the naive
version by a per-agent loop that computes the logit over its five options, its lease gain, its
allowance, as a newcomer would. The *market outcomes* are inputs: the village wage is where
labour demand (all the enterprises' posts and value added) meets the logit supply — clearing it
would copy the model's whole market (``labour.clear_wages``: 30 bisection steps over pooled
households, then two evaluations of every household's choice, a year), and the naive version
would have to run the bisection over its agents; rents follow the operators' bids and the outside business demand follows tourism
revenue, both enterprise-side. In the base year these inputs are exactly the model's, so both
floors reproduce its household receipts category by category; in later years the floors, having
no enterprises, let the wage and commuting options grow with wage growth, outside demand with
business growth, and hold rents, the collective's wage and the dividend at the base year's — the
same for all three versions, which is what the speed comparison needs. Consequently the model's
"household step" in ``run.py`` excludes ``labour.clear_wages``, which is timed on its own.

- ``NumpyHouseholds``: the floor — the model's arithmetic on plain arrays (the decisions above;
  each year the per-household bases of ``economy.HouseholdBases`` and their per-village totals;
  each month only per-village rates and posting totals, as ``Ledger.pay_grouped``; each
  household booked once a year, ``base × sum of the year's monthly rates of its village``, as
  ``Ledger.flush``).
- ``NumpyMonthlyHouseholds``: the same rules the old way: every household's amount of every
  flow recomputed and added every month.
- ``NaiveHouseholdModel``: a ``mesa.Model`` with one ``mesa.Agent`` per household whose
  ``step()`` does its own monthly arithmetic, run with ``agents.shuffle_do("step")`` each month;
  the yearly decisions are loops over agents and villages in plain Python. Each agent draws its
  illness from the model's keyed stream (``RandomStreams.uniform`` for its own id, ~25 µs: about
  a quarter of the naive version's year at 1e4 households), which a newcomer's
  ``self.random.random()`` would do faster but with other numbers. Where the model keeps
  a column in float32, the agents round to float32 when they store it, so that the same
  households cross the same thresholds.

``tests/test_benchmarks_smoke.py`` checks that both numpy versions reproduce the model's own
base-year household receipts category by category, and that the naive agents compute the same
incomes as the floor over two years.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from types import SimpleNamespace

import mesa
import numpy as np

from cluster_sim.accounts import BY_NAME, HOUSEHOLD_SOURCES
from cluster_sim.agents.households import Households
from cluster_sim.economy import demand, labour, land, low_income
from cluster_sim.random_streams import RandomStreams

MONTHLY = ("wage_local", "wage_commute", "wage_migrant", "wage_collective", "business_household",
           "business_farming", "land_rent", "house_rent", "pension", "low_income_allowance")
YEAR_END = ("dividend_collective",)
CATEGORIES = MONTHLY + YEAR_END
SOURCE = {cat: BY_NAME[cat].source for cat in CATEGORIES}
# the per-household base each category scales (as economy.HouseholdBases)
BASE_OF = {"wage_local": "local", "wage_commute": "commuters", "wage_migrant": "migrants",
           "wage_collective": "workers", "business_household": "business", "business_farming": "farmed_mu",
           "land_rent": "leased_mu", "house_rent": "lets_rooms", "pension": "pension",
           "low_income_allowance": "allowance", "dividend_collective": "members"}
HEALTH_STREAM = "household.health"  # the model's keyed stream of illness draws (economy.low_income)


@dataclass
class HouseholdInputs:
    # one row per household: traits before any decision (the model's columns and dtypes)
    village: np.ndarray
    members: np.ndarray
    elderly: np.ndarray
    healthy_workers: np.ndarray
    basic_pension: np.ndarray
    entrepreneur: np.ndarray
    business_scale: np.ndarray
    land_mu: np.ndarray
    lets_rooms: np.ndarray
    farming_preference: np.ndarray
    # one row per village: geography (labour.Choice computes the commuting options from it) ...
    x_km: np.ndarray
    y_km: np.ndarray
    dist_town_km: np.ndarray
    dist_shanghai_km: np.ndarray
    # ... and what the markets gave households in the base year
    local_posts: np.ndarray
    local_wage_yuan_month: np.ndarray        # the cleared village wage
    commute_wage_yuan_month: np.ndarray      # the best commuting destination's wage
    commute_net_yuan_month: np.ndarray       # and its value net of travel (-inf: none in reach)
    land_rent_yuan_mu_year: np.ndarray
    has_operator: np.ndarray
    outside_demand_yuan_year: np.ndarray     # business demand besides the households' own spending
    expected_profit_yuan_year: np.ndarray    # per unit of business scale, as the choice expected it
    collective_wage_yuan_month: np.ndarray   # per worker (mean of the base year's months)
    dividend_yuan_member_year: np.ndarray
    # scalars
    constants: np.ndarray                    # the logit's alternative-specific constants
    entropy: np.ndarray                      # the run's random-stream seed
    area_km: np.ndarray
    road_factor: np.ndarray                  # road km per straight-line km (county.road_factor)
    economy_json: np.ndarray                 # the scenario's [economy] table

    @property
    def n(self) -> int:
        return len(self.village)

    @property
    def n_villages(self) -> int:
        return len(self.local_posts)

    @property
    def econ(self) -> dict:
        return json.loads(str(self.economy_json))

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
    """Run a freshly built ``ClusterModel`` (its base-year decisions made) through its base year.

    Returns the inputs (the households' traits, the base year's market outcomes) and the
    model's own household receipts of that year by category, as its ledger booked them at the
    year's close (``take_year`` → ``flush``)."""
    from cluster_sim import economy

    h, v, E, ledger = model.households, model.villages, model.enterprises, model.ledger
    assert model.year_index == 0 and model.month == 0, "base_year_from_model needs a fresh model"
    cols = {name: getattr(h, name).copy() for name in (
        "village", "members", "elderly", "healthy_workers", "basic_pension", "entrepreneur", "business_scale",
        "land_mu", "lets_rooms", "farming_preference")}
    workers = h.workers.copy()  # this year's capacity; the close decides the next year's
    commute_wage, commute_net = labour.commute_options(model)
    market = dict(
        x_km=v.x_km, y_km=v.y_km, dist_town_km=v.dist_town_km, dist_shanghai_km=v.dist_shanghai_km,
        local_posts=np.bincount(E.village, weights=E.jobs * economy.pooled_jobs(E), minlength=v.n),
        local_wage_yuan_month=v.wage_yuan_month, commute_wage_yuan_month=commute_wage,
        commute_net_yuan_month=commute_net, land_rent_yuan_mu_year=v.land_rent_yuan_mu,
        has_operator=land.operators(model)[1], outside_demand_yuan_year=model.demand.revenue(model, np.zeros(v.n)),
        expected_profit_yuan_year=demand.BusinessDemand(model).expected_profit_v)  # the base year's expectation
    market = {k: np.array(a, copy=True) for k, a in market.items()}
    scalars = dict(constants=model.labour_constants.copy(), entropy=np.array(model.streams.entropy, dtype=np.uint64),
                   area_km=np.array(float(model.params["county"]["area_km"])),
                   road_factor=np.array(float(model.params["county"]["road_factor"])),
                   economy_json=np.array(json.dumps(model.params["economy"])))
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
        **cols, **market, **scalars,
        collective_wage_yuan_month=per_village(h.village, got["wage_collective"], workers, v.n) / 12,
        dividend_yuan_member_year=per_village(h.village, got["dividend_collective"], h.members, v.n))
    return inputs, got


def inputs_from_model(model) -> HouseholdInputs:
    """The inputs of ``base_year_from_model`` (steps the model through its base year)."""
    return base_year_from_model(model)[0]


def growth_factors(econ: dict, year_index: int) -> tuple[float, float, float]:
    return tuple((1.0 + econ[k]) ** year_index for k in ("wage_growth", "business_growth", "transfer_growth"))


# --- bare numpy ---------------------------------------------------------------------------------
class NumpyHouseholds:
    """The floor: the model's household arithmetic on plain arrays — the yearly decisions by the
    model's own helpers, bases fixed for the year and their per-village totals, per-village
    rates each month, one booking a household a year."""

    def __init__(self, inputs: HouseholdInputs):
        x = self.x = inputs
        e = self.e = inputs.econ
        n = inputs.n
        self.n_villages = inputs.n_villages
        self.income = {s: np.zeros(n) for s in HOUSEHOLD_SOURCES}  # cumulative over the run
        self.flow_totals = dict.fromkeys(CATEGORIES, 0.0)  # posted per village, summed over the run
        # the households' columns and the villages' geography, as the model's helpers read them
        households = SimpleNamespace(
            n=n, JOBS=Households.JOBS, village=x.village, members=x.members, elderly=x.elderly,
            healthy_workers=x.healthy_workers, workers=x.healthy_workers.copy(), ill=np.zeros(n, bool),
            basic_pension=x.basic_pension, low_income=np.zeros(n, bool), entrepreneur=x.entrepreneur,
            business_scale=x.business_scale, land_mu=x.land_mu, allowance_yuan_year=np.zeros(n),
            allowance_received_last=np.zeros(n), income_total=np.zeros(n),
            # no policies: nobody works in another village or in a policy project
            n_cluster_job=np.zeros(n, np.float32), cluster_job_village=np.full(n, -1, np.int32), cluster_jobs=False,
            n_project=np.zeros(n, np.float32), project_wage_yuan_month=np.zeros(n),
            n_post=np.zeros(n, np.float32), post_wage_yuan_month=np.zeros(n),
            **{name: np.zeros(n, np.float32) for name in Households.JOBS})
        villages = SimpleNamespace(n=inputs.n_villages, x_km=x.x_km, y_km=x.y_km, dist_town_km=x.dist_town_km,
                                   dist_shanghai_km=x.dist_shanghai_km)
        self.county = SimpleNamespace(households=households, villages=villages, year_index=0, labour_choice=None,
                                      job_links=np.full(inputs.n_villages, -1),
                                      params={"economy": e, "county": {"area_km": float(x.area_km),
                                                                        "road_factor": float(x.road_factor)}},
                                      streams=RandomStreams(int(x.entropy)))
        self.expected_profit_v = x.expected_profit_yuan_year.copy()
        self.decide(0)

    def decide(self, year_index: int) -> None:
        """The year's decisions, in the model's order (``DECIDE``)."""
        x, e, c = self.x, self.e, self.county
        h, v = c.households, c.villages
        c.year_index = year_index
        wage_f, biz_f, _ = growth_factors(e, year_index)
        low_income.health(c)
        low_income.update_status(c)
        # lease when the rent and the labour it frees beat farming it (economy.land.lease_land)
        gain = (x.land_rent_yuan_mu_year[x.village] - e["self_farm_net_yuan_mu_year"]
                + e["farm_labour_days_mu"] * land.daily_off_farm_wage(c))
        self.land_leased = (gain > x.farming_preference) & x.has_operator[x.village]
        # job choice at the year's village wages; posts rationed where too many choose them
        choice = labour.Choice(c, self.expected_profit_v)
        self.wage_v = x.local_wage_yuan_month * wage_f
        choice.set_wages(self.wage_v, x.local_posts > 0)
        supply = np.bincount(x.village, weights=h.workers * choice.shares(x.constants)[:, labour.LOCAL],
                             minlength=self.n_villages)
        jobs = labour.allocate(c, choice, x.constants, x.local_posts, supply)
        for j, name in enumerate(Households.JOBS):
            setattr(h, name, jobs[:, j].astype(np.float32))
        v.wage_yuan_month, v.commute_wage_yuan_month = self.wage_v, choice.commute_gross_v
        c.labour_choice = choice
        # business demand: the households' own spending and the outside demand, shared by scale
        revenue = (e["local_spending_share"] * demand.expected_household_income(c)
                   + x.outside_demand_yuan_year * biz_f)
        scale_v = np.bincount(x.village, weights=h.n_business * h.business_scale, minlength=self.n_villages)
        self.profit_v = np.divide(e["business_margin"] * revenue, scale_v, out=np.zeros(self.n_villages),
                                  where=scale_v > 0)
        gamma = e["expectation_adjustment"]
        self.expected_profit_v = np.where(self.profit_v > 0, self.expected_profit_v
                                          + gamma * (self.profit_v - self.expected_profit_v), self.expected_profit_v)
        low_income.set_allowances(c)

    def bases(self, names) -> dict[str, np.ndarray]:
        """Per-household bases fixed for the year, float64 (``economy.HouseholdBases``)."""
        x, e, h = self.x, self.e, self.county.households
        make = {
            "local": lambda: h.n_local, "commuters": lambda: h.n_commute, "migrants": lambda: h.n_migrant,
            "business": lambda: h.n_business * h.business_scale, "farmed_mu": lambda: ~self.land_leased * x.land_mu,
            "leased_mu": lambda: self.land_leased * x.land_mu, "lets_rooms": lambda: x.lets_rooms,
            "pension": lambda: x.elderly * np.where(x.basic_pension, e["basic_pension_yuan_month"],
                                                    e["pension_yuan_month"]),
            "allowance": lambda: h.allowance_yuan_year / 12, "workers": lambda: h.workers,
            "members": lambda: x.members,
        }
        return {name: np.asarray(make[name](), dtype=float) for name in names}

    def month_rates(self, year_index: int, categories) -> dict[str, np.ndarray | float]:
        """One month's rate per unit of base: per village, or one for all (outside payers)."""
        x, e, v = self.x, self.e, self.county.villages
        wage_f, biz_f, tr_f = growth_factors(e, year_index)
        rules = {
            "wage_local": lambda: self.wage_v,
            "wage_commute": lambda: v.commute_wage_yuan_month,
            "wage_migrant": lambda: e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * wage_f,
            "wage_collective": lambda: x.collective_wage_yuan_month,
            "business_household": lambda: self.profit_v / 12,
            "business_farming": lambda: e["self_farm_net_yuan_mu_year"] * biz_f / 12,
            "land_rent": lambda: x.land_rent_yuan_mu_year / 12 * x.has_operator,
            "house_rent": lambda: e["house_rent_yuan_year"] * biz_f / 12,
            "pension": lambda: tr_f,
            "low_income_allowance": lambda: 1.0,
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

    def close_year(self, amounts: dict[str, np.ndarray]) -> None:
        """Add the year's income to the run's and keep what next year's decisions read."""
        h = self.county.households
        total = np.zeros(self.x.n)
        for cat, amount in amounts.items():
            self.income[SOURCE[cat]] += amount
            total += amount
        h.income_total = total
        h.allowance_received_last = amounts.get("low_income_allowance", np.zeros(self.x.n))

    def run(self, years: int, categories: tuple[str, ...] = CATEGORIES):
        """``years`` years: yearly decisions, then the year's flows (only ``categories``)."""
        for year in range(years):
            if year:
                self.decide(year)
            self.close_year(self.year(year, categories))
        return self


class NumpyMonthlyHouseholds(NumpyHouseholds):
    """The same rules the old way: every household's every flow recomputed and added each month."""

    def month_flows(self, year_index: int, categories: tuple[str, ...] = MONTHLY) -> dict[str, np.ndarray]:
        """One month's income of every household by payment category."""
        x, e, vil, h = self.x, self.e, self.x.village, self.county.households
        wage_f, biz_f, tr_f = growth_factors(e, year_index)
        # the model's columns are float32; its bases are float64 copies
        n_commute, n_migrant, n_local, business, land_mu, workers = (np.asarray(a, float) for a in (
            h.n_commute, h.n_migrant, h.n_local, h.n_business * h.business_scale, x.land_mu, h.workers))
        rules = {
            "wage_local": lambda: n_local * self.wage_v[vil],
            "wage_commute": lambda: n_commute * self.county.villages.commute_wage_yuan_month[vil],
            "wage_migrant": lambda: n_migrant * (e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * wage_f),
            "wage_collective": lambda: workers * x.collective_wage_yuan_month[vil],
            "business_household": lambda: business * (self.profit_v / 12)[vil],
            "business_farming": lambda: ~self.land_leased * land_mu * (e["self_farm_net_yuan_mu_year"] * biz_f / 12),
            "land_rent": lambda: self.land_leased * land_mu * (x.land_rent_yuan_mu_year[vil] / 12 * x.has_operator[vil]),
            "house_rent": lambda: x.lets_rooms * (e["house_rent_yuan_year"] * biz_f / 12),
            "pension": lambda: x.elderly * np.where(x.basic_pension, e["basic_pension_yuan_month"],
                                                    e["pension_yuan_month"]) * tr_f,
            "low_income_allowance": lambda: h.allowance_yuan_year / 12,
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
def f32(value: float) -> float:
    """A value as the model stores it in a float32 column."""
    return float(np.float32(value))


class NaiveVillage:
    """What a household needs to know about its village (plain Python values), and the village's
    share of the yearly decisions: rationing its posts, its business demand."""

    def __init__(self, x: HouseholdInputs, i: int):
        self.posts = float(x.local_posts[i])
        self.base_wage = float(x.local_wage_yuan_month[i])
        self.base_commute_wage = float(x.commute_wage_yuan_month[i])
        self.base_commute_net = float(x.commute_net_yuan_month[i])
        self.land_rent = float(x.land_rent_yuan_mu_year[i])
        self.has_operator = bool(x.has_operator[i])
        self.outside_demand = float(x.outside_demand_yuan_year[i])
        self.expected_profit = float(x.expected_profit_yuan_year[i])
        self.collective_wage = float(x.collective_wage_yuan_month[i])
        self.dividend_per_member = float(x.dividend_yuan_member_year[i])
        self.last_wage: float | None = None  # last year's wages (none before the base year)
        self.last_commute_wage: float | None = None
        self.wage = self.commute_wage = self.commute_net = self.profit = 0.0
        self.households: list[NaiveHousehold] = []

    def set_year(self, wage_f: float) -> None:
        self.wage = self.base_wage * wage_f
        self.commute_wage = self.base_commute_wage * wage_f
        self.commute_net = self.base_commute_net * wage_f

    def ration(self) -> float:
        """Share of the workers choosing a local post who get one."""
        supply = 0.0
        for hh in self.households:
            supply += hh.workers * hh.shares[labour.LOCAL]
        return self.posts / supply if supply > self.posts else 1.0

    def plan_business(self, model: NaiveHouseholdModel) -> None:
        e = model.econ
        income, scale = 0.0, 0.0
        for hh in self.households:
            income += hh.earnings() if model.year_index == 0 else hh.income_last_year
            scale += f32(hh.jobs[labour.BUSINESS] * hh.business_scale)
        revenue = e["local_spending_share"] * income + self.outside_demand * model.biz_f
        self.profit = e["business_margin"] * revenue / scale if scale > 0 else 0.0
        if self.profit > 0:
            self.expected_profit += e["expectation_adjustment"] * (self.profit - self.expected_profit)
        self.last_wage, self.last_commute_wage = self.wage, self.commute_wage


class NaiveHousehold(mesa.Agent):
    def __init__(self, model: NaiveHouseholdModel, x: HouseholdInputs, i: int):
        super().__init__(model)
        self.index = i
        self.village = model.villages[int(x.village[i])]
        self.village.households.append(self)
        self.members = int(x.members[i])
        self.elderly = int(x.elderly[i])
        self.healthy_workers = float(x.healthy_workers[i])
        self.workers = self.healthy_workers
        self.ill = False
        self.low_income = False
        self.basic_pension = bool(x.basic_pension[i])
        self.entrepreneur = bool(x.entrepreneur[i])
        self.business_scale = float(x.business_scale[i])
        self.land_mu = float(x.land_mu[i])
        self.lets_rooms = bool(x.lets_rooms[i])
        self.farming_preference = float(x.farming_preference[i])
        self.land_leased = False
        self.shares = [0.0] * 5
        self.jobs = [0.0] * 5
        self.gross = [0.0] * 5
        self.allowance = 0.0
        self.income = dict.fromkeys(HOUSEHOLD_SOURCES, 0.0)  # cumulative over the run
        self.income_this_year = self.allowance_this_year = 0.0
        self.income_last_year = self.allowance_last_year = 0.0

    # --- the year's decisions -------------------------------------------------------------------
    def health(self) -> None:
        m, e = self.model, self.model.econ
        u = float(m.streams.uniform(HEALTH_STREAM, np.array([self.index]), m.year_index)[0])
        if self.ill:
            self.ill = not u < e["recovery_rate"]
        else:
            self.ill = u < e["illness_rate"]
        self.workers = f32(self.healthy_workers * f32(e["illness_capacity"])) if self.ill else self.healthy_workers

    def update_status(self) -> None:
        if self.model.year_index == 0:
            return
        line = self.model.line
        per_member = (self.income_last_year - self.allowance_last_year) / max(self.members, 1)
        if self.low_income:
            self.low_income = per_member < line * (1 + self.model.econ["low_income_exit_margin"])
        else:
            self.low_income = per_member < line

    def decide_land(self) -> None:
        m, e, v = self.model, self.model.econ, self.village
        local = v.last_wage if v.last_wage is not None else e["wage_local_yuan_month"] * m.wage_f
        commute = v.last_commute_wage if v.last_commute_wage is not None else e["wage_commute_yuan_month"] * m.wage_f
        daily = max(local, commute) / e["work_days_month"]
        if self.workers <= 0:
            daily *= e["elderly_labour_value_share"]
        gain = v.land_rent - e["self_farm_net_yuan_mu_year"] + e["farm_labour_days_mu"] * daily
        self.land_leased = gain > self.farming_preference and v.has_operator

    def choose_work(self) -> None:
        """Logit shares over the five options, from their values net of costs."""
        m, e, v = self.model, self.model.econ, self.village
        migrant = e["wage_migrant_yuan_month"] * m.wage_f
        business = self.business_scale * v.expected_profit / 12
        net = [v.wage if v.posts > 0 else -math.inf, v.commute_net,
               migrant - e["migrant_living_cost_yuan_month"] * m.wage_f,
               business if self.entrepreneur else -math.inf,
               f32(f32(self.land_mu * f32(e["farm_fulltime_yuan_mu_year"])) / 12)]
        self.gross = [v.wage, v.commute_wage, migrant * e["migrant_remit_share"], business, 0.0]
        scale, asc = m.choice_scale, m.constants
        u = [net[j] / scale + asc[j] for j in range(5)]
        top = max(u)
        p = [math.exp(uj - top) for uj in u]
        total = p[0] + p[1] + p[2] + p[3] + p[4]
        self.shares = [pj / total for pj in p]

    def take_jobs(self, keep: float) -> None:
        """Rationed workers re-choose among the other options in proportion to their shares."""
        p = list(self.shares)
        spill = p[labour.LOCAL] * (1 - keep)
        p[labour.LOCAL] *= keep
        other = 1.0 - p[labour.LOCAL] - spill
        scale = spill / other if other > 0 else 0.0
        for j in (labour.COMMUTE, labour.MIGRATE, labour.BUSINESS, labour.FARM):
            p[j] *= 1.0 + scale
        self.jobs = [f32(pj * self.workers) for pj in p]

    def earnings(self) -> float:
        """The year's earnings from the chosen work (what the allowance and demand assess)."""
        j, g = self.jobs, self.gross
        return (j[0] * g[0] + j[1] * g[1] + j[2] * g[2] + j[3] * g[3] + j[4] * g[4]) * 12

    def set_allowance(self) -> None:
        m, e = self.model, self.model.econ
        monthly = e["basic_pension_yuan_month"] if self.basic_pension else e["pension_yuan_month"]
        pension = self.elderly * monthly * 12 * m.tr_f
        assessed = (self.earnings() + pension) / max(self.members, 1)
        if m.year_index == 0:
            self.low_income = assessed < m.line
        gap = (max(m.standard - assessed, 0.0)
               + e["low_income_margin_support_share"] * max(m.line - max(assessed, m.standard), 0.0))
        self.allowance = gap * self.members if self.low_income else 0.0

    # --- the month ------------------------------------------------------------------------------
    def step(self) -> None:
        m, e, v, jobs = self.model, self.model.econ, self.village, self.jobs
        wages = (jobs[labour.LOCAL] * v.wage + jobs[labour.COMMUTE] * v.commute_wage
                 + jobs[labour.MIGRATE] * e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * m.wage_f
                 + self.workers * v.collective_wage)
        business = f32(jobs[labour.BUSINESS] * self.business_scale) * v.profit / 12
        prop = transfers = 0.0
        if self.land_leased:
            prop += self.land_mu * v.land_rent / 12
        else:
            business += self.land_mu * e["self_farm_net_yuan_mu_year"] * m.biz_f / 12
        if self.lets_rooms:
            prop += e["house_rent_yuan_year"] * m.biz_f / 12
        monthly = e["basic_pension_yuan_month"] if self.basic_pension else e["pension_yuan_month"]
        transfers += self.elderly * monthly * m.tr_f + self.allowance / 12
        if m.month == 12:
            prop += self.members * v.dividend_per_member
        income = self.income
        income["wages"] += wages
        income["business"] += business
        income["property"] += prop
        income["transfers"] += transfers
        self.income_this_year += wages + business + prop + transfers
        self.allowance_this_year += self.allowance / 12


class NaiveHouseholdModel(mesa.Model):
    """One agent per household; each January the households decide and the villages ration
    their posts and work out their business demand."""

    def __init__(self, inputs: HouseholdInputs, seed: int = 0):
        super().__init__(rng=seed)
        self.econ = inputs.econ
        self.constants = [float(a) for a in inputs.constants]
        self.streams = RandomStreams(int(inputs.entropy))
        self.villages = [NaiveVillage(inputs, i) for i in range(inputs.n_villages)]
        self.households = [NaiveHousehold(self, inputs, i) for i in range(inputs.n)]
        self.year_index = 0
        self.month = 0

    def decide(self) -> None:
        e = self.econ
        self.wage_f, self.biz_f, self.tr_f = growth_factors(e, self.year_index)
        self.choice_scale = e["job_choice_scale_yuan_month"] * self.wage_f
        self.standard = e["low_income_allowance_yuan_month"] * 12 * self.tr_f
        self.line = e["low_income_line_multiple"] * self.standard
        for village in self.villages:
            village.set_year(self.wage_f)
        for hh in self.households:
            hh.income_last_year, hh.allowance_last_year = hh.income_this_year, hh.allowance_this_year
            hh.income_this_year = hh.allowance_this_year = 0.0
            hh.health()
            hh.update_status()
            hh.decide_land()
            hh.choose_work()
        for village in self.villages:
            keep = village.ration()
            for hh in village.households:
                hh.take_jobs(keep)
        for village in self.villages:
            village.plan_business(self)
        for hh in self.households:
            hh.set_allowance()

    def step(self) -> None:
        self.month += 1
        if self.month == 1:
            self.decide()
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

"""ClusterModel: builds the county, runs the monthly schedule, closes the accounts each year.

One step is one month. Year index 0 is the base year (``simulation.start_year``, the year the
calibration statistics describe); years 1..N follow. Policies act through hooks and move
money only through the ledger, so this file does not change when a policy is added.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from mesa import DataCollector, Model
from mesa.discrete_space import Network

from . import economy, reprs
from .economy import (collective, collective_investment, credit, demand, enterprises, household_income, labour,
                      land, low_income, visitors)
from .agents.enterprises import Enterprises
from .agents.households import Households
from .agents.villages import Village, Villages
from .ledger import Ledger
from .outputs.columns import COUNTY_COLUMNS
from .outputs.records import YearRecorder
from .policies import registry as policy_registry
from .random_streams import RandomStreams
from .scenario import Scenario, check_seed, load_scenario
from .formation import form_clusters, revisit, revisit_due
from .regions import regionalise
from .scenario.generator import county_layout


# The month, in order: who acts, through which market. Policies act first (``on_month``).
MONTHLY = (
    visitors.arrive,                   # visitors choose villages; farm-stays take their guests
    enterprises.sell,                  # goods and visitor sales come in
    labour.pay_wages,                  # local posts are paid
    land.pay_rents,                    # operators pay households' and collectives' land
    enterprises.pay_rents_and_inputs,  # tenants pay collectives; inputs are bought
    enterprises.settle,                # cash and profit booked
    credit.month,                      # interest; shortfalls borrowed, spare cash repays
    enterprises.fail,                  # beyond the credit limit: fail, creditors write off
    household_income.receive,          # wages from outside, business, transfers
    collective.month,                  # collectives' transfers, spending, interest
    collective_investment.month,       # this year's (risky) return on their shares
)
# The year end (December), before the books close.
YEAR_END = (
    enterprises.pay_out_profits,       # enterprises pay their owners
    visitors.close_year,               # the visitor year closes; operators' revenue base follows it
    collective.pay_dividends,          # collectives pay members
    collective.repay_debt,             # and pay term loans' instalments and down debt
    collective.settle_defaults,        # term loans missed too long: written off
    collective_investment.invest,      # keep a reserve, invest the rest, borrow if it pays
)
# The month's last word, after policies' year-end payments: no enterprise ends a month with
# negative cash that no one lent it.
MONTH_CLOSE = (credit.cover_overdrafts,)
# After the books close: the county changes, then households decide the coming year.
EVOLVE = (
    enterprises.evolve,                # productivity shocks, entry, tourism jobs
    land.update_rents,                 # rents move towards operators' bids
)
DECIDE = (
    low_income.health,                 # illness and recovery change labour capacity
    low_income.update_status,          # low-income status follows last year's income
    land.lease_land,                   # lease or farm, given rents and off-farm wages
    labour.choose_jobs,                # job choice; village wages clear
    visitors.open_stays,               # farm-stays open while they beat the family's wage
    demand.plan_business,              # business demand and profit per unit of scale
)
# After the policies' own decisions (projects hiring, farm-stays): means-tested allowances.
AFTER_POLICIES = (
    low_income.set_allowances,         # 低保 tops up assessed income
)


class ClusterModel(Model):
    """A county of village clusters, with villages, enterprises and households.

    ``ClusterModel(scenario=None, seed=None, **overrides)``: ``scenario`` is a path, a dict, a
    :class:`Scenario` or None for the embedded Pinghu default; overrides are dotted keys
    (``ClusterModel(**{"economy.wage_growth": 0.06})``), as ``--set`` on the command line.
    ``rng=1`` (Mesa's name, as ``mesa.batch_run`` passes it) is the same run as ``seed=1``.
    The resolved scenario is ``model.spec`` (its data ``model.params``); ``model.scenario`` is
    Mesa's own (empty) Scenario object, unrelated to it.
    """

    def __init__(self, scenario: str | dict | Scenario | None = None, seed: int | None = None,
                 rng=None, **overrides):
        spec = load_scenario(scenario, overrides or None)
        if seed is None and isinstance(rng, (int, np.integer)):
            seed, rng = check_seed("rng", rng), None  # Mesa's rng=1 is the seed: the same run as seed=1
        elif seed is not None:  # numpy integers (EMA, SALib, np.arange) as a plain int Mesa accepts
            seed = check_seed("seed", seed)
        super().__init__(rng=seed if seed is not None else rng)
        self.seed = seed
        # every named decision draws from its own stream of this run (random_streams.py)
        self.streams = RandomStreams(seed if seed is not None else int(self.rng.integers(2**62)))
        self.spec = spec
        self.params = spec.data
        self.years = int(self.params["simulation"]["years"])
        layout = county_layout(self.params["county"])
        self.layout = layout
        self.clusters = layout.clusters
        self.villages = Villages(layout.villages, self.params["collective"]["building_value_yuan_m2"])
        self.households = Households(layout.households, self.stream("household.traits"), self.params)
        self.enterprises = Enterprises()
        self.ledger = Ledger({"villages": self.villages.n, "households": self.households.n,
                              "enterprises": 0})
        self._build_space(layout)
        self.year_index = 0
        self.month = 0
        self.failures: list[dict] = []
        self.visitors = visitors.VisitorMarket(self)
        economy.setup(self)
        # who is in which cluster, before any package acts: as listed, formed by the villages'
        # gains (formation.py) or drawn as compact homogeneous regions (regions.py)
        rule = self.params["county"]["cluster_formation"]
        self.formation = form_clusters(self) if rule == "formed" else None
        if rule == "regionalised":
            self.clusters = regionalise(self)
        self.demand = demand.BusinessDemand(self)
        self.labour_constants: np.ndarray | None = None  # the logit's constants in force (economy.labour)
        self.labour_choice: labour.Choice | None = None
        # the village whose posts each village's workers may commute to (pairing sets it)
        self.job_links = np.full(self.villages.n, -1)
        self.policies = [mod.Policy(self, self.params["policies"][name])
                         for name, mod in policy_registry().items() if self.params["policies"][name]["enabled"]]
        for policy in self.policies:
            policy.setup()
        self.household_bases: economy.HouseholdBases | None = None
        self._decide()
        self.recorder = YearRecorder(self)
        self.datacollector = DataCollector(model_reporters=self.recorder.model_reporters())
        self.running = True

    # --- construction ---------------------------------------------------------------------
    def _build_space(self, layout) -> None:
        graph = nx.Graph()
        graph.add_nodes_from(range(self.villages.n))
        graph.add_weighted_edges_from(layout.edges, weight="km")
        positions = {i: (float(x), float(y)) for i, (x, y) in
                     enumerate(zip(self.villages.x_km, self.villages.y_km, strict=True))}
        self.space = Network(graph, random=self.random, layout=positions)
        self.village_agents = [Village(self, i, self.space._cells[i]) for i in range(self.villages.n)]

    def stream(self, name: str) -> np.random.Generator:
        """The generator of one named kind of draw (see ``random_streams``)."""
        return self.streams(name)

    def add_enterprises(self, **cols) -> np.ndarray:
        """Create enterprises (entry, policy projects); keeps the ledger's accounts in step."""
        idx = self.enterprises.add(founded_year=self.year_index, **cols)
        self.ledger.resize("enterprises", self.enterprises.n)
        return idx

    # --- time -----------------------------------------------------------------------------
    @property
    def calendar_year(self) -> int:
        return int(self.params["simulation"]["start_year"]) + self.year_index

    def active_policies(self):
        return [p for p in self.policies if p.active(self.year_index)]

    def step(self) -> None:
        """One month."""
        if not self.running:
            return
        self.month += 1
        for policy in self.active_policies():
            policy.on_month(self.year_index, self.month)
        for act in MONTHLY:
            act(self)
        if self.month == 12:
            for act in YEAR_END:
                act(self)
            for policy in self.active_policies():
                policy.on_year_close(self.year_index)
        for act in MONTH_CLOSE:
            act(self)
        self.ledger.close_month(self.calendar_year, self.month)
        if self.month == 12:
            self._close_year()

    def _close_year(self) -> None:
        received, paid = self.ledger.take_year()
        collective.close_accounts(self, received, paid)
        if self.year_index == 0:
            sim = self.params["simulation"]
            self.villages.classify(sim["strong_share"], sim["weak_share"])
        self.recorder.record(received, paid)
        self.datacollector.collect(self)
        for act in EVOLVE:
            act(self)
        if revisit_due(self):  # villages reconsider their clusters (formation.revisit_years)
            changed = revisit(self)
            for policy in self.policies:
                policy.on_clusters_changed(changed)
        self.year_index += 1
        self.month = 0
        if self.year_index > self.years:
            self.running = False
            return
        self._decide()

    def _decide(self) -> None:
        """Households' yearly choices, then policies that act on them (jobs, farm-stays)."""
        for act in DECIDE:
            act(self)
        for policy in self.active_policies():
            policy.after_decide(self.year_index)
        for act in AFTER_POLICIES:
            act(self)
        self.household_bases = economy.HouseholdBases(self, self.household_bases)

    def run(self, years: int | None = None, progress=None) -> ClusterModel:
        """Run the base year plus ``years`` more (default: the scenario's)."""
        if years is not None:
            self.years = int(years)
        while self.running:
            self.step()
            if progress is not None and self.month == 0:
                progress(self.year_index, self.years + 1)
        return self

    # --- results --------------------------------------------------------------------------
    def tables(self):
        """Tidy yearly tables as pandas DataFrames: village, household group, cluster, county; with
        formed clusters also every move the villages made (``cluster_moves``)."""
        tables = self.recorder.tables()
        if self.formation is not None:
            tables["cluster_moves"] = pd.concat(self.formation_moves, ignore_index=True)
        return tables

    @property
    def county(self) -> dict:
        """The county-year figures of the last closed year, ``{column: value}`` (the columns of
        ``county_year`` in docs/outputs.md); empty before the base year closes."""
        rows = self.recorder.county_rows
        return dict(rows[-1]) if rows else {}

    def _summary(self) -> dict:
        return {"scenario": self.spec.name, "seed": self.seed, "last_closed_year": self.county.get("year"),
                "closed_years": f"{len(self.recorder.county_rows)}/{self.years + 1}",
                "villages": self.villages.n, "households": self.households.n,
                "policies": ",".join(self.spec.active_policies()) or "none"}

    def __repr__(self) -> str:
        return reprs.short(type(self).__name__, self._summary())

    def _repr_html_(self) -> str:
        county = self.county
        figures = {k: f"{county[k]:,.0f}" for k in ("farmer_income_per_capita_yuan",
                                                     "collective_income_operating_mean_yuan") if k in county}
        return reprs.html(type(self).__name__, {**self._summary(), **figures})

    def __getattr__(self, name: str):
        """``model.county_<column>``: one county figure as an attribute, for Mesa's DataCollector
        (``model_reporters={"income": "county_farmer_income_per_capita_yuan"}``); NaN before the
        base year closes."""
        if name.startswith("county_") and "recorder" in self.__dict__:
            column = name.removeprefix("county_")
            if column in COUNTY_COLUMNS:
                return self.county.get(column, np.nan)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

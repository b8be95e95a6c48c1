"""Optimisation files: levers to search, futures to face, objectives and constraints to meet.

An optimisation file is an experiment file (``experiments/*.toml``) with a few more keys::

    runner = "cluster-sim"        # or the test problem "zdt1"
    mode = "deterministic"        # one reference future; "robust": ``futures`` futures sampled
    futures = 8                   # robust mode: a Latin hypercube over [uncertainties]
    population = 16               # NSGA-II population, and generations to run
    generations = 8
    [levers."policies.flying_land.budget_yuan"]   # ranges or lists; bounds are never left
    low = 0.0
    high = 60_000_000.0
    [[objectives]]                # a measure of the evaluand, with its direction
    measure = "public_cost_pv_yuan"
    direction = "min"
    [[constraints]]               # a measure, an operator and a bound
    measure = "target_margin"
    op = ">="
    value = 0.0
    [small]                       # what ``--small`` (the CI size) replaces
    population = 4

Measures are the evaluand's (``evaluands``), averaged over seeds and then over futures, plus
``robustness``: the share of futures in which the seed-averaged ``target_margin`` is ≥ 0.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace
from pathlib import Path

from cluster_sim.evidence.target import BUILD_YEARS
from cluster_sim.experiments.experiment import DEFAULT_SCENARIO, OPTIMISATION_KEY, _NAME, _check_scenario_file
from cluster_sim.experiments.parameters import Factor, ScenarioFactor, UniformFactor, parse_factors
from cluster_sim.experiments.validation import ABSENT, Table
from cluster_sim.scenario.errors import ScenarioError
from cluster_sim.scenario.files import read_toml

from .evaluands import EVALUANDS, Evaluand

MODES = ("deterministic", "robust")
READINGS = ("relative", "points")
DIRECTIONS = ("min", "max")
OPERATORS = (">=", "<=")
SIZE_KEYS = ("years", "replications", "futures", "population", "generations", "discovery_futures")
TOP_KEYS = ("name", "description", "scenario", "runner", "years", "replications", "root_seed", "mode",
            "futures", "population", "generations", "target_reading", "discount_rate", "levers",
            "uncertainties", "registry_uncertainties", "objectives", "constraints", "discovery_futures", "small")
ROBUSTNESS = "robustness"
COST = "public_cost_pv_yuan"  # what "cheapest" means
MEETS_SHARE = 0.8  # robust mode: a mix meets the target in at least 80 % of futures
ROBUSTNESS_WORDS = ("达到目标的未来占比", "share of futures meeting the target")
MAX_EVALUATIONS = 200_000  # candidates × futures × seeds: a search larger than this is refused before it starts


@dataclass(frozen=True)
class Objective:
    measure: str
    direction: str  # "min" | "max"


@dataclass(frozen=True)
class Constraint:
    measure: str
    op: str  # ">=" | "<="
    value: float

    def slack(self, measured: float) -> float:
        """≥ 0 when met (NaN counts as not met)."""
        if math.isnan(measured):
            return -math.inf
        return measured - self.value if self.op == ">=" else self.value - measured


@dataclass(frozen=True, eq=False)
class OptimizeSpec:
    name: str
    description: str
    source: str
    base_dir: Path
    scenario: str | None  # as written, None = the embedded default
    runner: str
    years: int
    replications: int
    root_seed: int
    mode: str
    futures: int
    population: int
    generations: int
    target_reading: str
    discount_rate: float
    levers: tuple[Factor, ...]
    uncertainties: tuple[Factor, ...]
    objectives: tuple[Objective, ...]
    constraints: tuple[Constraint, ...]
    discovery_futures: int = 0  # futures the chosen mix is run over for scenario discovery (0: none)

    @property
    def evaluand(self) -> Evaluand:
        return EVALUANDS[self.runner]

    @property
    def scenario_path(self) -> str | None:
        return None if self.scenario is None else str((self.base_dir / self.scenario).resolve())

    @property
    def scenario_digest(self) -> str:
        path = self.scenario_path
        return DEFAULT_SCENARIO if path is None else hashlib.sha256(Path(path).read_bytes()).hexdigest()

    @property
    def measures(self) -> dict[str, tuple[str, str]]:
        """Every measure an objective or constraint may name, with its words."""
        return {**self.evaluand.measures, ROBUSTNESS: ROBUSTNESS_WORDS}

    @property
    def options(self) -> dict[str, object]:
        """What the evaluand's ``derive`` reads from the file."""
        return {"target_reading": self.target_reading, "discount_rate": self.discount_rate}


def load_spec(path: str | Path, small: bool = False) -> OptimizeSpec:
    """Read and validate an optimisation file (``small``: with its ``[small]`` sizes); every
    problem raises ``ScenarioError`` naming the file and the key, before anything is written."""
    path = Path(path)
    data = read_toml(path, "optimisation .toml file")
    return parse_spec(data, str(path), path.parent, small)


def parse_spec(data: dict, source: str, base_dir: Path, small: bool = False) -> OptimizeSpec:
    if isinstance(data, dict) and OPTIMISATION_KEY not in data and "design" in data:
        raise ScenarioError(source, "design", "this is a sweep file (it has a design to sample), not an optimisation",
                            "cluster-sim sweep <file>, or an optimisation file with population and generations")
    if small:
        data = {**data, **_small(source, data)}
    t = Table(source, "", data, TOP_KEYS)
    name = t.get("name", str)
    if not _NAME.match(name):
        raise t.error("name", f"{name!r} cannot name a results folder", "up to 80 letters, digits, '_', '-', '.'")
    runner = t.get("runner", str, "cluster-sim", choices=tuple(EVALUANDS))
    evaluand = EVALUANDS[runner]
    years = t.get("years", int, low=BUILD_YEARS + 2 if evaluand.needs_baseline else 1, high=100)
    mode = t.get("mode", str, "deterministic", choices=MODES)
    levers = parse_factors(source, "levers", data.get("levers", ABSENT), ranged_levers=True)
    uncertainties = parse_factors(source, "uncertainties", data.get("uncertainties", ABSENT))
    uncertainties += _registry_uncertainties(t)
    if not levers:
        raise t.error("levers", "missing: an optimisation searches levers", "a [levers] table with at least one lever")
    if any(isinstance(f, ScenarioFactor) for f in levers):
        raise t.error("levers", "an optimisation searches parameters of one scenario, not scenario files",
                      "values = [...] or low/high levers")
    keys = [f.key for f in levers + uncertainties]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise t.error(f"uncertainties.{duplicate}", "is both a lever and an uncertainty", "each factor once")
    if mode == "robust" and not uncertainties:
        raise t.error("uncertainties", "robust mode samples futures from the uncertainties, but there are none",
                      "at least one [uncertainties] entry, or mode = 'deterministic'")
    if mode == "deterministic" and t.has("futures"):
        raise t.error("futures", "deterministic mode faces one reference future", "leave it out, or mode = 'robust'")
    spec = OptimizeSpec(
        name=name, description=t.get("description", str, ""), source=source, base_dir=Path(base_dir),
        scenario=_scenario(t, base_dir), runner=runner, years=years,
        replications=t.get("replications", int, 1, low=1, high=1000),
        root_seed=t.get("root_seed", int, low=0, high=2**63 - 1), mode=mode,
        futures=t.get("futures", int, 8, low=2, high=10_000) if mode == "robust" else 1,
        population=t.get("population", int, low=4, high=10_000),
        generations=t.get("generations", int, low=1, high=10_000),
        target_reading=t.get("target_reading", str, "relative", choices=READINGS),
        discount_rate=t.get("discount_rate", float, 0.03, low=0.0, high=0.5),
        levers=levers, uncertainties=uncertainties,
        objectives=_objectives(source, data.get("objectives", ABSENT), evaluand),
        constraints=_constraints(source, data.get("constraints", ABSENT), evaluand, mode),
        discovery_futures=t.get("discovery_futures", int, 0, low=0, high=100_000))
    if spec.discovery_futures and not (uncertainties and evaluand.needs_baseline):
        raise t.error("discovery_futures", "scenario discovery samples the uncertainties to find where the chosen "
                      "mix misses the target; this file has no uncertainties or no target",
                      "0 (none), or [uncertainties] with runner = 'cluster-sim'")
    _check_moved(t, spec)
    evaluations = spec.population * spec.generations * spec.futures * spec.replications
    if evaluations > MAX_EVALUATIONS:
        raise t.error("generations", f"population × generations × futures × replications = {evaluations:,} runs",
                      f"at most {MAX_EVALUATIONS:,} runs an optimisation")
    return spec


def _registry_uncertainties(t: Table) -> tuple[Factor, ...]:
    """``registry_uncertainties = ["economy.wage_growth", …]`` (or ``"all"``): uniform over the
    ranges the published sensitivity study uses (``evidence.uncertain``), so the futures a
    search faces are the ones the sensitivity page explored."""
    if not t.has("registry_uncertainties"):
        return ()
    from cluster_sim.evidence.uncertain import uncertain_ranges

    ranges = {r.path: r for r in uncertain_ranges()}
    written = t.get("registry_uncertainties", (str, list))
    if written == "all":
        paths = list(ranges)
    elif isinstance(written, list) and written and all(isinstance(p, str) for p in written):
        paths = written
    else:
        raise t.error("registry_uncertainties", f"value {written!r} not allowed",
                      "'all' or a non-empty list of parameter paths")
    unknown = [p for p in paths if p not in ranges]
    if unknown or len(set(paths)) != len(paths):
        raise t.error("registry_uncertainties", f"{unknown[0]!r} is not an uncertain parameter of the registry"
                      if unknown else "lists a parameter twice", "paths among: " + ", ".join(ranges))
    return tuple(UniformFactor(p, "uncertainty", low=ranges[p].low, high=ranges[p].high) for p in paths)


def _small(source: str, data: dict) -> dict:
    if "small" not in data:
        raise ScenarioError(source, "small", "missing: --small needs the sizes a small run uses",
                            "a [small] table with any of " + ", ".join(SIZE_KEYS))
    t = Table(source, "small", data["small"], SIZE_KEYS)
    return {k: t.get(k, int) for k in SIZE_KEYS if t.has(k)}


def _scenario(t: Table, base_dir: Path) -> str | None:
    written = t.get("scenario", str, DEFAULT_SCENARIO)
    if written == DEFAULT_SCENARIO:
        return None
    _check_scenario_file(t, "scenario", base_dir, written)
    return written


def _measure(t: Table, evaluand: Evaluand, robust_allowed: bool) -> str:
    allowed = tuple(evaluand.measures) + ((ROBUSTNESS,) if robust_allowed else ())
    measure = t.get("measure", str)
    if measure not in allowed:
        raise t.error("measure", f"{measure!r} is not a measure of runner {evaluand.name!r}",
                      "one of " + ", ".join(allowed))
    return measure


def _objectives(source: str, data: object, evaluand: Evaluand) -> tuple[Objective, ...]:
    if data is ABSENT or not isinstance(data, list) or len(data) < 2:
        raise ScenarioError(source, "objectives", "missing or fewer than two: a many-objective search needs two or more",
                            "[[objectives]] tables with measure and direction ('min' or 'max')")
    out = []
    for i, item in enumerate(data):
        t = Table(source, f"objectives[{i}]", item, ("measure", "direction"))
        objective = Objective(_measure(t, evaluand, robust_allowed=evaluand.needs_baseline),
                              t.get("direction", str, choices=DIRECTIONS))
        if any(o.measure == objective.measure for o in out):
            raise t.error("measure", f"{objective.measure!r} is already an objective", "each measure once")
        out.append(objective)
    return tuple(out)


def _constraints(source: str, data: object, evaluand: Evaluand, mode: str) -> tuple[Constraint, ...]:
    if data is ABSENT:
        return ()
    if not isinstance(data, list):
        raise ScenarioError(source, "constraints", f"must be an array of tables, got {data!r}",
                            "[[constraints]] tables with measure, op and value")
    out = []
    for i, item in enumerate(data):
        t = Table(source, f"constraints[{i}]", item, ("measure", "op", "value"))
        measure = _measure(t, evaluand, robust_allowed=evaluand.needs_baseline)
        if measure == ROBUSTNESS and mode != "robust":
            raise t.error("measure", "robustness is a share of futures; deterministic mode faces one",
                          "target_margin >= 0, or mode = 'robust'")
        value = t.get("value", float, low=0.0, high=1.0) if measure == ROBUSTNESS else t.get("value", float)
        out.append(Constraint(measure, t.get("op", str, choices=OPERATORS), float(value)))
    return tuple(out)


_BASELINE_RELATIVE = ("target_margin", ROBUSTNESS, "public_cost_pv_yuan")


def _check_moved(t: Table, spec: OptimizeSpec) -> None:
    """A constraint or objective read against the baseline moves only with a package lever."""
    prefix = spec.evaluand.moved_by
    if not prefix or any(f.key.startswith(prefix) for f in spec.levers):
        return
    for i, c in enumerate(spec.constraints):
        if c.measure in _BASELINE_RELATIVE:
            raise t.error(f"constraints[{i}].measure", f"no lever can move {c.measure!r}: it compares the "
                          f"packages with the baseline, and no lever is a package key ({prefix}…)",
                          f"a lever under [levers.\"{prefix}<package>.<key>\"], or another constraint")


def with_sizes(spec: OptimizeSpec, **sizes: int) -> OptimizeSpec:
    """The same search with other sizes (tests and benchmarks)."""
    return replace(spec, **sizes)

"""Experiment files: read and validate a sweep declaration (TOML) and turn it into run specs."""

from __future__ import annotations

import hashlib
import inspect
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cluster_sim.scenario.errors import ScenarioError
from cluster_sim.scenario.files import read_toml

from .outcomes import Outcome, parse_outcomes
from .parameters import Factor, ScenarioFactor, parse_factors
from .runners import DEFAULT as DEFAULT_RUNNER
from .runners import known_name, runner_function, runner_names, runner_reference
from .runs import RunSpec, make_run_id
from .samplers import DESIGNS, SAMPLING_DESIGNS, Design, build_design, design_size
from .seeds import replication_seeds
from .validation import ABSENT, Table

DEFAULT_SCENARIO = "default"  # the scenario embedded in the package
OPTIMISATION_KEY = "population"  # what tells an optimisation file (cluster-sim optimize) from a sweep's

TOP_KEYS = ("name", "description", "scenario", "runner", "years", "replications", "root_seed",
            "design", "samples", "second_order", "levels", "levers", "uncertainties", "outcomes")

_NAME = re.compile(r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")  # one folder name, never '..'-like


@dataclass(frozen=True, eq=False)
class Experiment:
    """A validated experiment. ``scenario`` is as written (relative to the file), or None for
    the embedded default; ``base_dir`` is the folder relative paths start from."""

    name: str
    description: str
    source: str
    base_dir: Path
    scenario: str | None
    years: int
    replications: int
    root_seed: int
    design: str
    samples: int | None
    levers: tuple[Factor, ...]
    uncertainties: tuple[Factor, ...]
    outcomes: tuple[Outcome, ...]
    runner: str = DEFAULT_RUNNER
    second_order: bool = False
    levels: int = 4

    @property
    def factors(self) -> tuple[Factor, ...]:
        return self.levers + self.uncertainties

    @property
    def scenario_factor(self) -> ScenarioFactor | None:
        return next((f for f in self.levers if isinstance(f, ScenarioFactor)), None)

    @property
    def runner_function(self):
        """The registered function this experiment's ``runner`` names."""
        return runner_function(self.runner)

    @cached_property
    def plan(self) -> Design:
        return build_design(self.levers, self.uncertainties, self.design, self.samples, self.root_seed,
                            second_order=self.second_order, levels=self.levels)

    def scenario_path(self, written: str | None) -> str | None:
        """Absolute path of a scenario as written in the file; None stays the default."""
        return None if written is None else str((self.base_dir / written).resolve())

    def _scenario_digest(self, written: str | None) -> str:
        # Run ids follow the scenario's content, not where the project happens to live.
        if written is None:
            return DEFAULT_SCENARIO
        return hashlib.sha256(Path(self.scenario_path(written)).read_bytes()).hexdigest()

    def run_specs(self) -> list[RunSpec]:
        """Every run: design points (outer) × replications (inner), with common seeds."""
        seeds = replication_seeds(self.root_seed, self.replications)
        scenario_lever = self.scenario_factor
        digests: dict[str | None, str] = {}
        outcomes = [vars(o) for o in self.outcomes]
        specs = []
        for point, factors in enumerate(self.plan.points()):
            written = factors[scenario_lever.key] if scenario_lever else self.scenario
            params = {k: v for k, v in factors.items() if not scenario_lever or k != scenario_lever.key}
            if written not in digests:
                digests[written] = self._scenario_digest(written)
            for replication, seed in enumerate(seeds):
                run_id = make_run_id({
                    "runner": runner_reference(self.runner), "scenario": written, "scenario_sha256": digests[written],
                    "params": params, "seed": seed, "years": self.years, "design_point": point,
                    "replication": replication, "outcomes": outcomes})
                specs.append(RunSpec(run_id, point, replication, seed, self.years,
                                     self.scenario_path(written), params, factors))
        return specs

    def validate_points(self) -> None:
        """Let the runner check every design point's parameters before anything runs."""
        validate = getattr(self.runner_function, "validate", None)
        if validate is None:
            return
        seen: set[str] = set()
        for spec in self.run_specs()[:: self.replications]:
            key = repr((spec.scenario, sorted(spec.params.items())))
            if key in seen:
                continue
            seen.add(key)
            try:
                if "years" in inspect.signature(validate).parameters:
                    validate(spec.scenario, dict(spec.params), years=self.years)
                else:
                    validate(spec.scenario, dict(spec.params))
            except ScenarioError as err:
                section = next((f"{f.section}.{f.key}" for f in self.factors if f.key == err.key), err.key)
                raise ScenarioError(self.source, section,
                                    f"design point {spec.design_point} ({spec.params}): {err.problem} "
                                    f"[checked by the model against {err.source}]", err.allowed) from err


    def validate_outcomes(self) -> None:
        """Check each outcome's column against what the runner returns, before anything runs,
        for runners that tell (``runner.columns(scenario)``); others are checked at each run."""
        columns_of = getattr(self.runner_function, "columns", None)
        if columns_of is None:
            return
        scenarios = dict.fromkeys(spec.scenario for spec in self.run_specs()[:: self.replications])
        for scenario in scenarios:
            columns = list(columns_of(scenario))
            for i, outcome in enumerate(self.outcomes):
                for key in ("column", "over"):
                    column = getattr(outcome, key)
                    if column and column not in columns:
                        where = f" for scenario {scenario}" if scenario else ""
                        raise ScenarioError(self.source, f"outcomes[{i}].{key}",
                                            f"{column!r} is not a column the runner returns{where}",
                                            "one of " + ", ".join(map(str, columns)))


def load_experiment(path: str | Path) -> Experiment:
    """Read and validate an experiment file; any problem raises ``ScenarioError``."""
    path = Path(path)
    source = str(path)
    data = read_toml(path, "experiment .toml file")
    return parse_experiment(data, source, path.parent)


def parse_experiment(data: dict, source: str, base_dir: Path) -> Experiment:
    """Validate an experiment given as a dict (the parsed TOML)."""
    if isinstance(data, dict) and OPTIMISATION_KEY in data:
        raise ScenarioError(source, OPTIMISATION_KEY, "this is an optimisation file (it has a population to search "
                            "with), not a sweep", "cluster-sim optimize <file>, or a sweep file without it")
    t = Table(source, "", data, TOP_KEYS)
    name = t.get("name", str)
    if not _NAME.match(name):
        raise t.error("name", f"{name!r} cannot name a results folder", "up to 80 letters, digits, '_', '-', '.' (no '..')")
    design = t.get("design", str, choices=DESIGNS)
    years = t.get("years", int, low=1, high=100)
    levers = parse_factors(source, "levers", data.get("levers", ABSENT))
    uncertainties = parse_factors(source, "uncertainties", data.get("uncertainties", ABSENT))
    _check_factors(t, design, levers, uncertainties)
    taken = {f.key for f in levers + uncertainties}
    experiment = Experiment(
        name=name,
        description=t.get("description", str, ""),
        source=source,
        base_dir=Path(base_dir),
        scenario=_scenario(t, base_dir, levers),
        years=years,
        replications=t.get("replications", int, low=1, high=100_000),
        root_seed=t.get("root_seed", int, low=0, high=2**63 - 1),
        design=design,
        samples=_samples(t, design),
        levers=levers,
        uncertainties=uncertainties,
        outcomes=parse_outcomes(source, data.get("outcomes", ABSENT), years, taken),
        runner=_runner(t),
        second_order=_design_option(t, "second_order", bool, False, "sobol", design),
        levels=_design_option(t, "levels", int, 4, "morris", design, low=2, high=20),
    )
    _check_size(t, experiment)
    return experiment


MAX_RUNS = 1_000_000  # a sweep's runs: each holds a row of outcomes and a line in the plan


def _check_size(t: Table, e: Experiment) -> None:
    """Refuse a design too large to plan before anything is built or run."""
    points = design_size(e.levers, e.uncertainties, e.design, e.samples, second_order=e.second_order)
    runs = points * e.replications
    if runs > MAX_RUNS:
        key = "replications" if points <= MAX_RUNS else ("samples" if e.samples else "levers")
        raise t.error(key, f"the design has {points:,} points × {e.replications:,} replications = {runs:,} runs",
                      f"at most {MAX_RUNS:,} runs a sweep (fewer values, samples or replications; "
                      "split a larger study into several experiments)")


def _check_factors(t: Table, design: str, levers: tuple[Factor, ...], uncertainties: tuple[Factor, ...]) -> None:
    keys = [f.key for f in levers + uncertainties]
    for key in keys:
        if keys.count(key) > 1:
            raise t.error(f"uncertainties.{key}", "is both a lever and an uncertainty", "each factor once")
    if sum(isinstance(f, ScenarioFactor) for f in levers) > 1:
        raise t.error("levers", "more than one lever crosses scenario files", "at most one scenarios = [...] lever")
    if design in SAMPLING_DESIGNS and not uncertainties:
        raise t.error("uncertainties", f"design = {design!r} samples uncertainties, but there are none",
                      "at least one [uncertainties] entry, or design = 'factorial'")
    if design == "factorial":
        for f in uncertainties:
            if f.levels is None:
                raise t.error(f"uncertainties.{f.key}", "a factorial design crosses listed values, not ranges",
                              "values = [...], or design = 'lhs', 'sobol' or 'morris'")


def _scenario(t: Table, base_dir: Path, levers: tuple[Factor, ...]) -> str | None:
    scenario_lever = next((f for f in levers if isinstance(f, ScenarioFactor)), None)
    if scenario_lever is not None:
        if t.has("scenario"):
            raise t.error("scenario", f"conflicts with the lever {scenario_lever.key!r} that crosses scenario files",
                          "either scenario = ... or a scenarios = [...] lever")
        for written in scenario_lever.values:
            _check_scenario_file(t, f"levers.{scenario_lever.key}.scenarios", base_dir, written)
        return None
    written = t.get("scenario", str)
    if written == DEFAULT_SCENARIO:
        return None
    _check_scenario_file(t, "scenario", base_dir, written)
    return written


def _check_scenario_file(t: Table, key: str, base_dir: Path, written: str) -> None:
    if not (Path(base_dir) / written).is_file():
        raise t.error(key, f"scenario file {written!r} not found next to the experiment ({base_dir})",
                      f"'{DEFAULT_SCENARIO}' or a .toml path relative to the experiment file")


def _samples(t: Table, design: str) -> int | None:
    if design == "factorial":
        if t.has("samples"):
            raise t.error("samples", "a factorial design has no sample size",
                          "leave it out, or design = 'lhs', 'sobol' or 'morris'")
        return None
    samples = t.get("samples", int, low=2, high=10_000_000)
    if design == "sobol" and samples & (samples - 1):
        raise t.error("samples", f"value {samples} is not a power of 2 (Sobol sequences need one)",
                      "a power of 2, e.g. 64, 128, 256, 1024")
    return samples


def _design_option(t: Table, key: str, kind: type, default: object, design_needed: str, design: str,
                   **bounds: float) -> object:
    if t.has(key) and design != design_needed:
        raise t.error(key, f"applies only to design = {design_needed!r}", f"leave it out for {design!r}")
    return t.get(key, kind, default, **bounds)


def _runner(t: Table) -> str:
    written = t.get("runner", str, DEFAULT_RUNNER)
    name = known_name(written)
    if name is None:
        raise t.error("runner", f"{written!r} is not a registered runner: an experiment file names a runner, "
                      "it cannot import code (Python code may add one with "
                      "cluster_sim.experiments.register_runner)", "one of " + ", ".join(map(repr, runner_names())))
    return name

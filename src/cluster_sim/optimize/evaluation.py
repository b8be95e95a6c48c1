"""Candidates → runs → measures: the part of a search that touches the model.

A candidate is one setting of every lever. It is run in every future × seed (the same futures
and seeds for every candidate: common random numbers), and, for the model, so is the baseline
(every package off) once per future × seed. Runs go through the sweep's backends into a
``ResultStore`` keyed by run ids that hash everything deciding a run, so a search killed at any
point resumes without running a finished run again and without losing one.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from cluster_sim.experiments.evaluators import Backend
from cluster_sim.experiments.outcomes import Outcome
from cluster_sim.experiments.runs import RunSpec, make_run_id
from cluster_sim.experiments.samplers import build_design
from cluster_sim.experiments.seeds import replication_seeds
from cluster_sim.experiments.store import ResultStore
from cluster_sim.experiments.sweep import run_into_store
from cluster_sim.scenario.errors import ScenarioError

from .spec import ROBUSTNESS, OptimizeSpec

BASELINE = "baseline"  # the candidate column of the baseline's runs
MARGIN = "target_margin"
FAILED_SLACK = -1e12  # a constraint's slack when a candidate's runs failed or its measure is undefined


@dataclass(frozen=True)
class Candidate:
    """One setting of every lever, decoded from the optimiser's unit cube and held in bounds."""

    levers: dict[str, Any]

    @property
    def key(self) -> str:
        return json.dumps(self.levers, sort_keys=True, separators=(",", ":"))


def decode(spec: OptimizeSpec, unit: list[float]) -> Candidate:
    """The levers at a point of [0, 1]^k: each factor maps its column (ranges, whole numbers,
    lists), so a lever is never set outside what the file declares."""
    clipped = np.clip(np.asarray(unit, dtype=float), 0.0, 1.0)
    return Candidate({f.key: f.from_unit(clipped[i:i + 1])[0] for i, f in enumerate(spec.levers)})


def futures(spec: OptimizeSpec) -> list[dict[str, Any]]:
    """The futures every candidate faces: the reference (no uncertainty changed), or a Latin
    hypercube over the uncertainties drawn from the file's root seed."""
    if spec.mode == "deterministic":
        return [{}]
    return list(build_design((), spec.uncertainties, "lhs", spec.futures, spec.root_seed).points())


def baseline_params() -> dict[str, Any]:
    """Every package off: growth without the cluster."""
    from cluster_sim.policies import registry

    return {f"policies.{name}.enabled": False for name in registry()}


def store_schema(spec: OptimizeSpec) -> pa.Schema:
    return pa.schema([("run_id", pa.string()), ("design_point", pa.int64()), ("replication", pa.int64()),
                      ("seed", pa.int64()), ("candidate", pa.string()), ("status", pa.string()),
                      ("error", pa.string())] + [(n, pa.float64()) for n in spec.evaluand.raw_names(spec.years)])


def problem_digest(spec: OptimizeSpec) -> str:
    """What the runs in a folder are runs of: evaluand, scenario content, years, futures and
    seeds. Objectives, constraints and sizes are left out: they change what is searched, not
    what a run returns, so a resumed search with more generations keeps every run."""
    content = {"runner": spec.runner, "scenario": spec.scenario_digest, "years": spec.years,
               "futures": futures(spec), "seeds": replication_seeds(spec.root_seed, spec.replications)}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=repr).encode()).hexdigest()


def validate_levers(spec: OptimizeSpec) -> None:
    """Each lever at its extremes (or each listed value) and each future, checked by the model
    before anything runs: an unknown key or a bound the model does not allow is a ScenarioError."""
    if spec.runner == "zdt1":
        for f in spec.levers:
            ends = f.from_unit(np.array([0.0, 1.0]))
            if not re.fullmatch(r"x[1-9][0-9]*", f.key) or min(ends) < 0 or max(ends) > 1:
                raise ScenarioError(spec.source, f"levers.{f.key}", "not a ZDT1 variable in [0, 1]",
                                    "x1, x2, … with 0 <= low < high <= 1")
        return
    from cluster_sim.experiments.model_runner import validate

    for f in spec.levers:
        values = f.levels if f.levels is not None else f.from_unit(np.array([0.0, 1.0]))
        for value in values:
            _checked(spec, f"levers.{f.key}", {f.key: value}, validate)
    for i, future in enumerate(futures(spec)):
        _checked(spec, f"uncertainties (future {i})", future, validate)


def _checked(spec: OptimizeSpec, where: str, params: dict[str, Any], validate) -> None:
    try:
        validate(spec.scenario_path, dict(params), years=spec.years)
    except ScenarioError as err:
        raise ScenarioError(spec.source, where, f"{params}: {err.problem} [checked by the model against "
                            f"{err.source}]", err.allowed) from err


class Evaluations:
    """Runs candidates (through a backend, into a store) and holds their measures."""

    def __init__(self, spec: OptimizeSpec, store: ResultStore, pool: Backend, bar):
        self.spec, self.store, self.pool, self.bar = spec, store, pool, bar
        self.futures = futures(spec)
        self.seeds = replication_seeds(spec.root_seed, spec.replications)
        self.raw_outcomes = tuple(Outcome(n, n) for n in spec.evaluand.raw_names(spec.years))
        self.measures: dict[str, dict[str, float]] = {}  # candidate key -> aggregated measures
        self.per_future: dict[str, list[dict[str, float]]] = {}  # candidate key -> seed-mean measures by future
        self.candidates: dict[str, Candidate] = {}
        self.runs_done = 0  # runs this process ran (not found on disk)
        self.rows: dict[str, dict] | None = None  # run id -> its row, from disk and from this search
        # the baseline's runs (every package off) are the same for every candidate: built once
        self.baseline_runs = self.specs(BASELINE, baseline_params()) if spec.evaluand.needs_baseline else None

    def specs(self, key: str, params: dict[str, Any]) -> list[RunSpec]:
        out = []
        for f, future in enumerate(self.futures):
            for r, seed in enumerate(self.seeds):
                run_params = {**future, **params}
                run_id = make_run_id({"runner": self.spec.runner, "scenario": self.spec.scenario_digest,
                                      "params": run_params, "seed": seed, "years": self.spec.years})
                out.append(RunSpec(run_id, f, r, seed, self.spec.years, self.spec.scenario_path, run_params,
                                   {"candidate": key}))
        return out

    def evaluate(self, candidates: list[Candidate]) -> list[dict[str, float]]:
        """The measures of each candidate, running only runs not yet on disk."""
        if self.rows is None:  # what an earlier, interrupted search left: read once
            self.rows = {r["run_id"]: r for r in self.store.load().to_dict("records")}
        new = {c.key: c for c in candidates if c.key not in self.measures}
        wanted = [s for key, c in new.items() for s in self.specs(key, c.levers)]
        if self.baseline_runs is not None:
            wanted += self.baseline_runs
        todo = list({s.run_id: s for s in wanted if s.run_id not in self.rows}.values())
        self.bar.update(len({s.run_id for s in wanted}) - len(todo))
        if todo:
            written = run_into_store(todo, self.pool, self.spec.evaluand.run, self.raw_outcomes, self.store, self.bar)
            self.rows.update({r["run_id"]: r for r in written})
            self.runs_done += len(todo)
        for key, candidate in new.items():
            self.candidates[key] = candidate
            self.per_future[key], self.measures[key] = self._aggregate(key, candidate)
        return [self.measures[c.key] for c in candidates]

    def _aggregate(self, key: str, candidate: Candidate):
        spec, names = self.spec, list(self.spec.evaluand.raw_names(self.spec.years))
        runs = self.specs(key, candidate.levers)
        base = self.baseline_runs if self.baseline_runs is not None else [None] * len(runs)
        by_future: dict[int, list[dict[str, float]]] = {}
        for run, base_run in zip(runs, base):
            row = self.rows[run.run_id]
            base_row = self.rows[base_run.run_id] if base_run is not None else None
            if row["status"] != "ok" or (base_row is not None and base_row["status"] != "ok"):
                by_future.setdefault(run.design_point, []).append({"failed": 1.0})
                continue
            raw = {n: float(row[n]) for n in names}
            raw0 = {n: float(base_row[n]) for n in names} if base_row is not None else None
            derived = spec.evaluand.derive(raw, raw0, spec.years, spec.options)
            by_future.setdefault(run.design_point, []).append({**derived, "failed": 0.0})
        per_future = [_mean(by_future[f]) for f in sorted(by_future)]
        measures = _mean(per_future)
        if MARGIN in measures:
            measures[ROBUSTNESS] = float(np.mean([m.get(MARGIN, math.nan) >= 0 for m in per_future]))
        return per_future, measures


def _mean(records: list[dict[str, float]]) -> dict[str, float]:
    """Key by key mean; a key missing from a record (its runs failed) makes the mean NaN."""
    keys = dict.fromkeys(k for r in records for k in r)
    return {k: float(np.mean([r.get(k, math.nan) for r in records])) for k in keys}

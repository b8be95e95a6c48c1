"""The search: NSGA-II (Platypus, the engine EMA Workbench's optimisers use) over the levers'
unit cube, each generation's candidates evaluated as one batch through the sweep backends.

Why Platypus and not pymoo: it has no dependencies of its own (pymoo brings autograd, cma,
alive-progress, dill and Deprecated), it is already what EMA Workbench (our PRIM) builds on, and
its ``Evaluator`` hook hands over a whole generation, which is what the backends want.

Resuming is replay: the algorithm is seeded from the file's root seed, so a restarted search
asks for the same candidates in the same order; the runs already on disk answer them, and only
the runs a kill interrupted are run again. Nothing of the algorithm's state is pickled to disk,
so no file in the results folder can make this program run code.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from platypus import NSGAII, Direction, Evaluator, Problem, Real

from .evaluation import FAILED_SLACK, Candidate, Evaluations, decode
from .spec import OptimizeSpec

PENALTY = 1e30  # an objective no run could measure: worse than anything measured


@dataclass
class Evaluated:
    """One candidate as the algorithm saw it first: its generation and point in the unit cube."""

    candidate: Candidate
    generation: int
    unit: list[float]


@dataclass
class History:
    """What the search did, generation by generation (for the convergence record)."""

    evaluated: list[Evaluated] = field(default_factory=list)  # first sighting of each candidate, in order
    populations: list[list[str]] = field(default_factory=list)  # candidate keys of the population after each generation

    def keys(self) -> set[str]:
        return {e.candidate.key for e in self.evaluated}


class _Problem(Problem):
    """The levers' unit cube; objectives and constraints read from the batch just evaluated."""

    def __init__(self, spec: OptimizeSpec, evaluations: Evaluations):
        super().__init__(len(spec.levers), len(spec.objectives), len(spec.constraints) + 1)
        self.spec, self.evaluations = spec, evaluations
        self.types[:] = [Real(0.0, 1.0) for _ in spec.levers]
        self.directions[:] = [Direction.MINIMIZE if o.direction == "min" else Direction.MAXIMIZE
                              for o in spec.objectives]
        self.constraints[:] = ">=0"

    def evaluate(self, solution) -> None:
        measures = self.evaluations.measures[decode(self.spec, solution.variables).key]
        solution.objectives[:] = objective_values(self.spec, measures)
        solution.constraints[:] = constraint_slacks(self.spec, measures)


def objective_values(spec: OptimizeSpec, measures: dict[str, float]) -> list[float]:
    out = []
    for o in spec.objectives:
        value = measures.get(o.measure, math.nan)
        out.append(value if math.isfinite(value) else (PENALTY if o.direction == "min" else -PENALTY))
    return out


def constraint_slacks(spec: OptimizeSpec, measures: dict[str, float]) -> list[float]:
    """Each declared constraint's slack (≥ 0: met), then "every run succeeded and every objective
    is defined", so a candidate whose runs failed is never on the front."""
    slacks = [max(c.slack(measures.get(c.measure, math.nan)), FAILED_SLACK) for c in spec.constraints]
    ok = measures.get("failed", 0.0) == 0.0 and all(math.isfinite(measures.get(o.measure, math.nan))
                                                    for o in spec.objectives)
    return slacks + [0.0 if ok else FAILED_SLACK]


class _GenerationEvaluator(Evaluator):
    """Hands one generation's new candidates to ``Evaluations`` as a batch."""

    def __init__(self, spec: OptimizeSpec, evaluations: Evaluations, history: History):
        super().__init__()
        self.spec, self.evaluations, self.history = spec, evaluations, history
        self.generation = 0

    def evaluate_all(self, jobs, **kwargs):
        jobs = list(jobs)
        seen = self.history.keys()
        candidates = []
        for job in jobs:
            unit = list(job.solution.variables)
            candidate = decode(self.spec, unit)
            candidates.append(candidate)
            if candidate.key not in seen:
                seen.add(candidate.key)
                self.history.evaluated.append(Evaluated(candidate, self.generation, unit))
        search_state = random.getstate()  # a backend may draw from ``random`` (Dask does): not from the search's stream
        try:
            self.evaluations.evaluate(candidates)
        finally:
            random.setstate(search_state)
        for job in jobs:
            job.run()
        self.generation += 1
        return jobs


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """Platypus draws from the ``random`` module: seed it for the search, restore it after."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def run_search(spec: OptimizeSpec, evaluations: Evaluations) -> History:
    """``spec.generations`` generations of NSGA-II of ``spec.population`` candidates each."""
    history = History()
    with _seeded(spec.root_seed):
        algorithm = NSGAII(_Problem(spec, evaluations), population_size=spec.population,
                           evaluator=_GenerationEvaluator(spec, evaluations, history))
        for _ in range(spec.generations):
            algorithm.step()
            history.populations.append([decode(spec, s.variables).key for s in algorithm.population])
    return history

"""The search's tidy tables: every candidate (levers, measures, feasibility, front) and the
convergence record (hypervolume and ε-progress by generation), both by Platypus' own indicators."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from platypus import Direction, EpsilonBoxArchive, Hypervolume, Problem, Solution, nondominated

from .evaluation import Evaluations
from .search import History, constraint_slacks, objective_values
from .spec import OptimizeSpec

EPSILON_SHARE = 0.01  # ε-box width: 1 % of each objective's range among feasible candidates


def candidate_table(spec: OptimizeSpec, evaluations: Evaluations, history: History) -> pd.DataFrame:
    """One row per candidate, in the order the search first met them."""
    rows = []
    for e in history.evaluated:
        measures = evaluations.measures[e.candidate.key]
        slacks = constraint_slacks(spec, measures)
        rows.append({"candidate": e.candidate.key, "generation": e.generation, **e.candidate.levers,
                     **{k: v for k, v in measures.items() if k != "failed"},
                     "runs_failed": bool(measures.get("failed", 0.0) > 0), "feasible": all(s >= 0 for s in slacks)})
    table = pd.DataFrame(rows)
    table["on_front"] = table["candidate"].isin(_front_keys(spec, table))
    return table


def future_table(spec: OptimizeSpec, evaluations: Evaluations, history: History) -> pd.DataFrame:
    """One row per candidate and future: the future's uncertain values and the candidate's
    seed-averaged measures in it (what robustness counts and scenario discovery reads)."""
    from .evaluation import futures

    rows = []
    for e in history.evaluated:
        for f, (future, measures) in enumerate(zip(futures(spec), evaluations.per_future[e.candidate.key])):
            rows.append({"candidate": e.candidate.key, "future": f, **future,
                         **{k: v for k, v in measures.items() if k != "failed"}})
    return pd.DataFrame(rows)


def add_regret(spec: OptimizeSpec, candidates: pd.DataFrame, by_future: pd.DataFrame) -> pd.DataFrame:
    """``max_regret_<objective>``: over the futures, the largest shortfall of a candidate from the
    best candidate of that future (Savage's minimax regret, as in EMA Workbench's robustness
    measures); 0 for a candidate that is best in every future. ``robustness`` has none."""
    out = candidates.copy()
    for o in spec.objectives:
        if o.measure not in by_future:
            continue
        values = by_future.pivot(index="candidate", columns="future", values=o.measure)
        best = values.max() if o.direction == "max" else values.min()
        shortfall = (best - values) if o.direction == "max" else (values - best)
        out[f"max_regret_{o.measure}"] = out["candidate"].map(shortfall.max(axis=1))
    return out


def _solutions(spec: OptimizeSpec, table: pd.DataFrame) -> list[Solution]:
    problem = Problem(1, len(spec.objectives))
    problem.directions[:] = [Direction.MINIMIZE if o.direction == "min" else Direction.MAXIMIZE
                             for o in spec.objectives]
    out = []
    for key, values in zip(table["candidate"], table[[o.measure for o in spec.objectives]].to_numpy(float)):
        s = Solution(problem)
        s.objectives[:] = objective_values(spec, dict(zip((o.measure for o in spec.objectives), values)))
        s.evaluated, s.constraint_violation, s.feasible = True, 0.0, True
        s.key = key
        out.append(s)
    return out


def _front_keys(spec: OptimizeSpec, table: pd.DataFrame) -> set[str]:
    feasible = table[table["feasible"]]
    return {s.key for s in nondominated(_solutions(spec, feasible))} if len(feasible) else set()


def convergence_table(spec: OptimizeSpec, table: pd.DataFrame, history: History) -> pd.DataFrame:
    """By generation: candidates met so far, feasible ones, the front's size, its hypervolume
    (objectives normalised by the feasible candidates' final range, so generations compare) and
    the ε-progress (ε-box improvements of an archive fed generation by generation). The front
    of generation g is the non-dominated set of the previous front and g's new candidates."""
    feasible = table[table["feasible"]]
    objectives = [o.measure for o in spec.objectives]
    solutions = dict(zip(feasible["candidate"], _solutions(spec, feasible)))
    generation = dict(zip(feasible["candidate"], feasible["generation"]))
    if len(feasible):
        low = feasible[objectives].min().to_numpy(float)
        span = (feasible[objectives].max().to_numpy(float) - low)
        low = np.where(span > 0, low, low - 1.0)  # an objective all candidates share: its axis is [x-1, x+1]
        span = np.where(span > 0, span, 2.0)
        archive = EpsilonBoxArchive(list(EPSILON_SHARE * span))
        hypervolume = Hypervolume(minimum=list(low), maximum=list(low + span))
    counts = table["generation"].value_counts()
    rows, front, seen, ok = [], [], 0, 0
    for g in range(len(history.populations)):
        new = [s for key, s in solutions.items() if generation[key] == g]
        seen, ok = seen + int(counts.get(g, 0)), ok + len(new)
        if new:
            front = nondominated(front + new)
            archive += new
        rows.append({"generation": g, "candidates": seen, "feasible": ok, "front": len(front),
                     "hypervolume": hypervolume.calculate(front) if front else math.nan,
                     "epsilon_progress": archive.improvements if len(feasible) else 0})
    return pd.DataFrame(rows)

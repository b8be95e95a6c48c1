"""Calibration of base-year levels by simulated method of moments (SMM).

A few level parameters θ are fitted so that the model's base-year moments m(θ), averaged over
S common seeds, match the statistics of DOMAIN.md. The objective is

    J(θ) = Σ_i w_i · ((m̄_i(θ) − target_i) / target_i)²,   m̄_i(θ) = (1/S) Σ_s m_i(θ, seed_s),

minimised with scipy.optimize (Nelder–Mead with bounds, on θ scaled to [0, 1]; the same seeds at
every θ make J a deterministic function). The spread of the fit is measured by refitting on
each seed alone. ``cluster-sim dev calibrate`` writes the fitted values, their spread, J and its
provenance to src/cluster_sim/scenario/data/calibration.json and docs/calibration_fit.md; with
``--apply`` the embedded default scenario takes the fitted values (the scenario loader reads them
from that file), otherwise the registry's priors stay the defaults.
"""

from __future__ import annotations

import contextlib
import json
import math
import multiprocessing
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from cluster_sim.experiments.seeds import replication_seeds
from cluster_sim.scenario.registry import BY_PATH

from .provenance import provenance, provenance_lines, write_atomic

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parents[1] / "scenario" / "data" / "calibration.json"
REFIT_STEP = 0.03  # first simplex of a per-seed refit: ± 3 % of each parameter's range


@dataclass(frozen=True)
class Moment:
    name: str
    what: str
    target: float
    source: str
    weight: float = 1.0


# Base-year statistics the fit sees (DOMAIN.md). Everything else is left to validation.
MOMENTS = (
    Moment("farmer_income", "farmer income per capita (元)", 52_249, "DOMAIN.md: Jiaxing 2024"),
    Moment("wage_share", "wages share of farmer income", 0.60, "DOMAIN.md: Zhejiang ≈ 60 %"),
    Moment("business_share", "business share", 0.25, "DOMAIN.md: Zhejiang ≈ 25 %"),
    Moment("property_share", "property share", 0.03, "DOMAIN.md: Zhejiang ≈ 3 %", 0.25),
    Moment("transfer_share", "transfers share", 0.11, "DOMAIN.md: Zhejiang ≈ 11 %"),
    Moment("collective_total_mean", "collective total income, mean per village (元)", 6.0e6, "DOMAIN.md: Jiaxing 2024"),
    Moment("collective_operating_mean", "collective operating income, mean per village (元)", 3.0e6,
           "DOMAIN.md: Jiaxing 2024"),
    Moment("leased_share", "share of contracted land leased out", 0.73,
           "registry (economy.farming_preference_mean_yuan_mu): about three quarters leased in Jiaxing"),
    Moment("low_income_income", "low-income households' income per capita (元)", 21_440,
           "DOMAIN.md: Zhejiang 2023"),
)
# The property share is small and noisy in relative terms; weight 0.25 keeps it from dominating.

DEFAULT_PARAMETERS = ("economy.outside_market_yuan_person_year", "economy.wage_commute_yuan_month",
                      "economy.farming_preference_mean_yuan_mu", "collective.subsidy_base_yuan_year")


def base_year_moments(params: dict, seed: int, households: int | None = None) -> dict[str, float]:
    """The moments of one run's base year (t = 0)."""
    from .measures import run_with_measures

    overrides = dict(params)
    if households is not None:
        overrides["county.households"] = households
    row = run_with_measures(None, overrides, seed, 0).iloc[0]
    income = row["farmer_income_per_capita_yuan"]
    return {
        "farmer_income": float(income),
        "wage_share": float(row["wages_per_capita_yuan"] / income),
        "business_share": float(row["business_per_capita_yuan"] / income),
        "property_share": float(row["property_per_capita_yuan"] / income),
        "transfer_share": float(row["transfers_per_capita_yuan"] / income),
        "collective_total_mean": float(row["collective_income_total_mean_yuan"]),
        "collective_operating_mean": float(row["collective_income_operating_mean_yuan"]),
        "leased_share": float(row["leased_share"]),
        "low_income_income": float(row["low_income_income_per_capita_yuan"]),
    }


def _moments_job(args: tuple) -> dict[str, float]:
    return base_year_moments(*args)


@dataclass
class Problem:
    """What is fitted (parameter paths with bounds), to what, over which seeds."""

    parameters: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    seeds: tuple[int, ...]
    moments: tuple[Moment, ...] = MOMENTS
    households: int | None = None
    pool: Executor | None = None  # runs the seeds of an evaluation side by side
    evaluations: list = field(default_factory=list)

    def theta(self, unit: np.ndarray) -> dict[str, float]:
        return {p: lo + float(np.clip(u, 0, 1)) * (hi - lo) for p, (lo, hi), u in zip(self.parameters, self.bounds, unit)}

    def unit(self, values: dict[str, float]) -> np.ndarray:
        return np.array([(values[p] - lo) / (hi - lo) for p, (lo, hi) in zip(self.parameters, self.bounds)])

    def simulate(self, values: dict[str, float], seeds: tuple[int, ...] | None = None) -> list[dict[str, float]]:
        jobs = [(values, s, self.households) for s in (seeds or self.seeds)]
        if self.pool is not None and len(jobs) > 1:
            return list(self.pool.map(_moments_job, jobs))
        return [_moments_job(j) for j in jobs]

    def objective(self, values: dict[str, float], seeds: tuple[int, ...] | None = None) -> float:
        runs = self.simulate(values, seeds)
        mean = {m.name: float(np.mean([r[m.name] for r in runs])) for m in self.moments}
        value = objective(mean, self.moments)
        self.evaluations.append((values, value))
        return value


def objective(mean: dict[str, float], moments: tuple[Moment, ...] = MOMENTS) -> float:
    """Σ w (relative error)² of mean moments against their targets."""
    return float(sum(m.weight * ((mean[m.name] - m.target) / m.target) ** 2 for m in moments))


def fit(problem: Problem, start: dict[str, float], seeds: tuple[int, ...] | None = None,
        max_evaluations: int = 80, tolerance: float = 1e-3, step: float = 0.15) -> tuple[dict[str, float], float, int]:
    """Minimise the objective from ``start`` (first simplex ± ``step`` of each range); returns
    (fitted values, objective, evaluations)."""
    result = minimize(lambda u: problem.objective(problem.theta(u), seeds), problem.unit(start), method="Nelder-Mead",
                      bounds=[(0.0, 1.0)] * len(problem.parameters),
                      options={"maxfev": max_evaluations, "xatol": tolerance, "fatol": 1e-6,
                               "initial_simplex": _simplex(problem.unit(start), step)})
    return problem.theta(result.x), float(result.fun), int(result.nfev)


def _simplex(x0: np.ndarray, step: float = 0.15) -> np.ndarray:
    """A starting simplex of ±step in the unit cube (Nelder–Mead's default 5 % is too timid here)."""
    points = [x0]
    for j in range(len(x0)):
        x = x0.copy()
        x[j] = x[j] + step if x[j] + step <= 1 else x[j] - step
        points.append(x)
    return np.array(points)


def default_bounds(path: str, spread: float = 0.5) -> tuple[float, float]:
    """± ``spread`` around the default, within the registry's allowed range."""
    p = BY_PATH[path]
    d = float(p.default)
    lo, hi = sorted((d * (1 - spread), d * (1 + spread)))
    return (max(lo, p.low) if p.low is not None else lo, min(hi, p.high) if p.high is not None else hi)


def calibrate(parameters: tuple[str, ...] = DEFAULT_PARAMETERS, seeds: int = 10, root_seed: int = 2024,
              households: int | None = None, max_evaluations: int = 80, refit_evaluations: int = 40,
              workers: int = 1, moments: tuple[Moment, ...] = MOMENTS, start: dict[str, float] | None = None,
              data: Path | None = DATA, doc: Path | None = None, command: str = "cluster-sim dev calibrate",
              apply: bool = False) -> dict:
    """Fit ``parameters`` over ``seeds`` common seeds, refit each seed alone for the spread, and
    write the result (``data``, JSON) and its page (``doc``)."""
    t0 = time.perf_counter()
    for path in parameters:
        if path not in BY_PATH:
            raise KeyError(f"calibrate: {path!r} is not a registry parameter")
    seed_list = tuple(replication_seeds(root_seed, seeds))
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))) \
            if workers > 1 else None
        problem = Problem(tuple(parameters), tuple(default_bounds(p) for p in parameters), seed_list, moments,
                          households, pool)
        start = start or {p: float(BY_PATH[p].default) for p in parameters}
        start_objective = problem.objective(start)
        fitted, value, evaluations = fit(problem, start, max_evaluations=max_evaluations)
        # each seed's optimum lies near the pooled one: a small first simplex finds it in few evaluations
        per_seed = [fit(problem, fitted, (s,), max_evaluations=refit_evaluations, step=REFIT_STEP)[0]
                    for s in seed_list] if refit_evaluations > 0 else []
        runs = problem.simulate(fitted)
    fitted_moments = {m.name: float(np.mean([r[m.name] for r in runs])) for m in moments}
    result = {
        "method": "simulated method of moments: J = Σ w·((mean moment − target)/target)², Nelder–Mead with bounds "
                  "(scipy.optimize.minimize) on parameters scaled to [0, 1], common seeds",
        "parameters": {p: {"default": float(BY_PATH[p].default), "fitted": fitted[p], "bounds": list(b),
                           "per_seed_sd": float(np.std([f[p] for f in per_seed], ddof=1)) if len(per_seed) > 1 else None,
                           "per_seed": [f[p] for f in per_seed]}
                       for p, b in zip(parameters, problem.bounds)},
        "objective": value, "objective_at_defaults": start_objective, "evaluations": evaluations,
        "refits_that_moved": sum(any(f[p] != fitted[p] for p in parameters) for f in per_seed),
        "seeds": list(seed_list), "root_seed": root_seed, "households": households,
        "moments": [{"name": m.name, "what": m.what, "target": m.target, "source": m.source, "weight": m.weight,
                     "fitted": fitted_moments[m.name]} for m in moments],
        "applied_to_defaults": apply,
    }
    result["provenance"] = provenance(command, time.perf_counter() - t0)
    if data is not None:
        write_atomic(data, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    if doc is not None:
        write_atomic(doc, render(result))
    return result


def render(result: dict) -> str:
    meta = result["provenance"]
    lines = ["# 基年校准拟合 Calibration fit (base-year levels)", "",
             f"Generated by `{meta['command']}`; do not edit by hand. "
             + ("The fitted values **are applied**: the embedded default scenario (and every scenario that extends "
                "it) uses them, rounded to the four significant figures shown, in place of the registry's priors "
                "(the `default` column)."
                if result.get("applied_to_defaults") else
                "The fitted values are **not** applied: the registry's priors stay the defaults "
                "(`cluster-sim dev calibrate --apply` applies them)."), "", *provenance_lines(meta), "",
             "## 方法 Method", "", result["method"] + ".", "",
             f"Seeds: {len(result['seeds'])} (root seed {result['root_seed']})"
             + ("" if result["households"] is None else f"; a county of {result['households']:,} households") + ". "
             "Spread: each seed refitted alone from the pooled fit; the SD across those refits "
             f"({result['refits_that_moved']} of {len(result['seeds'])} refits moved from the pooled fit; a refit that "
             "cannot improve on it stays there and adds 0 to the spread).", "",
             "## 参数 Parameters", "", "| parameter | default | fitted | SD across seeds | bounds |",
             "|---|---|---|---|---|"]
    for path, p in result["parameters"].items():
        sd = "—" if p["per_seed_sd"] is None else f"{p['per_seed_sd']:,.4g}"
        lines.append(f"| `{path}` | {p['default']:,.4g} | {p['fitted']:,.4g} | {sd} | "
                     f"[{p['bounds'][0]:,.4g}, {p['bounds'][1]:,.4g}] |")
    lines += ["", f"Objective J: {result['objective']:.4g} at the fit, {result['objective_at_defaults']:.4g} at the "
              f"defaults ({result['evaluations']} evaluations).", "",
              "## 矩 Moments", "", "| moment | target | source | weight | model at fit | relative error |",
              "|---|---|---|---|---|---|"]
    for m in result["moments"]:
        err = (m["fitted"] - m["target"]) / m["target"]
        lines.append(f"| {m['what']} | {_fmt(m['target'])} | {m['source']} | {m['weight']:g} | {_fmt(m['fitted'])} | "
                     f"{err:+.1%} |")
    return "\n".join(lines) + "\n"


def _fmt(x: float) -> str:
    return f"{x:.3f}" if abs(x) < 10 else f"{x:,.0f}"


def synthetic_moments(values: dict[str, float], seeds: tuple[int, ...], households: int | None,
                      base: tuple[Moment, ...] = MOMENTS) -> tuple[Moment, ...]:
    """Targets the model itself produces at ``values``: a known answer for testing the fit."""
    problem = Problem(tuple(values), tuple((0.0, 1.0) for _ in values), seeds, base, households)
    runs = problem.simulate(values)
    return tuple(Moment(m.name, m.what, float(np.mean([r[m.name] for r in runs])), "synthetic", m.weight)
                 for m in base if math.isfinite(np.mean([r[m.name] for r in runs])))

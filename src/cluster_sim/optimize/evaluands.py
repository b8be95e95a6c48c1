"""What an optimisation evaluates: a runner that returns raw numbers from one run, and the
measures (objectives, constraints) derived from them, paired with a baseline run where needed.

An experiment file names an evaluand (``runner = "cluster-sim"`` or a test problem); it never
names code. The model's evaluand runs a candidate and, under the same future and seed (common
random numbers), the baseline with every package off, because the province target is read
against growth without the cluster (``evidence.target``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from cluster_sim.evidence.target import BUILD_YEARS, UPLIFT, verdict

DISCOUNT_RATE = 0.03  # default rate for the present value of public money (a scenario choice in the file)


@dataclass(frozen=True)
class Evaluand:
    """``run(scenario, params, seed, years) -> {raw name: number}`` runs in a worker (module-level,
    picklable); ``derive(raw, baseline_raw, years, options)`` turns one run's raw numbers (and its
    baseline's, when ``needs_baseline``) into the measures an experiment may optimise."""

    name: str
    run: Callable[..., Mapping[str, float]]
    raw_names: Callable[[int], tuple[str, ...]]
    measures: dict[str, tuple[str, str]]  # name -> (Chinese, English) words
    derive: Callable[..., dict[str, float]]
    needs_baseline: bool
    moved_by: str = ""  # a lever prefix that can move the baseline-relative measures ("" = any lever)


# --- the model ------------------------------------------------------------------------------

SERIES = ("public", "surrounding", "weak")  # yearly series each model run returns, t = 0..years
FINALS = {
    "farmer_income_final_yuan": "farmer_income_per_capita_yuan",
    "low_income_income_final_yuan": "low_income_income_per_capita_yuan",
    "gini_household_final": "gini_household",
    "strong_weak_gap_ratio_final": "strong_weak_gap_ratio",
}

MODEL_MEASURES = {
    "public_cost_pv_yuan": ("政策组合的财政成本现值（元，比基准多付的财政资金）",
                            "public cost of the mix, present value (yuan: government payments over the baseline's)"),
    "public_money_pv_yuan": ("全部财政支付现值（元，含养老金等基准支付）",
                             "all government payments, present value (yuan, incl. the baseline's pensions etc.)"),
    "surrounding_growth": ("周边村建设期后经营性收入年均增长", "surrounding villages' operating-income growth after the build years"),
    "weak_growth": ("薄弱村建设期后经营性收入年均增长", "weak villages' operating-income growth after the build years"),
    "target_margin": ("距省定目标的余量（≥0 为达到）", "margin over the province target (≥ 0: met)"),
    "farmer_income_final_yuan": ("期末农民人均可支配收入（元）", "farmer income per head, final year (yuan)"),
    "low_income_income_final_yuan": ("期末低收入农户人均收入（元）", "low-income households' income per head, final year (yuan)"),
    "gini_household_final": ("期末农户收入基尼系数", "Gini of household income, final year"),
    "strong_weak_gap_ratio_final": ("期末强弱村收入比", "strong/weak villages' income ratio, final year"),
    "over_indebted_share_max": ("超过债务红线的村占比（各年最高）", "share of villages over the debt red line (highest year)"),
}


def model_raw_names(years: int) -> tuple[str, ...]:
    return tuple(f"{s}_t{t}" for s in SERIES for t in range(years + 1)) + (*FINALS, "over_indebted_share_max")


def run_model(scenario: str | None, params: dict[str, Any], seed: int, years: int) -> dict[str, float]:
    """One run → its yearly public money (the ledger's government payments), surrounding and weak
    villages' mean operating income, and the final-year and worst-year numbers."""
    from cluster_sim.evidence.measures import run_with_measures

    table = run_with_measures(scenario, params, seed, years).sort_values("t")
    columns = {"public": "public_money_yuan", "surrounding": "surrounding_operating_mean_yuan",
               "weak": "weak_operating_mean_yuan"}
    out = {f"{s}_t{int(t)}": float(v) for s in SERIES for t, v in zip(table["t"], table[columns[s]])}
    last = table.iloc[-1]
    out.update({name: float(last[column]) for name, column in FINALS.items()})
    out["over_indebted_share_max"] = float((table["villages_over_indebted"] / table["villages"]).max())
    return out


def _series(raw: Mapping[str, float], name: str, years: int) -> np.ndarray:
    return np.array([raw[f"{name}_t{t}"] for t in range(years + 1)], dtype=float)


def present_value(yearly: np.ndarray, rate: float) -> float:
    """Σ_t x_t / (1 + rate)^t, t = 0 the base year."""
    return float(np.sum(yearly / (1.0 + rate) ** np.arange(len(yearly))))


def _after_build_growth(series: np.ndarray) -> float:
    t0, t1 = BUILD_YEARS, len(series) - 1
    if t1 <= t0 or series[t0] <= 0 or series[t1] < 0:
        return math.nan
    return float((series[t1] / series[t0]) ** (1 / (t1 - t0)) - 1)


def derive_model(raw: Mapping[str, float], baseline: Mapping[str, float], years: int,
                 options: Mapping[str, Any]) -> dict[str, float]:
    """The measures of one candidate run against its baseline (same future, same seed)."""
    rate = float(options.get("discount_rate", DISCOUNT_RATE))
    public, public0 = _series(raw, "public", years), _series(baseline, "public", years)
    judged = verdict(_series(baseline, "surrounding", years), _series(raw, "surrounding", years))
    if options.get("target_reading", "relative") == "relative":
        margin = judged.growth - (1 + UPLIFT) * judged.baseline_growth
    else:
        margin = judged.growth - judged.baseline_growth - UPLIFT
    return {"public_cost_pv_yuan": present_value(public - public0, rate),
            "public_money_pv_yuan": present_value(public, rate),
            "surrounding_growth": judged.growth,
            "weak_growth": _after_build_growth(_series(raw, "weak", years)),
            "target_margin": float(margin),
            **{name: float(raw[name]) for name in (*FINALS, "over_indebted_share_max")}}


MODEL = Evaluand("cluster-sim", run_model, model_raw_names, MODEL_MEASURES, derive_model,
                 needs_baseline=True, moved_by="policies.")


# --- a test problem with a known Pareto front -----------------------------------------------

def run_zdt1(scenario: str | None, params: dict[str, Any], seed: int, years: int) -> dict[str, float]:
    """ZDT1 (Zitzler, Deb & Thiele 2000) on x1..xn in [0, 1]: the front is f2 = 1 − √f1 where
    x2..xn = 0. Drives the same machinery as the model (levers, store, backends, resume)."""
    x = np.array([float(params[k]) for k in sorted(params, key=lambda k: int(k[1:]))])
    f1 = float(x[0])
    g = 1.0 + 9.0 * float(x[1:].sum()) / max(len(x) - 1, 1)
    return {"f1": f1, "f2": float(g * (1.0 - math.sqrt(f1 / g)))}


def _zdt1_raw(years: int) -> tuple[str, ...]:
    return ("f1", "f2")


def _derive_identity(raw: Mapping[str, float], baseline: Mapping[str, float] | None, years: int,
                     options: Mapping[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in raw.items()}


ZDT1 = Evaluand("zdt1", run_zdt1, _zdt1_raw, {"f1": ("f1", "f1"), "f2": ("f2", "f2")}, _derive_identity,
                needs_baseline=False)

EVALUANDS = {e.name: e for e in (MODEL, ZDT1)}

"""Sensitivity of outcomes to the uncertainties: Sobol S1/ST or Morris mu*/sigma (SALib).

Outcomes are first averaged over replications at each design point, so the indices speak
of the parameters, not of the model's own noise. With levers the analysis is repeated for
each lever combination (the same futures under each policy option).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from SALib.analyze import morris as salib_morris
from SALib.analyze import sobol as salib_sobol

from ..outputs.cells import write_csv
from .experiment import Experiment, load_experiment
from .parameters import Factor
from .samplers import salib_problem
from .seeds import design_seed
from .sweep import DEFAULT_RESULTS, load_results

METHODS = {"sobol": ("S1", "ST"), "morris": ("mu_star", "sigma")}


def sensitivity(experiment: str | Path | Experiment, results: pd.DataFrame | None = None,
                out: str | Path | None = None, plot: bool = True) -> pd.DataFrame:
    """Indices per outcome (and lever combination), one row per uncertainty.

    ``results`` defaults to the sweep's store in ``out`` (``results/<name>``). With ``out``
    given or results read from it, writes ``sensitivity.csv`` and ``sensitivity.png`` there.
    """
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    if exp.design not in METHODS:
        raise ValueError(f"{exp.source}: sensitivity needs design = 'sobol' or 'morris', "
                         f"this experiment is {exp.design!r}")
    if out is None and results is None:
        out = DEFAULT_RESULTS / exp.name
    if results is None:
        results = load_results(exp, out)
    table = analyze(exp, results)
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
        write_csv(table, Path(out) / "sensitivity.csv")
        if plot:
            plot_indices(exp, table, Path(out) / "sensitivity.png")
    return table


def analyze(exp: Experiment, results: pd.DataFrame) -> pd.DataFrame:
    plan = exp.plan
    names = [o.name for o in exp.outcomes]
    means = results[results["status"] == "ok"].groupby("design_point")[names].mean()
    missing = sorted(set(range(len(plan))) - set(means.index))
    if missing:
        raise ValueError(f"{exp.name}: {len(missing)} of {len(plan)} design points have no successful run "
                         f"(first: {missing[:10]}); Sobol and Morris need every point. Run or resume the sweep.")
    problem = salib_problem(exp.uncertainties)
    points = plan.points()
    labels = {f.key: factor_labels(f) for f in exp.uncertainties}
    rows = []
    for policy in range(plan.n_policies):
        first = policy * plan.n_samples
        policy_values = {f.key: points[first][f.key] for f in exp.levers}
        for outcome in exp.outcomes:
            y = means.loc[first:first + plan.n_samples - 1, outcome.name].to_numpy(dtype=float)
            if not np.all(np.isfinite(y)):
                raise ValueError(f"{exp.name}: outcome {outcome.name!r} is NaN or infinite at some design "
                                 "points; the indices would be meaningless")
            indices = _indices(exp, problem, y)
            for j, factor in enumerate(exp.uncertainties):
                rows.append({"outcome": outcome.name, "outcome_zh": outcome.label, **policy_values,
                             "factor": factor.key, "factor_zh": labels[factor.key][0],
                             "factor_en": labels[factor.key][1],
                             **{k: float(v[j]) for k, v in indices.items()}})
    return pd.DataFrame(rows)


def _indices(exp: Experiment, problem: dict, y: np.ndarray) -> dict[str, np.ndarray]:
    seed = design_seed(exp.root_seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # constant outputs give 0/0 → NaN, said below
        if exp.design == "sobol":
            si = salib_sobol.analyze(problem, y, calc_second_order=exp.second_order, seed=seed)
            return {k: np.asarray(si[k]) for k in ("S1", "S1_conf", "ST", "ST_conf")}
        si = salib_morris.analyze(problem, exp.plan.uncertainty_unit, y, num_levels=exp.levels, seed=seed)
        return {k: np.asarray(si[k], dtype=float) for k in ("mu", "mu_star", "mu_star_conf", "sigma")}


def factor_labels(factor: Factor) -> tuple[str, str]:
    """(Chinese, English) label: from the experiment file, else the parameter registry or
    the policy's field description, else the parameter path."""
    zh, en = factor.label_zh, factor.label
    registered_zh, registered_en = _registered_labels(factor.key)
    return zh or registered_zh or factor.key, en or registered_en or factor.key


def _registered_labels(path: str) -> tuple[str, str]:
    try:
        from cluster_sim.scenario.registry import BY_PATH

        if path in BY_PATH:
            return BY_PATH[path].zh, BY_PATH[path].en
        section, name, key = (path.split(".", 2) + ["", ""])[:3]
        if section == "policies":
            from cluster_sim.policies import registry
            from cluster_sim.policies.base import COMMON_FIELDS

            field = {**COMMON_FIELDS, **registry()[name].FIELDS}[key]
            return "", field.doc
    except Exception:  # noqa: BLE001 - labels are a courtesy; the path always works
        pass
    return "", ""


def _setup_cjk_font() -> None:
    """The project's CJK font set-up when present; else any Noto/CJK sans font matplotlib
    knows; else nothing (Chinese then shows as boxes, the figure is still written)."""
    try:
        from cluster_sim.outputs.figures import setup_cjk_font

        setup_cjk_font()
        return
    except Exception:  # noqa: BLE001 - missing module or no CJK font installed: fall back
        pass
    import matplotlib
    from matplotlib import font_manager

    cjk = sorted({f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name and "Sans" in f.name})
    if cjk:
        matplotlib.rcParams["font.sans-serif"] = [cjk[0], *matplotlib.rcParams["font.sans-serif"]]


def plot_indices(exp: Experiment, table: pd.DataFrame, path: Path, max_panels: int = 12) -> Path:
    """Horizontal bars per outcome (and lever combination), labels in Chinese and English."""
    from matplotlib.figure import Figure  # no pyplot: leaves the caller's backend alone

    _setup_cjk_font()
    first, second = METHODS[exp.design]
    lever_keys = [f.key for f in exp.levers]
    groups = list(table.groupby(["outcome", *lever_keys], sort=False))[:max_panels]
    k = len(exp.uncertainties)
    fig = Figure(figsize=(7.5, (1.0 + 0.55 * k) * len(groups) + 0.5), layout="constrained")
    axes = fig.subplots(len(groups), 1, squeeze=False)[:, 0]
    outcome_zh = {o.name: o.label for o in exp.outcomes}
    for ax, (key, rows) in zip(axes, groups):
        name = key[0] if isinstance(key, tuple) else key
        y = np.arange(len(rows))
        for offset, column, colour in ((-0.2, first, "#1f77b4"), (0.2, second, "#ff7f0e")):
            conf = rows.get(f"{column}_conf")
            ax.barh(y + offset, rows[column], height=0.38, color=colour, label=column,
                    xerr=None if conf is None else conf.to_numpy(), capsize=2)
        ax.set_yticks(y, [zh if zh == en else f"{zh}\n{en}" for zh, en in zip(rows["factor_zh"], rows["factor_en"])],
                      fontsize=8)
        ax.invert_yaxis()
        policy = ", ".join(f"{lk}={v}" for lk, v in zip(lever_keys, key[1:])) if lever_keys else ""
        title = f"{outcome_zh.get(name) or name} / {name}" + (f"\n{policy}" if policy else "")
        ax.set_title(title, fontsize=9)
        ax.axvline(0, color="grey", linewidth=0.5)
        ax.legend(fontsize=7, loc="lower right")
    fig.suptitle(f"{exp.name}: {'Sobol 指数 / Sobol indices' if exp.design == 'sobol' else 'Morris 筛选 / Morris screening'}",
                 fontsize=10)
    fig.savefig(path, dpi=120)
    return path

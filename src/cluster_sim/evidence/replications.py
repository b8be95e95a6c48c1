"""How many replications a comparison needs: the paired-difference SD of the headline outcomes
across seeds, for every scenario of the library against the baseline, turned into the number of
seeds that gives a 95 % interval of a chosen half-width.

With common random numbers, replication k of a scenario and of the baseline share a seed; the
difference d_k has sample SD s, and R replications give mean(d) ± t(0.975, R−1)·s/√R. The
smallest R with t(0.975, R−1)·s/√R ≤ h is the answer for half-width h. The largest answer
across scenarios and outcomes, within [MIN_REPS, MAX_REPS], becomes ``cluster-sim compare``'s
default: written to src/cluster_sim/scenario/data/replications.json, read by
``recommended_replications()``. Rerun with ``cluster-sim dev evidence replications``.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cluster_sim.experiments import load_experiment, run_experiment
from cluster_sim.outputs.indicators import indicator

from .measures import smaller_county
from .provenance import provenance, provenance_lines, results_folder, write_atomic

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parents[1] / "scenario" / "data" / "replications.json"
FALLBACK_REPS = 10  # used when no measurement has been written yet
MIN_REPS, MAX_REPS = 5, 50
LIBRARY = ("flying_land", "pairing", "common_prosperity", "land_consolidation", "tourism", "credit", "full_cluster")

# outcome name → (column, label, half-width wanted, unit): final-year levels of the compare headline,
# labelled as the indicator catalogue calls them
HEADLINE = {key: (column, indicator(column).zh, half, unit) for key, column, half, unit in (
    ("farmer_income", "farmer_income_per_capita_yuan", 200.0, "元"),
    ("operating_mean", "collective_income_operating_mean_yuan", 50_000.0, "元"),
    ("weak_operating_mean", "weak_operating_mean_yuan", 50_000.0, "元"),
    ("low_income_income", "low_income_income_per_capita_yuan", 200.0, "元"),
    ("gini_villages", "gini_collective", 0.005, ""),
)}


@dataclass(frozen=True)
class Plan:
    name: str = "evidence_replications"
    pilot: int = 10  # seeds measured
    years: int = 5
    households: int | None = None
    root_seed: int = 2024


SMALL = Plan(name="evidence_replications_small", pilot=3, years=1, households=1500)


def needed(sd: float, half_width: float, cap: int = 100_000) -> int:
    """The smallest R ≥ 2 with t(0.975, R−1)·sd/√R ≤ half_width."""
    from cluster_sim.report.stats import t_quantile_975

    if not math.isfinite(sd) or sd <= 0:
        return 2
    r = max(2, math.ceil((1.96 * sd / half_width) ** 2))
    while r < cap and t_quantile_975(r - 1) * sd / math.sqrt(r) > half_width:
        r += 1
    return r


def write_experiment(plan: Plan, folder: Path) -> Path:
    """A factorial experiment crossing the baseline and the library, ``pilot`` seeds each."""
    folder.mkdir(parents=True, exist_ok=True)
    scenarios = []
    for name in ("baseline", *LIBRARY):
        source = ROOT / "scenarios" / f"{name}.toml"
        if plan.households is None:
            scenarios.append(str(source) if folder != ROOT / "experiments" else f"../scenarios/{name}.toml")
            continue
        scenarios.append(smaller_county(source, plan.households, folder).relative_to(folder).as_posix())
    outcomes = "\n".join(f'[[outcomes]]\nname = "{k}"\ncolumn = "{c}"\nat = "final"\n'
                         for k, (c, zh, _, _) in HEADLINE.items())
    listed = ", ".join(f'"{s}"' for s in scenarios)
    text = (f"# Replications: paired differences of the headline outcomes, every scenario of the library vs the\n"
            f"# baseline, {plan.pilot} common seeds. Written by `cluster-sim dev evidence replications`.\n"
            f'name = "{plan.name}"\ndescription = "paired-difference SD of the headline outcomes"\n'
            f"years = {plan.years}\nreplications = {plan.pilot}\nroot_seed = {plan.root_seed}\n"
            f'design = "factorial"\n\n[levers.scenario]\nscenarios = [{listed}]\n\n{outcomes}')
    return write_atomic(folder / f"{plan.name}.toml", text)


def paired_table(results: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """One row per (scenario, outcome): mean and SD of the paired difference, level SD, R needed."""
    ok = results[results["status"] == "ok"].copy()
    ok["scenario_name"] = [names[p] for p in ok["design_point"]]
    base = ok[ok["scenario_name"] == names[0]].set_index("replication")
    rows = []
    for name in names[1:]:
        runs = ok[ok["scenario_name"] == name].set_index("replication")
        common = runs.index.intersection(base.index)
        for key, (_, zh, half, unit) in HEADLINE.items():
            diff = runs.loc[common, key] - base.loc[common, key]
            sd = float(diff.std(ddof=1)) if len(diff) > 1 else math.nan
            rows.append({"scenario": name, "outcome": key, "outcome_zh": zh, "unit": unit, "pilot": len(diff),
                         "mean_difference": float(diff.mean()), "sd_difference": sd,
                         "sd_level": float(runs.loc[common, key].std(ddof=1)) if len(diff) > 1 else math.nan,
                         "half_width": half, "replications_needed": needed(sd, half)})
    return pd.DataFrame(rows)


def recommend(table: pd.DataFrame) -> int:
    return int(min(MAX_REPS, max(MIN_REPS, int(table["replications_needed"].max()))))


def recommended_replications(path: Path = DATA) -> int:
    """``cluster-sim compare``'s default number of replications: the measured recommendation
    (see this module), or FALLBACK_REPS before any measurement was written."""
    try:
        return int(json.loads(Path(path).read_text(encoding="utf-8"))["recommended_replications"])
    except (OSError, KeyError, ValueError, TypeError):
        return FALLBACK_REPS


def measure(plan: Plan = Plan(), experiments: Path | None = None, results: Path | None = None,
            doc: Path | None = None, data: Path | None = DATA, workers: int | None = None,
            command: str = "cluster-sim dev evidence replications") -> pd.DataFrame:
    """Run the pilot (resuming), write docs/replications.md and the recommendation."""
    start = time.perf_counter()
    experiment = load_experiment(write_experiment(plan, experiments or ROOT / "experiments"))
    out = results_folder(results or ROOT / "results", plan.name)
    frame = run_experiment(experiment, backend="local", workers=workers, resume=True, out=out, progress=False)
    names = [Path(s).stem for s in experiment.scenario_factor.values]
    table = paired_table(frame, names)
    meta = provenance(command, time.perf_counter() - start)
    reps = recommend(table)
    if data is not None:
        payload = {"recommended_replications": reps, "pilot_seeds": plan.pilot, "years": plan.years,
                   "half_widths": {k: v[2] for k, v in HEADLINE.items()}, "provenance": meta,
                   "note": "read by cluster_sim.evidence.replications.recommended_replications(); "
                           "cluster-sim compare's default --reps"}
        write_atomic(data, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    write_atomic(doc or ROOT / "docs" / "replications.md", render(table, plan, reps, meta))
    return table


SECTIONS = ("## 方法 Method", "## 结果 Results", "## 推荐 Recommendation")


def render(table: pd.DataFrame, plan: Plan, reps: int, meta: dict) -> str:
    lines = ["# 重复次数 Replications needed", "",
             f"Generated by `{meta['command']}`; do not edit by hand.", "", *provenance_lines(meta), "",
             SECTIONS[0], "",
             f"Each scenario of the library and the baseline run with the same {plan.pilot} seeds for {plan.years} "
             "years" + ("" if plan.households is None else f" (a county of {plan.households:,} households)") + ". "
             "For each headline outcome (final year) the paired difference scenario − baseline has SD s; "
             "R replications give a 95 % interval mean ± t(0.975, R−1)·s/√R, and the table shows the smallest R "
             "whose half-width is at most the one wanted. `sd level` is the SD of the scenario's level across "
             "seeds: where the paired SD is far below it, common random numbers are doing their work.", "",
             "Half-widths wanted: " + "; ".join(f"{zh} ± {half:g} {unit}".strip()
                                                for _, (_, zh, half, unit) in HEADLINE.items()) + ".", "",
             SECTIONS[1], "",
             "| scenario | outcome | mean difference | sd difference | sd level | sd ratio | R needed |",
             "|---|---|---|---|---|---|---|"]
    for _, r in table.iterrows():
        ratio = r["sd_difference"] / r["sd_level"] if r["sd_level"] > 0 else math.nan
        lines.append(f"| {r['scenario']} | {r['outcome_zh']} | {_num(r['mean_difference'])} | "
                     f"{_num(r['sd_difference'])} | {_num(r['sd_level'])} | {_num(ratio)} | {r['replications_needed']} |")
    worst = table.sort_values("replications_needed", ascending=False).iloc[0]
    lines += ["", SECTIONS[2], "",
              f"**{reps} replications** (the largest R above, {worst['scenario']} / {worst['outcome_zh']}: "
              f"{worst['replications_needed']}, kept within [{MIN_REPS}, {MAX_REPS}]). `cluster-sim compare` uses it "
              "as its default `--reps`; it reads src/cluster_sim/scenario/data/replications.json.", ""]
    return "\n".join(lines)


def _num(x: float) -> str:
    if not math.isfinite(x):
        return "—"
    return f"{x:.4f}" if abs(x) < 10 else f"{x:,.0f}"

"""Scenario discovery for the chosen mix: run it over many more futures than the search used,
then ask PRIM (EMA Workbench) which ranges of the uncertain parameters hold the futures where it
misses the target — "it fails when …".

The mix is the cheapest one meeting the target in ≥ 80 % of the search's futures, else the
most robust. Its runs go to ``<out>/discovery`` (their own run store: other futures, same seeds),
so they resume like the search's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from cluster_sim.experiments.store import ResultStore

from .evaluation import Candidate, Evaluations, futures, problem_digest, store_schema
from .spec import COST, MEETS_SHARE, ROBUSTNESS, OptimizeSpec

MIN_CASES = 3  # PRIM needs this many futures on each side (failing and meeting)
MIN_COVERAGE = 0.5  # the box chosen on PRIM's peeling trajectory holds at least half the failures


@dataclass
class Discovery:
    candidate: str
    table: pd.DataFrame  # one row a future: its uncertain values, target_margin, failed
    box: pd.DataFrame | None  # restricted parameters: low, high (PRIM), None when PRIM could not run
    coverage: float
    density: float
    note: str  # why there is no box, when there is none
    runs_done: int = 0  # runs this call ran for it


def meeting(candidates: pd.DataFrame, mode: str, share: float = MEETS_SHARE) -> pd.DataFrame:
    """Candidates meeting the target (in ≥ ``share`` of futures in robust mode, in the reference
    future otherwise) whose runs all succeeded, cheapest first."""
    if "target_margin" not in candidates or candidates.empty:
        return candidates.iloc[0:0]
    meets = candidates[ROBUSTNESS] >= share if mode == "robust" else candidates["target_margin"] >= 0
    return candidates[meets & ~candidates["runs_failed"]].sort_values(COST, kind="stable")


def chosen_mix(candidates: pd.DataFrame, mode: str, share: float = MEETS_SHARE) -> pd.Series | None:
    """The cheapest candidate meeting the target, else the most robust (ties: the one closest to
    the target on average, then the cheaper)."""
    meets = meeting(candidates, mode, share)
    if len(meets):
        return meets.iloc[0]
    if "target_margin" not in candidates:
        return None
    rest = candidates[~candidates["runs_failed"]]
    if rest.empty:
        return None
    return rest.sort_values([ROBUSTNESS, "target_margin", COST], ascending=[False, False, True],
                            kind="stable").iloc[0]


def discover(spec: OptimizeSpec, candidates: pd.DataFrame, out: Path, pool, bar, share: float, count: int) -> Discovery | None:
    """Run the chosen mix over ``count`` futures and find where it fails."""
    row = chosen_mix(candidates, spec.mode, share)
    if row is None or not spec.uncertainties or count < 2:
        return None
    wide = replace(spec, mode="robust", futures=count)
    store = ResultStore(Path(out) / "discovery", store_schema(wide), problem_digest(wide))
    store.check_strangers()
    evaluations = Evaluations(wide, store, pool, bar)
    candidate = Candidate({f.key: (row[f.key].item() if hasattr(row[f.key], "item") else row[f.key])
                           for f in spec.levers})
    evaluations.evaluate([candidate])
    store.compact()
    table = pd.DataFrame(futures(wide))
    table["target_margin"] = [m.get("target_margin", float("nan")) for m in evaluations.per_future[candidate.key]]
    table["failed"] = ~(table["target_margin"] >= 0)
    box, coverage, density, note = _prim(table[[f.key for f in spec.uncertainties]], table["failed"])
    return Discovery(candidate.key, table, box, coverage, density, note, evaluations.runs_done)


def _prim(x: pd.DataFrame, failed: pd.Series):
    fails = int(failed.sum())
    if fails < MIN_CASES or len(failed) - fails < MIN_CASES:
        return None, float("nan"), float("nan"), (f"{fails} of {len(failed)} futures fail: too few on one side "
                                                   f"for PRIM (it needs {MIN_CASES} each)")
    try:
        import logging
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from ema_workbench.analysis import prim
        logging.getLogger("EMA").setLevel(logging.WARNING)
    except ImportError:
        return None, float("nan"), float("nan"), "EMA Workbench is not installed (pip install 'cluster-sim[explore]'): no PRIM box"
    finder = prim.Prim(x.astype(float), failed.to_numpy(bool), peel_alpha=0.1)
    box = finder.find_box()
    trajectory = box.peeling_trajectory
    eligible = trajectory[trajectory["coverage"] >= MIN_COVERAGE]
    chosen = int(eligible.sort_values(["density", "coverage"], ascending=False).index[0])
    box.select(chosen)
    limits, initial = box.box_lim, finder.box_init
    restricted = [c for c in limits.columns if (limits[c] != initial[c]).any()]
    table = pd.DataFrame({"parameter": restricted, "low": [float(limits[c].iloc[0]) for c in restricted],
                          "high": [float(limits[c].iloc[1]) for c in restricted],
                          "range_low": [float(initial[c].iloc[0]) for c in restricted],
                          "range_high": [float(initial[c].iloc[1]) for c in restricted]})
    return table, float(trajectory.loc[chosen, "coverage"]), float(trajectory.loc[chosen, "density"]), ""

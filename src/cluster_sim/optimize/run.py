"""``optimize``: check the file, take the output folder, search, write the results."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from cluster_sim.evidence.provenance import write_atomic
from cluster_sim.experiments.evaluators import make_backend
from cluster_sim.experiments.store import ResultStore, check_sweep_folder
from cluster_sim.experiments.sweep import DEFAULT_RESULTS, ResultsExist
from cluster_sim.outputs.folders import GENERATOR, writer_lock
from cluster_sim.progress import bar as progress_bar

from .discovery import Discovery, discover
from .evaluation import Evaluations, problem_digest, store_schema, validate_levers
from .search import History, run_search
from .outputs import write_outputs
from .spec import MEETS_SHARE, OptimizeSpec, load_spec
from .tables import add_regret, candidate_table, convergence_table, future_table


@dataclass
class Optimisation:
    """A finished search: every candidate evaluated, the front, and the convergence record."""

    spec: OptimizeSpec
    out: Path
    candidates: pd.DataFrame
    front: pd.DataFrame
    convergence: pd.DataFrame
    futures: pd.DataFrame  # candidate × future: the future's values and the measures in it
    history: History
    runs_done: int  # runs this call ran (the rest were on disk)
    seconds: float
    discovery: Discovery | None = None  # where the chosen mix fails (when the file asks for discovery_futures)
    folder_seconds: float = 0.0  # wall time of every call on this folder (a resumed search's whole cost)


def optimize(spec: str | Path | OptimizeSpec, out: str | Path | None = None, backend: str = "local",
             workers: int | None = None, scheduler: str | None = None, resume: bool = False,
             progress: bool | None = None, small: bool = False) -> Optimisation:
    """Search ``spec``'s levers; runs go to ``out/runs`` (default ``results/<name>``), the tables
    and figures beside them. Without ``resume`` a folder already holding runs is refused."""
    import time

    start = time.perf_counter()
    spec = spec if isinstance(spec, OptimizeSpec) else load_spec(spec, small=small)
    validate_levers(spec)
    out = Path(out) if out is not None else DEFAULT_RESULTS / spec.name
    store = ResultStore(out, store_schema(spec), problem_digest(spec))
    with writer_lock(out, check_sweep_folder):
        store.check_strangers()
        on_disk = store.run_ids()
        if on_disk and not resume:
            raise ResultsExist(f"{out} already holds {len(on_disk)} runs; resume them (--resume / resume=True) "
                               "or choose another output folder (--out)")
        _write_manifest(out, spec)
        per_candidate = spec.futures * spec.replications
        total = per_candidate * (spec.population * spec.generations + spec.evaluand.needs_baseline)
        total += 2 * spec.discovery_futures * spec.replications
        bar = progress_bar(total, spec.name, "run", progress)
        try:
            with make_backend(backend, workers, scheduler) as pool:
                evaluations = Evaluations(spec, store, pool, bar)
                history = run_search(spec, evaluations)
                store.compact()
                by_future = future_table(spec, evaluations, history)
                candidates = add_regret(spec, candidate_table(spec, evaluations, history), by_future)
                found = discover(spec, candidates, out, pool, bar, MEETS_SHARE, spec.discovery_futures)
        finally:
            bar.close()
        convergence = convergence_table(spec, candidates, history)
        result = Optimisation(spec, out, candidates, candidates[candidates["on_front"]].reset_index(drop=True),
                              convergence, by_future, history,
                              evaluations.runs_done + (found.runs_done if found else 0), time.perf_counter() - start,
                              found)
        result.folder_seconds = _add_wall_time(out, result.seconds)
        write_outputs(result)
    return result


def _add_wall_time(out: Path, seconds: float) -> float:
    """Add this call's wall time to ``timing.json``: a resumed search (or a page regenerated from
    saved runs) still reports what the whole search cost."""
    path = out / "timing.json"
    try:
        before = float(json.loads(path.read_text(encoding="utf-8")).get("wall_seconds", 0.0))
    except (OSError, ValueError, AttributeError, TypeError):
        before = 0.0
    total = before + seconds
    write_atomic(path, json.dumps({"wall_seconds": round(total, 1)}))
    return total


def _write_manifest(out: Path, spec: OptimizeSpec) -> None:
    """``experiment.json``, the marker that makes the folder a run folder of this program (so a
    resume may add to it) and the record of what the search was."""
    from cluster_sim.outputs.manifest import git_commit, versions

    out.mkdir(parents=True, exist_ok=True)
    path = out / "experiment.json"
    if path.is_file() and not path.is_symlink():
        return
    source = Path(spec.source)
    manifest = {"generator": GENERATOR, "kind": "optimize", "name": spec.name, "description": spec.description,
                "source": str(source.resolve()), "experiment_toml": source.read_text(encoding="utf-8"),
                "problem_sha256": problem_digest(spec), "root_seed": spec.root_seed, "runner": spec.runner,
                "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "versions": versions(), "git_commit": git_commit()}
    write_atomic(path, json.dumps(manifest, indent=2, ensure_ascii=False))

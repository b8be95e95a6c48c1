"""Run an experiment: specs → backend → store, resumable, with progress and a summary."""

from __future__ import annotations

import functools
import math
from collections import deque
from pathlib import Path

import pandas as pd

from cluster_sim.outputs.folders import writer_lock
from cluster_sim.progress import bar as progress_bar

from .evaluators import Backend, TaskFailed, make_backend
from .experiment import Experiment, load_experiment
from .runs import ChunkResult, RunSpec, result_row, run_chunk
from .store import ResultStore, check_sweep_folder

DEFAULT_RESULTS = Path("results")
BATCH_SECONDS = 1.0  # work per batch once run times are known: a crash loses about this much a worker


class ResultsExist(FileExistsError):
    """The output folder already holds results and resuming was not asked for."""


class Batches:
    """Cuts the runs into batches sized from the run times seen so far.

    The first batches hold one run; then about ``seconds`` of work, and never more than a
    share of what is left, so all workers stay busy until the end. Models taking seconds
    a run are sent one at a time; microsecond test functions in large batches. A batch the
    backend gave up on comes back through ``split`` as single runs, so one bad run does
    not take its batch-mates down with it.
    """

    def __init__(self, specs: list[RunSpec], backend: Backend, seconds: float = BATCH_SECONDS):
        self.specs, self.backend, self.seconds = specs, backend, seconds
        self.start = 0
        self.singles: deque[list[RunSpec]] = deque()
        self.runs_timed, self.time_spent = 0, 0.0

    def observe(self, runs: int, seconds: float) -> None:
        self.runs_timed += runs
        self.time_spent += seconds

    def split(self, batch: list[RunSpec]) -> None:
        self.singles.extend([spec] for spec in batch)

    def __iter__(self) -> Batches:
        return self

    def __next__(self) -> list[RunSpec]:
        if self.singles:
            return self.singles.popleft()
        remaining = len(self.specs) - self.start
        if remaining <= 0:
            raise StopIteration
        size = 1
        if self.runs_timed:
            size = int(self.seconds / max(self.time_spent / self.runs_timed, 1e-7))
        size = max(1, min(size, math.ceil(remaining / (2 * self.backend.workers))))
        self.start += size
        return self.specs[self.start - size:self.start]


def run_experiment(experiment: str | Path | Experiment, backend: str = "local", workers: int | None = None,
                   scheduler: str | None = None, resume: bool = False, out: str | Path | None = None,
                   progress: bool | None = None, retry_failed: bool = False) -> pd.DataFrame:
    """Run every run of ``experiment`` not yet in ``out`` and return all its results.

    ``out`` defaults to ``results/<experiment name>``. Without ``resume`` an output folder
    that already holds runs is an error (``ResultsExist``), so nothing is mixed by accident;
    ``retry_failed`` (implies ``resume``) runs the failed runs again. A folder holding files
    a sweep did not write is refused, and two sweeps cannot write one folder at once
    (``OutputError``). Parameters and outcome columns are checked before the first run.
    ``progress``: show a progress bar (None: in a terminal or a notebook; tqdm.auto).
    """
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    specs = exp.run_specs()
    exp.validate_points()
    exp.validate_outcomes()
    store = ResultStore.for_experiment(exp, out if out is not None else DEFAULT_RESULTS / exp.name, specs)
    with writer_lock(store.directory, check_sweep_folder):
        return _run(exp, specs, store, backend, workers, scheduler, resume or retry_failed, retry_failed, progress)


def _run(exp: Experiment, specs: list[RunSpec], store: ResultStore, backend: str, workers: int | None,
         scheduler: str | None, resume: bool, retry_failed: bool, progress: bool | None) -> pd.DataFrame:
    store.check_strangers()  # before reading: parts of an edited design or a user's file are never mixed in
    on_disk = store.run_ids()
    if on_disk and not resume:
        raise ResultsExist(f"{store.directory} already holds {len(on_disk)} runs; resume them "
                           "(--resume / resume=True) or choose another output folder (--out)")
    if retry_failed:
        failed = store.failed_ids() & {spec.run_id for spec in specs}
        store.forget(failed)
        on_disk -= failed
    store.write_manifest(exp, len(specs))
    todo = [spec for spec in specs if spec.run_id not in on_disk]
    bar = progress_bar(len(specs), exp.name, "run", progress, initial=len(specs) - len(todo))
    try:
        if todo:
            with make_backend(backend, workers, scheduler) as runner_pool:
                run_into_store(todo, runner_pool, exp.runner_function, exp.outcomes, store, bar)
    finally:
        bar.close()
    store.compact()
    return store.load(spec.run_id for spec in specs)


def run_into_store(todo: list[RunSpec], runner_pool: Backend, runner, outcomes, store: ResultStore,
                   bar) -> list[dict]:
    """Run ``todo`` on ``runner_pool`` in timed batches, writing each finished batch to ``store``
    atomically (a kill loses only the runs in flight); returns the rows written. A batch the
    backend gave up on is run again as single runs, so one bad run fails alone."""
    failures, written = 0, []
    batches = Batches(todo, runner_pool)
    task = functools.partial(run_chunk, runner, outcomes)
    for batch, result in runner_pool.imap_unordered(task, batches):
        if isinstance(result, ChunkResult):
            rows = result.rows
            batches.observe(len(batch), result.seconds)
        elif len(batch) > 1:
            batches.split(batch)
            continue
        else:
            rows = [result_row(batch[0], outcomes, "failed", _failure_text(result))]
        store.write(rows)
        written += rows
        failures += sum(row["status"] != "ok" for row in rows)
        bar.set_postfix_str(f"failed={failures}", refresh=False)
        bar.update(len(rows))
    return written


def load_results(experiment: str | Path | Experiment, out: str | Path | None = None) -> pd.DataFrame:
    """The runs of ``experiment`` found in ``out`` (default ``results/<name>``), sorted by
    (design_point, replication); rows left there by other versions of the experiment stay out."""
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    specs = exp.run_specs()
    store = ResultStore.for_experiment(exp, out if out is not None else DEFAULT_RESULTS / exp.name, specs)
    return store.load(spec.run_id for spec in specs)


def _failure_text(failure: TaskFailed) -> str:
    return f"the backend lost this run: {failure.message}"


def summary(results: pd.DataFrame, max_listed: int = 20) -> str:
    """A short text on how a sweep went, listing failed runs with the last line of their error."""
    failed = results[results["status"] != "ok"]
    lines = [f"{len(results)} runs: {len(results) - len(failed)} ok, {len(failed)} failed"]
    columns = list(results.columns)
    factor_columns = columns[columns.index("seed") + 1: columns.index("status")]
    for _, row in failed.head(max_listed).iterrows():
        last = (row["error"] or "").strip().splitlines()[-1:] or ["(no message)"]
        factors = {k: row[k] for k in factor_columns}
        lines.append(f"  failed {row['run_id']} design point {row['design_point']} replication "
                     f"{row['replication']} seed {row['seed']} {factors}: {last[0]}")
    if len(failed) > max_listed:
        lines.append(f"  ... and {len(failed) - max_listed} more (column 'error' holds each traceback)")
    return "\n".join(lines)


"""Every multi-run command's way to run a list of runs: through the sweep's backends (serial,
local processes, Dask), results back in the list's order.

The sweep streams results into its store and records failures; a comparison or an evidence
page needs all of its runs or none, so here the first run that fails stops the work and is
raised as ``RunFailed`` (a worker that dies is retried first, by the backend). Results are put
back in input order, so the outcome is the same on any backend and worker count.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..scenario.errors import ScenarioError
from .evaluators import TaskFailed, make_backend

Item = TypeVar("Item")


class RunFailed(RuntimeError):
    """A run of a multi-run command failed; the message names the run and holds its traceback."""


def default_backend(backend: str | None, scheduler: str | None) -> str:
    """The backend a command's flags ask for: dask when a scheduler is named, else local."""
    if scheduler and backend not in (None, "dask"):
        raise ScenarioError("command line", "--scheduler", f"needs the dask backend, not --backend {backend}",
                            "--backend dask, or leave --backend out")
    return backend or ("dask" if scheduler else "local")


def run_ordered(task: Callable[[Item], Any], items: Sequence[Item], *, backend: str | None = None,
                workers: int | None = None, scheduler: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                describe: Callable[[Item], str] = repr) -> list[Any]:
    """``[task(item) for item in items]``, run on ``backend`` (default local processes; serial
    when one worker is asked for or there is one item)."""
    total = len(items)
    workers = max(1, min(workers or os.cpu_count() or 1, total or 1))
    name = default_backend(backend, scheduler)
    if name == "local" and workers == 1:
        name = "serial"  # no process to start for one worker
    if progress:
        progress(0, total)
    results: dict[int, Any] = {}
    with make_backend(name, workers, scheduler) as pool:
        for (index, item), result in pool.imap_unordered(_indexed(task), list(enumerate(items))):
            if isinstance(result, TaskFailed):
                raise RunFailed(f"run {describe(item)} failed:\n{result.message}")
            results[index] = result
            if progress:
                progress(len(results), total)
    return [results[i] for i in range(total)]


class _indexed:
    """``task`` applied to the item of an ``(index, item)`` pair (picklable, unlike a lambda)."""

    def __init__(self, task: Callable[[Any], Any]):
        self.task = task

    def __call__(self, pair: tuple[int, Any]) -> Any:
        return self.task(pair[1])

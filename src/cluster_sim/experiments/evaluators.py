"""Where runs execute: serial, local processes, or a Dask cluster, behind one interface.

A backend takes a picklable ``task`` and an iterable of work items and yields
``(item, result)`` as each item finishes, in whatever order. It knows nothing of models or
experiments. When a worker process dies the item is retried; an item that keeps killing
workers, or whose task raises, comes back as a ``TaskFailed`` instead of a result.

Items are pulled from the iterable only when a worker is free, so the caller may decide
the next item from the results so far (the sweep sizes its batches this way).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import traceback
from abc import ABC, abstractmethod
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from .lifeline import pool_options

BACKENDS = ("serial", "local", "dask")
MAX_ATTEMPTS = 2  # deaths of a worker running an item alone before the item is given up


@dataclass(frozen=True)
class TaskFailed:
    """An item the backend could not get a result for, and why."""

    message: str


class Backend(ABC):
    """Runs ``task(item)`` for many items; use as a context manager."""

    workers: int = 1

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release workers (processes, cluster)."""

    @abstractmethod
    def imap_unordered(self, task: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, task(item) or TaskFailed)`` as items finish."""


class SerialBackend(Backend):
    """In this process, one item after the other: for debugging and for tiny sweeps."""

    def imap_unordered(self, task, items):
        for item in items:
            try:
                result = task(item)
            except Exception:  # noqa: BLE001 - the task failed, the sweep goes on
                result = TaskFailed(traceback.format_exc())
            yield item, result


class LocalBackend(Backend):
    """A ``ProcessPoolExecutor`` of ``workers`` processes on this machine.

    At most ``workers`` items are in flight. When a worker dies the pool breaks and every
    item in flight is lost; the pool is restarted and the lost items are run again one at a
    time, so that a death can be blamed on the one item that was running. An item that
    kills its worker ``MAX_ATTEMPTS`` times comes back as ``TaskFailed``. Workers end when
    this process dies, even by ``kill -9`` (see ``lifeline``).
    """

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        # spawn: workers start clean with this process's current environment and sys.path
        # (fork copies threads and locks; forkserver keeps the environment of its first use).
        self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _fresh_pool(self) -> ProcessPoolExecutor:
        self.close()
        self._pool = ProcessPoolExecutor(self.workers, mp_context=self._context, **pool_options())
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def imap_unordered(self, task, items):
        source = iter(items)
        suspects: deque[tuple[int, Any]] = deque()  # lost in a break: rerun alone
        unsent: deque[tuple[int, Any]] = deque()    # refused by a pool that had broken: never ran
        deaths: Counter[int] = Counter()
        pending: dict[Future, tuple[int, Any]] = {}
        pool = self._pool or self._fresh_pool()
        counter = 0

        def submit(entry: tuple[int, Any]) -> bool:
            # a worker may die between two submits: the pool then refuses new work at once
            try:
                pending[pool.submit(task, entry[1])] = entry
                return True
            except BrokenProcessPool:
                unsent.appendleft(entry)
                return False

        while True:
            broken = False
            if suspects:
                if not pending:
                    broken = not submit(suspects.popleft())
            else:
                while len(pending) < self.workers and not broken:
                    if unsent:
                        entry = unsent.popleft()
                    else:
                        item = next(source, _END)
                        if item is _END:
                            break
                        entry = (counter, item)
                        counter += 1
                    broken = not submit(entry)
            if not pending and not broken:
                return
            done = wait(pending, return_when=FIRST_COMPLETED)[0] if pending else set()
            if not broken and not any(_outcome(f) is _BROKEN for f in done):
                for future in done:
                    yield pending.pop(future)[1], _outcome(future)
                continue
            # The pool broke: all items in flight are lost, except those that finished first.
            wait(pending)  # a broken pool settles every future it holds
            in_flight, lost = list(pending.items()), []
            pending.clear()
            for future, entry in in_flight:
                outcome = _outcome(future)
                if outcome is _BROKEN:
                    lost.append(entry)
                else:
                    yield entry[1], outcome
            if len(lost) == 1:  # it ran alone, so it is the one that killed its worker
                deaths[lost[0][0]] += 1
                if deaths[lost[0][0]] >= MAX_ATTEMPTS:
                    yield lost[0][1], TaskFailed(
                        f"a worker process died {MAX_ATTEMPTS} times while running this "
                        "(killed by the OS, out of memory, or os._exit in the model)")
                else:
                    suspects.appendleft(lost[0])
            else:
                suspects.extend(lost)
            self.restarts += 1
            pool = self._fresh_pool()


_END = object()
_BROKEN = object()


def _outcome(future: Future) -> Any:
    error = future.exception()
    if error is None:
        return future.result()
    if isinstance(error, BrokenProcessPool):
        return _BROKEN
    return TaskFailed("".join(traceback.format_exception(error)))


class DaskBackend(Backend):
    """A Dask cluster: a ``LocalCluster`` of ``workers`` processes started here, or an
    existing scheduler at ``scheduler`` (e.g. one started by dask-jobqueue on an HPC system).

    Uses ``client.submit`` and ``as_completed``; Dask reschedules the work of a worker that
    dies (up to its ``distributed.scheduler.allowed-failures``) and ``retries`` covers
    errors in the task itself.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None, retries: int = 2):
        from distributed import Client, LocalCluster

        self.retries = retries
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                         processes=True, dashboard_address=None,
                                         silence_logs=logging.ERROR)
            self.client = Client(self._cluster)

    @property
    def workers(self) -> int:
        """Worker threads now (a jobqueue cluster may still be growing)."""
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def imap_unordered(self, task, items):
        from distributed import as_completed

        source = iter(items)
        pending: dict[str, Any] = {}
        finished = as_completed()

        def top_up() -> None:
            # Two items a worker keep workers busy while results travel back.
            while len(pending) < 2 * self.workers:
                item = next(source, _END)
                if item is _END:
                    return
                future = self.client.submit(task, item, retries=self.retries, pure=False)
                pending[future.key] = item
                finished.add(future)

        top_up()
        for future in finished:
            item = pending.pop(future.key)
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - KilledWorker, cancelled, lost: the sweep goes on
                result = TaskFailed(f"{type(error).__name__}: {error}")
            future.release()
            yield item, result
            top_up()


def make_backend(name: str = "local", workers: int | None = None, scheduler: str | None = None) -> Backend:
    if scheduler and name != "dask":
        raise ValueError(f"--scheduler needs the dask backend, not {name!r}")
    if name == "serial":
        return SerialBackend()
    if name == "local":
        return LocalBackend(workers)
    if name == "dask":
        return DaskBackend(workers, scheduler)
    raise ValueError(f"unknown backend {name!r}; one of {', '.join(BACKENDS)}")

"""The dashboard's simulations and charts, off the server: worker processes run the model and
draw the charts, and hand back plain data (a :class:`Snapshot`, PNG bytes) the page shows.

Why: a click used to cost ~1.4 CPU-seconds (the model, matplotlib, Solara) in the one
GIL-bound server process, so ten groups clicking together waited for each other on one core.
A process pool shared by all sessions uses every core, and the server keeps only settings
and snapshots, so its memory no longer grows with live models.

A run is a pure function of (scenario, seed, overrides). A worker keeps a live model, keyed by
the run's settings (whichever session asked), to continue "one more year" without replaying; a
request that lands on another worker replays from the start — the same numbers, bit for bit.
"""

from __future__ import annotations

import atexit
import ctypes
import hashlib
import io
import json
import multiprocessing
import os
import signal
import threading
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..accounts import COLLECTIVE_SOURCES, HOUSEHOLD_SOURCES
from ..classroom.metrics import RunTables
from ..model import ClusterModel
from ..policies import registry as policy_registry
from ..policies.base import Use
from ..scenario import Scenario
from .memory import give_back_memory, outside_kernel

MONTHS = 12
# A live model is ~45 MB; one per worker continues a group's run when its next click lands on the
# same worker (a replay from the start costs ~0.1 CPU-s per year otherwise).
LIVE_MODELS_PER_WORKER = 1
# A dropped model is collected (a full gc pass, ~0.1 CPU-s) once the worker has been idle this
# long, not after every request: during a burst of clicks the collections would queue behind them.
IDLE_COLLECT_S = 1.0
# per-village arrays a snapshot copies out of ``model.villages`` (map, village card, flags)
VILLAGE_FIELDS = ("name", "x_km", "y_km", "is_partner", "is_strong", "is_weak", "is_key", "cluster", "households",
                  "scenic", "specialty", "operating_income_last", "total_income_last", "cash", "debt", "debt_ratio")


@dataclass(frozen=True)
class Snapshot:
    """What the page shows of a run at one moment, as plain data (no live model)."""

    steps: int  # months stepped since the start
    year_index: int
    month: int
    years: int  # the horizon: the base year plus ``years`` more
    start_year: int
    running: bool
    tables: RunTables
    villages: SimpleNamespace  # VILLAGE_FIELDS and ``income_by_source`` (per collective source), per village
    household_income: dict  # {"all"|"low_income": {source…, "members", "households": per-village array}}
    clusters: pd.DataFrame
    layout: SimpleNamespace  # edges, partner_name
    uses: dict  # package name -> policies.base.Use
    policies: tuple[str, ...]

    @property
    def calendar_year(self) -> int:
        return self.start_year + self.year_index

    @property
    def county_rows(self) -> pd.DataFrame:
        return self.tables.tables["county_year"]

    @property
    def county(self) -> dict:
        """The last closed year's county figures (empty before the base year closes), as ``model.county``."""
        rows = self.county_rows
        return rows.iloc[-1].to_dict() if len(rows) else {}

    @property
    def last_closed(self) -> int:
        return len(self.county_rows) - 1

    def accounts(self, index: int) -> dict:
        """One village's collective accounts, as ``Village.accounts``."""
        v = self.villages
        out = {s: float(v.income_by_source[s][index]) for s in COLLECTIVE_SOURCES}
        out.update(operating=float(v.operating_income_last[index]), total=float(v.total_income_last[index]),
                   cash=float(v.cash[index]), debt=float(v.debt[index]), debt_ratio=float(v.debt_ratio[index]))
        return out


def steps_of(model: ClusterModel) -> int:
    return model.year_index * MONTHS + model.month


def package_uses(model: ClusterModel) -> dict[str, Use]:
    """Per package in the model: what it paid and reached so far (``Policy.uses``)."""
    return {p.name: p.uses() for p in model.policies}


def snapshot_of(model: ClusterModel) -> Snapshot:
    v, h = model.villages, model.households
    n = len(v.name)
    villages = SimpleNamespace(**{f: np.array(getattr(v, f), copy=True) for f in VILLAGE_FIELDS},
                               income_by_source={s: np.array(v.income_by_source[s], copy=True)
                                                 for s in COLLECTIVE_SOURCES})
    income = {}
    for group, sel in (("all", np.ones(len(h.village), bool)), ("low_income", np.asarray(h.low_income, bool))):
        at = h.village[sel]
        income[group] = {s: np.bincount(at, weights=h.income_by_source[s][sel], minlength=n) for s in HOUSEHOLD_SOURCES}
        income[group]["members"] = np.bincount(at, weights=h.members[sel], minlength=n)
        income[group]["households"] = np.bincount(at, minlength=n)
    return Snapshot(
        steps=steps_of(model), year_index=model.year_index, month=model.month, years=model.years,
        start_year=int(model.params["simulation"]["start_year"]), running=bool(model.running),
        tables=RunTables.of(model), villages=villages, household_income=income, clusters=model.clusters.copy(),
        layout=SimpleNamespace(edges=list(model.layout.edges), partner_name=model.layout.partner_name),
        uses=package_uses(model), policies=tuple(p.name for p in model.policies))


def run_key(spec: Scenario, seed: int, overrides: dict[str, Any]) -> str:
    blob = json.dumps([spec.data, seed, sorted(overrides.items())], sort_keys=True, default=str)
    return hashlib.sha1(blob.encode()).hexdigest()


# --- in the worker -------------------------------------------------------------------------
_LIVE: OrderedDict[str, ClusterModel] = OrderedDict()
_COLLECT: threading.Timer | None = None


def simulate(spec: Scenario, seed: int, overrides: dict[str, Any], steps: int) -> Snapshot:
    """The run of these settings after ``steps`` months (or at its end): continued from this
    worker's live model of the same settings when it has one not past ``steps``, else from the
    start."""
    key = run_key(spec, seed, overrides)
    _cancel_collect()
    model = _LIVE.pop(key, None)
    if model is None or steps_of(model) > steps:
        model = ClusterModel(spec, seed=seed, **overrides)
    while model.running and steps_of(model) < steps:
        model.step()
    _LIVE[key] = model
    if len(_LIVE) > LIVE_MODELS_PER_WORKER:
        while len(_LIVE) > LIVE_MODELS_PER_WORKER:
            _LIVE.popitem(last=False)
        _collect_when_idle()
    return snapshot_of(model)


def _cancel_collect() -> None:
    if _COLLECT is not None:
        _COLLECT.cancel()


def _collect_when_idle() -> None:
    """Give the dropped model's memory back once no request has come for ``IDLE_COLLECT_S``."""
    global _COLLECT
    _cancel_collect()
    _COLLECT = threading.Timer(IDLE_COLLECT_S, give_back_memory)
    _COLLECT.daemon = True
    _COLLECT.start()


def baseline(spec: Scenario, seed: int, param_overrides: dict[str, Any]) -> Snapshot:
    """The scenario with every policy off, run to its horizon."""
    off = {f"policies.{name}.enabled": False for name in policy_registry()}
    return snapshot_of(ClusterModel(spec, seed=seed, **param_overrides, **off).run())


def draw(figures: list[tuple[str, tuple]], lang: str) -> list[bytes]:
    """PNG bytes of ``charts.<name>(*args, lang)`` for each (name, args)."""
    from . import charts

    out = []
    for name, args in figures:
        buf = io.BytesIO()
        getattr(charts, name)(*args, lang).savefig(buf, format="png")
        out.append(buf.getvalue())
    return out


def _init_worker() -> None:
    """A worker dies with its parent (Linux) and ignores Ctrl+C (the server handles it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# --- in the server -------------------------------------------------------------------------
_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def pool() -> ProcessPoolExecutor:
    """The process pool all sessions share, one worker per core, started on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload([__name__])  # workers start with the model imported
            _POOL = ProcessPoolExecutor(max_workers=workers(), mp_context=context, initializer=_init_worker)
        return _POOL


def call(fn: Callable, *args) -> Any:
    """``fn(*args)`` in a worker, waited for; a pool broken by a killed worker is started again once."""
    try:
        return submit(fn, *args).result()
    except BrokenProcessPool:
        return submit(fn, *args).result()


def submit(fn: Callable, *args) -> Future:
    global _POOL
    with outside_kernel():  # the pool's threads start here: no tab's page may be tied to them
        current = pool()
        try:
            return current.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):  # broken by a killed worker, or just stopped
            with _POOL_LOCK:
                if _POOL is current:
                    _POOL = None
            return pool().submit(fn, *args)


def pool_pids() -> list[int]:
    """Process ids of the running workers (for measuring their memory and CPU)."""
    return [p.pid for p in (getattr(_POOL, "_processes", None) or {}).values()] if _POOL else []


def stop_pool() -> None:
    """Let the workers go, their live models and heaps with them (work already queued still
    runs); the next request starts new ones from the forkserver, the model already imported."""
    global _POOL
    with _POOL_LOCK:
        old, _POOL = _POOL, None
    if old is not None:
        old.shutdown(wait=False)


@atexit.register
def _shutdown() -> None:
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)

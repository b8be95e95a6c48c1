"""One browser session of the dashboard, without any UI: the chosen settings, the current
run, its baseline (same scenario and seed, every policy off), and what the page shows.

Kept apart from the Solara page so tests and notebooks can drive it directly. It holds no
model: each run is computed in a worker process (``worker``) and kept here as a
:class:`~cluster_sim.app.worker.Snapshot` of plain data.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from ..accounts import HOUSEHOLD_SOURCES
from ..classroom.config import Classroom
from ..classroom.metrics import METRICS, RunTables
from ..policies import registry as policy_registry
from ..scenario import Scenario, load_scenario
from ..scenario.schema import UNLIMITED
from ..policies.base import Use
from . import worker
from .controls import Control, all_controls, build_controls
from .worker import MONTHS, Snapshot

class SharedResults:
    """Results of pure functions computed in a worker, shared by every session of the server.

    A run, its baseline and its charts are pure functions of the settings and seed, and a class
    asks the same ones many times (every group first runs the untouched scenario; two groups
    choose the same package): computed once, kept for the ``size`` most recently asked, and a
    session asking while another's identical request is in flight waits for that one.
    """

    def __init__(self, size: int):
        self.size = size
        self._futures: OrderedDict[Any, Future] = OrderedDict()
        self._lock = threading.Lock()

    def future(self, key, fn, *args) -> Future:
        """The computation of ``fn(*args)`` under ``key``: started now unless known or under way."""
        with self._lock:
            if key in self._futures:
                self._futures.move_to_end(key)
            else:
                self._futures[key] = worker.submit(fn, *args)
                while len(self._futures) > self.size:
                    self._futures.popitem(last=False)
            return self._futures[key]

    def get(self, key, fn, *args, retry: bool = True):
        future = self.future(key, fn, *args)
        try:
            return future.result()
        except BrokenProcessPool:  # a killed worker: ask a new pool once
            self._forget(key, future)
            if not retry:
                raise
            return self.get(key, fn, *args, retry=False)
        except Exception:
            self._forget(key, future)  # not kept: the next ask computes it again
            raise

    def _forget(self, key, future: Future) -> None:
        with self._lock:
            if self._futures.get(key) is future:
                del self._futures[key]

    def clear(self) -> None:
        with self._lock:
            self._futures.clear()

    def __len__(self) -> int:
        return len(self._futures)


def package_settings(values: dict, name: str) -> dict:
    """One package's settings out of the page's ``{dotted key: value}``."""
    prefix = f"policies.{name}."
    return {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}


DEFAULT_YEARS_PER_CLICK = 5  # what "run N years" starts at on the page
# a snapshot is ~0.7 MB at the horizon (less before) and a set of charts ~0.15 MB: room for two runs
# (the applied one and the one started ahead) and their charts per group of a class of 30 and more
BASELINES = SharedResults(8)
RUNS = SharedResults(96)
CHARTS = SharedResults(96)


def _baseline_request(spec: Scenario, seed: int, param_overrides: dict[str, Any]) -> tuple:
    """(key, fn, args) of the scenario with every policy off, run to its horizon."""
    return worker.run_key(spec, seed, param_overrides), worker.baseline, spec, seed, param_overrides


CHART_NAMES = ("difference_by_group", "collective_income", "farmer_income")


def chart_request(run_key: str, run: Snapshot, base: Snapshot, lang: str) -> tuple:
    """(key, fn, args) of the three charts of a run: its settings fix its baseline too, and the
    charts change only when a year closes."""
    return (run_key, run.last_closed, lang), worker.draw, [(name, (run.county_rows, base.county_rows))
                                                           for name in CHART_NAMES], lang


@dataclass
class GoalCheck:
    description: tuple[str, str]
    value: float | None
    met: bool | None  # None: the exercise's final year is not reached yet


@dataclass
class Session:
    """Settings, current run and baseline of one dashboard user (or classroom group)."""

    spec: Scenario
    seed: int
    classroom: Classroom | None = None
    controls: dict[str, list[Control]] = field(init=False)
    values: dict[str, Any] = field(init=False)

    def __post_init__(self):
        self._lock = threading.RLock()
        self._baseline_spec: Scenario | None = None
        self._baseline: tuple | None = None  # the applied settings' baseline request, made once per run
        self.lang = "zh"  # the page's language, for the charts drawn ahead (the page sets it)
        locked = self.classroom.locked if self.classroom else []
        show = self.classroom.show if self.classroom else None
        self.controls = build_controls(self.spec, locked=locked, show=show)
        self.by_key = all_controls(self.controls)
        self.values = {k: c.default for k, c in self.by_key.items()}
        self.applied = dict(self.values)
        self.applied_seed = self.seed
        self.generation = 0
        self.snapshot = self._run_to(0, new=True)
        self._prefetch_next_click()

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def for_classroom(cls, classroom: Classroom) -> Session:
        return cls(classroom.scenario, classroom.seed, classroom)

    @classmethod
    def for_scenario(cls, scenario: str | None = None, seed: int = 2024) -> Session:
        return cls(load_scenario(scenario), seed)

    def overrides(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """The dotted overrides where ``values`` differ from the scenario."""
        values = self.applied if values is None else values
        return {k: v for k, v in values.items() if v != self.by_key[k].default}

    def param_overrides(self) -> dict[str, Any]:
        return {k: v for k, v in self.overrides().items() if not k.startswith("policies.")}

    def model_overrides(self) -> dict[str, Any]:
        """The overrides the model runs with: a package that can fund nothing is switched off
        there (``Policy.buys_nothing``: a package that funds whole units or nothing, with a
        budget below one unit), so "on but unfunded" changes nothing, as it should; on paper it
        stays on, with a warning."""
        out = self.overrides()
        for name, module in policy_registry().items():
            if module.Policy.buys_nothing(package_settings(self.applied, name)):
                out[f"policies.{name}.enabled"] = False
        return out

    def _run_to(self, steps: int, new: bool = False) -> Snapshot:
        """The applied settings' run after ``steps`` months, computed in a worker."""
        if new:
            self.generation += 1  # a new run: what the page draws from it is stale
            overrides = self.model_overrides()
            self._run = (worker.run_key(self.spec, self.applied_seed, overrides), overrides)
            self._baseline = None
        key, overrides = self._run
        return RUNS.get((key, steps), worker.simulate, self.spec, self.applied_seed, overrides, steps)

    def _prefetch_next_click(self) -> None:
        """Start the run the usual next click asks for ("run N years" with the default N), and
        then its charts, in the workers now: the cores are idle while a group chooses, and a
        class's groups choose at different moments but click together, so their results are
        ready (or under way) by then. The same requests as that click's, so they are its
        shared results."""
        key, overrides = self._run
        steps = self._steps_after_years(self.default_years_per_click)
        run = RUNS.future((key, steps), worker.simulate, self.spec, self.applied_seed, overrides, steps)
        base = BASELINES.future(*self._baseline_args())
        lang = self.lang

        def draw_when_both_done(_):  # called by the pool's thread when either finishes
            if all(f.done() and not f.cancelled() and f.exception() is None for f in (run, base)):
                CHARTS.future(*chart_request(key, run.result(), base.result(), lang))

        run.add_done_callback(draw_when_both_done)
        base.add_done_callback(draw_when_both_done)

    @property
    def default_years_per_click(self) -> int:
        return min(DEFAULT_YEARS_PER_CLICK, self.horizon)

    # --- settings ----------------------------------------------------------------------------
    def set_value(self, key: str, value: Any) -> None:
        control = self.by_key[key]
        if control.locked:
            raise PermissionError(f"{key} is locked by the teacher")
        self.values[key] = value

    def set_seed(self, seed: int) -> None:
        if self.classroom is not None:
            raise PermissionError("the seed is fixed by the teacher")
        self.seed = int(seed)

    @property
    def pending(self) -> bool:
        """Settings changed since the current run was built."""
        return self.values != self.applied or self.seed != self.applied_seed

    def validate(self, values: dict[str, Any] | None = None) -> Scenario:
        """Check the chosen settings as a scenario would be checked (raises ScenarioError)."""
        return load_scenario(self.spec, self.overrides(values if values is not None else self.values))

    # --- time --------------------------------------------------------------------------------
    @property
    def horizon(self) -> int:
        return self.snapshot.years

    @property
    def finished(self) -> bool:
        return not self.snapshot.running

    def step_month(self) -> None:
        with self._lock:
            self.snapshot = self._run_to(self.snapshot.steps + 1)

    def run_years(self, n: int) -> None:
        """Run ``n`` more years; from the start that is the base year plus ``n`` (as ``model.run``)."""
        with self._lock:
            self.snapshot = self._run_to(self._steps_after_years(n))

    def _steps_after_years(self, n: int) -> int:
        snap = self.snapshot
        extra = 1 if snap.last_closed < 0 and snap.month == 0 else 0
        target = min(snap.year_index + n + extra, self.horizon + 1)
        return max(target * MONTHS, snap.steps)

    def reset(self) -> None:
        with self._lock:
            self.snapshot = self._run_to(0, new=True)

    def apply(self) -> None:
        """Rebuild with the chosen settings and replay to the year the run had reached."""
        with self._lock:
            self.validate()
            reached = self.snapshot.year_index
            self.applied = dict(self.values)
            self.applied_seed = self.seed
            self.snapshot = self._run_to(reached * MONTHS, new=True)
            self._prefetch_next_click()

    # --- results -----------------------------------------------------------------------------
    def baseline(self) -> Snapshot:
        return BASELINES.get(*self._baseline_args())

    def _baseline_args(self) -> tuple:
        """The baseline request of the applied settings: made once per run, not at every table,
        goal check and chart that asks for the baseline (its key hashes the whole scenario)."""
        if self._baseline is None:
            if self._baseline_spec is None:  # checked once: the horizon is the scenario's
                self._baseline_spec = load_scenario(self.spec, {"simulation.years": self.horizon})
            self._baseline = _baseline_request(self._baseline_spec, self.applied_seed, self.param_overrides())
        return self._baseline

    def county_rows(self) -> pd.DataFrame:
        return self.snapshot.county_rows

    def run_tables(self) -> RunTables:
        return self.snapshot.tables

    @property
    def last_closed(self) -> int:
        """Year index of the last closed year (-1 before the base year closes)."""
        return self.snapshot.last_closed

    def charts(self, lang: str) -> list[bytes]:
        """PNGs of the difference, collective and farmer charts, drawn in a worker (shared by
        the sessions whose run is the same)."""
        return CHARTS.get(*chart_request(self._run[0], self.snapshot, self.baseline(), lang))

    # --- budgets -----------------------------------------------------------------------------
    def package_warning(self, name: str) -> dict | None:
        """Format args of the 'budget below one unit' warning for a package, or None."""
        package = policy_registry()[name].Policy
        settings = package_settings(self.values, name)
        if not package.below_one_unit(settings):
            return None
        (zh, en), whole = package.unit_words, package.whole_units
        return {"budget": f"{settings['budget_yuan'] / 1e4:,.0f}", "unit": f"{package.unit_cost(settings) / 1e4:,.0f}",
                "unit_zh": zh, "unit_en": en, "whole": whole}

    def package_uses(self) -> dict[str, Use]:
        """Per switched-on package of the current run: money paid and villages/households reached."""
        return self.snapshot.uses

    # --- classroom ---------------------------------------------------------------------------
    def budget_problems(self) -> tuple[float, list[tuple[str, dict]]]:
        """(allocated yuan, [(problem word, format args)]) for the chosen settings."""
        allocated = 0.0
        problems: list[tuple[str, dict]] = []
        if self.classroom is None or self.classroom.budget_yuan <= 0:
            return allocated, problems
        registry = policy_registry()
        for name, module in registry.items():
            if not self.values[f"policies.{name}.enabled"]:
                continue
            budget = self.values[f"policies.{name}.budget_yuan"]
            allocated += 0.0 if budget == UNLIMITED else float(budget)
            if budget == UNLIMITED or budget <= 0:
                problems.append(("budget_zero", {"name": module.TITLE_ZH, "name_en": module.TITLE_EN}))
        over = allocated - self.classroom.budget_yuan
        if over > 0:
            problems.append(("budget_over", {"over": f"{over / 1e4:,.0f}"}))
        return allocated, problems

    def goal_checks(self) -> list[GoalCheck]:
        if self.classroom is None:
            return []
        final_t = self.classroom.years
        run = self.run_tables()
        base = self.baseline().tables
        out = []
        for cond in self.classroom.conditions:
            years = [final_t] if cond.when == "final" else list(range(1, final_t + 1))
            reached = [t for t in years if t <= self.last_closed]
            values = [METRICS[cond.metric].value(run, base, t) for t in reached]
            value = values[-1] if values else None
            if len(reached) < len(years):
                met = False if any(not cond.holds(v) for v in values) and cond.when == "every_year" else None
            else:
                met = all(cond.holds(v) for v in values)
            out.append(GoalCheck((cond.describe("zh"), cond.describe("en")), value, met))
        return out

    def result_row(self, group: str, note: str = "") -> dict:
        """One group's submission: choices, indicators at the exercise's final year, goal checks."""
        c = self.classroom
        if c is None:
            raise ValueError("results are saved in classroom mode only")
        if self.pending:
            raise ValueError("apply the changed settings first")
        if self.last_closed < c.years:
            raise ValueError(f"run to year {c.years} first")
        run = self.run_tables()
        base = self.baseline().tables
        checks = self.goal_checks()
        allocated, _ = self.budget_problems()
        row = {
            "submitted_at": datetime.now().isoformat(timespec="seconds"), "classroom": c.name, "group": group,
            "note": note, "scenario": c.scenario_ref, "seed": self.applied_seed, "years": c.years,
            "year_reached": int(self.spec.data["simulation"]["start_year"]) + self.last_closed,
            "choices": describe_choices(self, "zh"),
            "settings_json": json.dumps(self.overrides(), ensure_ascii=False, sort_keys=True),
            "budget_yuan": c.budget_yuan, "budget_allocated_yuan": allocated, "conditions": len(checks),
            "conditions_met": sum(bool(k.met) for k in checks), "success": all(k.met for k in checks),
            "rank_by": c.rank_by,
        }
        row.update({f"m_{name}": METRICS[name].value(run, base, c.years) for name in METRICS})
        row.update({f"goal_{i + 1}_met": bool(k.met) for i, k in enumerate(checks)})
        row.update({f"goal_{i + 1}": k.description[0] for i, k in enumerate(checks)})
        return row

    # --- one village -------------------------------------------------------------------------
    def village_detail(self, index: int) -> dict:
        """A village's attributes, its collective's accounts and its households' income by source."""
        snap = self.snapshot
        v = snap.villages
        names = snap.clusters["name"].to_numpy(dtype=object)
        cluster = int(v.cluster[index])
        income = {}
        for group, sums in snap.household_income.items():
            members = float(sums["members"][index])
            income[group] = {s: (float(sums[s][index]) / members if members else 0.0) for s in HOUSEHOLD_SOURCES}
            income[group]["members"] = members
            income[group]["households"] = int(sums["households"][index])
        return {
            "index": index, "name": str(v.name[index]),
            "cluster": str(names[cluster]) if cluster >= 0 else "",
            "is_key": bool(v.is_key[index]), "is_strong": bool(v.is_strong[index]),
            "is_weak": bool(v.is_weak[index]), "is_partner": bool(v.is_partner[index]),
            "households": int(v.households[index]), "scenic": float(v.scenic[index]),
            "specialty": str(v.specialty[index]),
            "accounts": snap.accounts(index), "household_income": income,
            "history": self.village_history(index),
        }

    def village_history(self, index: int) -> pd.DataFrame:
        """Operating income of one village by year: this run and the baseline."""
        def one(snap: Snapshot, column: str) -> pd.DataFrame:
            v = snap.tables.tables["village_year"]
            v = v[v["village"] == index] if len(v) else v
            return pd.DataFrame({"t": v["t"].astype(int).to_numpy() if len(v) else np.zeros(0, int),
                                 column: v["operating_income_yuan"].astype(float).to_numpy() if len(v) else []})
        run = one(self.snapshot, "run")
        base = one(self.baseline(), "baseline")
        return base.merge(run, on="t", how="left").assign(
            year=lambda d: d["t"] + int(self.spec.data["simulation"]["start_year"]))

    def home_village_names(self) -> list[str]:
        v = self.snapshot.villages
        return [str(n) for n in v.name[~v.is_partner]]


def describe_choices(session: Session, lang: str = "zh") -> str:
    """The group's policy choices in one line, e.g. for the saved results."""
    parts = []
    for name, module in policy_registry().items():
        if not session.applied[f"policies.{name}.enabled"]:
            continue
        budget = session.applied[f"policies.{name}.budget_yuan"]
        title = module.TITLE_ZH if lang == "zh" else module.TITLE_EN
        start = session.applied[f"policies.{name}.start_year"]
        amount = ("不限额" if lang == "zh" else "unlimited") if budget == UNLIMITED else (
            f"{budget / 1e4:,.0f}{'万元' if lang == 'zh' else '×10k'}")
        parts.append(f"{title}({'预算' if lang == 'zh' else 'budget'} {amount}, "
                     f"{'第' if lang == 'zh' else 'from year '}{start}"
                     f"{'年起' if lang == 'zh' else ''})")
    return "; ".join(parts) or ("无政策" if lang == "zh" else "no policy")


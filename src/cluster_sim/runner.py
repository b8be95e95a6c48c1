"""Run one scenario with one seed and hand back its tables (``simulate``), and write a run's
results folder atomically (``write_run``)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from . import reprs
from .economy.enterprises import FAILURE_COLUMNS
from .model import ClusterModel
from .scenario import Scenario, load_scenario


@dataclass
class RunResult:
    scenario: Scenario
    seed: int
    years: int
    tables: dict[str, pd.DataFrame]
    failures: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def county_year(self) -> pd.DataFrame:
        return self.tables["county_year"]

    @property
    def village_year(self) -> pd.DataFrame:
        return self.tables["village_year"]

    def _summary(self) -> dict:
        return {"scenario": self.scenario.name, "seed": self.seed, "years": self.years,
                "tables": ",".join(self.tables), "failures": len(self.failures)}

    def __repr__(self) -> str:
        return reprs.short(type(self).__name__, self._summary())

    def _repr_html_(self) -> str:
        from .outputs.run_output import summary_table

        return reprs.html(type(self).__name__, self._summary(), summary_table(self.county_year))


def simulate(scenario: str | Path | dict | Scenario | None = None, overrides: dict[str, Any] | None = None,
             seed: int = 0, years: int | None = None, progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Build and run the model; a pure function of (scenario, overrides, seed, years)."""
    t0 = time.perf_counter()
    model = _build(scenario, overrides, seed, years, "simulate")
    spec = model.spec
    t1 = time.perf_counter()
    model.run(progress=progress)
    t2 = time.perf_counter()
    tables = model.tables()
    return RunResult(scenario=spec, seed=seed, years=model.years, tables=tables,
                     failures=pd.DataFrame(model.failures, columns=list(FAILURE_COLUMNS)),
                     timings={"build_s": t1 - t0, "simulate_s": t2 - t1, "tables_s": time.perf_counter() - t2})


def simulate_county_year(scenario: str | Path | dict | Scenario | None = None, overrides: dict[str, Any] | None = None,
                         seed: int = 0, years: int | None = None) -> pd.DataFrame:
    """The county-year table of the run ``simulate`` would make, and nothing else: the path of
    a sweep's runs, which read their outcomes from this table only."""
    return _build(scenario, overrides, seed, years, "simulate_county_year").run().recorder.county_table()


def _build(scenario, overrides, seed, years, caller: str) -> ClusterModel:
    spec = load_scenario(scenario, overrides, origin=f"{caller}()")
    if years is not None:
        spec = load_scenario(spec, {"simulation.years": years}, origin=f"{caller}(years={years!r})")
    return ClusterModel(spec, seed=seed)


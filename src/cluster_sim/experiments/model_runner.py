"""The cluster-sim model as an experiment runner: one simulation → its county-year table.

The only module of the experiments package that knows the model; everything else sees a
runner (see ``runs``). Imports of the model happen at call time, in the worker.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def run_model(scenario: str | None, params: dict[str, Any], seed: int, years: int) -> pd.DataFrame:
    """Simulate ``years`` years of ``scenario`` (None: the embedded default) with ``params``
    overriding parameters by dotted path; returns the county-year table (column ``t``)."""
    from cluster_sim.runner import simulate_county_year

    return simulate_county_year(scenario, dict(params), seed, years)


def validate(scenario: str | None, params: dict[str, Any], years: int | None = None) -> None:
    """Load the scenario with these overrides (and the experiment's years, which decide e.g.
    whether a policy starts within the run); the model's validation raises ScenarioError for
    unknown parameter paths and values it does not allow."""
    from cluster_sim.scenario import load_scenario

    spec = load_scenario(scenario, dict(params), origin="experiment")
    if years is not None:
        load_scenario(spec, {"simulation.years": years}, origin=f"experiment years = {years}")


def columns(scenario: str | None) -> list[str]:
    """The columns of the table ``run_model`` returns for ``scenario``: the base year alone
    tells, so a sweep can check its outcomes before the first run."""
    from cluster_sim.model import ClusterModel

    return list(ClusterModel(scenario, seed=0).run(years=0).tables()["county_year"].columns)


run_model.validate = validate  # type: ignore[attr-defined]
run_model.columns = columns  # type: ignore[attr-defined]

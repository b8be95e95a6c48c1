"""``evaluate``: one run as a plain function of its parameters, for the tools researchers already
use — EMA Workbench's ``Model(name, function=evaluate)``, SALib loops over numpy sample rows,
``dask`` ``client.submit`` — with no glue code.

```python
from cluster_sim import evaluate

evaluate({"economy.wage_growth": 0.06}, seed=1, years=3, outcomes=["farmer_income_per_capita_yuan"])
# {'farmer_income_per_capita_yuan': 51234.5}
evaluate(**{"economy.wage_growth": np.float64(0.06)}, seed=np.int64(1))   # as EMA Workbench calls it
```

Parameters are dotted scenario keys (docs/parameters.md), given as a dict, as keyword arguments,
or both; numpy scalars are accepted, and whole-number keys take 3.0 as 3. Outcomes are the
columns of the ``county_year`` table (docs/outputs.md), taken in the final year, or
``"COLUMN@growth"`` (average annual growth from the base year) and ``"COLUMN@T"`` (year offset T),
or ``cluster_sim.experiments.Outcome`` objects (as an experiment file's ``[[outcomes]]``), keyed
by their name. The function is top-level and picklable; bad input raises
:class:`cluster_sim.ScenarioError` naming the key.

``evaluate_many(X, names, outcome, ...)`` is SALib's ``Y = f(X)``: one run per row of a sample
matrix, an array of outcomes back, rows in order (one after the other, or with ``workers`` on local
processes or ``backend="dask"``, through the sweep's backends).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from .experiments.outcomes import Outcome
from .outputs.columns import COUNTY_COLUMNS
from .scenario import ScenarioError, check_param, check_seed, load_scenario


def evaluate(params: dict[str, Any] | None = None, /, seed: Any = 0, years: Any = None,
             outcomes: list[str] | tuple[str, ...] | str | None = None,
             scenario: str | Path | None = None, **overrides: Any) -> dict[str, float]:
    """Run ``scenario`` (default: the embedded Pinghu) with ``params`` and return the final
    year's county figures ``{outcome: value}`` (all of them when ``outcomes`` is None)."""
    from .model import ClusterModel

    wanted = _outcomes(outcomes)
    seed = check_seed(f"seed={seed!r}", seed)
    spec = load_scenario(scenario, {**(params or {}), **overrides}, origin="evaluate()")
    if years is not None:
        years = check_param(f"years={years!r}", "simulation.years", years)
        spec = load_scenario(spec, {"simulation.years": years}, origin=f"evaluate(years={years!r})")
    model = ClusterModel(spec, seed=seed).run()
    final, yearly = model.county, model.recorder.county_table()
    return {o.name: _number(final[o.column] if o.at == "final" else o.measure(yearly)) for o in wanted}


def evaluate_many(X: Any, names: Sequence[str], outcome: Any = "farmer_income_per_capita_yuan",
                  seed: Any = 0, years: Any = None, scenario: str | Path | None = None,
                  workers: int | None = None, backend: str | None = None, scheduler: str | None = None) -> np.ndarray:
    """One outcome per row of ``X`` (columns = the parameters ``names``): SALib's vectorised form,
    ``Y = evaluate_many(sobol.sample(problem, N), problem["names"], "gini_household")``.

    Every row is checked first (a bad one raises ``ScenarioError`` before any run); the runs go
    through the sweep's backends like every multi-run command: one after the other unless
    ``workers`` > 1 (local processes), ``backend="dask"`` or a ``scheduler`` is given."""
    rows = np.atleast_2d(np.asarray(X, dtype=float))
    if rows.shape[1] != len(names):
        raise ScenarioError("evaluate_many", "X", f"has {rows.shape[1]} columns for {len(names)} names",
                            "one column per name")
    key = _outcomes([outcome])[0].name
    calls = [dict(zip(names, row.tolist())) for row in rows]
    base = load_scenario(scenario, origin="evaluate_many()")  # read once; each row is checked against it
    for k, params in enumerate(calls):
        load_scenario(base, params, origin=f"evaluate_many(X row {k})")
    one = partial(_one, outcome=outcome, seed=seed, years=years, scenario=scenario, key=key)
    if backend is None and scheduler is None and (workers is None or workers <= 1):
        return np.array([one(params) for params in calls])  # in this process: errors stay the caller's
    from .experiments.ordered import run_ordered

    return np.array(run_ordered(one, calls, backend=backend, workers=workers, scheduler=scheduler))


def _one(params: dict, outcome: Any, seed: Any, years: Any, scenario: Any, key: str) -> float:
    return evaluate(params, seed=seed, years=years, outcomes=[outcome], scenario=scenario)[key]


def _outcomes(outcomes) -> tuple[Outcome, ...]:
    if outcomes is None:
        return tuple(Outcome(name, name) for name in COUNTY_COLUMNS)
    given = (outcomes,) if isinstance(outcomes, (str, Outcome)) else tuple(outcomes)
    return tuple(_outcome(item) for item in given)


def _outcome(item: Any) -> Outcome:
    """``COLUMN``, ``COLUMN@growth``, ``COLUMN@T`` or an ``Outcome``, checked against the columns."""
    if isinstance(item, Outcome):
        column, at, name = item.column, item.at, item.name
    else:
        column, _, at_text = str(item).partition("@")
        at = "final" if not at_text else int(at_text) if at_text.isdigit() else at_text
        name = str(item)
    if column not in COUNTY_COLUMNS:
        raise ScenarioError("outcomes", str(item), "not a county_year column", "one of " + ", ".join(COUNTY_COLUMNS))
    if at not in ("final", "growth") and not isinstance(at, int):
        raise ScenarioError("outcomes", str(item), f"'@{at}' is not a time", "COLUMN, COLUMN@growth or COLUMN@T (a year offset)")
    return item if isinstance(item, Outcome) else Outcome(name, column, at)


def _number(value: Any) -> float:
    return float(value) if value is not None else math.nan

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
columns of the ``county_year`` table (docs/outputs.md), taken in the final year. The function
is top-level and picklable; bad input raises :class:`cluster_sim.ScenarioError` naming the key.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

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
    final = model.county
    return {k: _number(final[k]) for k in wanted}


def _outcomes(outcomes) -> tuple[str, ...]:
    if outcomes is None:
        return COUNTY_COLUMNS
    names = (outcomes,) if isinstance(outcomes, str) else tuple(outcomes)
    for name in names:
        if name not in COUNTY_COLUMNS:
            raise ScenarioError("outcomes", str(name), "not a county_year column", "one of " + ", ".join(COUNTY_COLUMNS))
    return names


def _number(value: Any) -> float:
    return float(value) if value is not None else math.nan

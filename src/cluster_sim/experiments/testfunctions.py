"""Analytic runners with known sensitivity indices, for testing designs, backends and analysis.

Each is a runner (see ``runs``): ``f(scenario, params, seed, years) -> {column: number}``.
"""

from __future__ import annotations

import math
from typing import Any

from cluster_sim.scenario.errors import ScenarioError

ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1


def ishigami(scenario: str | None, params: dict[str, Any], seed: int, years: int) -> dict[str, float]:
    """Ishigami & Homma (1990), x1..x3 ~ U(-pi, pi), a = 7, b = 0.1; column ``y``.

    Known indices: S1 ≈ (0.314, 0.442, 0), ST ≈ (0.558, 0.442, 0.244), so ST ranks
    x1 > x2 > x3 and x3 acts only through its interaction with x1.
    """
    x1, x2, x3 = (float(params[k]) for k in ("x1", "x2", "x3"))
    y = math.sin(x1) + ISHIGAMI_A * math.sin(x2) ** 2 + ISHIGAMI_B * x3**4 * math.sin(x1)
    return {"y": y}


def _validate_ishigami(scenario: str | None, params: dict[str, Any]) -> None:
    for key, value in params.items():
        if key not in ("x1", "x2", "x3"):
            raise ScenarioError("ishigami", key, "unknown parameter", "x1, x2, x3")
        if not -math.pi <= float(value) <= math.pi:
            raise ScenarioError("ishigami", key, f"value {value!r} out of range", "a number in [-pi, pi]")


ishigami.validate = _validate_ishigami  # type: ignore[attr-defined]

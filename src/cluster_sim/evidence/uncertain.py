"""Which registry parameters are uncertain, and over what range a sensitivity study varies them.

The registry's low/high are what the model *accepts* (often 0 to 50,000), not what is
plausible, so the study uses one documented rule around each default instead:

- growth rates (unit ``1/year`` and "growth" in the name): default ± 0.02 (two points a year);
- logit constants (unit ``utility``): default ± 0.5;
- every other number: default ± 25 %;

each clipped to the registry's allowed range. Left out: pure user choices and definitions
(``simulation.*``: horizon, start year, the weak/strong lines and shares that *define* the
outcomes), text choices (``economy.job_choice_rule``), parameters whose default is 0, and
``formation.*``, which act only when ``county.cluster_formation = "formed"`` (not in the default
scenario the study varies; docs/scenarios.md varies them for the formed clusters).
"""

from __future__ import annotations

from dataclasses import dataclass

from cluster_sim.scenario.registry import PARAMS, Param

RELATIVE = 0.25
GROWTH_ABSOLUTE = 0.02
UTILITY_ABSOLUTE = 0.5
EXCLUDED_SECTIONS = ("simulation.", "formation.")


@dataclass(frozen=True)
class Range:
    path: str
    low: float
    high: float
    rule: str


def is_uncertain(param: Param) -> bool:
    """True for numeric parameters a study should vary (see the module docstring)."""
    if param.path.startswith(EXCLUDED_SECTIONS) or param.choices or param.kind not in (int, float):
        return False
    return param.default != 0


def study_range(param: Param) -> Range:
    """The range a sensitivity study draws ``param`` from."""
    d = float(param.default)
    if param.unit == "1/year" and "growth" in param.path:
        low, high, rule = d - GROWTH_ABSOLUTE, d + GROWTH_ABSOLUTE, f"±{GROWTH_ABSOLUTE:g} abs"
    elif param.unit == "utility":
        low, high, rule = d - UTILITY_ABSOLUTE, d + UTILITY_ABSOLUTE, f"±{UTILITY_ABSOLUTE:g} abs"
    else:
        low, high, rule = sorted((d * (1 - RELATIVE), d * (1 + RELATIVE))) + [f"±{RELATIVE:.0%}"]
    if param.low is not None:
        low = max(low, float(param.low))
    if param.high is not None:
        high = min(high, float(param.high))
    if param.kind is int:
        low, high = float(round(low)), float(round(high))
    return Range(param.path, float(f"{low:.10g}"), float(f"{high:.10g}"), rule)


def uncertain_ranges() -> list[Range]:
    """Every uncertain registry parameter with its study range, in registry order."""
    ranges = [study_range(p) for p in PARAMS if is_uncertain(p)]
    return [r for r in ranges if r.high > r.low]


def uncertainties_toml(ranges: list[Range]) -> str:
    """``[uncertainties."path"]`` tables for an experiment file."""
    blocks = [f'[uncertainties."{r.path}"]\nlow = {r.low!r}\nhigh = {r.high!r}   # {r.rule}\n' for r in ranges]
    return "\n".join(blocks)

"""What varies in an experiment: levers (policy options) and uncertainties (unknown parameters).

As in EMA Workbench the two are kept apart. **Levers** are choices a county can make; they
are listed (``values`` or ``scenarios``) and always crossed, so every policy option meets
the same futures. **Uncertainties** are parameters we do not know; the experiment's design
(factorial, LHS, Sobol, Morris) chooses their values.

Every factor maps a column of the unit hypercube to its own values (``from_unit``), so the
samplers work on ``[0, 1]^k`` and never need to know about distributions or categories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal

import numpy as np

from cluster_sim.scenario.errors import ScenarioError

from .validation import ABSENT, Table, is_number

Kind = Literal["lever", "uncertainty"]

# Columns of the results table; a factor may not take one of these names.
RESERVED_COLUMNS = ("run_id", "design_point", "replication", "seed", "status", "error")

SPEC_KEYS = ("values", "scenarios", "low", "high", "dist", "mean", "sd", "label_zh", "label")

# A normal factor without low/high is cut at these quantiles, so that corner points of a
# Morris or Sobol design (u = 0 or 1) stay finite.
NORMAL_TAIL = 0.001


@dataclass(frozen=True)
class Factor:
    """One varied quantity. ``key`` is the dotted parameter path and the results column."""

    key: str
    kind: Kind
    label_zh: str = ""
    label: str = ""

    @property
    def section(self) -> str:
        """The experiment-file table the factor is declared in."""
        return "levers" if self.kind == "lever" else "uncertainties"

    @property
    def levels(self) -> tuple | None:
        """The listed values a factorial design crosses; None for a continuous range."""
        return None

    @property
    def value_type(self) -> type:
        return float

    def from_unit(self, u: np.ndarray) -> list[Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class CategoricalFactor(Factor):
    """A list of values; a sampling design picks each with equal probability."""

    values: tuple = ()

    @property
    def levels(self) -> tuple:
        return self.values

    @property
    def value_type(self) -> type:
        return type(self.values[0])

    def from_unit(self, u: np.ndarray) -> list[Any]:
        index = np.minimum((np.asarray(u) * len(self.values)).astype(int), len(self.values) - 1)
        return [self.values[i] for i in index]


@dataclass(frozen=True)
class ScenarioFactor(CategoricalFactor):
    """A lever that swaps the whole scenario file; values are paths relative to the experiment."""


@dataclass(frozen=True)
class UniformFactor(Factor):
    """Uniform on [low, high]; whole-number bounds draw whole numbers (each equally likely)."""

    low: float = 0.0
    high: float = 1.0
    integer: bool = False

    @property
    def value_type(self) -> type:
        return int if self.integer else float

    def from_unit(self, u: np.ndarray) -> list[Any]:
        u = np.asarray(u, dtype=float)
        if self.integer:
            span = int(self.high) - int(self.low) + 1
            return [int(self.low) + int(i) for i in np.minimum((u * span).astype(int), span - 1)]
        return [float(x) for x in self.low + u * (self.high - self.low)]


@dataclass(frozen=True)
class NormalFactor(Factor):
    """Normal(mean, sd), truncated to [low, high] when given (else at the 0.1 % tails)."""

    mean: float = 0.0
    sd: float = 1.0
    low: float | None = None
    high: float | None = None

    def from_unit(self, u: np.ndarray) -> list[Any]:
        dist = NormalDist(self.mean, self.sd)
        a = NORMAL_TAIL if self.low is None else dist.cdf(self.low)
        b = 1 - NORMAL_TAIL if self.high is None else dist.cdf(self.high)
        return [float(dist.inv_cdf(min(max(a + x * (b - a), 1e-15), 1 - 1e-15))) for x in np.asarray(u)]


def parse_factors(source: str, section: str, data: object, ranged_levers: bool = False) -> tuple[Factor, ...]:
    """Read ``[levers]`` or ``[uncertainties]``: ``{dotted.path: {spec}}``, nested or quoted.
    ``ranged_levers``: levers may be ranges too (an optimiser searches them; a sweep crosses lists)."""
    if data is ABSENT:
        return ()
    kind: Kind = "lever" if section == "levers" else "uncertainty"
    return tuple(_parse_factor(source, f"{section}.{path}", path, kind, spec, ranged_levers)
                 for path, spec in _flatten(source, section, data, ""))


def _flatten(source: str, section: str, data: object, prefix: str) -> list[tuple[str, dict]]:
    """``[uncertainties.economy.wage_growth]`` nests in TOML; undo the nesting into paths."""
    if not isinstance(data, dict):
        raise ScenarioError(source, section + (f".{prefix}" if prefix else ""),
                            f"must be a table, got {type(data).__name__}",
                            "a table of factors keyed by parameter path")
    found = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and value and not (set(value) & set(SPEC_KEYS)):
            found.extend(_flatten(source, section, value, path))
        elif isinstance(value, dict):
            found.append((path, value))
        else:
            raise ScenarioError(source, f"{section}.{path}", f"must be a table, got {type(value).__name__}",
                                "a table with values = [...], low/high, dist/mean/sd or scenarios = [...]")
    return found


def _parse_factor(source: str, where: str, path: str, kind: Kind, spec: dict, ranged_levers: bool) -> Factor:
    if path in RESERVED_COLUMNS:
        raise ScenarioError(source, where, "name is reserved for a results column",
                            "a parameter path other than " + ", ".join(RESERVED_COLUMNS))
    t = Table(source, where, spec, SPEC_KEYS)
    labels = {"label_zh": t.get("label_zh", str, ""), "label": t.get("label", str, "")}
    given = [k for k in spec if k not in ("label_zh", "label")]  # file order: errors name the first
    if "scenarios" in given:
        if kind != "lever":
            raise t.error("scenarios", "only levers may cross scenario files", "a [levers] entry")
        _only(t, given, {"scenarios"})
        files = _list_of(t, "scenarios", (str,))
        return ScenarioFactor(path, kind, values=files, **labels)
    if "values" in given:
        _only(t, given, {"values"})
        return CategoricalFactor(path, kind, values=_values(t), **labels)
    if kind == "lever" and not ranged_levers:
        raise t.error(given[0] if given else "values",
                      "levers are policy options and are always crossed; list them",
                      "values = [...] or scenarios = [...]; put continuous ranges under [uncertainties]")
    dist = t.get("dist", str, "uniform", choices=("uniform", "normal"))
    if dist == "uniform":
        _only(t, given, {"low", "high", "dist"})
        low, high = t.get("low", (int, float)), t.get("high", (int, float))
        if not low < high:
            raise t.error("high", f"high ({high}) must exceed low ({low})", "high > low")
        integer = isinstance(low, int) and isinstance(high, int)
        return UniformFactor(path, kind, low=low, high=high, integer=integer, **labels)
    _only(t, given, {"dist", "mean", "sd", "low", "high"})
    mean, sd = float(t.get("mean", (int, float))), float(t.get("sd", (int, float), low=0))
    if sd <= 0:
        raise t.error("sd", f"value {sd!r} out of range", "a number > 0")
    low = t.get("low", (int, float), None)
    high = t.get("high", (int, float), None)
    if low is not None and high is not None and not low < high:
        raise t.error("high", f"high ({high}) must exceed low ({low})", "high > low")
    return NormalFactor(path, kind, mean=mean, sd=sd, low=None if low is None else float(low),
                        high=None if high is None else float(high), **labels)


def _only(t: Table, given: list[str], allowed: set[str]) -> None:
    extra = [k for k in given if k not in allowed]
    if extra:
        raise t.error(extra[0], "does not go with " + ", ".join(k for k in given if k in allowed),
                      "values = [...] | scenarios = [...] | low, high | dist = 'normal', mean, sd [, low, high]")


def _list_of(t: Table, key: str, kinds: tuple[type, ...]) -> tuple:
    items = t.get(key, list)
    if not items:
        raise t.error(key, "is empty", "a list with at least one value")
    for item in items:
        if isinstance(item, bool) and bool not in kinds or not isinstance(item, kinds):
            raise t.error(key, f"holds {item!r} of type {type(item).__name__}",
                          "a list of " + " or ".join(k.__name__ for k in kinds))
    if len(set(items)) != len(items):
        raise t.error(key, "lists a value twice", "distinct values")
    return tuple(items)


def _values(t: Table) -> tuple:
    items = _list_of(t, "values", (int, float, str, bool))
    if all(is_number(v) for v in items):
        if any(isinstance(v, float) for v in items):
            items = tuple(float(v) for v in items)
            if any(math.isnan(v) for v in items):
                raise t.error("values", "holds nan", "finite numbers")
        return items
    if all(isinstance(v, str) for v in items) or all(isinstance(v, bool) for v in items):
        return items
    raise t.error("values", "mixes kinds of values", "all numbers, all text, or all true/false")

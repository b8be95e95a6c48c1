"""Strict reading of one TOML table: unknown, missing, mistyped and out-of-range keys are errors."""

from __future__ import annotations

from typing import Any

from cluster_sim.scenario.errors import ScenarioError

REQUIRED = object()  # default marking a key the table must have
ABSENT = object()  # default marking an optional key with no value

_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "text",
               list: "a list", dict: "a table"}


def type_name(kinds: tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)


def range_text(low: float | None, high: float | None) -> str:
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"[{lo}, {hi}]"


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Table:
    """One TOML table read key by key; ``source`` and ``prefix`` name it in errors.

    ``allowed`` lists every key the table may hold, so a typo is reported before anything
    else is read, together with the keys that would have been accepted.
    """

    def __init__(self, source: str, prefix: str, data: object, allowed: tuple[str, ...]):
        if not isinstance(data, dict):
            raise ScenarioError(source, prefix or "(top level)",
                                f"must be a table, got {type(data).__name__}", "a table")
        self.source, self.prefix, self.data = source, prefix, data
        for key in data:
            if key not in allowed:
                raise ScenarioError(source, self.path(key), "unknown key",
                                    "one of " + ", ".join(allowed))

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def has(self, key: str) -> bool:
        return key in self.data

    def error(self, key: str, problem: str, allowed: str | None = None) -> ScenarioError:
        return ScenarioError(self.source, self.path(key), problem, allowed)

    def get(self, key: str, kinds: type | tuple[type, ...], default: Any = REQUIRED, *,
            low: float | None = None, high: float | None = None,
            choices: tuple | None = None) -> Any:
        """The value at ``key``, checked for type, range and choices."""
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        allowed = ("one of " + ", ".join(repr(c) for c in choices)) if choices else type_name(kinds)
        if low is not None or high is not None:
            allowed += f" in {range_text(low, high)}"
        if key not in self.data:
            if default is REQUIRED:
                raise self.error(key, "missing", allowed)
            return default
        value = self.data[key]
        # TOML integers are fine where a number is wanted; booleans are never numbers.
        if float in kinds and is_number(value):
            value = float(value) if int not in kinds else value
        elif isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            raise self.error(key, f"wrong type {type(value).__name__} ({value!r})", allowed)
        if choices is not None and value not in choices:
            raise self.error(key, f"value {value!r} not allowed", allowed)
        if is_number(value) and ((low is not None and value < low) or (high is not None and value > high)):
            raise self.error(key, f"value {value!r} out of range", allowed)
        return value

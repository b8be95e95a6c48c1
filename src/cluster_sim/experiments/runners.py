"""The runners an experiment may use, by name: an experiment file is data, so it chooses from
this registry and never names code to import (``runner = "os:system"`` is refused before
anything runs). Python code adds its own functions with ``register_runner``.

A runner is ``f(scenario, params, seed, years)`` (see ``runs``). Run ids hold a runner's
``module:function`` reference, so a resumed sweep recognises runs made before the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

DEFAULT = "cluster-sim"
# name -> the function in this package it stands for (imported only when used)
BUILTIN: dict[str, str] = {
    "cluster-sim": "cluster_sim.experiments.model_runner:run_model",
    "cluster-sim-evidence": "cluster_sim.evidence.measures:run_with_measures",
    "ishigami": "cluster_sim.experiments.testfunctions:ishigami",
}
_REGISTERED: dict[str, Callable[..., Any]] = {}


def register_runner(name: str, function: Callable[..., Any]) -> None:
    """Let experiments name ``function`` as ``runner = "<name>"`` (from Python code only). For
    process or Dask backends it must be a module-level function the workers can import."""
    if not isinstance(name, str) or not name or name in BUILTIN:
        raise ValueError(f"runner name {name!r} is empty or taken by a built-in runner ({', '.join(BUILTIN)})")
    if not callable(function):
        raise TypeError(f"runner {name!r}: {function!r} is not callable")
    _REGISTERED[name] = function


def runner_names() -> list[str]:
    return [*BUILTIN, *_REGISTERED]


def known_name(written: str) -> str | None:
    """The registry name of ``written``: a name, or a built-in's old ``module:function``
    spelling (files written before the registry); None for anything else."""
    if written in BUILTIN or written in _REGISTERED:
        return written
    return next((name for name, target in BUILTIN.items() if target == written), None)


def runner_function(name: str) -> Callable[..., Any]:
    """The function registered as ``name`` (``KeyError`` if none)."""
    if name in _REGISTERED:
        return _REGISTERED[name]
    module, _, attr = BUILTIN[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def runner_reference(name: str) -> str:
    """``module:function`` of the runner registered as ``name`` (what run ids hold)."""
    if name in BUILTIN:
        return BUILTIN[name]
    function = _REGISTERED[name]
    return f"{function.__module__}:{function.__qualname__}"

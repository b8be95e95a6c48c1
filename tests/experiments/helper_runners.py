"""Runners for the tests: seeded noise, failures, workers that die, a linear function.

Importable by worker processes because pytest puts this folder on sys.path and worker
processes (forkserver, spawn, Dask nannies) start with the parent's sys.path.
"""

from __future__ import annotations

import os

import numpy as np

from cluster_sim.experiments.testfunctions import ishigami


def noisy_ishigami(scenario, params, seed, years):
    """Ishigami plus noise from the run's seed: tables match only if seeds travel intact."""
    y = ishigami(scenario, params, seed, years)["y"]
    return {"y": y + np.random.default_rng(seed).normal()}


def fails_at_x1_half(scenario, params, seed, years):
    """Raises for every run at x1 = 0.5."""
    if params["x1"] == 0.5:
        raise ValueError("model blew up at x1 = 0.5")
    return noisy_ishigami(scenario, params, seed, years)


def _first_to_claim(marker: str) -> bool:
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def dies_once(scenario, params, seed, years):
    """Kills its worker process the first time any run reaches x1 = 2.0 (marker file in
    $FAULTY_MARKER), then behaves."""
    if params["x1"] == 2.0 and _first_to_claim(os.environ["FAULTY_MARKER"]):
        os._exit(1)
    return noisy_ishigami(scenario, params, seed, years)


def always_dies(scenario, params, seed, years):
    """Kills its worker at every run of the point x1 = 2.0, x2 = 1.0, x3 = 3.0."""
    if (params["x1"], params["x2"], params["x3"]) == (2.0, 1.0, 3.0):
        os._exit(1)
    return noisy_ishigami(scenario, params, seed, years)


_calls = 0


def crashes_after(scenario, params, seed, years):
    """Ends the whole process after $FAULTY_CRASH_AFTER runs (a crash of a serial sweep)."""
    global _calls
    _calls += 1
    limit = int(os.environ.get("FAULTY_CRASH_AFTER", "0"))
    if limit and _calls > limit:
        os._exit(3)
    return noisy_ishigami(scenario, params, seed, years)


def interrupted_after(scenario, params, seed, years):
    """Raises KeyboardInterrupt (as Ctrl-C would) after $FAULTY_INTERRUPT_AFTER runs."""
    global _calls
    _calls += 1
    limit = int(os.environ.get("FAULTY_INTERRUPT_AFTER", "0"))
    if limit and _calls > limit:
        raise KeyboardInterrupt
    return noisy_ishigami(scenario, params, seed, years)


def calls() -> int:
    """Runs done in this process by the counting runners."""
    return _calls


def linear(scenario, params, seed, years):
    """y = 3a + b (c is inert): Morris elementary effects are exactly 3, 1 and 0 a unit range."""
    return {"y": 3.0 * params["a"] + params["b"] + 0.0 * params["c"]}


def fails_at_x1_half_while_flagged(scenario, params, seed, years):
    """Raises at x1 = 0.5 while $FAULTY_FAIL is set (a failure that a retry can fix)."""
    if params["x1"] == 0.5 and os.environ.get("FAULTY_FAIL"):
        raise ValueError("transient failure at x1 = 0.5")
    return noisy_ishigami(scenario, params, seed, years)

"""Experiments: declarative sweeps with replications, on local processes or Dask, and
sensitivity analysis (Sobol, Morris) over their results.

    from cluster_sim.experiments import load_experiment, run_experiment, sensitivity
    results = run_experiment("experiments/smoke.toml", backend="local", workers=2)

Modules, one concern each (after EMA Workbench and SALib): ``parameters`` (levers and
uncertainties), ``outcomes``, ``samplers`` (designs), ``seeds``, ``experiment`` (the
file format), ``runs`` (run specs and the runner interface), ``evaluators`` (backends),
``store`` (resumable Parquet results), ``sweep`` (run_experiment), ``sensitivity``.
"""

from importlib import import_module

# name -> module: imported on first use, so a worker that needs only ``runs`` or ``outcomes``
# (``evaluate``, a sweep's run) does not load the designs' SALib and scipy (~2 s of imports)
_EXPORTS = {"Experiment": "experiment", "load_experiment": "experiment", "register_runner": "runners",
            "sensitivity": "sensitivity", "ResultsExist": "sweep", "load_results": "sweep",
            "run_experiment": "sweep", "summary": "sweep"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})

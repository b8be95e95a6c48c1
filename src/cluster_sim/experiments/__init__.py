"""Experiments: declarative sweeps with replications, on local processes or Dask, and
sensitivity analysis (Sobol, Morris) over their results.

    from cluster_sim.experiments import load_experiment, run_experiment, sensitivity
    results = run_experiment("experiments/smoke.toml", backend="local", workers=2)

Modules, one concern each (after EMA Workbench and SALib): ``parameters`` (levers and
uncertainties), ``outcomes``, ``samplers`` (designs), ``seeds``, ``experiment`` (the
file format), ``runs`` (run specs and the runner interface), ``evaluators`` (backends),
``store`` (resumable Parquet results), ``sweep`` (run_experiment), ``sensitivity``.
"""

from .experiment import Experiment, load_experiment
from .runners import register_runner
from .sensitivity import sensitivity
from .sweep import ResultsExist, load_results, run_experiment, summary

__all__ = ["Experiment", "ResultsExist", "load_experiment", "load_results", "register_runner", "run_experiment", "sensitivity",
           "summary"]

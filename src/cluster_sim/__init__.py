"""cluster-sim: agent-based simulation of rural village-cluster development in Zhejiang.

Names are imported lazily, so a worker process that only needs a submodule (experiments,
report) does not pay for importing Mesa and the model first.
"""

from importlib import import_module

__version__ = "0.1.0"
_LAZY = {"ClusterModel": "model", "Scenario": "scenario", "ScenarioError": "scenario", "load_scenario": "scenario",
         "simulate": "runner", "evaluate": "api", "evaluate_many": "api"}
__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'cluster_sim' has no attribute {name!r}")

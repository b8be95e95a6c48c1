"""cluster-sim: agent-based simulation of rural village-cluster development in Zhejiang."""

from .model import ClusterModel
from .scenario import Scenario, ScenarioError, load_scenario

__all__ = ["ClusterModel", "Scenario", "ScenarioError", "load_scenario"]
__version__ = "0.1.0"

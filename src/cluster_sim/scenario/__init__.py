"""Scenarios: the parameter registry, validation, loading and the embedded Pinghu default."""

from .errors import ScenarioError
from .loader import Scenario, load_scenario, parse_set_args

__all__ = ["Scenario", "ScenarioError", "load_scenario", "parse_set_args"]

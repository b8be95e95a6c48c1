"""Scenarios: the parameter registry, validation, loading and the embedded Pinghu default."""

from .errors import ScenarioError
from .loader import Scenario, check_param, check_seed, load_scenario, parse_set_args

__all__ = ["Scenario", "ScenarioError", "check_param", "check_seed", "load_scenario", "parse_set_args"]

"""``cluster-sim optimize``: which policy mix reaches the province target for the least public
money, over one reference future or robustly over many (NSGA-II through the sweep backends)."""

from .run import Optimisation, optimize
from .spec import OptimizeSpec, load_spec

__all__ = ["Optimisation", "OptimizeSpec", "load_spec", "optimize"]

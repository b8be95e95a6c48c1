"""How points are chosen: factorial, LHS, Sobol (Saltelli scheme) and Morris designs.

Every sampler returns points in the unit hypercube ``[0, 1]^k``; each factor turns its
column into values (``Factor.from_unit``). Levers are always crossed factorially and the
uncertainty sample is repeated under each lever combination, so every policy option meets
the same futures.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from SALib.sample import latin as salib_latin
from SALib.sample import morris as salib_morris
from SALib.sample import sobol as salib_sobol

from .parameters import Factor
from .seeds import design_seed

DESIGNS = ("factorial", "lhs", "sobol", "morris")
SAMPLING_DESIGNS = ("lhs", "sobol", "morris")


def salib_problem(factors: tuple[Factor, ...]) -> dict:
    """SALib's plain problem description, over the unit cube the factors map from."""
    return {"num_vars": len(factors), "names": [f.key for f in factors],
            "bounds": [[0.0, 1.0]] * len(factors)}


def factorial(factors: tuple[Factor, ...]) -> np.ndarray:
    """Every combination of listed values, first factor slowest; the mid-point of each level's
    slice of [0, 1] maps back to that level. No factors: one point, the baseline."""
    if not factors:
        return np.zeros((1, 0))
    grids = [[(i + 0.5) / len(f.levels) for i in range(len(f.levels))] for f in factors]
    return np.array(list(itertools.product(*grids)), dtype=float)


def lhs(factors: tuple[Factor, ...], samples: int, seed: int) -> np.ndarray:
    return salib_latin.sample(salib_problem(factors), samples, seed=seed)


def sobol(factors: tuple[Factor, ...], samples: int, seed: int, second_order: bool = False) -> np.ndarray:
    """Saltelli's scheme: samples * (k + 2) points, or samples * (2k + 2) with second order."""
    return salib_sobol.sample(salib_problem(factors), samples, calc_second_order=second_order, seed=seed)


def morris(factors: tuple[Factor, ...], samples: int, seed: int, levels: int = 4) -> np.ndarray:
    """``samples`` one-at-a-time trajectories of k + 1 points each."""
    return salib_morris.sample(salib_problem(factors), samples, num_levels=levels, seed=seed)


def design_size(levers: tuple[Factor, ...], uncertainties: tuple[Factor, ...], design: str,
                samples: int | None, *, second_order: bool = False) -> int:
    """How many design points ``build_design`` would make, counted without building them (so a
    design of 10^12 points is refused in a sentence rather than exhausting memory)."""
    def crossed(factors):
        return math.prod(len(f.levels) for f in factors)
    k = len(uncertainties)
    per_policy = {"factorial": lambda: crossed(uncertainties), "lhs": lambda: samples,
                  "sobol": lambda: samples * ((2 * k + 2) if second_order else (k + 2)),
                  "morris": lambda: samples * (k + 1)}[design]()
    return crossed(levers) * per_policy


@dataclass(frozen=True)
class Design:
    """The design points of an experiment: lever combinations × uncertainty sample.

    Design point ``p`` is lever combination ``p // n_samples`` under sample ``p % n_samples``.
    """

    levers: tuple[Factor, ...]
    uncertainties: tuple[Factor, ...]
    lever_unit: np.ndarray
    uncertainty_unit: np.ndarray

    @property
    def n_policies(self) -> int:
        return len(self.lever_unit)

    @property
    def n_samples(self) -> int:
        return len(self.uncertainty_unit)

    def __len__(self) -> int:
        return self.n_policies * self.n_samples

    def points(self) -> list[dict[str, Any]]:
        """Factor values of every design point, in design-point order."""
        lever_values = _columns(self.levers, self.lever_unit)
        sample_values = _columns(self.uncertainties, self.uncertainty_unit)
        return [{**lever, **sample} for lever in lever_values for sample in sample_values]


def _columns(factors: tuple[Factor, ...], unit: np.ndarray) -> list[dict[str, Any]]:
    columns = {f.key: f.from_unit(unit[:, j]) for j, f in enumerate(factors)}
    return [{key: values[i] for key, values in columns.items()} for i in range(len(unit))]


def build_design(levers: tuple[Factor, ...], uncertainties: tuple[Factor, ...], design: str,
                 samples: int | None, root_seed: int, *, second_order: bool = False,
                 levels: int = 4) -> Design:
    seed = design_seed(root_seed)
    if design == "factorial":
        unit = factorial(uncertainties)
    elif design == "lhs":
        unit = lhs(uncertainties, samples, seed)
    elif design == "sobol":
        unit = sobol(uncertainties, samples, seed, second_order)
    elif design == "morris":
        unit = morris(uncertainties, samples, seed, levels)
    else:
        raise ValueError(f"unknown design {design!r}; one of {', '.join(DESIGNS)}")
    return Design(levers, uncertainties, factorial(levers), np.asarray(unit, dtype=float))

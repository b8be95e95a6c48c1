"""Randomness from one root: every seed of an experiment derives from ``root_seed``.

Replication k runs with seed ``SeedSequence(root_seed).spawn(replications)[k]
.generate_state(1, uint32)[0]`` at *every* design point (common random numbers), so two
design points differ only by their parameters, not by luck. Spawned children are defined
by their index, so adding replications later keeps the seeds of the existing ones.

The design's sampler (LHS, Sobol scrambling, Morris trajectories) and SALib's bootstrap
draw from a separate stream, ``SeedSequence([DESIGN_STREAM, root_seed])``, that no
replication can share.
"""

from __future__ import annotations

import numpy as np

DESIGN_STREAM = 0x5EED_DE51  # tags the design stream apart from the replication streams


def replication_seeds(root_seed: int, replications: int) -> list[int]:
    """The seed of each replication, as plain ints (32 bits: fits any RNG and Parquet)."""
    children = np.random.SeedSequence(root_seed).spawn(replications)
    return [int(child.generate_state(1, dtype=np.uint32)[0]) for child in children]


def design_rng(root_seed: int) -> np.random.Generator:
    """The generator the design sampler and the sensitivity bootstrap draw from."""
    return np.random.default_rng(np.random.SeedSequence([DESIGN_STREAM, root_seed]))


def design_seed(root_seed: int) -> int:
    """The design stream as one int, for APIs that want a seed rather than a Generator."""
    return int(np.random.SeedSequence([DESIGN_STREAM, root_seed]).generate_state(1, dtype=np.uint32)[0])

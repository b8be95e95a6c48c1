"""Named random streams: every kind of draw has its own generator derived from the run's seed.

Switching a policy on must not shift the draws of anything else (common random numbers make
paired comparisons of scenarios precise). So no part of the model draws from one shared
generator: a named decision takes ``model.stream("name")``, a generator of its own, and draws
that belong to an individual (an enterprise's yearly productivity shock) are *keyed*: a pure
function of the seed, the stream, the individual's stable id and a counter (the year), so they
do not depend on how many other individuals exist or in which order they were created.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=None)
def stream_key(name: str) -> int:
    """A stable 63-bit key of a stream name (the same on every machine and Python run)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little") >> 1


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijective mix of 64-bit integers (Steele et al. 2014).

    ``x`` is a uint64 array of at least one dimension: arithmetic on arrays wraps modulo 2**64
    without a warning (on numpy scalars it warns), so no ``errstate`` is needed — entering one
    cost more than the mixing itself for the few ids of most calls."""
    x = x + _GOLDEN
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    return x ^ (x >> _S31)


_GOLDEN, _M1, _M2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S27, _S30, _S31 = np.uint64(27), np.uint64(30), np.uint64(31)


class RandomStreams:
    """``streams(name)`` → that stream's generator (created on first use, then continued);
    ``streams.uniform(name, ids, counter)`` / ``normal`` → keyed draws, one per id."""

    def __init__(self, entropy: int):
        self.entropy = int(entropy)
        self._generators: dict[str, np.random.Generator] = {}

    def __call__(self, name: str) -> np.random.Generator:
        gen = self._generators.get(name)
        if gen is None:
            seq = np.random.SeedSequence(self.entropy, spawn_key=(stream_key(name),))
            gen = self._generators[name] = np.random.Generator(np.random.PCG64(seq))
        return gen

    def _bits(self, name: str, ids: np.ndarray, counter: int, lane: int) -> np.ndarray:
        base = np.uint64((self.entropy * 0x2545F4914F6CDD1D + stream_key(name) + lane * 0x9E37) & 0xFFFFFFFFFFFFFFFF)
        x = _splitmix64(np.atleast_1d(np.asarray(ids, dtype=np.uint64)) ^ base)
        bits = _splitmix64(x + np.uint64(counter & 0xFFFFFFFFFFFFFFFF))
        return bits.reshape(np.shape(ids))

    def uniform(self, name: str, ids: np.ndarray, counter: int, lane: int = 0) -> np.ndarray:
        """Uniform(0, 1) draws, one per id, for this counter (e.g. the year)."""
        return ((self._bits(name, ids, counter, lane) >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53

    def normal(self, name: str, ids: np.ndarray, counter: int) -> np.ndarray:
        """Standard normal draws, one per id (Box–Muller on two keyed uniforms)."""
        u1, u2 = self.uniform(name, ids, counter, 0), self.uniform(name, ids, counter, 1)
        return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)

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

import numpy as np

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def stream_key(name: str) -> int:
    """A stable 63-bit key of a stream name (the same on every machine and Python run)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little") >> 1


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijective mix of 64-bit integers (Steele et al. 2014)."""
    with np.errstate(over="ignore"):
        x = (x + np.uint64(0x9E3779B97F4A7C15)) & _MASK
        x = ((x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _MASK
        x = ((x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _MASK
        return x ^ (x >> np.uint64(31))


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
        with np.errstate(over="ignore"):
            x = _splitmix64(np.asarray(ids, dtype=np.uint64) ^ base)
            return _splitmix64(x + np.uint64(counter & 0xFFFFFFFFFFFFFFFF))

    def uniform(self, name: str, ids: np.ndarray, counter: int, lane: int = 0) -> np.ndarray:
        """Uniform(0, 1) draws, one per id, for this counter (e.g. the year)."""
        return ((self._bits(name, ids, counter, lane) >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53

    def normal(self, name: str, ids: np.ndarray, counter: int) -> np.ndarray:
        """Standard normal draws, one per id (Box–Muller on two keyed uniforms)."""
        u1, u2 = self.uniform(name, ids, counter, 0), self.uniform(name, ids, counter, 1)
        return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)

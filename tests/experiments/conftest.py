"""Fixtures for the experiments tests: experiment files written on the fly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import helper_runners
import pytest

from cluster_sim.experiments import register_runner

# experiment files name runners; the test runners are registered from Python, as a user's would be
for _name in ("noisy_ishigami", "fails_at_x1_half", "dies_once", "always_dies", "crashes_after", "interrupted_after",
              "linear", "fails_at_x1_half_while_flagged"):
    register_runner(_name, getattr(helper_runners, _name))

ISHIGAMI_FACTORIAL = """
name = "ishigami_grid"
runner = "{runner}"
scenario = "default"
years = 1
replications = {replications}
root_seed = 11
design = "factorial"

[levers]
x1 = {{ values = [-1.0, 0.5, 2.0] }}

[uncertainties]
x2 = {{ values = [0.0, 1.0] }}
x3 = {{ values = [-2.0, 3.0] }}

[[outcomes]]
name = "y"
column = "y"
"""


@pytest.fixture
def write_experiment(tmp_path):
    """``write_experiment(text, name="exp.toml")`` → path of a TOML file in tmp_path."""

    def write(text: str, name: str = "exp.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def ishigami_grid(write_experiment):
    """A 3 x 2 x 2 factorial on a runner (default: seeded noisy Ishigami), 2 replications: 24 runs."""

    def make(runner: str = "noisy_ishigami", replications: int = 2, name: str = "exp.toml") -> Path:
        return write_experiment(ISHIGAMI_FACTORIAL.format(runner=runner, replications=replications), name)

    return make

"""Bad input to the evidence commands stops before anything runs; the growth-factor ratio outcome."""

import math

import pandas as pd
import pytest

from cluster_sim.cli import main
from cluster_sim.experiments.outcomes import Outcome, parse_outcomes
from cluster_sim.scenario.errors import ScenarioError


def test_calibrate_refuses_an_unknown_parameter(capsys):
    assert main(["dev", "calibrate", "--param", "economy.no_such_thing", "--seeds", "1"]) == 2
    assert "economy.no_such_thing" in capsys.readouterr().err


def test_small_sensitivity_needs_a_workdir(capsys):
    assert main(["dev", "evidence", "sensitivity", "--small"]) == 2
    assert "--workdir" in capsys.readouterr().err


def test_growth_ratio_is_a_ratio_of_growth_factors():
    table = pd.DataFrame({"t": [0, 1, 2], "low": [100.0, 110.0, 121.0], "all": [100.0, 105.0, 110.25]})
    ratio = Outcome("r", "low", "growth", over="all").measure(table)
    assert ratio == pytest.approx(1.10 / 1.05)
    falling = table.assign(all=[100.0, 95.0, 90.25])
    assert math.isfinite(Outcome("r", "low", "growth", over="all").measure(falling))


def test_growth_ratio_needs_at_growth():
    with pytest.raises(ScenarioError, match="over"):
        parse_outcomes("x.toml", [{"name": "r", "column": "low", "at": "final", "over": "all"}], 5, set())

"""Each kind of bad scenario input: a clear error naming file, key and what is allowed; a
non-zero exit from the CLI; no results folder left behind."""

from pathlib import Path

import pytest

from cluster_sim.cli import main
from cluster_sim.scenario import ScenarioError, load_scenario

GOOD = """
[meta]
name = "t"
[county]
name = "县"
villages = 5
households = 500
"""

CASES = {
    "missing key": (GOOD.replace("villages = 5\n", ""), "county.villages", "missing"),
    "unknown key": (GOOD + "\n[economy]\nwage_growht = 0.1\n", "economy.wage_growht", "unknown key"),
    "unknown section": (GOOD + "\n[economics]\nx = 1\n", "economics", "unknown section"),
    "wrong type": (GOOD + "\n[economy]\nwage_growth = \"fast\"\n", "economy.wage_growth", "wrong type"),
    "out of range": (GOOD + "\n[collective]\nloan_rate = 3.0\n", "collective.loan_rate", "out of range"),
    "bad choice": (GOOD + "\n[[county.clusters]]\nname='a'\nkey_village='k'\ntheme='mining'\n", "county.clusters[0].theme", "not allowed"),
    "unknown policy": (GOOD + "\n[policies.teleport]\nenabled = true\n", "policies.teleport", "unknown policy"),
    "too few villages": (GOOD + "\n[[county.clusters]]\nname='a'\nkey_village='k'\nsurrounding=9\n", "county.villages", "cannot hold"),
    "bad toml": (GOOD + "\n[county\n", "(file)", "not valid TOML"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_names_file_key_and_allowed(tmp_path: Path, case: str):
    text, key, problem = CASES[case]
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    err = info.value
    assert err.key == key and problem in err.problem
    assert str(path) in str(err)
    if problem not in ("not valid TOML", "missing"):
        assert "allowed" in str(err)


@pytest.mark.parametrize("case", ["wrong type", "unknown key", "out of range"])
def test_cli_exits_nonzero_and_writes_nothing(tmp_path: Path, capsys, case: str):
    text, key, _ = CASES[case]
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out)]) == 2
    assert key in capsys.readouterr().err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.toml"]


def test_bad_set_override_names_the_command_line(tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--set", "economy.wage_growth=fast", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--set" in err and "economy.wage_growth" in err and "number in" in err
    assert not out.exists()


def test_set_override_changes_a_parameter():
    spec = load_scenario(None, {"economy.wage_growth": 0.07})
    assert spec.get("economy.wage_growth") == 0.07


def test_validate_command_accepts_the_default(capsys):
    assert main(["validate"]) == 0
    assert "pinghu" in capsys.readouterr().out

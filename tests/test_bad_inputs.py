"""The bad inputs of issue 14 (items 4, 5, 6 and 11), each through the command line as a user
types it: a clear message naming the source and the key, exit 2, no traceback — or, for the
numpy values and whole floats that researchers' tools hand over, success. Issue 25 item 9's
tracebacks, hangs and runaway runs are here too."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from cluster_sim import ClusterModel, ScenarioError
from cluster_sim.cli import main

ROOT = Path(__file__).resolve().parents[1]
SMALL = (Path(__file__).parent / "data" / "small.toml").read_text(encoding="utf-8")
PAIRING_ON = "[policies.pairing]\nenabled = true\n"

# name: (files to write {name: text or bytes}, argv, what the message must contain; None = success)
CASES: dict[str, tuple[dict, list[str], list[str] | None]] = {
    # item 4: tracebacks before
    "gbk file: validate": ({"s.toml": ('[meta]\nname = "平湖"\n' + SMALL.split("[simulation]")[1]).encode("gbk")},
                           ["validate", "s.toml"], ["s.toml", "not UTF-8", "GBK", "save it as UTF-8"]),
    "gbk file: run": ({"s.toml": '[meta]\ntitle_zh = "平湖"\n'.encode("gbk")}, ["run", "s.toml"], ["s.toml", "UTF-8"]),
    "gbk file: compare": ({"s.toml": '[meta]\ntitle_zh = "平湖"\n'.encode("gbk")},
                          ["compare", "s.toml", "s.toml"], ["s.toml", "UTF-8"]),
    "gbk file: app": ({"s.toml": '[meta]\ntitle_zh = "平湖"\n'.encode("gbk")}, ["app", "s.toml", "--no-browser"],
                      ["s.toml", "UTF-8"]),
    "gbk file: classroom check": ({"c.toml": '[classroom]\nname = "甲"\n'.encode("gbk")}, ["classroom", "check", "c.toml"],
                                  ["c.toml", "UTF-8"]),
    "extends itself": ({"s.toml": '[meta]\nextends = "s.toml"\n'}, ["validate", "s.toml"], ["s.toml", "meta.extends", "s.toml -> s.toml"]),
    "extends cycle": ({"a.toml": '[meta]\nextends = "b.toml"\n', "b.toml": '[meta]\nextends = "a.toml"\n'},
                      ["validate", "a.toml"], ["meta.extends", "a.toml -> b.toml -> a.toml"]),
    "extends = 5": ({"s.toml": "[meta]\nextends = 5\n"}, ["validate", "s.toml"], ["s.toml", "meta.extends", "wrong type int"]),
    'extends = "."': ({"s.toml": '[meta]\nextends = "."\n'}, ["validate", "s.toml"], ["s.toml", "meta.extends", "is a folder"]),
    "meta = 5": ({"s.toml": "meta = 5\n"}, ["validate", "s.toml"], ["s.toml", "'meta'", "must be a table"]),
    "validate .": ({}, ["validate", "."], ["is a folder"]),
    "--seed -1": ({}, ["run", "--seed", "-1"], ["--seed", "out of range"]),
    "app --port 99999": ({}, ["app", "--port", "99999", "--no-browser"], ["--port", "99999", "65535"]),
    "classroom summarize foreign CSV": ({"x.csv": "a,b\n1,2\n"}, ["classroom", "summarize", "x.csv"],
                                        ["x.csv", "missing columns", "group"]),
    "households 50 million": ({}, ["validate", "--set", "county.households=50_000_000"],
                              ["county.households", "GiB"]),
    # item 5: silently accepted before
    "wage_growth = nan": ({"s.toml": SMALL + "[economy]\nwage_growth = nan\n"}, ["validate", "s.toml"],
                          ["s.toml", "economy.wage_growth", "not a finite number"]),
    "house rent = nan": ({}, ["validate", "--set", "economy.house_rent_yuan_year=nan"],
                         ["--set economy.house_rent_yuan_year=nan", "not a finite number"]),
    "money = 1e300": ({}, ["validate", "--set", "economy.house_rent_yuan_year=1e300"], ["out of range"]),
    "budget = inf": ({}, ["validate", "--set", "policies.flying_land.budget_yuan=inf"],
                     ["policies.flying_land.budget_yuan", "not a finite number", "unlimited"]),
    "households = 1e300": ({}, ["validate", "--set", "county.households=1e300"], ["county.households", "value 1e+300 out of range"]),
    "start_year beyond the run": ({"s.toml": SMALL + PAIRING_ON + "start_year = 7\n"}, ["validate", "s.toml"],
                                  ["policies.pairing.start_year", "never act"]),
    "end_year < start_year": ({"s.toml": SMALL + PAIRING_ON + "start_year = 2\nend_year = 1\n"}, ["validate", "s.toml"],
                              ["policies.pairing.end_year", "never act"]),
    "target named, no names": ({"s.toml": SMALL + PAIRING_ON + 'target = "named"\n'}, ["validate", "s.toml"],
                               ["policies.pairing.villages", "never act"]),
    "target named, unknown name": ({"s.toml": SMALL + PAIRING_ON + 'target = "named"\nvillages = ["无此村"]\n'},
                                   ["validate", "s.toml"], ["policies.pairing.villages[0]", "无此村"]),
    "bad pairing names": ({"s.toml": SMALL + PAIRING_ON + 'rule = "explicit"\npairs = ["甲村:无此村"]\n'},
                          ["validate", "s.toml"], ["policies.pairing.pairs[0]", "无此村"]),
    "explicit pairing, no pairs": ({"s.toml": SMALL + PAIRING_ON + 'rule = "explicit"\n'}, ["validate", "s.toml"],
                                   ["policies.pairing.pairs", "never act"]),
    "--set meta.extends": ({}, ["validate", "--set", "meta.extends=scenarios/tourism.toml"],
                           ["--set meta.extends=", "cannot be overridden"]),
    "village override unknown": ({"s.toml": SMALL + '[[county.villages_override]]\nname = "无此村"\n'},
                                 ["validate", "s.toml"], ["county.villages_override[0].name", "无此村"]),
    # item 6: messages that pointed the wrong way
    "--years 0": ({}, ["run", "--years", "0"], ["--years", "out of range"]),
    "bad --set names --set": ({}, ["validate", "--set", "economy.wage_growth=2"],
                              ["--set economy.wage_growth=2", "out of range"]),
    "missing extends target": ({"s.toml": '[meta]\nextends = "nope.toml"\n'}, ["validate", "s.toml"],
                               ["s.toml", "meta.extends", "nope.toml", "file not found"]),
    "validate a classroom file": ({"c.toml": 'scenario = "default"\n[classroom]\nname = "c"\nseed = 1\n'}, ["validate", "c.toml"], None),
    # item 11: numbers as tools hand them over, through --set
    "whole float for a whole number": ({}, ["validate", "--set", "simulation.years=3.0"], None),
    "unlimited spelled out": ({}, ["validate", "--set", "policies.flying_land.budget_yuan=unlimited",
                               "--set", "policies.flying_land.max_villages=unlimited"], None),
    # issue 25 item 9: tracebacks, hangs and runaway work before
    "arrays nested 2,000 deep": ({"s.toml": "x = " + "[" * 2000 + "]" * 2000 + "\n"}, ["validate", "s.toml"],
                                 ["s.toml", "nested more than 12 levels"]),
    "inline tables nested 2,000 deep": ({"s.toml": "x = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n"},
                                        ["validate", "s.toml"], ["s.toml", "nested more than 12 levels"]),
    "table headers nested 2,000 deep": ({"s.toml": "[" + ".".join(["a"] * 2000) + "]\n"}, ["validate", "s.toml"],
                                        ["s.toml", "nested more than 12 levels"]),
    "extends chain of 40 files": ({f"s{i}.toml": f'[meta]\nextends = "s{i + 1}.toml"\n' for i in range(40)} | {"s40.toml": ""},
                                  ["validate", "s0.toml"], ["meta.extends", "more than 32"]),
    "scenario of 5 MiB": ({"s.toml": "# " + "x" * (5 * 2**20) + "\n"}, ["validate", "s.toml"], ["s.toml", "MiB"]),
    "compare --seed -1": ({}, ["compare", "default", "default", "--seed", "-1"], ["--seed", "-1", "out of range"]),
    "compare --reps 1000000": ({}, ["compare", "default", "default", "--reps", "1000000"],
                               ["--reps", "1000000", "1 to 1000"]),
    "compare --workers 0": ({}, ["compare", "default", "default", "--workers", "0"], ["--workers", "1 to 256"]),
    "sweep --workers 100000": ({}, ["sweep", "e.toml", "--workers", "100000"], ["--workers", "1 to 256"]),
    "app --host 999.1.1.1": ({}, ["app", "--host", "999.1.1.1", "--no-browser"],
                             ["--host '999.1.1.1'", "not an address", "0.0.0.0"]),
    "app --host of another computer": ({}, ["app", "--host", "192.0.2.1", "--no-browser"],  # TEST-NET-1: nobody's
                                       ["--host '192.0.2.1'", "not an address of this computer"]),
    "app --seed x": ({}, ["app", "--seed", "x", "--no-browser"], ["--seed", "not a whole number"]),
    "experiment of 10^12 runs": ({"e.toml": 'name = "big"\nscenario = "default"\nyears = 1\nroot_seed = 1\n'
                                  'replications = 100000\ndesign = "sobol"\nsamples = 8388608\n'
                                  '[uncertainties."economy.wage_growth"]\nlow = 0.01\nhigh = 0.05\n'
                                  '[[outcomes]]\nname = "o"\ncolumn = "farmer_income_per_capita_yuan"\nat = "final"\n'},
                                 ["sweep", "e.toml", "--out", "o"], ["e.toml", "2,516,582,400,000 runs", "at most 1,000,000"]),
}


def write_files(folder: Path, files: dict) -> None:
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gets_one_clear_message_and_exit_2(case, tmp_path, monkeypatch, capsys):
    files, argv, expected = CASES[case]
    write_files(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses bad option values itself, with exit 2
        code = exc.code
    err = capsys.readouterr().err
    if expected is None:
        assert code == 0, err
        return
    assert code == 2, err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, f"{text!r} not in {err!r}"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files), "a refused command left files behind"


@pytest.mark.parametrize("value", [np.int64(3), np.float32(3.0), 3.0, np.float64(3.0)])
def test_numpy_and_whole_float_values_are_accepted_for_whole_numbers(value, small_scenario):
    model = ClusterModel(str(small_scenario), seed=np.int64(1), **{"simulation.years": value,
                                                                   "policies.pairing.enabled": np.bool_(True),
                                                                   "economy.wage_growth": np.float32(0.05)})
    assert model.years == 3 and type(model.params["simulation"]["years"]) is int
    assert model.params["policies"]["pairing"]["enabled"] is True
    assert model.params["economy"]["wage_growth"] == pytest.approx(0.05)


def test_python_keyword_errors_name_the_keyword_not_set(small_scenario):
    with pytest.raises(ScenarioError) as info:
        ClusterModel(str(small_scenario), **{"simulation.years": 2.5})
    assert str(info.value).startswith("keyword argument simulation.years=2.5")
    with pytest.raises(ScenarioError) as info:
        ClusterModel(str(small_scenario), seed=-3)
    assert "seed" in str(info.value)


def _public_money(scenario: Path, **settings) -> float:
    """Public money the flying-land package put in (its budget pays the subsidy share)."""
    model = ClusterModel(str(scenario), seed=1, **{"simulation.years": 1, "policies.flying_land.enabled": True,
                                                   **{f"policies.flying_land.{k}": v for k, v in settings.items()}})
    model.run()
    flows = model.tables()["flows_year"]
    return float(flows[(flows["category"] == "public_investment") & (flows["side"] == "paid")]["amount_yuan"].sum())


def test_zero_budget_and_zero_cap_mean_nothing_and_unlimited_means_no_limit(small_scenario):
    unlimited = _public_money(small_scenario)
    assert unlimited > 0
    assert _public_money(small_scenario, budget_yuan="unlimited", max_villages="unlimited") == unlimited
    assert _public_money(small_scenario, budget_yuan=0) == 0
    assert _public_money(small_scenario, max_villages=0) == 0
    assert 0 < _public_money(small_scenario, max_villages=1) < unlimited


def test_a_fifo_is_refused_not_read_forever(tmp_path, monkeypatch, capsys):
    """Reading a FIFO blocks until someone writes to it: the check must come before any open()."""
    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "s.toml"]) == 2
    err = capsys.readouterr().err
    assert "s.toml" in err and "special file" in err


def test_households_as_many_as_villages_keep_one_each():
    """The floor of one household a village overshot the total, leaving a negative village."""
    from cluster_sim.scenario.generator import build_villages
    from cluster_sim.scenario import load_scenario

    county = load_scenario(None, overrides={"county.villages": 500, "county.households": 503}).data["county"]
    villages, _ = build_villages(county)
    home = villages.loc[~villages["is_partner"].astype(bool), "households"]
    assert len(home) == 500 and home.min() >= 1
    assert home.sum() == 503


def test_force_onto_an_immutable_folder_is_a_sentence(tmp_path, monkeypatch, capsys):
    """The operating system refusing (an immutable folder, read-only disk) ends in exit 2 and one
    line naming the file, and the folder is as it was."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.toml").write_text(SMALL, encoding="utf-8")
    assert main(["run", "s.toml", "--years", "1", "--out", "out", "-q"]) == 0
    before = sorted(p.name for p in (tmp_path / "out").iterdir())
    if subprocess.run(["chattr", "+i", str(tmp_path / "out")], capture_output=True).returncode != 0:
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        capsys.readouterr()
        assert main(["run", "s.toml", "--years", "1", "--out", "out", "--force", "-q"]) == 2
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path / "out")], check=True)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "out" in err and "Operation not permitted" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "s.toml"], "a hidden temporary folder was left"

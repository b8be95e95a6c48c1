"""The bad inputs of issue 14 (items 4, 5, 6 and 11), each through the command line as a user
types it: a clear message naming the source and the key, exit 2, no traceback — or, for the
numpy values and whole floats that researchers' tools hand over, success."""

from __future__ import annotations

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

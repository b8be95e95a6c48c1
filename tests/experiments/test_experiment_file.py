"""Experiment files are validated strictly: every problem names the file, the key and what is allowed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cluster_sim.experiments import load_experiment, run_experiment
from cluster_sim.experiments.experiment import OPTIMISATION_KEY
from cluster_sim.experiments.parameters import CategoricalFactor, NormalFactor, ScenarioFactor, UniformFactor
from cluster_sim.scenario.errors import ScenarioError

from exp_support import ROOT, SMALL_SCENARIO

GOOD = """
name = "ok"
scenario = "default"
years = 3
replications = 2
root_seed = 1
design = "lhs"
samples = 4

[levers."policies.x.rate"]
values = [0.1, 0.2]

[uncertainties."economy.wage_growth"]
low = 0.02
high = 0.08

[[outcomes]]
name = "income"
column = "farmer_income_per_capita_yuan"
"""


def test_a_good_file_loads(write_experiment):
    exp = load_experiment(write_experiment(GOOD))
    assert exp.name == "ok" and exp.scenario is None and exp.design == "lhs" and exp.samples == 4
    assert [f.key for f in exp.levers] == ["policies.x.rate"]
    assert exp.outcomes[0].at == "final"
    assert exp.runner == "cluster-sim"


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


BAD = [
    # (file text, key named in the error, fragment of the allowed text)
    ("colour = 'red'\n" + GOOD, "colour", "one of name"),
    (edit('name = "ok"\n', ""), "name", "text"),
    (edit("years = 3", "years = 'three'"), "years", "whole number"),
    (edit("years = 3", "years = 0"), "years", "[1, 100]"),
    (edit("replications = 2", "replications = 2.5"), "replications", "whole number"),
    (edit("root_seed = 1", "root_seed = -1"), "root_seed", "[0,"),
    (edit('design = "lhs"', 'design = "grid"'), "design", "'factorial'"),
    (edit("samples = 4\n", ""), "samples", "whole number"),
    (edit('design = "lhs"', 'design = "sobol"').replace("samples = 4", "samples = 6"), "samples", "power of 2"),
    (edit('design = "lhs"', 'design = "factorial"').replace("low = 0.02\nhigh = 0.08", "values = [0.02]"),
     "samples", "leave it out"),
    (edit('design = "lhs"\nsamples = 4', 'design = "factorial"'), "uncertainties.economy.wage_growth", "values"),
    (edit("samples = 4", "samples = 4\nlevels = 6"), "levels", "leave it out"),
    (edit("values = [0.1, 0.2]", "low = 0.1\nhigh = 0.2"), "levers.policies.x.rate.low", "values = [...]"),
    (edit("values = [0.1, 0.2]", "values = [0.1, 0.1]"), "levers.policies.x.rate.values", "distinct"),
    (edit("values = [0.1, 0.2]", "values = [0.1, 'a']"), "levers.policies.x.rate.values", "all numbers"),
    (edit("values = [0.1, 0.2]", "values = []"), "levers.policies.x.rate.values", "at least one"),
    (edit("high = 0.08", "high = 0.01"), "uncertainties.economy.wage_growth.high", "high > low"),
    (edit("high = 0.08", "high = 0.08\nvalues = [1]"), "uncertainties.economy.wage_growth.low", "values = [...]"),
    (edit("high = 0.08", "high = 0.08\nspread = 1"), "uncertainties.economy.wage_growth.spread", "one of values"),
    (edit("low = 0.02\nhigh = 0.08", "dist = 'normal'\nmean = 0.05"), "uncertainties.economy.wage_growth.sd", "number"),
    (edit("low = 0.02\nhigh = 0.08", "dist = 'normal'\nmean = 0.05\nsd = 0"), "uncertainties.economy.wage_growth.sd", "> 0"),
    (edit("low = 0.02\nhigh = 0.08", "dist = 'beta'\nlow = 0.0\nhigh = 1.0"), "uncertainties.economy.wage_growth.dist", "'normal'"),
    (edit("low = 0.02\nhigh = 0.08", "scenarios = ['a.toml']"), "uncertainties.economy.wage_growth.scenarios", "[levers]"),
    (edit('scenario = "default"', 'scenario = "nowhere.toml"'), "scenario", ".toml path"),
    (edit('scenario = "default"\n', ""), "scenario", "text"),
    (edit('column = "farmer_income_per_capita_yuan"', 'column = "x"\nat = "middle"'), "outcomes[0].at", "'growth'"),
    (edit('column = "farmer_income_per_capita_yuan"', 'column = "x"\nat = 4'), "outcomes[0].at", "0..3"),
    (edit('name = "income"', 'name = "seed"'), "outcomes[0].name", "other than"),
    (edit('name = "income"', 'name = "my income"'), "outcomes[0].name", "letters"),
    (GOOD.split("[[outcomes]]")[0], "outcomes", "[[outcomes]]"),
    ('runner = "no_such_module:run"\n' + GOOD, "runner", "'cluster-sim'"),
    ('runner = "just_a_name"\n' + GOOD, "runner", "'ishigami'"),
    (GOOD + '\n[uncertainties."policies.x.rate"]\nlow = 0.0\nhigh = 1.0\n', "uncertainties.policies.x.rate", "once"),
]


@pytest.mark.parametrize(("text", "key", "allowed"), BAD)
def test_bad_files_name_file_key_and_what_is_allowed(write_experiment, text, key, allowed):
    path = write_experiment(text)
    with pytest.raises(ScenarioError) as caught:
        load_experiment(path)
    err = caught.value
    assert err.source == str(path)
    assert err.key == key
    assert allowed in (err.allowed or "") + err.problem
    assert str(path) in str(err) and f"'{key}'" in str(err)


def test_not_toml_and_missing_file(write_experiment, tmp_path):
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_experiment(write_experiment("name = "))
    with pytest.raises(ScenarioError, match="file not found"):
        load_experiment(tmp_path / "absent.toml")


def test_nested_and_quoted_paths_are_the_same_factor(write_experiment):
    nested = GOOD.replace('[uncertainties."economy.wage_growth"]', "[uncertainties.economy.wage_growth]")
    a, b = load_experiment(write_experiment(GOOD, "a.toml")), load_experiment(write_experiment(nested, "b.toml"))
    assert a.uncertainties == b.uncertainties


def test_factor_kinds(write_experiment, tmp_path):
    (tmp_path / "s1.toml").write_text("[meta]\nname = 's1'\n")
    (tmp_path / "s2.toml").write_text("[meta]\nname = 's2'\n")
    text = edit('scenario = "default"\n', "").replace(
        '[levers."policies.x.rate"]', '[levers.county]\nscenarios = ["s1.toml", "s2.toml"]\n\n[levers."policies.x.rate"]'
    ).replace('low = 0.02\nhigh = 0.08', 'dist = "normal"\nmean = 0.05\nsd = 0.01\nlow = 0.03'
              ) + '\n[uncertainties."county.villages"]\nlow = 10\nhigh = 20\n'
    exp = load_experiment(write_experiment(text))
    kinds = {f.key: type(f) for f in exp.factors}
    assert kinds == {"county": ScenarioFactor, "policies.x.rate": CategoricalFactor,
                     "economy.wage_growth": NormalFactor, "county.villages": UniformFactor}
    assert exp.scenario_factor.key == "county"
    specs = exp.run_specs()
    assert {s.scenario for s in specs} == {str(tmp_path / "s1.toml"), str(tmp_path / "s2.toml")}
    assert all("county" not in s.params and "county" in s.factors for s in specs)
    assert all(isinstance(s.params["county.villages"], int) and 10 <= s.params["county.villages"] <= 20 for s in specs)
    assert all(s.params["economy.wage_growth"] >= 0.03 for s in specs)


def test_scenario_lever_conflicts_with_scenario_key(write_experiment, tmp_path):
    (tmp_path / "s1.toml").write_text("")
    text = GOOD.replace('[levers."policies.x.rate"]', '[levers.county]\nscenarios = ["s1.toml"]\n\n[levers."policies.x.rate"]')
    with pytest.raises(ScenarioError, match="conflicts"):
        load_experiment(write_experiment(text))


def test_unknown_parameter_path_is_refused_before_any_run(write_experiment, tmp_path):
    """The model's own validation runs on every design point up front."""
    text = GOOD.replace('"policies.x.rate"', '"economy.wage_growth_typo"')
    with pytest.raises(ScenarioError) as caught:
        run_experiment(write_experiment(text), backend="serial", out=tmp_path / "out", progress=False)
    assert caught.value.key == "levers.economy.wage_growth_typo"
    assert not (tmp_path / "out").exists()


def test_out_of_range_value_is_refused_by_the_model(write_experiment, tmp_path):
    text = GOOD.replace('"policies.x.rate"', '"economy.migrant_remit_share"').replace("[0.1, 0.2]", "[0.5, 1.5]")
    with pytest.raises(ScenarioError, match="out of range"):
        run_experiment(write_experiment(text), backend="serial", out=tmp_path / "out", progress=False)


@pytest.mark.parametrize("path", sorted((ROOT / "experiments").glob("*.toml")), ids=lambda p: p.name)
def test_shipped_experiments_load_and_validate(path: Path):
    if OPTIMISATION_KEY in tomllib.loads(path.read_text(encoding="utf-8")):
        from cluster_sim.optimize.evaluation import validate_levers
        from cluster_sim.optimize.spec import load_spec

        validate_levers(load_spec(path))
        validate_levers(load_spec(path, small=True))
        with pytest.raises(ScenarioError, match="optimisation file"):
            load_experiment(path)
        return
    exp = load_experiment(path)
    assert exp.run_specs()
    exp.validate_points()


def test_small_scenario_fixture_exists():
    assert SMALL_SCENARIO.is_file()


def test_the_readme_example_file_is_valid(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Experiments"):]
    example = section[section.index("```toml") + len("```toml"):]
    example = example[:example.index("```")]
    (tmp_path / "experiments").mkdir()
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    path = tmp_path / "experiments" / "readme.toml"
    path.write_text(example, encoding="utf-8")
    exp = load_experiment(path)
    exp.validate_points()
    assert exp.name == "flying_land_returns" and len(exp.plan) == 4 * 2


@pytest.mark.parametrize("runner", ["os:system", "subprocess:call", "builtins:exec", "helper_runners:linear",
                                    "planted_module:run",
                                    "cluster_sim.experiments.model_runner:simulate", "no-such-name"])
def test_a_file_naming_code_to_run_is_refused_before_anything_runs(write_experiment, tmp_path, monkeypatch, runner):
    """An experiment file is data: a runner it names must be registered; nothing is imported,
    called or written for any other name, through the CLI or the Python API."""
    import os
    import subprocess
    import sys

    from cluster_sim.cli import main

    called = []
    # a module beside the file that would leave a mark if it were ever imported
    (tmp_path / "planted_module.py").write_text("open(__file__ + '.imported', 'w').close()\ndef run(*a): pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(os, "system", lambda *a: called.append(a) or 0)
    monkeypatch.setattr(subprocess, "call", lambda *a, **k: called.append(a) or 0)
    path = write_experiment(f'runner = "{runner}"\n' + GOOD)
    with pytest.raises(ScenarioError, match="not a registered runner"):
        load_experiment(path)
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(tmp_path / "out")]) == 2
    assert not called and not (tmp_path / "out").exists()
    assert "planted_module" not in sys.modules and not (tmp_path / "planted_module.py.imported").exists()

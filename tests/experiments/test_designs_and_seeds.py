"""Design sizes, factor mappings, common random numbers and stable run ids."""

from __future__ import annotations

import numpy as np
import pytest

from cluster_sim.experiments import load_experiment
from cluster_sim.experiments.samplers import design_size
from cluster_sim.scenario import ScenarioError
from cluster_sim.experiments.seeds import replication_seeds

HEADER = """
name = "d"
runner = "ishigami"
scenario = "default"
years = 1
replications = {reps}
root_seed = 5
design = "{design}"
{extra}
[[outcomes]]
name = "y"
column = "y"
"""

UNIFORM3 = """
[uncertainties]
x1 = { low = -3.0, high = 3.0 }
x2 = { low = -3.0, high = 3.0 }
x3 = { low = -3.0, high = 3.0 }
"""


def make(write_experiment, design: str, extra: str = "", reps: int = 1, body: str = UNIFORM3):
    return load_experiment(write_experiment(HEADER.format(design=design, extra=extra, reps=reps) + body))


@pytest.mark.parametrize(("design", "extra", "points"), [
    ("lhs", "samples = 10", 10),
    ("sobol", "samples = 16", 16 * (3 + 2)),
    ("sobol", "samples = 16\nsecond_order = true", 16 * (2 * 3 + 2)),
    ("morris", "samples = 5", 5 * (3 + 1)),
    ("morris", "samples = 5\nlevels = 6", 5 * (3 + 1)),
])
def test_sampling_design_sizes(write_experiment, design, extra, points):
    exp = make(write_experiment, design, extra, reps=3)
    assert len(exp.plan) == points
    # the count the size check trusts before building anything is the size that gets built
    assert design_size(exp.levers, exp.uncertainties, exp.design, exp.samples, second_order=exp.second_order) == points
    specs = exp.run_specs()
    assert len(specs) == points * 3
    values = np.array([[s.params[k] for k in ("x1", "x2", "x3")] for s in specs])
    assert values.min() >= -3.0 and values.max() <= 3.0


def test_factorial_crosses_levers_and_uncertainties(ishigami_grid):
    exp = load_experiment(ishigami_grid(replications=2))
    assert len(exp.plan) == 3 * 2 * 2 and len(exp.run_specs()) == 24
    points = exp.plan.points()
    # levers outermost; every lever value meets every combination of the uncertainties
    assert [p["x1"] for p in points] == [-1.0] * 4 + [0.5] * 4 + [2.0] * 4
    assert {(p["x2"], p["x3"]) for p in points[:4]} == {(0.0, -2.0), (0.0, 3.0), (1.0, -2.0), (1.0, 3.0)}


def test_levers_cross_a_sampled_design(write_experiment):
    body = UNIFORM3 + "\n[levers]\npolicy = { values = ['a', 'b', 'c'] }\n"
    exp = make(write_experiment, "lhs", "samples = 8", body=body)
    points = exp.plan.points()
    assert len(points) == 24
    assert design_size(exp.levers, exp.uncertainties, exp.design, exp.samples) == 24
    # the same futures under each policy option
    for k in range(8):
        assert points[k]["x1"] == points[8 + k]["x1"] == points[16 + k]["x1"]
        assert [points[k + 8 * i]["policy"] for i in range(3)] == ["a", "b", "c"]


def test_factorial_without_factors_is_one_baseline_point(write_experiment):
    exp = make(write_experiment, "factorial", reps=4, body="")
    assert len(exp.plan) == 1 and len(exp.run_specs()) == 4


def test_categorical_and_integer_factors_in_sampling_designs(write_experiment):
    body = """
[uncertainties]
x1 = { values = [1.0, 2.0, 3.0] }
x2 = { low = 1, high = 4 }
x3 = { dist = "normal", mean = 0.0, sd = 1.0 }
"""
    exp = make(write_experiment, "lhs", "samples = 400", body=body)
    points = exp.plan.points()
    x1 = [p["x1"] for p in points]
    x2 = [p["x2"] for p in points]
    x3 = np.array([p["x3"] for p in points])
    assert set(x1) == {1.0, 2.0, 3.0} and abs(x1.count(2.0) - 133) <= 2  # LHS: equal shares
    assert set(x2) == {1, 2, 3, 4} and all(isinstance(v, int) for v in x2)
    assert abs(x3.mean()) < 0.05 and abs(x3.std() - 1) < 0.05 and np.isfinite(x3).all()


def test_morris_corners_of_a_normal_factor_stay_finite(write_experiment):
    body = '[uncertainties]\nx1 = { dist = "normal", mean = 1.0, sd = 2.0 }\nx2 = { low = 0.0, high = 1.0 }\n'
    exp = make(write_experiment, "morris", "samples = 4", body=body)
    values = [p["x1"] for p in exp.plan.points()]
    assert np.isfinite(values).all() and min(values) < -4 and max(values) > 6


def test_common_random_numbers(ishigami_grid):
    """Replication k has the same seed at every design point; replications differ."""
    specs = load_experiment(ishigami_grid(replications=3)).run_specs()
    by_rep = {}
    for s in specs:
        by_rep.setdefault(s.replication, set()).add(s.seed)
    assert all(len(seeds) == 1 for seeds in by_rep.values())
    assert len({next(iter(seeds)) for seeds in by_rep.values()}) == 3
    assert [s.seed for s in specs[:3]] == replication_seeds(11, 3)


def test_seeds_are_documented_spawn_children_and_stable_when_replications_grow():
    root = np.random.SeedSequence(11)
    expected = [int(c.generate_state(1, dtype=np.uint32)[0]) for c in root.spawn(4)]
    assert replication_seeds(11, 4) == expected
    assert replication_seeds(11, 2) == expected[:2]
    assert replication_seeds(12, 2) != expected[:2]


def test_designs_and_run_ids_are_deterministic_and_unique(write_experiment):
    a = make(write_experiment, "sobol", "samples = 8", reps=2)
    b = make(write_experiment, "sobol", "samples = 8", reps=2)
    ids = [s.run_id for s in a.run_specs()]
    assert ids == [s.run_id for s in b.run_specs()]
    assert len(set(ids)) == len(ids)
    assert [s.params for s in a.run_specs()] == [s.params for s in b.run_specs()]


def test_run_ids_follow_content_not_location(ishigami_grid, tmp_path):
    first = load_experiment(ishigami_grid(name="a.toml")).run_specs()
    moved_dir = tmp_path / "elsewhere"
    moved_dir.mkdir()
    moved = moved_dir / "b.toml"
    moved.write_text((tmp_path / "a.toml").read_text())
    assert [s.run_id for s in load_experiment(moved).run_specs()] == [s.run_id for s in first]
    # more replications keep the ids of the existing ones (so a resume can extend a sweep)
    more = load_experiment(ishigami_grid(replications=3, name="c.toml")).run_specs()
    assert {s.run_id for s in first} < {s.run_id for s in more}


def test_a_design_past_a_million_runs_is_refused_before_it_is_built(write_experiment):
    body = "\n[uncertainties]\n" + "".join(f"x{i} = {{ values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }}\n" for i in range(7))
    with pytest.raises(ScenarioError, match=r"10,000,000 points × 1 replications = 10,000,000 runs"):
        make(write_experiment, "factorial", body=body)
    body = "\n[uncertainties]\n" + "".join(f"x{i} = {{ values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }}\n" for i in range(6))
    with pytest.raises(ScenarioError, match="key 'replications'.*1,000,000 points × 2 replications"):
        make(write_experiment, "factorial", body=body, reps=2)
    assert make(write_experiment, "factorial", body=body).replications == 1  # the limit itself is allowed

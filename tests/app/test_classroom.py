"""Classroom mode without a browser: a teacher's file with locks, a fixed seed, a budget and a
goal; groups' results saved to a CSV and summarised for the discussion."""

import csv
import threading
from pathlib import Path

import pytest

from cluster_sim.app.session import Session
from cluster_sim.classroom.config import load_classroom
from cluster_sim.classroom.results import append_result, read_results
from cluster_sim.classroom.summarize import rank, summarize
from cluster_sim.cli import main
from cluster_sim.scenario import ScenarioError

ROOT = Path(__file__).resolve().parents[2]
WEAK = ROOT / "scenarios" / "classroom_weak_villages.toml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SMALL_CLASS = """
scenario = "{scenario}"
[classroom]
name = "small"
seed = 11
years = 2
budget_yuan = 5_000_000
groups = ["甲组", "乙组"]
locked = ["economy", "policies.credit"]
[classroom.set]
"economy.wage_growth" = 0.03
[classroom.goal]
rank_by = "weak_operating_mean_yuan"
[[classroom.goal.conditions]]
metric = "villages_over_indebted"
op = "<="
value = 0
when = "every_year"
"""


@pytest.fixture
def small_class(tmp_path, small_scenario):
    return write(tmp_path / "class.toml", SMALL_CLASS.format(scenario=small_scenario))


def test_shipped_classroom_file_is_valid():
    c = load_classroom(WEAK)
    assert c.seed == 2024 and c.years == 5 and c.budget_yuan == 30_000_000
    assert c.is_locked("economy.wage_growth") and c.is_locked("simulation.years")
    assert not c.is_locked("policies.flying_land.budget_yuan")
    assert [k.metric for k in c.conditions] == ["weak_operating_min_yuan", "villages_over_indebted"]


@pytest.mark.parametrize("bad, key", [
    ('[classroom]\nname = "x"\nseed = 1\ncolour = "red"\n', "classroom.colour"),
    ('[classroom]\nname = "x"\n', "classroom.seed"),
    ('[classroom]\nname = "x"\nseed = 1\nlocked = ["economy.no_such_thing"]\n', "classroom.locked[0]"),
    ('[classroom]\nname = "x"\nseed = 1\ngroups = ["a", "a"]\n', "classroom.groups"),
    ('[classroom]\nname = "x"\nseed = 1\n[[classroom.goal.conditions]]\nmetric = "happiness"\nvalue = 1\n',
     "classroom.goal.conditions[0].metric"),
    ('[classroom]\nname = "x"\nseed = 1\n[classroom.set]\n"economy.wage_growth" = 9.0\n', "economy.wage_growth"),
    ('extra = 1\n[classroom]\nname = "x"\nseed = 1\n', "extra"),
])
def test_classroom_file_is_validated_strictly(tmp_path, bad, key):
    with pytest.raises(ScenarioError) as err:
        load_classroom(write(tmp_path / "bad.toml", bad))
    assert err.value.key == key


def test_locked_parameters_fixed_seed_budget_and_goal(small_class, tmp_path):
    c = load_classroom(small_class, tmp_path / "results.csv")
    assert c.scenario.get("economy.wage_growth") == 0.03
    session = Session.for_classroom(c)
    assert session.by_key["economy.wage_growth"].locked
    assert session.by_key["policies.credit.enabled"].locked
    with pytest.raises(PermissionError):
        session.set_value("economy.wage_growth", 0.1)
    with pytest.raises(PermissionError):
        session.set_seed(3)
    # budget: an enabled package needs money, and the packages share the classroom's budget
    session.set_value("policies.flying_land.enabled", True)
    assert [w for w, _ in session.budget_problems()[1]] == ["budget_zero"]
    session.set_value("policies.flying_land.budget_yuan", 6_000_000.0)
    assert [w for w, _ in session.budget_problems()[1]] == ["budget_over"]
    session.set_value("policies.flying_land.budget_yuan", 4_000_000.0)
    assert session.budget_problems() == (4_000_000.0, [])
    session.apply()
    assert session.goal_checks()[0].met is None  # not run yet
    with pytest.raises(ValueError):
        session.result_row("甲组")
    session.run_years(3)
    assert session.finished and session.last_closed == 2
    checks = session.goal_checks()
    assert checks[0].met is True and checks[0].value == 0
    row = session.result_row("甲组", "先帮最弱的村")
    assert row["conditions_met"] == 1 and row["success"] and row["seed"] == 11
    assert "飞地抱团" in row["choices"]
    assert row["m_extra_public_spending_yuan"] > 0  # the subsidised stakes are public money
    append_result(c.results, row)
    # a second group does nothing: same seed, so it sees exactly the baseline
    other = Session.for_classroom(c)
    other.run_years(3)
    row2 = other.result_row("乙组")
    assert row2["m_weak_operating_mean_yuan"] == pytest.approx(other.baseline().county_rows
                                                                 .set_index("t").loc[2, "weak_operating_mean_yuan"])
    assert row2["m_extra_public_spending_yuan"] == pytest.approx(0.0, abs=1e-6)
    append_result(c.results, row2)
    results = read_results(c.results)
    assert list(results["group"]) == ["甲组", "乙组"]
    ranked = rank(results)
    assert list(ranked["rank"]) == [1, 2]
    assert ranked.loc[0, "group"] == "甲组"  # flying land raised the weak villages' mean


def test_results_are_appended_atomically_from_many_threads(tmp_path):
    path = tmp_path / "r.csv"
    rows = [{"group": f"g{i}", "note": "逗号, 引号\" 换行\n", "value": i} for i in range(40)]
    threads = [threading.Thread(target=append_result, args=(path, r)) for r in rows]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.DictReader(f))
    assert sorted(int(r["value"]) for r in lines) == list(range(40))
    assert all(r["note"] == "逗号, 引号\" 换行\n" for r in lines)
    assert path.read_bytes().startswith("\ufeff".encode())  # Excel reads it as UTF-8


def test_summarize_command_ranks_and_charts(tmp_path, small_class, capsys):
    c = load_classroom(small_class, tmp_path / "results.csv")
    for group, enabled in (("甲组", False), ("乙组", True)):
        session = Session.for_classroom(c)
        if enabled:
            session.set_value("policies.flying_land.enabled", True)
            session.set_value("policies.flying_land.budget_yuan", 4_000_000.0)
            session.apply()
        session.run_years(3)
        append_result(c.results, session.result_row(group))
    out = tmp_path / "summary"
    assert main(["classroom", "summarize", str(c.results), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.index("乙组") < printed.index("甲组")
    assert (out / "ranking.png").stat().st_size > 10_000
    assert "| 名次 |" in (out / "ranking.md").read_text(encoding="utf-8")
    paths = summarize(c.results, tmp_path / "again", lang="en")
    assert "rank" in paths["csv"].read_text(encoding="utf-8-sig").splitlines()[0]
    # a summary is a results folder: never written over a user's files, an earlier one only with --force
    home = tmp_path / "home"
    home.mkdir()
    (home / "ranking.csv").write_text("the user's own table", encoding="utf-8")
    assert main(["classroom", "summarize", str(c.results), "--out", str(home), "--force"]) == 2
    assert (home / "ranking.csv").read_text(encoding="utf-8") == "the user's own table"
    assert main(["classroom", "summarize", str(c.results), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["classroom", "summarize", str(c.results), "--out", str(out), "--force", "--lang", "en"]) == 0
    assert "rank" in (out / "ranking.csv").read_text(encoding="utf-8-sig").splitlines()[0]

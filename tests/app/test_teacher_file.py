"""A teacher writes a classroom file without a programmer: the wizard (answers checked as they
are typed), Chinese indicator names, and full-width punctuation named with line and column."""

import io
import sys

import pytest

from cluster_sim.classroom.config import load_classroom
from cluster_sim.cli import main
from cluster_sim.scenario import ScenarioError


def test_wizard_asks_again_on_bad_answers_and_writes_a_valid_file(tmp_path, monkeypatch, capsys):
    answers = iter([
        "我的课",          # name: not letters -> asked again
        "weak5",
        "薄弱村五年过线",   # title
        "",                # brief
        "",                # seed: default 2024
        "60", "６",         # years: out of range, then full-width 6 (an IME's digits are fine)
        "两千", "２０００",   # budget in 万元: not a number, then 2000
        "甲组，乙组、丙组",  # groups with Chinese separators
        "economy, 经济",     # locked: an unknown key -> asked again
        "",                # locked: default
        "幸福感",           # unknown indicator -> asked again
        "薄弱村经营性收入最低值",
        "≥",               # op
        "40",              # 40 万元
        "期末",
        "11",              # by number: the 11th indicator
        "<=", "0", "每一年",
        "",                # no more goals
        "",                # results: default
    ])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    path = tmp_path / "classroom_weak5.toml"
    assert main(["classroom", "new", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("×") >= 5  # every bad answer was refused with its reason
    c = load_classroom(path)
    assert (c.name, c.seed, c.years, c.budget_yuan) == ("weak5", 2024, 6, 20_000_000)
    assert c.groups == ["甲组", "乙组", "丙组"]
    assert c.conditions[0].metric == "weak_operating_min_yuan" and c.conditions[0].op == ">="
    assert c.conditions[0].value == 400_000 and c.conditions[0].when == "final"
    assert c.conditions[1].when == "every_year" and c.conditions[1].op == "<="
    assert str(c.results.resolve()) in out  # the results file, as an absolute path
    assert main(["classroom", "new", str(path)]) == 2  # never overwritten


def test_chinese_indicator_names_are_accepted(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[classroom]\nname = "x"\nseed = 1\n[classroom.goal]\nrank_by = "农民人均可支配收入"\n'
                    '[[classroom.goal.conditions]]\nmetric = "突破负债红线的村数"\nop = "<="\nvalue = 0\n',
                    encoding="utf-8")
    c = load_classroom(path)
    assert c.rank_by == "farmer_income_per_capita_yuan" and c.conditions[0].metric == "villages_over_indebted"


def test_full_width_punctuation_is_named_precisely(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[classroom]\nname = "x"\nseed = 1\ntitle_zh = “我的课”\nbrief_zh = "他说“好”"\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_classroom(path)
    text = str(err.value)
    assert "line 4, column 12" in text and "“" in text and '"' in text
    # inside a quoted string the same marks are just text
    path.write_text('[classroom]\nname = "x"\nseed = 1\nbrief_zh = "他说“好”"\n', encoding="utf-8")
    assert load_classroom(path).brief[0] == "他说“好”"

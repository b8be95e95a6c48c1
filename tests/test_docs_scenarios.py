"""docs/scenarios.md: every scenario's question answered from paired runs against the baseline.
The small version (a smaller county, 2 replications, 2 years) runs the real scenario library."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cluster_sim.docs import scenarios as D
from cluster_sim.report import metrics as M

ROOT = Path(__file__).resolve().parents[1]


def test_only_yes_no_questions_get_a_yes_or_no_lead():
    m = M.BY_NAME["weak_operating_mean_yuan"]
    row = comparison_row(8.0, 3.0, 13.0)
    assert D.is_yes_no("Does pairing narrow the gap?") and not D.is_yes_no("Why does tourism raise incomes?")
    assert D.answer_sentence(row, m, "en", yes_no=False).startswith("By 2034, weak villages' operating income")
    assert D.answer_sentence(row, m, "zh", yes_no=False).startswith("到2034年")
    unclear = comparison_row(8.0, -3.0, 19.0)
    assert D.answer_sentence(unclear, m, "en", yes_no=False).startswith("No, no claim can be made")


def comparison_row(diff: float, low: float, high: float) -> pd.Series:
    return pd.Series({"diff": diff, "diff_low": low, "diff_high": high, "diff_pct": 0.05, "final_year": 2034})


@pytest.mark.parametrize("metric, diff, low, high, zh, en", [
    ("weak_operating_mean_yuan", 80_000.0, -10_000.0, 170_000.0, "否，不能下结论", "No, no claim can be made"),
    ("weak_operating_mean_yuan", 80_000.0, 30_000.0, 130_000.0, "是。", "Yes."),
    ("weak_operating_mean_yuan", -80_000.0, -130_000.0, -30_000.0, "否：", "No:"),
    # a ratio of strong to weak villages: a clear fall is what the question hopes for
    ("strong_weak_gap_ratio", -0.4, -0.6, -0.2, "是。", "Yes."),
    ("strong_weak_gap_ratio", 0.4, 0.2, 0.6, "否：", "No:"),
])
def test_the_answer_says_no_when_the_interval_includes_zero_or_the_change_goes_the_wrong_way(metric, diff, low,
                                                                                             high, zh, en):
    m = M.BY_NAME[metric]
    row = comparison_row(diff / m.divisor, low / m.divisor, high / m.divisor)
    assert D.answer_sentence(row, m, "zh").startswith(zh)
    assert D.answer_sentence(row, m, "en").startswith(en)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The real scenario library in a county of 1,500 households: 2 replications of 2 years."""
    done = D.answer(ROOT / "scenarios", reps=2, seed=7, years=2, households=1500, workers=1)
    meta = {"date_utc": "2026-12-01T00:00:00+00:00", "commit": "test", "machine": "test", "command": "test",
            "wall_seconds": 1.0}
    return done, D.render(done, meta)


@pytest.mark.slow
def test_every_question_scenario_is_answered_and_the_others_skipped(small):
    done, page = small
    asked = [p for p in sorted((ROOT / "scenarios").glob("*.toml"))
             if not p.name.startswith(("classroom_", "synthetic_province"))]
    assert sorted(done.files.values()) == sorted(p.name for p in asked)
    for p in asked:
        assert f"`scenarios/{p.name}`" in page
    assert "classroom_" not in page and "synthetic_province" not in page
    assert page.count("**答案：**") == page.count("**Answer:**") == len(asked)
    assert "- 用时 wall time:" in page and "- 提交 commit: `test`" in page


@pytest.mark.slow
def test_the_answer_and_key_numbers_come_from_the_paired_runs(small):
    """Credit's answer is weak villages' total income: the amount in its sentence and its
    transfer part are the paired differences of the runs, computed here directly."""
    done, page = small
    credit = next(n for n, f in done.files.items() if f == "credit.toml")
    base = done.labels.baseline
    assert done.focus[credit] == "weak_total_mean_yuan"
    final = done.tidy[done.tidy["t"] == done.tidy["t"].max()]
    wide = final.pivot_table(index=["metric", "replication"], columns="scenario", values="value")
    effect = (wide.loc["weak_total_mean_yuan", credit] - wide.loc["weak_total_mean_yuan", base]).mean() / 1e4
    part = (wide.loc["weak_total_transfer_mean_yuan", credit]
            - wide.loc["weak_total_transfer_mean_yuan", base]).mean() / 1e4
    section = page.split("`scenarios/credit.toml`")[1].split("\n## ")[0]
    assert f"{abs(effect):,.1f}万元" in section and f"{part:+,.1f}万元" in section
    assert part > 0  # the package's subsidies are a transfer
    growth = done.tables["growth_change"]
    assert set(growth["scenario"]) == set(done.labels.others)
    assert np.isfinite(growth["growth_diff"]).all()


def test_an_unknown_answer_indicator_is_refused_before_anything_runs(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "baseline.toml").write_text('[meta]\nextends = "default"\nname = "baseline"\nquestion = "q?"\n',
                                          encoding="utf-8")
    (folder / "odd.toml").write_text('[meta]\nextends = "default"\nname = "odd"\nquestion = "q?"\n'
                                     'answer_with = "happiness"\n', encoding="utf-8")
    out = tmp_path / "scenarios.md"
    assert D.main(["--scenarios", str(folder), "--out", str(out), "--reps", "2", "--years", "1"]) == 2
    assert not out.exists()


def test_the_committed_page_answers_every_question_scenario():
    """docs/scenarios.md is generated by the full run; a scenario added since is missing from it."""
    page = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    for path in D.question_files(ROOT / "scenarios"):
        assert f"`scenarios/{path.name}`" in page, f"regenerate docs/scenarios.md ({path.name} is not answered)"
    assert "- 用时 wall time:" in page

"""One indicator, one set of words: every table that shows an indicator reads the catalogue
(outputs/indicators.py), and no module spells an indicator's Chinese name itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cluster_sim.accounts import COLLECTIVE_SOURCES
from cluster_sim.classroom.config import metric_name
from cluster_sim.classroom.metrics import METRICS
from cluster_sim.evidence.measures import EXTRA_COLUMNS
from cluster_sim.evidence.replications import HEADLINE as REPLICATION_HEADLINE
from cluster_sim.outputs.columns import COUNTY_COLUMNS
from cluster_sim.outputs.effects import HEADLINES
from cluster_sim.outputs.indicators import CATALOGUE, INDICATORS, indicator
from cluster_sim.outputs.run_output import SUMMARY_ROWS
from cluster_sim.report import metrics as report_metrics

SRC = Path(__file__).resolve().parents[1] / "src" / "cluster_sim"
# the catalogue itself, and the ledger's category words, which the catalogue reads for public_*
OWNERS = {SRC / "outputs" / "indicators.py", SRC / "accounts.py"}


def test_names_and_every_word_are_unique():
    assert len(INDICATORS) == len(CATALOGUE)
    words = [w for m in CATALOGUE for w in (m.zh, *m.aliases)]
    assert len(words) == len(set(words)), "two indicators share a Chinese name or alias"
    assert len({m.en for m in CATALOGUE}) == len(CATALOGUE)


def test_every_table_holds_the_catalogue_entries():
    tables = {"report": report_metrics.BY_NAME.values(), "run summary": SUMMARY_ROWS,
              "classroom": [ind.metric for ind in METRICS.values()]}
    for table, entries in tables.items():
        for m in entries:
            assert m is INDICATORS[m.name], f"the {table} table has its own words for {m.name}"
    for level, transfer in HEADLINES.values():
        assert level in INDICATORS and transfer in INDICATORS
    for column, zh, _, _ in REPLICATION_HEADLINE.values():
        assert zh == indicator(column).zh


def test_county_indicators_name_real_columns():
    """A catalogue entry that is a county-year column must be one (no stale names)."""
    derived = {*EXTRA_COLUMNS, "weak_operating_min_yuan", "weak_villages_below_line", "extra_public_spending_yuan",
               "villages_ever_over_indebted", "max_debt_ratio", "weak_operating_total_yuan",
               "household_income_total_yuan", "public_spending_yuan",
               *(f"collective_{s}_mean_yuan" for s in COLLECTIVE_SOURCES),
               *(f"public_{c}_yuan" for c in report_metrics.GOVERNMENT_CATEGORIES)}
    stale = [m.name for m in CATALOGUE if m.name not in derived and m.name not in COUNTY_COLUMNS]
    assert not stale


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_module_spells_an_indicators_chinese_name():
    words = {w: m.name for m in CATALOGUE for w in (m.zh, *m.aliases)}
    found = [f"{p.relative_to(SRC)}:{line} {text!r} ({words[text]})"
             for p in sorted(SRC.rglob("*.py")) if p not in OWNERS
             for line, text in _string_constants(p) if text in words]
    assert not found, "indicator words defined outside outputs/indicators.py:\n" + "\n".join(found)


@pytest.mark.parametrize("old, name", [("薄弱村经营性收入均值", "weak_operating_mean_yuan"),
                                       ("强弱村经营性收入之比", "strong_weak_gap_ratio"),
                                       ("农户收入基尼系数", "gini_household"),
                                       ("薄弱村经营性收入（村均）", "weak_operating_mean_yuan"),
                                       ("weak_operating_min_yuan", "weak_operating_min_yuan")])
def test_a_teachers_file_may_use_an_earlier_name(old, name):
    assert metric_name(f" {old} ") == name


@pytest.mark.parametrize("name, value, zh, en", [
    ("weak_operating_mean_yuan", 123_456.0, "12.3 万元", "12.3 ×10k yuan"),
    ("farmer_income_per_capita_yuan", 41_234.4, "41,234 元", "41,234 yuan"),
    ("share_villages_below_weak_line", 0.1694, "16.9%", "16.9%"),
    ("villages_over_indebted", 3.0, "3", "3"),
    ("gini_household", 0.31234, "0.312", "0.312"),
    ("weak_operating_mean_yuan", -1.0, "0.0 万元", "0.0 ×10k yuan"),
    ("weak_operating_mean_yuan", float("nan"), "—", "—"),
])
def test_values_are_shown_in_the_unit_the_catalogue_names(name, value, zh, en):
    m = indicator(name)
    assert (m.format(value, "zh"), m.format(value, "en")) == (zh, en)
    assert value != value or m.divisor in (1.0, 1e4, 0.01)


def test_an_unknown_indicator_is_named_in_the_error():
    with pytest.raises(KeyError, match="no_such_indicator"):
        indicator("no_such_indicator")


def test_an_outcomes_words_come_from_the_catalogue():
    from cluster_sim.experiments.outcomes import Outcome

    ratio = Outcome("r", "low_income_income_per_capita_yuan", "growth", over="farmer_income_per_capita_yuan")
    assert ratio.label == f"{indicator(ratio.column).zh}与{indicator(ratio.over).zh}的增长倍数之比"
    assert Outcome("g", "farmer_income_per_capita_yuan", "growth").label == "农民人均可支配收入年均增长率"
    assert Outcome("f", "gini_collective").label == "村集体总收入的村间基尼系数（末年）"
    assert Outcome("own", "my_runner_column").label == ""  # a user's runner may return any column
    assert Outcome("named", "gini_collective", label_zh="我的说法").label == "我的说法"  # a file's own words win


def test_no_shipped_experiment_relabels_a_catalogue_indicator():
    import tomllib

    from cluster_sim.experiments import load_experiment
    from cluster_sim.experiments.experiment import OPTIMISATION_KEY

    sweeps = [p for p in sorted((SRC.parents[1] / "experiments").glob("*.toml"))
              if OPTIMISATION_KEY not in tomllib.loads(p.read_text(encoding="utf-8"))]  # optimize files have no outcomes
    relabelled = [f"{path.name}: {o.name} ({o.column}) = {o.label_zh!r}"
                  for path in sweeps for o in load_experiment(path).outcomes if o.label_zh and o.column in INDICATORS]
    assert not relabelled, "outcome words that the catalogue already holds:\n" + "\n".join(relabelled)

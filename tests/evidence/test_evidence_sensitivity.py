"""The published-sensitivity chain end to end in its small version (the CI run of
docs/sensitivity.md): Morris → Sobol on the top → policy ranking → the page with every section."""

import pytest

from cluster_sim.evidence import sensitivity_study as study
from cluster_sim.evidence.uncertain import is_uncertain, study_range, uncertain_ranges
from cluster_sim.scenario.registry import BY_PATH, Param


@pytest.mark.slow
def test_small_study_writes_every_section(tmp_path):
    result = study.small(tmp_path, workers=2)
    page = result.paths.doc.read_text(encoding="utf-8")
    for heading in study.SECTIONS:
        assert heading in page
    for image in ("sensitivity_morris_small.png", "sensitivity_sobol_small.png", "sensitivity_ranking_small.png"):
        assert (tmp_path / "img" / image).stat().st_size > 5000
    # Sobol ran on the top of Morris, every package appears in the ranking, commands and provenance are there
    assert len(result.top) == study.SMALL.top and set(result.top) <= set(study.SMALL.parameters)
    assert set(result.morris["outcome"]) == {o[0] for o in study.OUTCOMES}
    for package in study.PACKAGES:
        assert f"| {package} |" in page
    assert result.ranks.first_share.sum().round(6).tolist() == [1.0, 1.0]
    assert "cluster-sim sweep" in page and "提交 commit" in page and "wall time" in page
    # the Morris screening ranks commuting wages first for farmer income growth: they are its largest source
    farmer = result.morris[result.morris["outcome"] == "farmer_income_growth"].set_index("factor")["mu_star"]
    assert farmer["economy.wage_commute_yuan_month"] > farmer["collective.subsidy_base_yuan_year"]


def test_ranges_follow_the_stated_rule():
    paths = {r.path: r for r in uncertain_ranges()}
    assert "simulation.years" not in paths and "economy.job_choice_rule" not in paths
    assert paths["economy.wage_growth"].low == pytest.approx(BY_PATH["economy.wage_growth"].default - 0.02)
    wage = BY_PATH["economy.wage_commute_yuan_month"].default
    assert (paths["economy.wage_commute_yuan_month"].low, paths["economy.wage_commute_yuan_month"].high) == \
        pytest.approx((0.75 * wage, 1.25 * wage))
    # clipped to what the registry allows: a share near 1 cannot exceed 1
    share = Param("x.payout_share", 0.9, "share", 0, 1, "test", "", "")
    assert is_uncertain(share) and study_range(share).high == 1 and study_range(share).low == pytest.approx(0.675)
    assert not is_uncertain(Param("simulation.strong_share", 0.25, "share", 0.01, 0.5, "test", "", ""))


def test_top_factors_take_each_parameters_best_outcome():
    import pandas as pd

    morris = pd.DataFrame({"outcome": ["a", "a", "a", "b", "b", "b"], "factor": ["x", "y", "z"] * 2,
                           "mu_star": [10.0, 5.0, 1.0, 0.1, 0.2, 0.4]})
    # z is weak for a but the strongest for b
    assert study.top_factors(morris, 2) == ["x", "z"]


def test_committed_experiment_files_are_valid_sweeps():
    from cluster_sim.experiments import load_experiment

    for name in ("evidence_morris", "evidence_ranking", "evidence_replications"):
        exp = load_experiment(study.ROOT / "experiments" / f"{name}.toml")
        assert len(exp.run_specs()) > 0
        assert all(f.key in BY_PATH for f in exp.uncertainties)

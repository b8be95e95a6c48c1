"""In a notebook the model, a run and a comparison show as one short line and a small HTML card
(the dataclass reprs printed every table: 25k and 47k characters)."""

import pytest

from cluster_sim import ClusterModel
from cluster_sim.reprs import MAX_REPR
from cluster_sim.runner import simulate


def test_model_repr_is_short_and_says_where_it_is(small_scenario):
    model = ClusterModel(str(small_scenario), seed=3)
    model.run(years=1)
    text = repr(model)
    assert len(text) < MAX_REPR and "small" in text and "seed=3" in text and "last_closed_year=2025" in text
    html = model._repr_html_()
    assert len(html) < 3000 and "farmer_income_per_capita_yuan" in html


def test_run_result_repr_is_short_and_its_html_is_the_summary(small_scenario):
    result = simulate(str(small_scenario), seed=3, years=1)
    assert len(repr(result)) < MAX_REPR and "county_year" in repr(result)
    html = result._repr_html_()
    assert "<table" in html and "farmer income per capita" in html and len(html) < 10_000


@pytest.mark.slow
def test_comparison_repr_is_short(tmp_path, small_scenario):
    from cluster_sim.report.compare import compare

    result = compare([str(small_scenario), str(small_scenario)], reps=2, years=1, workers=1, out=tmp_path / "c")
    text = repr(result)
    assert len(text) < MAX_REPR and "replications=2" in text
    html = result._repr_html_()
    assert "final_value" in html and len(html) < 20_000

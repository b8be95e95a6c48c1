from pathlib import Path

import pytest

from cluster_sim.docs.parameters import DOCS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_generated_docs_are_current(name):
    assert (ROOT / "docs" / name).read_text(encoding="utf-8") == DOCS[name](), \
        f"docs/{name} is stale: run python -m cluster_sim.docs.parameters"


def test_outputs_doc_is_current_and_covers_every_column(small_scenario):
    """docs/outputs.md is generated from the column catalogue, and the catalogue lists exactly
    the columns a run writes (a new column without a meaning and unit fails here)."""
    from cluster_sim.outputs.columns import DYNAMIC, TABLES, markdown
    from cluster_sim.outputs.run_output import policy_flows, summary_table
    from cluster_sim.runner import simulate

    assert (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8") == markdown(), \
        "docs/outputs.md is stale: run python -m cluster_sim.outputs.columns"
    result = simulate(str(ROOT / "scenarios" / "full_cluster.toml"), {"county.households": 4000}, seed=1, years=1)
    written = {**result.tables, "summary": summary_table(result.county_year), "policy_flows": policy_flows(result)}
    for name, table in written.items():
        documented = [c for c, _, _ in TABLES[name][1] if c not in DYNAMIC]
        assert [c for c in table.columns if not c.isdigit()] == documented, name


def test_enterprise_failure_columns_are_documented(small_scenario):
    """A failure record has the documented columns (the table is empty in most runs, so force
    failures with volatile, thin-margin factories)."""
    from cluster_sim import ClusterModel
    from cluster_sim.outputs.columns import TABLES

    shocky = {"enterprises.productivity_sd": 1.2, "enterprises.failure_cash_months": 1.0,
              "enterprises.factory_input_share": 0.6}
    model = ClusterModel(str(small_scenario), seed=5, **shocky).run(years=2)
    assert model.failures
    from cluster_sim.economy.enterprises import FAILURE_COLUMNS

    assert list(model.failures[0]) == list(FAILURE_COLUMNS) == [c for c, _, _ in TABLES["enterprise_failures"][1]]


def test_odd_generated_parts_are_current():
    """docs/ODD.md's schedule, submodel parameter tables and policies are those of the code."""
    from cluster_sim.docs import odd

    text = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    wanted = {"schedule", "policies"} | {f"parameters:{m}" for m in odd.SUBMODEL_MODULES}
    assert wanted <= set(odd.blocks(text)), sorted(wanted - set(odd.blocks(text)))
    assert odd.render(text) == text, "docs/ODD.md is stale: run python -m cluster_sim.docs.parameters"


def test_odd_goes_stale_when_the_schedule_changes(monkeypatch):
    """Reordering the month (a plausible edit of model.py) makes the ODD's schedule stale."""
    from cluster_sim import model
    from cluster_sim.docs import odd

    text = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    monkeypatch.setattr(model, "MONTHLY", model.MONTHLY[1:] + model.MONTHLY[:1])
    assert odd.render(text) != text


def test_every_registry_parameter_is_read_by_a_submodel():
    """The ODD's tables cover every parameter, and the registry holds none the model ignores."""
    from cluster_sim.docs import odd
    from cluster_sim.scenario.registry import PARAMS

    read = {p for m in odd.SUBMODEL_MODULES for p in odd.params_read(odd.module_path(m).read_text(encoding="utf-8"))}
    assert [p.path for p in PARAMS if p.path not in read] == []


def test_params_read_resolves_sections_and_patterns():
    from cluster_sim.docs.odd import params_read

    source = ('def f(model):\n    c, e = model.params["collective"], model.params["enterprises"]\n'
              '    return c["loan_rate"] + e[f"tourism_season_{1:02d}"] + growth(model, "economy.wage_growth")\n')
    read = params_read(source)
    assert "collective.loan_rate" in read and "enterprises.loan_rate" not in read
    assert "enterprises.tourism_season_12" in read and "economy.wage_growth" in read

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

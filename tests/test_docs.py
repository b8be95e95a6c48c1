from pathlib import Path

from cluster_sim.docs.parameters import render

ROOT = Path(__file__).resolve().parents[1]


def test_parameter_doc_is_generated_from_the_registry():
    assert (ROOT / "docs" / "parameters.md").read_text(encoding="utf-8") == render(), \
        "docs/parameters.md is stale: run python -m cluster_sim.docs.parameters"

from pathlib import Path

import pytest

from cluster_sim.docs.parameters import DOCS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_generated_docs_are_current(name):
    assert (ROOT / "docs" / name).read_text(encoding="utf-8") == DOCS[name](), \
        f"docs/{name} is stale: run python -m cluster_sim.docs.parameters"

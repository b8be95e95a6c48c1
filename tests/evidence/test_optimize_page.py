"""docs/optimize.md's generator, at the CI size: the page is the search it ran, number for number."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_sim.evidence.optimize_page import write


@pytest.mark.slow
def test_the_page_reports_the_search_it_ran(tmp_path):
    page = write(tmp_path / "docs" / "optimize.md", workdir=tmp_path / "work", small=True, workers=2,
                 command="cluster-sim dev evidence optimize --small")
    text = page.read_text(encoding="utf-8")
    convergence = pd.read_csv(tmp_path / "work" / "convergence.csv")
    discovery = pd.read_csv(tmp_path / "work" / "discovery.csv")
    assert "用时 wall time" in text and "提交 commit" in text
    last = convergence.astype({"hypervolume": float}).iloc[-1].to_dict()
    last = {k: (int(v) if k != "hypervolume" else v) for k, v in last.items()}
    assert f"| {last['generation']} | {last['candidates']} | {last['feasible']} | {last['front']} |" in text
    assert len(discovery) == 8  # the [small] table's discovery_futures
    assert f"{int(discovery['failed'].sum())} 个未达目标" in text
    assert ("PRIM" in text) and ("PRIM:" in text or "coverage" in text)
    for name in ("optimize_front.png", "optimize_parallel.png"):
        assert (tmp_path / "docs" / "figures" / name).stat().st_size > 10_000

"""docs/formation.md's generator at the CI size: the page is the formation and the paired runs it made."""

from __future__ import annotations

import numpy as np
import pytest

from cluster_sim.evidence import formation_page as F
from cluster_sim.evidence.measures import smaller_county
from cluster_sim.experiments.seeds import replication_seeds
from cluster_sim.report.compare import DEFAULT_SEED
from cluster_sim.runner import simulate


@pytest.mark.slow
def test_the_page_reports_the_formation_and_the_paired_comparison_it_ran(tmp_path):
    page = F.write(tmp_path / "docs" / "formation.md", reps=2, years=2, households=30_000, workers=2,
                   province=False, command="cluster-sim dev evidence formation --small")
    text = page.read_text(encoding="utf-8")
    assert (tmp_path / "docs" / "figures" / "formation_map.png").stat().st_size > 10_000
    s = F.study(reps=2, years=2, households=30_000, workers=2, province=False)
    v, f = s.model.villages, s.model.formation
    candidate = ~v.is_partner & ~v.is_key
    assert f"formed {int((f.cluster[candidate] >= 0).sum())}" in text
    assert f"{int((v.is_weak & candidate & (f.cluster < 0)).sum())} of {int((v.is_weak & candidate).sum())} weak" in text
    # the comparison is paired: replication k of both scenarios shares its seed
    comp = s.comparison[s.comparison["metric"] == "weak_operating_mean_yuan"].set_index("scenario")
    formed = comp.index[1]
    diffs = []
    for seed in replication_seeds(DEFAULT_SEED, 2):
        finals = []
        for k, source in enumerate((F.DESIGNATED, F.FORMED)):
            small = smaller_county(source, 30_000, tmp_path / f"s{k}")
            county = simulate(str(small), seed=seed, years=2).tables["county_year"]
            finals.append(county["weak_operating_mean_yuan"].iloc[-1])
        diffs.append(finals[1] - finals[0])
    assert comp.loc[formed, "diff"] == pytest.approx(np.mean(diffs) / 1e4, rel=1e-9)
    assert f"{comp.loc[formed, 'diff']:+,.1f}" in text
    planned = comp.index[2]
    assert f"**Answer (planned regions):**" in text and f"{comp.loc[planned, 'diff']:+,.1f}" in text
    assert (s.regions[~v.is_partner] >= 0).all()  # a planner's regions hold every village
    assert "Do formed clusters hold?" in text
    assert (f"{s.revisits['village'].nunique()} villages moved {len(s.revisits)} times" in text
            if len(s.revisits) else "No village changed cluster" in text)


def test_left_out_weak_villages_are_given_the_reason_formation_had():
    from cluster_sim.model import ClusterModel

    model = ClusterModel(str(F.FORMED), seed=1)
    out = F.left_out(model)
    v, f = model.villages, model.formation
    assert len(out) == int((v.is_weak & ~v.is_key & ~v.is_partner & (f.cluster < 0)).sum()) > 0
    assert set(out["reason"]) <= set(F.REASONS)
    pays = out["reason"] == "does_not_pay"
    assert (out.loc[pays, "best_gain_yuan"] <= 0).all()
    assert (out.loc[out["reason"] == "refused", "best_gain_yuan"] > 0).all()

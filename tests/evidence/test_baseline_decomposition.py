"""The baseline decomposition is an identity over the booked flows (issue 20, item 1): for weak,
surrounding and strong villages the operating sources add up to the change in operating income
the village table records, and the funding vintages hold exactly the collectives' stocks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cluster_sim.evidence.decomposition import decompose, village_groups
from cluster_sim.model import ClusterModel

SMALL = str(Path(__file__).resolve().parents[1] / "data" / "small.toml")
YEARS = 4


@pytest.fixture(scope="module")
def run():
    model = ClusterModel(SMALL, seed=3)
    model.run(YEARS)
    return model


@pytest.mark.parametrize("group", ["weak", "surrounding", "strong"])
def test_the_sources_add_up_to_the_recorded_change(run, group):
    villages = village_groups(run.villages)[group]
    table = run.tables()["village_year"]
    rows = table[table["village"].isin(villages)].groupby("t")
    operating, total = rows["operating_income_yuan"].mean(), rows["total_income_yuan"].mean()
    d = decompose(run.funding.years, villages, 0, YEARS)
    assert d.loc[d["operating"], "change"].sum() == pytest.approx(operating[YEARS] - operating[0], rel=1e-9, abs=1e-3)
    assert d["change"].sum() == pytest.approx(total[YEARS] - total[0], rel=1e-9, abs=1e-3)
    assert d.loc[d["operating"], "level_t1"].sum() == pytest.approx(operating[YEARS], rel=1e-9)
    # the growth has sources beyond the base year's level: reinvestment and indexation are booked
    assert d.set_index("source").loc[["reinvested_subsidies", "rent_indexation"], "change"].gt(0).all()


def test_the_vintages_hold_exactly_the_collectives_floor_and_stakes(run):
    """A write-down not applied to the vintages, or an investment added twice, breaks this."""
    f, v = run.funding, run.villages
    np.testing.assert_allclose(sum(f.stakes.values()), v.invested_capital_yuan, rtol=1e-9, atol=1e-3)
    np.testing.assert_allclose(sum(f.floor.values()), v.building_m2, rtol=1e-9, atol=1e-6)


def test_without_investable_subsidies_no_return_is_traced_to_them():
    model = ClusterModel(SMALL, seed=3, **{"collective.subsidy_investable_share": 0.0})
    model.run(2)
    strong = village_groups(model.villages)["strong"]
    d = decompose(model.funding.years, strong, 0, 2).set_index("source")
    assert d.loc["reinvested_subsidies", "change"] == 0.0
    assert d.loc["reinvested_operating", "change"] > 0

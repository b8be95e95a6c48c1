"""Mesa's conventions hold: ``rng=`` is the seed, and the DataCollector (so ``mesa.batch_run``)
carries the whole county record."""

import mesa
import pandas as pd

from cluster_sim import ClusterModel
from cluster_sim.outputs.columns import COUNTY_COLUMNS


def _county(small_scenario, **seed) -> pd.DataFrame:
    model = ClusterModel(str(small_scenario), **seed)
    model.run(years=1)
    return model.tables()["county_year"]


def test_rng_is_the_same_run_as_seed(small_scenario):
    by_rng = _county(small_scenario, rng=1)
    pd.testing.assert_frame_equal(by_rng, _county(small_scenario, seed=1))
    assert not by_rng.equals(_county(small_scenario, seed=2))  # the seed matters, so equality means something


def test_batch_run_returns_every_county_column(small_scenario):
    rows = mesa.batch_run(ClusterModel, parameters={"scenario": str(small_scenario), "simulation.years": 1},
                          rng=[1], number_processes=1, display_progress=False)
    assert set(COUNTY_COLUMNS) <= set(pd.DataFrame(rows).columns)

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_scenario() -> Path:
    return DATA / "small.toml"


@pytest.fixture(scope="session")
def pinghu_run():
    """The default Pinghu scenario, 10 years, seed 7 — shared by the checks that read a full run."""
    from cluster_sim.model import ClusterModel
    model = ClusterModel(seed=7)
    model.run()
    return model


@pytest.fixture(scope="session")
def full_cluster_run():
    """Every policy on (scenarios/full_cluster.toml), 10 years, seed 7."""
    from cluster_sim.model import ClusterModel
    model = ClusterModel(str(ROOT / "scenarios" / "full_cluster.toml"), seed=7)
    model.run()
    return model


@pytest.fixture(scope="session")
def formed_revisited_run():
    """Pairing in clusters the villages form and reconsider every two years (pairs end and
    start mid-run), 10 years, seed 7."""
    from cluster_sim.model import ClusterModel
    model = ClusterModel(str(ROOT / "scenarios" / "formed_clusters.toml"), seed=7, **{"formation.revisit_years": 2})
    model.run()
    return model


@pytest.fixture(params=["pinghu_run", "full_cluster_run", "formed_revisited_run"])
def any_run(request):
    """The money-flow identities must hold in the baseline, with every policy on, and when
    formed clusters change mid-run."""
    return request.getfixturevalue(request.param)

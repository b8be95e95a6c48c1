"""Named random streams: a policy switched on leaves unrelated draws identical."""

import numpy as np

from cluster_sim.model import ClusterModel
from cluster_sim.random_streams import RandomStreams


def test_keyed_draws_depend_only_on_seed_stream_id_and_counter():
    s = RandomStreams(7)
    a = s.normal("x", np.array([5, 9, 11]), 3)
    b = s.normal("x", np.array([11, 5]), 3)
    assert a[0] == b[1] and a[2] == b[0]
    assert not np.array_equal(a, s.normal("x", np.array([5, 9, 11]), 4))
    assert not np.array_equal(a, s.normal("y", np.array([5, 9, 11]), 3))
    u = s.uniform("x", np.arange(100_000), 0)
    assert 0 < u.min() and u.max() < 1 and abs(u.mean() - 0.5) < 0.01


def test_policy_leaves_household_traits_and_enterprise_draws_unchanged(small_scenario):
    base = ClusterModel(str(small_scenario), seed=9).run(years=3)
    # packages that draw from their own streams and create enterprises, but do not act on
    # incumbents' productivity (pairing's know-how spillover does, on purpose)
    policy = ClusterModel(str(small_scenario), seed=9, **{"policies.flying_land.enabled": True,
                                                          "policies.tourism.enabled": True,
                                                          "policies.common_prosperity.enabled": True}).run(years=3)
    hb, hp = base.households, policy.households
    for trait in ("farming_preference", "business_scale", "entrepreneur", "job_priority"):
        assert np.array_equal(getattr(hb, trait), getattr(hp, trait)), trait
    assert np.array_equal(hb.ill, hp.ill)  # illness draws are keyed per household and year
    # enterprises present in both runs drew the same productivity shocks
    Eb, Ep = base.enterprises, policy.enterprises
    common, ib, ip = np.intersect1d(Eb.uid, Ep.uid, return_indices=True)
    assert len(common) > 20
    assert np.array_equal(Eb.productivity[ib], Ep.productivity[ip])

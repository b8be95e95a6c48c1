"""The dashboard's runs happen in worker processes: what a session shows must be exactly what a
direct ``ClusterModel`` run with the same settings and seed gives, however the run got there
(continued on a worker's live model, or replayed from the start on another)."""

import time

import numpy as np
import pandas as pd
import pytest

from cluster_sim.app import worker
from cluster_sim.app.session import Session
from cluster_sim.classroom.metrics import RunTables
from cluster_sim.model import ClusterModel


def assert_same_tables(a: RunTables, b: RunTables) -> None:
    assert a.tables.keys() == b.tables.keys() and a.weak_line_yuan == b.weak_line_yuan
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], check_exact=True)


@pytest.fixture(scope="module")
def session(small_scenario):
    s = Session.for_scenario(str(small_scenario), seed=7)
    s.set_value("policies.flying_land.enabled", True)
    s.set_value("policies.common_prosperity.enabled", True)
    s.apply()
    s.run_years(1)
    s.step_month()
    s.run_years(1)  # mid-year, then on to the next year's close: base year + 2
    return s


def test_session_snapshot_equals_a_direct_run(session):
    assert session.last_closed == 2 and session.snapshot.steps == 3 * worker.MONTHS
    model = ClusterModel(session.spec, seed=7, **session.model_overrides())
    for _ in range(session.snapshot.steps):  # step as the worker does: a run to its horizon would
        model.step()                         # stop before the next year's decisions
    assert_same_tables(session.run_tables(), RunTables.of(model))
    assert session.snapshot.policies == tuple(p.name for p in model.policies)
    assert session.package_uses() == worker.package_uses(model)
    for i in (0, 5, 11):
        d = session.village_detail(i)
        assert d["accounts"] == model.village_agents[i].accounts()
        h = model.households
        mask = h.village == i
        members = float(h.members[mask].sum())
        assert d["household_income"]["all"]["members"] == members
        assert d["household_income"]["all"]["wages"] == pytest.approx(float(h.income_by_source["wages"][mask].sum())
                                                                     / members, rel=1e-12)


def test_baseline_equals_a_direct_run_with_every_policy_off(session):
    off = {f"policies.{p}.enabled": False for p in worker.policy_registry()}
    model = ClusterModel(session.spec, seed=7, **off).run()
    assert_same_tables(session.baseline().tables, RunTables.of(model))


def test_replayed_and_continued_runs_agree(small_scenario):
    """A worker that has a live model of the same settings continues it; one that has not replays
    from the start: both give the same numbers, month by month."""
    spec = Session.for_scenario(str(small_scenario), seed=11).spec
    overrides = {"policies.pairing.enabled": True}
    worker._LIVE.clear()
    stepwise = [worker.simulate(spec, 11, overrides, steps) for steps in (5, 12, 30)]
    assert len(worker._LIVE) == 1  # one live model, continued
    worker._LIVE.clear()
    replayed = worker.simulate(spec, 11, overrides, 30)
    assert stepwise[-1].steps == replayed.steps == 30 and replayed.month == 6
    assert_same_tables(stepwise[-1].tables, replayed.tables)
    np.testing.assert_array_equal(stepwise[-1].villages.cash, replayed.villages.cash)
    # asking for an earlier month than the live model has reached starts again from the start
    earlier = worker.simulate(spec, 11, overrides, 12)
    assert earlier.steps == 12 and earlier.last_closed == 0
    assert_same_tables(earlier.tables, stepwise[1].tables)
    worker._LIVE.clear()


def test_sessions_with_the_same_settings_share_one_computation(small_scenario):
    """Every group first runs the untouched scenario: the server computes that run once and
    hands the same snapshot to each; a group with other settings gets its own."""
    from cluster_sim.app import session as sessions

    sessions.RUNS.clear()
    a = Session.for_scenario(str(small_scenario), seed=5)
    b = Session.for_scenario(str(small_scenario), seed=5)
    a.run_years(2)
    b.run_years(2)
    assert a.snapshot is b.snapshot
    c = Session.for_scenario(str(small_scenario), seed=5)
    c.set_value("policies.tourism.enabled", True)
    c.apply()
    c.run_years(2)
    assert c.snapshot is not a.snapshot and c.snapshot.policies != a.snapshot.policies
    assert a.charts("zh") is b.charts("zh") and c.charts("zh") is not a.charts("zh")
    d = Session.for_scenario(str(small_scenario), seed=6)  # another seed is another run
    d.run_years(2)
    assert not d.snapshot.county_rows.equals(a.snapshot.county_rows)


def test_choosing_settings_starts_the_next_click_s_run_ahead(small_scenario):
    """Applying settings starts "run N years" (the page's default N) in a worker: the click that
    follows gets that very result, and it is the run a direct model gives."""
    from cluster_sim.app import session as sessions

    sessions.RUNS.clear()
    s = Session.for_scenario(str(small_scenario), seed=9)
    s.set_value("policies.common_prosperity.enabled", True)
    s.apply()
    ahead = [k for k in sessions.RUNS._futures if k[0] == s._run[0] and k[1] > 0]
    assert len(ahead) == 1, sessions.RUNS._futures.keys()
    future = sessions.RUNS._futures[ahead[0]]
    s.run_years(s.default_years_per_click)
    assert s.snapshot is future.result()
    key = (s._run[0], s.last_closed, s.lang)
    for _ in range(100):  # the pool's thread asks for them as the run finishes: give it a moment
        if key in sessions.CHARTS._futures:
            break
        time.sleep(0.05)
    drawn = sessions.CHARTS._futures.get(key)
    assert drawn is not None  # its charts were drawn ahead too (or are under way)
    assert s.charts(s.lang) is drawn.result()
    assert s.last_closed == s.default_years_per_click
    model = ClusterModel(s.spec, seed=9, **s.model_overrides())
    for _ in range(s.snapshot.steps):
        model.step()
    assert_same_tables(s.run_tables(), RunTables.of(model))

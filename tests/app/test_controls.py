"""Dashboard controls are generated from the registries and cover every policy field."""

import numpy as np
import pytest

from cluster_sim.app.controls import KEY_PARAMS, build_controls
from cluster_sim.app.session import Session
from cluster_sim.policies import registry
from cluster_sim.policies.base import COMMON_FIELDS
from cluster_sim.scenario import load_scenario
from cluster_sim.scenario.registry import PARAMS


@pytest.fixture(scope="module")
def controls():
    return build_controls(load_scenario(None))


def test_one_control_per_policy_field_and_parameter(controls):
    for name, module in registry().items():
        keys = [c.key for c in controls[f"policies.{name}"]]
        assert keys == [f"policies.{name}.{f}" for f in {**COMMON_FIELDS, **module.FIELDS}]
    shown = [c.key for c in controls["parameters"]] + [c.key for c in controls["more_parameters"]]
    assert set(shown) == {p.path for p in PARAMS} - {"simulation.start_year"}
    assert [c.key for c in controls["parameters"]] == list(KEY_PARAMS)


def test_every_control_has_chinese_label_unit_and_explanation(controls):
    for group in controls.values():
        for c in group:
            zh_label, en_label = c.label
            assert zh_label and en_label and c.help[0] and c.help[1], c.key
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh_label + c.help[0]), f"no Chinese for {c.key}"


def test_units_and_display_scale(controls):
    by_key = {c.key: c for g in controls.values() for c in g}
    budget = by_key["policies.flying_land.budget_yuan"]
    assert budget.unit == ("万元", "10k yuan") and budget.from_shown(500) == 5_000_000
    share = by_key["policies.flying_land.subsidy_share"]
    assert share.unit[0] == "%" and share.shown(0.7) == 70 and share.from_shown(70) == pytest.approx(0.7)
    assert by_key["policies.flying_land.start_year"].high == 10  # the scenario's horizon


def test_session_applies_overrides_and_replays_to_the_same_year(small_scenario):
    s = Session.for_scenario(str(small_scenario), seed=3)
    s.run_years(2)
    assert s.last_closed == 2 and not s.pending  # base year + 2, as model.run(years=2)
    s.set_value("policies.flying_land.enabled", True)
    assert s.pending and s.overrides(s.values) == {"policies.flying_land.enabled": True}
    s.apply()
    assert not s.pending and s.last_closed == 2
    assert s.snapshot.policies == ("flying_land",)
    detail = s.village_detail(0)
    assert set(detail["household_income"]["all"]) >= {"wages", "business", "property", "transfers"}
    assert detail["accounts"]["operating"] > 0
    assert list(detail["history"]["t"]) == list(range(s.horizon + 1))
    s.reset()
    assert s.last_closed == -1 and s.snapshot.month == 0


def test_every_control_shows_and_returns_exactly_the_models_default(controls):
    """A slider snaps to low + k * step: the default must lie on that grid and inside the range,
    and reading the shown number back must give the model's value bit for bit."""
    for group in controls.values():
        for c in group:
            shown = c.shown(c.default)
            assert c.from_shown(shown) == c.default, c.key
            if not c.slider:
                continue
            low, high = c.low / c.scale, c.high / c.scale
            assert low <= shown <= high, c.key
            k = (shown - low) / c.step()
            assert abs(k - round(k)) < 1e-9, f"{c.key}: default {shown} is off the slider grid (step {c.step()})"
            moved = c.from_shown(round(low + (round(k) + 1) * c.step(), 10))  # one step up: a clean number
            assert moved == float(f"{moved:.12g}"), c.key


def test_slider_values_from_the_issue_are_the_models():
    by_key = {c.key: c for g in build_controls(load_scenario(None)).values() for c in g}
    spec = load_scenario(None)
    for key in ("enterprises.tourism_spend_yuan_visitor", "economy.wage_migrant_yuan_month",
                "economy.pension_yuan_month", "economy.low_income_allowance_yuan_month", "collective.spending_share"):
        c = by_key[key]
        assert c.default == spec.get(key)
        assert c.from_shown(c.shown(c.default)) == spec.get(key)


def test_the_cluster_switch_redraws_the_map_with_the_clusters_in_force(small_scenario):
    """Switching to clusters the villages form: the run and its map carry the formed clusters,
    in Chinese and English, and a village outside every cluster is named as such."""
    from cluster_sim.app.controls import CLUSTER_FORMATION
    from cluster_sim.app.county_map import map_data
    from cluster_sim.app.i18n import tr
    from cluster_sim.model import ClusterModel

    s = Session.for_scenario(str(small_scenario), seed=3)
    control = s.by_key[CLUSTER_FORMATION]
    assert control.default == "designated" and "formed" in control.choices
    assert control.label[0] and control.label[1] and "拉郎配" in control.help[0]
    designated = np.array(s.snapshot.villages.cluster)
    s.set_value(CLUSTER_FORMATION, "formed")
    assert s.overrides(s.values) == {CLUSTER_FORMATION: "formed"}
    s.apply()
    formed = ClusterModel(str(small_scenario), seed=3, **{CLUSTER_FORMATION: "formed"}).villages.cluster
    np.testing.assert_array_equal(s.snapshot.villages.cluster, formed)
    assert not np.array_equal(designated, formed)
    for lang in ("zh", "en"):
        view = map_data(s.snapshot, lang, (5.0, 7.0))
        outside = [p for p, c in zip(view["villages"], formed[~np.array(s.snapshot.villages.is_partner)]) if c < 0]
        assert all(tr("unclustered", lang) in p["tip"] for p in outside)
        assert len(view["clusters"]) == len(np.unique(formed[formed >= 0]))

"""A scenario that does not name itself is named after its file and titled by what it
changes, never with the default's name and title; --set runs are named apart too."""

from __future__ import annotations

from cluster_sim.scenario import load_scenario
from cluster_sim.scenario.identity import named_for_overrides

DEFAULT_TITLE = load_scenario(None).data["meta"]["title_zh"]

FLYING = """
[meta]
extends = "default"
{meta}

[policies.flying_land]
enabled = true
budget_yuan = 60_000_000.0

[economy]
wage_growth = 0.05
"""


def write(tmp_path, name: str, meta: str = "") -> str:
    path = tmp_path / f"{name}.toml"
    path.write_text(FLYING.format(meta=meta), encoding="utf-8")
    return str(path)


def test_an_unnamed_extension_is_named_after_its_file_and_what_it_changes(tmp_path):
    meta = load_scenario(write(tmp_path, "fl_weak")).data["meta"]
    assert meta["name"] == "fl_weak"
    assert DEFAULT_TITLE not in meta["title_zh"] and "默认情景" not in meta["title_zh"]
    assert "飞地抱团" in meta["title_zh"] and "economy.wage_growth" in meta["title_zh"]
    assert "Flying-land pooled investment on" in meta["title_en"] and "pinghu" in meta["title_en"]


def test_two_unnamed_extensions_differ_from_each_other_and_from_the_default(tmp_path):
    names = {load_scenario(write(tmp_path, stem)).data["meta"]["name"] for stem in ("a", "b")}
    assert names == {"a", "b"}
    assert load_scenario(None).data["meta"]["name"] == "pinghu"


def test_a_named_extension_without_titles_gets_titles_of_its_own(tmp_path):
    meta = load_scenario(write(tmp_path, "file", 'name = "fl40"')).data["meta"]
    assert meta["name"] == "fl40" and meta["title_zh"].startswith("fl40") and DEFAULT_TITLE not in meta["title_zh"]
    titled = load_scenario(write(tmp_path, "t", 'name = "x"\ntitle_zh = "飞地"\ntitle_en = "Flying"')).data["meta"]
    assert (titled["title_zh"], titled["title_en"]) == ("飞地", "Flying")


def test_set_overrides_give_a_distinct_name_and_title():
    overrides = {"economy.wage_growth": 0.06}
    spec = named_for_overrides(load_scenario(None, overrides), overrides)
    other = named_for_overrides(load_scenario(None, {"economy.wage_growth": 0.07}), {"economy.wage_growth": 0.07})
    assert spec.name.startswith("pinghu-set") and spec.name != other.name
    assert "economy.wage_growth=0.06" in spec.data["meta"]["title_zh"]
    assert spec.data["economy"]["wage_growth"] == 0.06
    assert named_for_overrides(load_scenario(None), {}).name == "pinghu"

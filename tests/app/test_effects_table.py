"""The dashboard splits each headline income's difference from the baseline into the part
transfers and guarantees paid and the induced part, and shows both inequality measures side
by side (issue 12 item 8, dashboard side), in Chinese and in English."""

import re

import pytest

from cluster_sim.app.page import effects_table
from cluster_sim.app.session import Session
from cluster_sim.classroom.metrics import METRICS
from cluster_sim.outputs.effects import HEADLINES


@pytest.fixture(scope="module")
def ran(small_scenario):
    s = Session.for_scenario(str(small_scenario), seed=3)
    s.set_value("policies.flying_land.enabled", True)  # a guaranteed return: part of the effect is a transfer
    s.apply()
    s.run_years(3)
    return s


def cells(html: str) -> list[list[str]]:
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", html)]
    return [r for r in rows if r]  # not the header rows


def number(text: str) -> float:
    return float(re.sub(r"[^0-9.+-]", "", text))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_difference_is_transfer_plus_induced_for_every_headline(ran, lang):
    html = effects_table(ran, lang)
    rows = cells(html)
    run, base = ran.county_rows().set_index("t").loc[3], ran.baseline().county_rows.set_index("t").loc[3]
    headlines = rows[:len(HEADLINES)]
    assert [r[0] for r in headlines] == [METRICS[level].label(lang) for level, *_ in HEADLINES.values()]
    transfer_seen = False
    for row, (level, transfer, *_) in zip(headlines, HEADLINES.values(), strict=True):
        metric = METRICS[level]
        assert row[1] == metric.format_change(run[level] - base[level], lang)
        assert row[2] == metric.format_change(run[transfer] - base[transfer], lang)
        induced = (run[level] - base[level]) - (run[transfer] - base[transfer])
        assert row[3] == metric.format_change(induced, lang)
        transfer_seen |= abs(run[transfer] - base[transfer]) > 1.0
    assert transfer_seen  # flying land's guaranteed returns show as a transfer part
    if lang == "zh":
        assert "转移/保底支付部分" in html and "带动部分" in html
    else:
        assert "paid by transfers and guarantees" in html and "induced" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_inequality_measures_side_by_side(ran, lang):
    rows = cells(effects_table(ran, lang))[len(HEADLINES):]
    run, base = ran.county_rows().set_index("t").loc[3], ran.baseline().county_rows.set_index("t").loc[3]
    assert len(rows) == 2
    gini, ratio = rows
    assert gini[0] == ("村集体总收入的村间基尼系数" if lang == "zh" else "Gini of collective total income across villages")
    assert ratio[0] == METRICS["strong_weak_gap_ratio"].label(lang)
    for row, col in ((gini, "gini_collective"), (ratio, "strong_weak_gap_ratio")):
        assert [number(c) for c in row[1:]] == pytest.approx([run[col], base[col], run[col] - base[col]], abs=6e-4)


def test_nothing_before_the_base_year_closes(small_scenario):
    assert effects_table(Session.for_scenario(str(small_scenario), seed=3), "zh") == ""

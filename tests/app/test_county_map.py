"""The county map's cluster labels stay apart and on the map; its legend columns do not collide."""

import pytest

from cluster_sim.app.county_map import HEIGHT, WIDTH, map_data, overlaps, text_width
from cluster_sim.model import ClusterModel


@pytest.fixture(scope="module")
def pinghu():
    return ClusterModel(seed=2024)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cluster_labels_do_not_overlap_and_stay_on_the_map(pinghu, lang):
    view = map_data(pinghu, lang, (5.0, 7.0))
    boxes = [(c["lx"] - text_width(c["name"], 12) / 2, c["ly"] - 12, c["lx"] + text_width(c["name"], 12) / 2, c["ly"] + 3)
             for c in view["clusters"]]
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= WIDTH and 0 <= a[1] and a[3] <= HEIGHT, view["clusters"][i]["name"]
        for j, b in enumerate(boxes[i + 1:], start=i + 1):
            assert not overlaps(a, b), (view["clusters"][i]["name"], view["clusters"][j]["name"])
    # the legend's second column starts after the longest text of the first
    first = max(text_width(t, 12) for t in view["shapes"][:2])
    assert view["legend_col2"] >= first + 16
    assert view["legend_col2"] + 16 + max(text_width(t, 12) for t in view["shapes"][2:]) <= WIDTH

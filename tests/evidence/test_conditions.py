import numpy as np
import pandas as pd
import pytest

from cluster_sim.evidence.conditions import conditional_shares, narrowing_share


def test_the_condition_that_drives_narrowing_comes_first():
    rng = np.random.default_rng(1)
    samples = pd.DataFrame({"noise": rng.uniform(size=300), "governance": rng.uniform(size=300)})
    effect = pd.Series(0.5 - samples["governance"] + rng.normal(0, 0.05, 300))  # narrows when governance high
    table = conditional_shares(samples, effect)
    assert table.loc[0, "parameter"] == "governance"
    assert table.loc[0, "high"] > 0.9 and table.loc[0, "low"] < 0.1
    assert abs(table.set_index("parameter").loc["noise", "spread"]) < 0.25
    assert narrowing_share(effect) == pytest.approx(np.mean(effect < 0))


def test_mismatched_lengths_refused():
    with pytest.raises(ValueError):
        conditional_shares(pd.DataFrame({"a": [1.0, 2.0]}), pd.Series([1.0]))

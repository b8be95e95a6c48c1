"""Validation patterns (src/cluster_sim/evidence/patterns.py): each a test across seeds
(10 by default; CLUSTER_SIM_VALIDATION_SEEDS=3 for a quick look) that reports its interval and
fails when the model misses it. Known gaps are strict xfails: they show in the summary, and
fail the suite if the gap closes without the definition being updated."""

import pytest

from cluster_sim.evidence.patterns import DEFAULT_SEEDS, PATTERNS, render, seed_count


def _param(p):
    marks = [pytest.mark.slow]
    if p.gap:
        # strict at the documented seed count; a quick run with fewer seeds has wide intervals that may
        # overlap the target by chance, so there an unexpected pass is reported, not failed
        marks.append(pytest.mark.xfail(reason=p.gap, strict=seed_count() >= DEFAULT_SEEDS))
    return pytest.param(p, id=p.key, marks=marks)


@pytest.mark.parametrize("pattern", [_param(p) for p in PATTERNS])
def test_pattern(pattern, record_property):
    interval = pattern.measure()
    text = (f"{pattern.key}: mean {interval.mean:.4g}, 95 % interval [{interval.low:.4g}, {interval.high:.4g}] "
            f"over {interval.n} seeds; target {pattern.target} ({pattern.source})")
    record_property("interval", text)
    print(text)
    assert pattern.holds(interval), text


def test_default_is_at_least_ten_seeds():
    assert DEFAULT_SEEDS >= 10


@pytest.mark.slow
def test_document_lists_every_pattern_with_its_interval(tmp_path):
    from cluster_sim.evidence.patterns import BY_KEY
    from cluster_sim.report.stats import mean_interval

    measured = {k: p.measure() for k, p in BY_KEY.items()}  # the runs are cached from the tests above
    meta = {"date_utc": "d", "commit": "c", "machine": "m", "command": "cluster-sim dev evidence validation"}
    page = render(measured, seed_count(), meta)
    for p in PATTERNS:
        row = next(line for line in page.splitlines() if line.startswith(f"| {p.what} |"))
        assert p.source in row and p.target in row
        assert ("known gap (xfail)" in row) == (bool(p.gap) and not p.holds(measured[p.key]))
    assert "MISSED" not in page or any(not p.holds(measured[p.key]) for p in PATTERNS if not p.gap)
    # a missed pattern is shown as missed, never as passing
    missed = mean_interval([-1.0, -1.1, -0.9])
    page = render({**measured, "land_transfer_trend": missed}, seed_count(), meta)
    assert "| MISSED |" in page

"""The exercise pack's numbers come from the model: regenerate it and compare with the committed files."""

from pathlib import Path

import pytest

from cluster_sim.classroom import exercises

pytestmark = pytest.mark.slow
TEACHING = Path(__file__).resolve().parents[2] / "docs" / "teaching"


def test_exercise_pack_matches_the_model(tmp_path):
    written = exercises.generate(tmp_path)
    assert [p.name for p in written] == list(exercises.PAGES)
    for path in written:
        committed = TEACHING / path.name
        assert committed.is_file(), f"{committed} missing: run python -m cluster_sim.classroom.exercises"
        assert path.read_text("utf-8") == committed.read_text("utf-8"), (
            f"{committed.name} is out of date with the model: run python -m cluster_sim.classroom.exercises")
    text = (tmp_path / "02_flying_land.md").read_text("utf-8")
    assert "$" not in text.replace("$generator", "")  # every placeholder filled
    assert "| 10% | 6.00 |" in text  # 600,000 yuan at 10 %: the ~60,000 a year of the seeds (002)

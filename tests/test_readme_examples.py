"""The scenario examples in the README are real: each one validates."""

import re
from pathlib import Path

import pytest

from cluster_sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = [b for b in re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
          if "[meta]" in b]


@pytest.mark.parametrize("block", BLOCKS)
def test_readme_scenario_example_validates(tmp_path, block):
    path = tmp_path / "example.toml"
    path.write_text(block, encoding="utf-8")
    spec = load_scenario(path)
    assert spec.active_policies()


def test_there_is_an_example():
    assert BLOCKS

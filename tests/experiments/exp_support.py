"""Paths shared by the experiments tests (a uniquely named module: ``from conftest import``
would find whichever conftest.py of the test tree was imported last)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SMALL_SCENARIO = ROOT / "tests" / "data" / "small.toml"

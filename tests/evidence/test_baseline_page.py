"""docs/baseline.md is what ``cluster-sim dev evidence baseline`` writes (issue 20): regenerating it
gives the committed page, provenance (date, commit, machine, wall time) aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_sim.evidence import baseline

ROOT = Path(__file__).resolve().parents[2]
PROVENANCE = ("- 日期 date", "- 提交 commit", "- 机器 machine", "- 命令 command", "- 用时 wall time")


def body(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(PROVENANCE)]


@pytest.mark.slow
def test_the_committed_page_is_what_the_generator_writes(tmp_path):
    committed = (ROOT / "docs" / "baseline.md").read_text(encoding="utf-8")
    fresh = baseline.write(tmp_path / "baseline.md", workers=2).read_text(encoding="utf-8")
    assert body(fresh) == body(committed), "docs/baseline.md is stale: run cluster-sim dev evidence baseline"


def test_the_page_names_every_group_variant_and_package():
    page = (ROOT / "docs" / "baseline.md").read_text(encoding="utf-8")
    for _, zh, en in baseline.GROUPS:
        assert f"### {zh} {en}" in page
    for _, zh, en, _ in baseline.VARIANTS:
        assert f"| {zh} {en} |" in page
    for name in baseline.PACKAGES:
        assert " ".join(baseline.title(name)) in page

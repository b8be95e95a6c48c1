"""Without a CJK font, `compare` and `run` say so before any simulation starts and still
write every table; only the figures are skipped. The font lookup alone is replaced (as on
a machine without fonts-noto-cjk); everything else runs for real."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cluster_sim.cli import main
from cluster_sim.outputs import figures

DATA = Path(__file__).resolve().parent / "data"
TEST_COUNTY = Path(__file__).resolve().parents[1] / "data" / "small.toml"
WARNING = "No CJK font found"


@pytest.fixture
def no_cjk_font(monkeypatch):
    monkeypatch.setattr(figures, "find_cjk_font", lambda: None)


def _record_stderr_at(monkeypatch, capsys, module, name: str) -> list[str]:
    """Wrap ``module.name`` so that the stderr printed before it is first called is recorded."""
    seen: list[str] = []
    real = getattr(module, name)

    def wrapped(*args, **kwargs):
        if not seen:
            captured = capsys.readouterr()
            seen.append(captured.err)
            print(captured.out, end="")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return seen


def test_compare_without_font_warns_first_and_keeps_the_tables(tmp_path, no_cjk_font, monkeypatch, capsys):
    from cluster_sim.report import compare as compare_mod

    before = _record_stderr_at(monkeypatch, capsys, compare_mod, "run_all")
    out = tmp_path / "report"
    code = main(["compare", str(DATA / "base.toml"), str(DATA / "subsidy.toml"), "--reps", "2", "--years", "1",
                 "--workers", "1", "--out", str(out)])
    assert code == 0
    assert before and WARNING in before[0]  # said before the first simulation
    names = {p.name for p in out.iterdir()}
    assert {"headline.csv", "public_cost.csv", "tidy.csv", "comparison.xlsx", "report.html", "report_en.html"} <= names
    assert not [n for n in names if n.endswith(".png")]
    assert len(pd.read_csv(out / "headline.csv", encoding="utf-8-sig")) == 8
    assert "本报告没有图" in (out / "report.html").read_text(encoding="utf-8")


def test_run_without_font_warns_first_and_keeps_the_tables(tmp_path, no_cjk_font, monkeypatch, capsys):
    import cluster_sim.runner as runner

    before = _record_stderr_at(monkeypatch, capsys, runner, "simulate")
    out = tmp_path / "run"
    assert main(["run", str(TEST_COUNTY), "--years", "1", "--out", str(out)]) == 0
    assert before and WARNING in before[0]
    names = {p.name for p in out.iterdir()}
    assert {"summary.csv", "county_year.csv", "village_year.csv", "flows_year.csv", "manifest.json"} <= names
    assert not [n for n in names if n.endswith(".png")]


def test_with_a_font_there_is_no_warning(capsys):
    assert figures.check_cjk_font() is True  # bootstrap installs fonts-noto-cjk
    assert WARNING not in capsys.readouterr().err

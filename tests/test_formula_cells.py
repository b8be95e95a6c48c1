"""No cell that a spreadsheet would evaluate: group and scenario names typed by someone else reach
the classroom results, the ranking and compare's CSV and workbook quoted, and read back intact."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cluster_sim.classroom.results import append_result, columns, read_results
from cluster_sim.cli import main
from cluster_sim.outputs.cells import TRIGGERS, quote_cell, unquote_cell

DATA = Path(__file__).resolve().parent / "report" / "data"
EVIL = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","点这里")', "+1+1", "@SUM(1)", "-2+3", "'=quoted"]


def csv_cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [cell for row in csv.reader(f) for cell in row]


def assert_inert(cells, evil=EVIL):
    """No cell begins with a trigger unless quoted; every evil name is there, quoted, readable."""
    cells = [c for c in cells if isinstance(c, str)]
    live = [c for c in cells if c.startswith(TRIGGERS) and not c[1:2].isdigit()]
    assert live == []
    for name in evil:
        assert any(unquote_cell(c) == name or name in unquote_cell(c) for c in cells), name


@pytest.mark.parametrize("value, written", [("=1+1", "'=1+1"), ("-2+3", "'-2+3"), ("'x", "''x"), ("ok", "ok"),
                                            (-2.5, -2.5), ("-0.4 万元", "-0.4 万元"), ("+12.5%", "+12.5%"),
                                            ("-1 A1", "'-1 A1"), ("\r=x", "'\r=x")])
def test_quote_cell_quotes_text_a_spreadsheet_would_evaluate(value, written):
    assert quote_cell(value) == written
    assert unquote_cell(quote_cell(value)) == value


def test_classroom_results_and_ranking_are_inert(tmp_path):
    results = tmp_path / "r.csv"
    for i, group in enumerate(EVIL):
        row = {k: 0 for k in columns(0)}
        row.update(submitted_at=f"2026-01-01T00:00:0{i}", classroom="=c", group=group, note="@note", scenario="=s",
                   choices="-none", settings_json="{}", rank_by="weak_operating_mean_yuan", success=True)
        row["m_weak_operating_mean_yuan"] = -1000.0 * i  # negative numbers stay numbers
        append_result(results, row)
    assert_inert(csv_cells(results))
    assert "-5000.0" in csv_cells(results)
    back = read_results(results)
    assert list(back["group"]) == EVIL and set(back["scenario"]) == {"=s"}  # read back as typed
    out = tmp_path / "summary"
    assert main(["classroom", "summarize", str(results), "--out", str(out)]) == 0
    assert_inert(csv_cells(out / "ranking.csv"))


def test_compare_csv_and_workbook_are_inert(tmp_path):
    evil = tmp_path / "evil.toml"
    evil.write_text(f'[meta]\nextends = "{(DATA / "base.toml").as_posix()}"\nname = "=evil"\n'
                    'title_zh = "=HYPERLINK(\\"http://x\\",\\"点这里\\")"\ntitle_en = "@SUM(1)"\n', encoding="utf-8")
    out = tmp_path / "report"
    assert main(["compare", str(DATA / "base.toml"), str(evil), "--reps", "1", "--years", "1", "--workers", "1",
                 "--out", str(out)]) == 0
    names = ["=evil", '=HYPERLINK("http://x","点这里")', "@SUM(1)"]
    for path in out.glob("*.csv"):
        assert_inert(csv_cells(path), evil=[])
    assert_inert([c for p in out.glob("*.csv") for c in csv_cells(p)], evil=names)
    wb = load_workbook(out / "comparison.xlsx")
    cells = [cell for ws in wb for row in ws.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert_inert([c.value for c in cells], evil=names[1:])  # the workbook shows titles, not file names


def test_a_note_with_a_bare_carriage_return_stays_one_row(tmp_path):
    """Notes are free text: a bare \\r left unquoted would split the row (and let a student
    write a row of their own); the writer quotes it, the reader gets one row back as typed."""
    results = tmp_path / "r.csv"
    for i, note in enumerate(["first\rsecond", "a\r\nb", "=x\r2026-01-01,fake"]):
        row = {k: 0 for k in columns(0)}
        row.update(submitted_at=f"2026-01-01T00:00:0{i}", classroom="c", group=f"g{i}", note=note, scenario="s",
                   choices="", settings_json="{}", rank_by="weak_operating_mean_yuan", success=True)
        append_result(results, row)
    back = read_results(results)
    assert list(back["note"]) == ["first\rsecond", "a\r\nb", "=x\r2026-01-01,fake"]

"""What an official reads carries no code: no dotted keys, field names or absolute paths in
the HTML pages or the workbook; amounts in 万元 written consistently; a normal folder."""

from __future__ import annotations

import html
import os
import re

from openpyxl import load_workbook

from cluster_sim.report.settings import source_label

CODE = ("target='", "debt_limit_share", "collective.debt", "policies.", "_yuan", "SeedSequence", "subsidy_village",
        "credit:", "[base]", "[wages]", "'partner'")


def _workbook_texts(path) -> list[str]:
    wb = load_workbook(path)
    return [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]


def _visible(page: str) -> str:
    """What a reader sees of the page: its text, without markup, style sheet or images."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_no_code_identifiers_or_absolute_paths(comparison):
    folder = str(comparison.out.parent)  # the report's own absolute folder
    pages = {f: _visible((comparison.out / f).read_text(encoding="utf-8")) for f in ("report.html", "report_en.html")}
    texts = {**pages, "comparison.xlsx": "\n".join(_workbook_texts(comparison.out / "comparison.xlsx"))}
    for name, body in texts.items():
        assert folder not in body, name
        assert "/tests/report/data" not in body and "/work/" not in body, name  # where the scenarios are
        found = [c for c in CODE if c in body]
        assert not found, (name, found)
    assert "subsidy.toml" in pages["report.html"]  # the file name is what identifies a scenario
    en = pages["report_en.html"]
    assert not re.search(r"\d 10,000 yuan", en)  # never "133.7 10,000 yuan"
    assert "400.0 万元 (4.000 million yuan)" in en


def test_shares_shown_as_percent(comparison):
    zh = (comparison.out / "report.html").read_text(encoding="utf-8")
    row = re.search(r"经营性收入低于薄弱线的村占比 \(%\)</td>.*?</tr>", zh, re.S)
    assert row, "the share row is labelled in %"
    shown = re.findall(r'<td class="num ">([\d.]+)</td>', row.group(0))
    assert shown and all(float(x) > 1 for x in shown if float(x) > 0)  # 14.3, not 0.143


def test_report_folder_respects_umask(comparison):
    mask = os.umask(0)
    os.umask(mask)
    assert comparison.out.stat().st_mode & 0o777 == 0o777 & ~mask


def test_source_label_is_a_file_name():
    assert source_label("/home/official/work/scenarios/tourism.toml") == "tourism.toml"
    assert source_label("<embedded pinghu.toml>") == "<embedded pinghu.toml>"

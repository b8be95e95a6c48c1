"""comparison.xlsx read with openpyxl as an official's Excel shows it: bilingual headers,
number formats by unit, growth as %, frozen headers, fitted widths, no raw JSON."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook


@pytest.fixture(scope="module")
def workbook(comparison):
    return load_workbook(comparison.out / "comparison.xlsx")


def _column(ws, header_part: str) -> int:
    for cell in ws[1]:
        if header_part in str(cell.value):
            return cell.column
    raise AssertionError(f"no header with {header_part!r} in {ws.title}: {[c.value for c in ws[1]]}")


def test_sheets_headers_frozen_and_widths(workbook):
    names = workbook.sheetnames
    assert names[0] == "说明 About"
    assert {"核心指标 Headline", "财政成本 Public cost", "情景设置 Settings", "省定目标 Target check"} <= set(names)
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        for cell in ws[1]:
            assert cell.font.bold
        if ws.title == "说明 About":
            continue
        for cell in ws[1]:
            zh, en = str(cell.value).split(" (", 1)  # "中文 (English)"
            assert any("\u4e00" <= c <= "\u9fff" for c in zh) and en.endswith(")"), cell.value
            width = ws.column_dimensions[cell.column_letter].width
            assert 8 <= width <= 60, (ws.title, cell.value, width)


def test_number_formats_by_unit(workbook, comparison):
    ws = workbook["核心指标 Headline"]
    unit_col, final_col = _column(ws, "单位"), _column(ws, "末年值（各次重复的均值）")
    growth_col, diff_col = _column(ws, "年均增长"), _column(ws, "年均增速之差 (")
    csv = pd.read_csv(comparison.out / "headline.csv", encoding="utf-8-sig")
    seen = set()
    for r in range(2, ws.max_row + 1):
        unit = ws.cell(r, unit_col).value
        final = ws.cell(r, final_col)
        expected = {"万元 (10,000 yuan)": "#,##0.0", "元 (yuan)": "#,##0"}[unit]
        assert final.number_format == expected
        seen.add(unit)
        growth = ws.cell(r, growth_col)
        assert growth.number_format == "0.0%"
        assert growth.value == pytest.approx(csv.loc[r - 2, "growth"])  # a fraction shown as %, not ×100
        assert -1 < growth.value < 1 and growth.value != 0
        if ws.cell(r, diff_col).value is not None:
            assert "pp" in ws.cell(r, diff_col).number_format
            assert ws.cell(r, diff_col).value == pytest.approx(csv.loc[r - 2, "growth_diff"] * 100)
    assert seen == {"万元 (10,000 yuan)", "元 (yuan)"}
    groups = workbook["村组 Village groups"]
    unit_col, final_col = _column(groups, "单位"), _column(groups, "末年值（各次重复的均值）")
    share = [r for r in range(2, groups.max_row + 1) if groups.cell(r, unit_col).value == "%"]
    assert share and all(groups.cell(r, final_col).number_format == "0.0%" for r in share)
    assert all(0 <= groups.cell(r, final_col).value <= 1 for r in share)  # the share itself, formatted as %
    cost = workbook["财政成本 Public cost"]
    extra = _column(cost, "比基准多花的财政资金合计（万元）")
    assert "#,##0.0" in cost.cell(2, extra).number_format


def test_no_json_and_settings_readable(workbook):
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=2, values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not value.lstrip().startswith(("{", "[{")) and len(value) < 1500, (ws.title, value[:80])
    settings = workbook["情景设置 Settings"]
    rows = [tuple(r) for r in settings.iter_rows(min_row=2, values_only=True)]
    assert ("薄弱村贷款与补助（小县）", "Loans and subsidies for weak villages (small county)", "金融与财政支持",
            "Credit and subsidies", "每年额外补助", "subsidy per year", "200万元/年",
            "200 万元/year (2,000,000 yuan/year)") in rows
    assert any(r[4] == "对象" and r[6] == "薄弱村" for r in rows)

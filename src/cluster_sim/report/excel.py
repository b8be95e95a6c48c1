"""comparison.xlsx for officials: one sheet per table with "中文 (English)" headers, number
formats by unit (万元 with one decimal, 元 whole, growth and shares as %, differences of
growth in percentage points), fitted column widths and a frozen header row. The CSV files
keep the machine columns for researchers; this workbook is for reading."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..outputs.cells import quote_cell
from ..outputs.indicators import UNITS
from . import metrics as M
from .cost import EFFECTS
from .policy_effects import VERDICTS

WAN = "#,##0.0"
YUAN = "#,##0"
PERCENT = "0.0%"
POINTS = '+0.00" pp";-0.00" pp";0.00" pp"'
SHARE_POINTS = '+0.0" pp";-0.0" pp";0.0" pp"'
RATIO = "0.00"
COUNT = "0"
TEXT = "@"
BY_UNIT = {"万元": WAN, "元": YUAN, "倍": RATIO, "个": "0.0", "%": PERCENT, "": "0.000"}
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class Column:
    """One column: header in both languages, how to get a cell's value from a row, its format."""

    zh: str
    en: str
    get: Callable[[pd.Series], object]
    fmt: str | Callable[[pd.Series], str] = TEXT

    @property
    def header(self) -> str:
        return f"{self.zh} ({self.en})"


def col(name: str, zh: str, en: str, fmt: str | Callable[[pd.Series], str] = TEXT,
        scale: float = 1.0) -> Column:
    """A column read from ``name``, multiplied by ``scale``."""
    def get(row):
        value = row.get(name)
        return value * scale if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    return Column(zh, en, get, fmt)


def _unit_fmt(row: pd.Series) -> str:
    return BY_UNIT.get(row.get("单位", ""), "0.000")


def _level(name: str, zh: str, en: str) -> Column:
    """A level in the row's unit; shares (stored in per cent) become fractions for Excel's %."""
    def get(row):
        value = row.get(name)
        return value / 100 if row.get("单位") == "%" and isinstance(value, float) else value
    return Column(zh, en, get, _unit_fmt)


def _diff(name: str, zh: str, en: str) -> Column:
    """A difference in the row's unit; for shares a difference in percentage points."""
    return Column(zh, en, lambda row: row.get(name),
                  lambda row: SHARE_POINTS if row.get("单位") == "%" else _signed(_unit_fmt(row)))


def _signed(fmt: str) -> str:
    return f"+{fmt};-{fmt};{fmt}"


def _growth(name: str, zh: str, en: str) -> Column:
    return Column(zh, en, lambda row: row.get(name) if M.BY_NAME[row["metric"]].growth else None, PERCENT)


def _points(name: str, zh: str, en: str) -> Column:
    """A difference of growth rates (fractions in the table) in percentage points."""
    return Column(zh, en, lambda row: row.get(name) * 100 if isinstance(row.get(name), float) else None, POINTS)


def _unit_words(row: pd.Series) -> str:
    unit = row.get("单位", "")
    if not unit or UNITS[unit].startswith(unit):
        return UNITS.get(unit, unit)
    return f"{unit} ({UNITS[unit]})"


SCENARIO_NAMES = (col("情景", "情景", "scenario"), col("scenario_title", "情景（英文）", "scenario, English"))

COMPARISON = (
    col("指标", "指标", "indicator"), col("indicator", "指标（英文）", "indicator, English"),
    Column("单位", "unit", _unit_words), col("情景", "情景", "scenario"),
    col("scenario_title", "情景（英文）", "scenario, English"),
    col("base_year", "基年", "base year", COUNT), _level("base_value", "基年值", "base-year value"),
    col("final_year", "末年", "final year", COUNT), _level("final_value", "末年值（各次重复的均值）", "final value, mean"),
    _level("final_value_low", "末年值95%区间下限", "final value, 95 % low"),
    _level("final_value_high", "末年值95%区间上限", "final value, 95 % high"),
    _growth("growth", "年均增长", "growth per year"),
    _diff("diff", "与基准之差", "difference from baseline"),
    _diff("diff_low", "差值95%区间下限", "difference, 95 % low"),
    _diff("diff_high", "差值95%区间上限", "difference, 95 % high"),
    col("diff_pct", "差值占基准的比例", "difference as share of baseline", PERCENT),
    _points("growth_diff", "年均增速之差", "difference in growth per year"),
    _points("growth_diff_low", "增速之差95%区间下限", "growth difference, 95 % low"),
    _points("growth_diff_high", "增速之差95%区间上限", "growth difference, 95 % high"),
    col("reps", "重复次数", "replications", COUNT),
)

SCENARIOS = (
    *SCENARIO_NAMES,
    Column("基准", "baseline", lambda r: "是 yes" if r["baseline"] else ""), col("file", "文件", "file"),
    col("policies_zh", "启用的政策", "active policies, Chinese"), col("policies_en", "启用的政策（英文）", "active policies"),
    col("settings_zh", "政策设置（与默认不同）", "policy settings, Chinese"),
    col("settings_en", "政策设置（英文）", "policy settings that differ from defaults"),
    col("differs_zh", "与基准不同的参数", "parameters that differ, Chinese"),
    col("differs_en", "与基准不同的参数（英文）", "parameters that differ from the baseline"),
    col("villages", "村数", "villages", COUNT), col("households", "户数", "households", "#,##0"),
    col("years", "模拟年数", "years simulated", COUNT), col("start_year", "基年", "base year", COUNT),
    col("question", "研究问题", "question"),
)

SETTINGS = (
    *SCENARIO_NAMES,
    col("分组", "分组", "group, Chinese"), col("group", "分组（英文）", "group"),
    col("设置", "设置项", "setting, Chinese"), col("setting", "设置项（英文）", "setting"),
    col("值", "值", "value, Chinese"), col("value", "值（英文）", "value"),
)

def _with_interval(name: str, zh: str, en: str, fmt: str | Callable[[pd.Series], str], scale: float = 1.0) -> tuple[Column, ...]:
    """A value and its 95 % interval as three columns."""
    return (col(name, zh, en, fmt, scale), col(f"{name}_low", "95%区间下限", "95 % low", fmt, scale),
            col(f"{name}_high", "95%区间上限", "95 % high", fmt, scale))


def _effect_columns(key: str, zh: str, en: str) -> tuple[Column, ...]:
    return (col(f"{key}_gain", f"{zh}累计增加（万元）", f"{en} gained, 万元", _signed(WAN)),
            *_with_interval(f"{key}_per_wan", f"每万元财政资金带来的{zh}（万元）", f"{en} gained per 万元 of public money",
                            "0.00"),
            col(f"{key}_rank", f"排名（{zh}）", f"rank, {en}", COUNT))


PUBLIC_COST = (
    *SCENARIO_NAMES,
    col("from_year", "起始年", "from", COUNT), col("to_year", "结束年", "to", COUNT),
    col("years", "年数", "years", COUNT),
    col("baseline_spending", "基准财政支出合计（万元）", "baseline public spending, 万元", WAN),
    col("scenario_spending", "本情景财政支出合计（万元）", "public spending of this package, 万元", WAN),
    *_with_interval("extra", "比基准多花的财政资金合计（万元）", "extra public money in all, 万元", _signed(WAN)),
    col("extra_per_year", "年均多花（万元/年）", "extra public money per year, 万元", _signed(WAN)),
    *(c for key, _, zh, en in EFFECTS for c in _effect_columns(key, zh, en)),
    col("reps", "重复次数", "replications", COUNT),
)

COST_BY_CATEGORY = (
    *SCENARIO_NAMES,
    col("类别", "支出类别", "category, Chinese"), col("category_en", "支出类别（英文）", "category"),
    col("baseline_spending", "基准合计（万元）", "baseline in all, 万元", WAN),
    col("scenario_spending", "本情景合计（万元）", "this package in all, 万元", WAN),
    *_with_interval("extra", "多花（万元）", "extra, 万元", _signed(WAN)),
)

TARGET = (
    *SCENARIO_NAMES,
    col("from_year", "考察期起", "growth window from", COUNT), col("to_year", "考察期止", "growth window to", COUNT),
    col("growth", "周边村年均增长", "surrounding villages' growth per year", PERCENT),
    col("baseline_growth", "基准年均增长", "baseline growth per year", PERCENT),
    col("growth_ratio", "倍数（本情景/基准）", "ratio to baseline growth", RATIO),
    Column("相对口径是否达到", "relative reading met", lambda r: _met(r["relative_met"])),
    *_with_interval("relative_margin", "增速减去基准的1.2倍", "growth less 1.2 × baseline growth", POINTS, 100),
    *_with_interval("points_diff", "增速之差", "growth difference", POINTS, 100),
    Column("百分点口径是否达到", "points reading met", lambda r: _met(r["points_met"])),
    col("reps_relative_met", "达到相对口径的重复占比", "share of replications meeting the relative reading", PERCENT),
)

_UNIT_DIFF = lambda row: _signed(_unit_fmt(row))  # noqa: E731 (a difference in the row's unit)
INDICATOR = (col("指标", "指标", "indicator"), col("indicator", "指标（英文）", "indicator, English"),
             Column("单位", "unit", _unit_words))

EFFECT_SPLIT = (
    *SCENARIO_NAMES, *INDICATOR, col("year", "年份", "year", COUNT),
    *_with_interval("effect", "总效应（与基准之差）", "effect (difference from baseline)", _UNIT_DIFF),
    *_with_interval("transfer", "转移/保底支付部分", "part paid by transfers and guarantees", _UNIT_DIFF),
    *_with_interval("induced", "市场诱发部分", "part induced through the markets", _UNIT_DIFF),
    col("reps", "重复次数", "replications", COUNT),
)

GROWTH_CHANGE = (
    *SCENARIO_NAMES, *INDICATOR,
    col("from_year", "建设期后起", "growth window from", COUNT), col("to_year", "止", "to", COUNT),
    col("growth", "方案年均增长", "package growth per year", PERCENT),
    col("baseline_growth", "基准年均增长", "baseline growth per year", PERCENT),
    *_with_interval("growth_diff", "增速之差", "growth difference", POINTS, 100),
    Column("结论", "verdict", lambda r: VERDICTS[r["verdict"]]), col("reps", "重复次数", "replications", COUNT),
)

INEQUALITY_PAIR = (
    *SCENARIO_NAMES,
    col("gini_collective_baseline", "村集体总收入基尼系数：基准", "Gini of collective income: baseline", "0.000"),
    col("gini_collective_final", "基尼系数：方案", "Gini: package", "0.000"),
    *_with_interval("gini_collective_diff", "基尼系数之差", "Gini difference", _signed("0.0000")),
    col("strong_weak_gap_ratio_baseline", "强弱村经营性收入比：基准", "strong/weak ratio: baseline", RATIO),
    col("strong_weak_gap_ratio_final", "强弱村收入比：方案", "strong/weak ratio: package", RATIO),
    *_with_interval("strong_weak_gap_ratio_diff", "收入比之差", "ratio difference", _signed(RATIO)),
    Column("方向相反", "opposite directions", lambda r: "是 yes" if r["opposite"] else "否 no"),
)


def _met(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "无法判断 undefined"
    return "达到 met" if value else "未达到 not met"


def _trajectory_columns() -> tuple[Column, ...]:
    def metric(row, attr):
        return getattr(M.BY_NAME[row["metric"]], attr)

    def unit_row(row):
        return pd.Series({"单位": metric(row, "unit")})

    def level(name):
        return Column(*name[1:], lambda r: r[name[0]] / 100 if metric(r, "unit") == "%" else r[name[0]],
                      lambda r: _unit_fmt(unit_row(r)))

    def diff(name):
        return Column(*name[1:], lambda r: r[name[0]],
                      lambda r: SHARE_POINTS if metric(r, "unit") == "%" else _signed(_unit_fmt(unit_row(r))))

    return (Column("情景", "scenario", lambda r: r["情景"]),
            Column("指标", "indicator", lambda r: f"{metric(r, 'zh')} {metric(r, 'en')}"),
            Column("单位", "unit", lambda r: _unit_words(unit_row(r))),
            col("year", "年份", "year", COUNT),
            level(("mean", "均值", "mean")), level(("mean_low", "95%区间下限", "95 % low")),
            level(("mean_high", "95%区间上限", "95 % high")), diff(("diff", "与基准之差", "difference from baseline")),
            diff(("diff_low", "差值95%区间下限", "difference, 95 % low")),
            diff(("diff_high", "差值95%区间上限", "difference, 95 % high")))


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if value is pd.NA:
        return None
    return value


def _width(value) -> int:
    text = str(value if value is not None else "")
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def write_sheet(wb: Workbook, title: str, table: pd.DataFrame, columns: Sequence[Column]) -> None:
    """One sheet: bold wrapped header row, formatted cells, fitted widths, header frozen."""
    ws = wb.create_sheet(title)
    ws.append([c.header for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
    widths = [min(max(_width(c.zh), _width(c.en), MIN_WIDTH) + 2, MAX_WIDTH) for c in columns]
    for _, row in table.iterrows():
        values = [quote_cell(_clean(c.get(row))) for c in columns]
        ws.append(values)
        r = ws.max_row
        for i, (c, value) in enumerate(zip(columns, values)):
            cell = ws.cell(row=r, column=i + 1)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.number_format = c.fmt(row) if callable(c.fmt) else c.fmt
                shown = len(f"{value:,.2f}") + 1
            else:
                shown = _width(value)
                if shown > MAX_WIDTH:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[i] = min(max(widths[i], shown + 2), MAX_WIDTH)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    ws.freeze_panes = "A2"


def write_about(wb: Workbook, paragraphs: Sequence[tuple[str, str]]) -> None:
    """The first sheet: the bottom line and how to read the numbers, in both languages."""
    ws = wb.active
    ws.title = "说明 About"
    ws.append(["项目 (item)", "说明 (text)"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for head, body in paragraphs:
        ws.append([head, body])
        ws.cell(row=ws.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110
    ws.freeze_panes = "A2"


COMPARISON_SHEETS = ("headline", "village_groups", "inequality", "household_sources", "collective_sources",
                     "over_indebtedness", "partner")
SHEET_COLUMNS = {"scenarios": SCENARIOS, "settings": SETTINGS, "public_cost": PUBLIC_COST,
                 "public_cost_by_category": COST_BY_CATEGORY, "target_check": TARGET, "effect_split": EFFECT_SPLIT,
                 "growth_change": GROWTH_CHANGE, "inequality_pair": INEQUALITY_PAIR,
                 **{k: COMPARISON for k in COMPARISON_SHEETS}}


def write_workbook(path: Path, sheets: dict[str, str], tables: dict[str, pd.DataFrame],
                   about: Sequence[tuple[str, str]]) -> None:
    """``sheets``: table key → sheet name, in order; empty tables are left out."""
    wb = Workbook()
    write_about(wb, about)
    names = dict(tables["scenarios"][["scenario", "情景"]].itertuples(index=False))
    for key, title in sheets.items():
        table = tables.get(key)
        if table is None or table.empty:
            continue
        if key == "trajectories":
            table = table.assign(情景=table["scenario"].map(names))
            write_sheet(wb, title, table, _trajectory_columns())
        else:
            write_sheet(wb, title, table, SHEET_COLUMNS[key])
    wb.save(path)

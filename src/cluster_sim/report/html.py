"""The report as one self-contained HTML file (figures embedded as base64 PNG), in Chinese
or English. Everything shown comes from the tables handed in."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from . import metrics as M
from . import text
from .figures import Figure
from .policy_effects import INEQUALITY_PAIR
from .tables import CONSTRUCTION_YEARS, Labels

S = {
    "zh": {
        "title": "乡村片区组团发展政策比较报告", "lang": "zh-CN", "other": "English version",
        "meta": "{n}个情景，每个情景{reps}次重复（共同随机数，第k次重复在各情景使用同一随机种子，根种子{seed}），"
                "模拟{y0}–{y1}年；基准情景：{base}。生成于{date}。",
        "findings": "主要发现", "compared": "比较了什么", "headline": "核心指标",
        "groups": "强村与弱村、重点村与周边村", "inequality": "收入不平等", "sources": "收入来源：政策为何起作用",
        "effect_parts": "效应分解：转移/保底支付部分",
        "effect_parts_note": "下表是各收入中由财政转移、补助和保底兜底支付的部分；方案与基准之差即政策效应中的“转移部分”，"
                             "上表总效应减去它即市场带动的“诱发部分”。",
        "debt": "过度负债（红线）", "partner": "结对外县（青田）村", "target": "省定目标检查", "method": "方法与文件",
        "policy": "各方案：转移部分与诱发部分、建设期后增速、两个不平等指标",
        "split_note": "{year}年各收入与基准之差（总效应），分成财政转移、补助和保底兜底支付的“转移部分”与市场带动的“诱发部分”"
                      "（总效应减转移部分）；均为按重复配对的差值的均值与95%区间。",
        "split_cols": ("方案", "指标", "总效应（95%区间）", "转移/保底部分（95%区间）", "诱发部分（95%区间）"),
        "growth_note": "建设期（第1–{c}年）结束后到末年的年均增速，方案减基准，按重复配对；区间含0或变化不到0.1个百分点即"
                       "“无增速变化”——一次性抬高收入水平不算增长加快。",
        "growth_cols": ("方案", "指标", "考察年份", "方案年均增长", "基准年均增长", "增速之差（百分点，95%区间）", "结论"),
        "verdict": {"faster": "增长加快", "slower": "增长放慢", "none": "无增速变化", "unknown": "无区间"},
        "pair_note": "村集体总收入基尼系数（各村之间）与强弱村经营性收入比（最强与最弱四分之一村）并列；两者都是越大越不平等，"
                     "可能方向相反。",
        "pair_cols": ("方案", "基尼系数：基准", "基尼系数：方案", "之差（95%区间）", "强弱村收入比：基准", "强弱村收入比：方案",
                      "之差（95%区间）", "方向相反"),
        "yes_no": {True: "是", False: "否"},
        "scenario": "情景", "source": "文件", "policies": "启用的政策", "settings": "政策设置", "differs": "与基准不同的参数",
        "size": "村 / 户", "none": "无", "baseline": "基准", "indicator": "指标", "growth": "年均增长",
        "diff": "与基准之差（95%区间）", "growth_diff": "增速之差（百分点，95%区间）", "year": "{y}年",
        "no_interval": "仅一次重复，无区间",
        "legend": "加粗：95%区间不含0，差异可下结论；灰色：区间包含0，不能下结论。",
        "household_sources": "农民人均收入来源（元）", "collective_sources": "村集体收入来源（村均，万元）",
        "target_cols": ("情景", "考察年份", "周边村年均增长", "基准年均增长", "倍数", "相对口径（≥1.2倍）",
                        "增速之差（百分点，95%区间）", "百分点口径（≥+20个百分点）", "达到相对口径的重复占比"),
        "debt_note": "过度负债：村负债/资产超过情景设定的负债率上限。",
        "bottom": "结论（供决策参考）", "cost": "财政成本与每万元财政资金的效果",
        "cost_note": "财政成本 = 本方案各年政府支出（账本中由政府支付的资金流：财政投资、保底回报兜底、公共工程、对村补助、"
                     "对户补贴、低保、养老金）减去基准情景同一次重复的政府支出，{y0}–{y1}年合计。收益为同期弱村集体经营性"
                     "收入合计、全体农户收入合计与基准之差；之后年份的收益未计入。弱村指基年经营性收入最低的一批本县村"
                     "（按情景设定的比例，默认四分之一；结对外县村不计）。排名只包括需要额外财政资金的方案。",
        "cost_cols": ("方案", "多花财政资金合计（万元，95%区间）", "年均（万元）", "弱村集体经营性收入累计增加（万元）",
                      "每万元带来弱村收入（万元，95%区间）", "排名", "农民收入累计增加（万元）",
                      "每万元带来农民收入（万元，95%区间）", "排名"),
        "category_cols": ("方案", "支出类别", "基准合计（万元）", "本方案合计（万元）", "多花（万元，95%区间）"),
        "no_cost": "无需额外财政资金", "saves": "比基准少花",
        "no_figures": "未找到中文字体，本报告没有图；表格完整。",
        "partner_note": "结对外县（如青田）村参加飞地抱团，不计入本县合计。",
        "met": {True: "达到", False: "未达到", None: "–"},
        "method_text": [
            "每个情景运行{reps}次；第k次重复在各情景中使用同一随机种子（由根种子{seed}派生），"
            "因此情景与基准之差按重复配对：区间 = 配对差的均值 ± t(0.975, R−1) × 标准差 / √R。",
            "“期末”为各重复的均值；“年均增长”为各重复几何平均年增长率的均值；增速之差以百分点表示。",
            "所有数字都由 tidy.csv（情景 × 重复 × 年 × 指标）计算；同样的表格见 CSV 文件与 comparison.xlsx。",
        ],
        "files": "文件", "figure": "图",
    },
    "en": {
        "title": "Village-cluster development: policy comparison report", "lang": "en", "other": "中文版",
        "meta": "{n} scenarios, {reps} replications each (common random numbers: replication k uses the same seed in every "
                "scenario; root seed {seed}), simulated {y0}–{y1}; baseline: {base}. Generated {date}.",
        "findings": "Findings", "compared": "What was compared", "headline": "Headline indicators",
        "groups": "Strong vs. weak and key vs. surrounding villages", "inequality": "Inequality",
        "effect_parts": "Effect split: the part paid by transfers and guarantees",
        "effect_parts_note": "The part of each income that public transfers, subsidies and guarantees paid; its difference "
                             "from the baseline is a package's transfer part, and the total effect above less it is the "
                             "part the markets induced.",
        "sources": "Income by source: why a policy works", "debt": "Over-indebtedness (red line)",
        "partner": "Partner-county (Qingtian) villages", "target": "Province target check", "method": "Method and files",
        "policy": "Per package: transfer and induced parts, growth after the build years, both inequality measures",
        "split_note": "Each income's difference from the baseline in {year} (the effect), split into the part public "
                      "transfers, subsidies and guarantees paid (transfer part) and the part the markets induced (the "
                      "effect less the transfer part); means of the paired differences with 95 % intervals.",
        "split_cols": ("Package", "Indicator", "Effect (95 % interval)", "Transfer/guarantee part (95 % interval)",
                       "Induced part (95 % interval)"),
        "growth_note": "Average annual growth from the end of the build years (years 1–{c}) to the final year, package "
                       "minus baseline, paired by replication; an interval that includes 0, or a change under 0.1 "
                       "points, reads as no growth change: a one-off rise in the level is not faster growth.",
        "growth_cols": ("Package", "Indicator", "Years", "Package growth / yr", "Baseline growth / yr",
                        "Difference (points, 95 % interval)", "Verdict"),
        "verdict": {"faster": "faster growth", "slower": "slower growth", "none": "no growth change",
                    "unknown": "no interval"},
        "pair_note": "The Gini of collective total income across villages and the strong/weak operating-income ratio "
                     "(top and bottom quarter of villages) side by side; both rise with inequality, and they can move "
                     "in opposite directions.",
        "pair_cols": ("Package", "Gini: baseline", "Gini: package", "Difference (95 % interval)",
                      "Strong/weak ratio: baseline", "Strong/weak ratio: package", "Difference (95 % interval)",
                      "Opposite directions"),
        "yes_no": {True: "yes", False: "no"},
        "scenario": "Scenario", "source": "File", "policies": "Active policies", "settings": "Policy settings",
        "differs": "Parameters that differ from the baseline", "size": "villages / households", "none": "none",
        "baseline": "baseline", "indicator": "Indicator", "growth": "Growth / yr",
        "diff": "Difference from baseline (95 % interval)", "growth_diff": "Growth difference (points, 95 % interval)",
        "year": "{y}", "no_interval": "one replication, no interval",
        "legend": "Bold: the 95 % interval excludes 0, a claim can be made; grey: the interval includes 0, no claim.",
        "household_sources": "Farmer income per capita by source (yuan)",
        "collective_sources": "Collective income by source (mean per village, 10,000 yuan)",
        "target_cols": ("Scenario", "Years", "Surrounding villages' growth / yr", "Baseline growth / yr", "Ratio",
                        "Relative reading (≥ 1.2×)", "Difference in points (95 % interval)",
                        "Point reading (≥ +20 points)", "Replications meeting the relative reading"),
        "debt_note": "Over-indebted: a village's debt/assets above the debt-ratio limit set in the scenario.",
        "bottom": "Bottom line", "cost": "Public cost and effect per 万元 of public money",
        "cost_note": "Public cost = the package's government outlays in each year (ledger flows paid by government: public "
                     "investment, guaranteed returns, public works, subsidies to villages and households, low-income "
                     "allowance, pensions) minus the baseline's in the same replication, summed over {y0}–{y1}. Gains are "
                     "the differences in weak villages' collective operating income and in all households' income over "
                     "the same years; later gains are not counted. Weak villages are the home county's villages with "
                     "the lowest operating income in the base year (a quarter unless the scenario says otherwise; "
                     "partner-county villages not included). Only packages that cost public money are ranked.",
        "cost_cols": ("Package", "Extra public money in all (万元, 95 % interval)", "Per year (万元)",
                      "Weak villages' operating income gained (万元)", "Gain per 万元 (万元, 95 % interval)", "Rank",
                      "Farmers' income gained (万元)", "Gain per 万元 (万元, 95 % interval)", "Rank"),
        "category_cols": ("Package", "Category", "Baseline in all (万元)", "Package in all (万元)",
                          "Extra (万元, 95 % interval)"),
        "no_cost": "no extra public money", "saves": "saves public money",
        "no_figures": "No CJK font was found: this report has no figures; the tables are complete.",
        "partner_note": "Partner-county villages (e.g. Qingtian) take part in flying-land schemes; they are not in the "
                        "county totals.",
        "met": {True: "met", False: "not met", None: "–"},
        "method_text": [
            "Each scenario ran {reps} times; replication k uses the same seed in every scenario (derived from root seed "
            "{seed}), so differences from the baseline are paired by replication: interval "
            "= mean of the paired differences ± t(0.975, R−1) × sd / √R.",
            "“Final” is the mean over replications; “growth / yr” is the mean of each replication's geometric average "
            "annual growth; growth differences are in percentage points.",
            "Every number is computed from tidy.csv (scenario × replication × year × metric); the same tables are in the "
            "CSV files and comparison.xlsx.",
        ],
        "files": "Files", "figure": "Figure",
    },
}

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
  max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.55}
h1{font-size:1.6em;border-bottom:3px solid #b22;padding-bottom:.3em}
h2{margin-top:1.8em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.3em .55em;vertical-align:top}
th{background:#f3f0ea}
td.num{text-align:right;white-space:nowrap}
tr.baseline td{background:#fafafa}
tr td[rowspan]{background:#fff}
.clear{font-weight:bold}
.unclear{color:#888}
.note{color:#555;font-size:.9em}
.meta{color:#444}
ul.findings li{margin:.35em 0}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:1em;margin:1em 0}
figure{margin:0}
figure img{width:100%;border:1px solid #eee}
figcaption{font-size:.9em;color:#444}
.bottom{background:#fff8e6;border-left:5px solid #b22;padding:.2em 1em .6em;margin:1em 0}
.bottom h2{border:0;margin-top:.4em}
.warn{color:#8a1c00;font-weight:bold}
"""


@dataclass
class ReportData:
    labels: Labels
    scenarios: pd.DataFrame
    comparison: pd.DataFrame
    target: pd.DataFrame
    findings: list[list[str]]
    figures: list[Figure]
    reps: int
    seed: int
    created: str
    files: list[str]
    cost: pd.DataFrame
    cost_by_category: pd.DataFrame
    texts: dict  # bottom line, target and interval explanations (compare.explanations)
    figures_skipped: bool = False
    policy: dict | None = None  # policy_effects.policy_tables: effect split, growth change, inequality pair


def _table(headers, rows, row_classes=None) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(c if c.startswith("<td") else f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _num(value: str, cls: str = "") -> str:
    return f'<td class="num {cls}">{escape(value)}</td>'


def _diff_cell(row, prefix: str, fmt, s: dict) -> str:
    if text.is_missing(row[prefix]):
        return _num("–")
    low, high = row[f"{prefix}_low"], row[f"{prefix}_high"]
    if text.is_missing(low):
        return _num(f"{fmt(row[prefix])} ({s['no_interval']})")
    cls = "clear" if (low > 0 or high < 0) else "unclear"
    return _num(f"{fmt(row[prefix])} {text.interval(low, high, fmt)}", cls)


def comparison_html(table: pd.DataFrame, metrics, data: ReportData, lang: str) -> str:
    s = S[lang]
    sub = table[table["metric"].isin([m.name for m in metrics])]
    if sub.empty:
        return ""
    y0, y1 = int(sub["base_year"].iloc[0]), int(sub["final_year"].iloc[0])
    headers = [s["indicator"], s["scenario"], s["year"].format(y=y0), s["year"].format(y=y1), s["growth"], s["diff"],
               s["growth_diff"]]
    rows, classes = [], []
    for m in metrics:
        block = sub[sub["metric"] == m.name]
        unit = (f" ({m.unit})" if lang == "zh" else f", {m.unit_en}") if m.unit else ""
        for i, (_, r) in enumerate(block.iterrows()):
            is_base = r["scenario"] == data.labels.baseline
            first = [f'<td rowspan="{len(block)}">{escape(m.label(lang) + unit)}</td>'] if i == 0 else []
            if is_base:
                diff, growth_diff = _num(s["baseline"]), _num(s["baseline"] if m.growth else "–")
            else:
                diff = _diff_cell(r, "diff", lambda x: text.number(x, m, True), s)
                digits = text.points_digits(r["growth_diff"])
                growth_diff = (_diff_cell(r, "growth_diff", lambda x: text.points(x, None, digits=digits), s)
                               if m.growth else _num("–"))
            rows.append(first + [data.labels.of(r["scenario"], lang), _num(text.number(r["base_value"], m)),
                                 _num(text.number(r["final_value"], m)),
                                 _num(text.percent(r["growth"]) if m.growth else "–"), diff, growth_diff])
            classes.append("baseline" if is_base else "")
    return _table(headers, rows, classes) + f'<p class="note">{escape(s["legend"])}</p>'


def _scenarios_html(data: ReportData, lang: str) -> str:
    s = S[lang]
    rows = []
    for _, r in data.scenarios.iterrows():
        title = data.labels.of(r["scenario"], lang) + (f" ({s['baseline']})" if r["baseline"] else "")
        rows.append([title, r["file"], r[f"policies_{lang}"] or s["none"], r[f"settings_{lang}"] or "–",
                     r[f"differs_{lang}"] or "–", f"{r['villages']} / {r['households']:,}"])
    return _table([s["scenario"], s["source"], s["policies"], s["settings"], s["differs"], s["size"]], rows)


def _target_html(data: ReportData, lang: str) -> str:
    s = S[lang]
    if data.target.empty:
        return ""
    rows = []
    for _, r in data.target.iterrows():
        digits = text.points_digits(r["points_diff"])
        fmt = lambda x: text.points(x, None, digits=digits)  # noqa: E731, B023
        iv = text.interval(r["points_diff_low"], r["points_diff_high"], fmt)
        rows.append([data.labels.of(r["scenario"], lang), f"{r['from_year']}–{r['to_year']}",
                     _num(text.percent(r["growth"])), _num(text.percent(r["baseline_growth"])),
                     _num("–" if text.is_missing(r["growth_ratio"]) else f"{r['growth_ratio']:.2f}"),
                     s["met"][r["relative_met"]], _num(f"{fmt(r['points_diff'])} {iv}".strip()),
                     s["met"][r["points_met"]], _num(text.percent(r["reps_relative_met"]))])
    texts = data.texts
    warn = "".join(f'<p class="warn">{escape(w)}</p>' for w in texts["target_warnings"])
    notes = "".join(f"<p>{escape(p)}</p>" for p in texts["target_text"])
    return warn + notes + _table(s["target_cols"], rows)


def _interval_cell(row, prefix: str, fmt) -> str:
    low, high = row[f"{prefix}_low"], row[f"{prefix}_high"]
    return _num(f"{fmt(row[prefix])} {text.interval(low, high, fmt)}".strip())


def _cost_html(data: ReportData, lang: str) -> str:
    """Public cost per package and the ranking by gain per 万元, then the cost by category."""
    s = S[lang]
    cost = data.cost
    if cost.empty:
        return ""
    wan, ratio = (lambda x: f"{x:,.1f}"), (lambda x: f"{x:,.2f}")
    rows = []
    for _, r in cost.sort_values(["weak_rank", "extra"], ascending=[True, False], na_position="last").iterrows():
        name = data.labels.of(r["scenario"], lang)
        status = {"none": s["no_cost"], "saves": s["saves"]}.get(r["status"])
        per_wan = []
        for key in ("weak", "farmer"):
            if text.is_missing(r[f"{key}_per_wan"]):
                per_wan += [_num(status or "–"), _num("–")]
            else:
                per_wan += [_interval_cell(r, f"{key}_per_wan", ratio), _num(str(r[f"{key}_rank"]))]
        rows.append([name, _interval_cell(r, "extra", wan), _num(wan(r["extra_per_year"])),
                     _num(wan(r["weak_gain"])), *per_wan[:2], _num(wan(r["farmer_gain"])), *per_wan[2:]])
    y0, y1 = int(cost["from_year"].iloc[0]), int(cost["to_year"].iloc[0])
    out = f'<p class="note">{escape(s["cost_note"].format(y0=y0, y1=y1))}</p>' + _table(s["cost_cols"], rows)
    cats = data.cost_by_category
    if not cats.empty:
        cat_rows = [[data.labels.of(r["scenario"], lang), r["类别"] if lang == "zh" else r["category_en"],
                     _num(wan(r["baseline_spending"])), _num(wan(r["scenario_spending"])), _interval_cell(r, "extra", wan)]
                    for _, r in cats[cats["extra"].abs() >= 0.05].iterrows()]
        if cat_rows:
            out += _table(s["category_cols"], cat_rows)
    return out


def _policy_html(data: ReportData, lang: str) -> str:
    """Per package: each income's transfer and induced parts, the growth change after the build
    years and both inequality measures side by side."""
    s, policy, out = S[lang], data.policy or {}, []
    split = policy.get("effect_split", pd.DataFrame())
    if not split.empty:
        rows = []
        for _, r in split.iterrows():
            m = M.BY_NAME[r["metric"]]
            fmt = lambda x: text.number(x, m, signed=True)  # noqa: E731, B023
            unit = (f" ({m.unit})" if lang == "zh" else f", {m.unit_en}") if m.unit else ""
            rows.append([data.labels.of(r["scenario"], lang), m.label(lang) + unit,
                         *(_diff_cell(r, part, fmt, s) for part in ("effect", "transfer", "induced"))])
        out += [f"<p class='note'>{escape(s['split_note'].format(year=int(split['year'].iloc[0])))}</p>",
                _table(s["split_cols"], rows)]
    growth = policy.get("growth_change", pd.DataFrame())
    if not growth.empty:
        rows = []
        for _, r in growth.iterrows():
            digits = text.points_digits(r["growth_diff"])
            rows.append([data.labels.of(r["scenario"], lang), M.BY_NAME[r["metric"]].label(lang),
                         f"{r['from_year']}–{r['to_year']}", _num(text.percent(r["growth"])),
                         _num(text.percent(r["baseline_growth"])),
                         _diff_cell(r, "growth_diff", lambda x: text.points(x, None, digits=digits), s),
                         s["verdict"][r["verdict"]]])
        out += [f"<p class='note'>{escape(s['growth_note'].format(c=CONSTRUCTION_YEARS))}</p>",
                _table(s["growth_cols"], rows)]
    pair = policy.get("inequality_pair", pd.DataFrame())
    if not pair.empty:
        rows = []
        for _, r in pair.iterrows():
            cells = [data.labels.of(r["scenario"], lang)]
            for name in INEQUALITY_PAIR:
                m = M.BY_NAME[name]
                cells += [_num(text.number(r[f"{name}_baseline"], m)), _num(text.number(r[f"{name}_final"], m)),
                          _diff_cell(r, f"{name}_diff", lambda x: text.number(x, m, signed=True), s)]  # noqa: B023
            rows.append(cells + [s["yes_no"][bool(r["opposite"])]])
        out += [f"<p class='note'>{escape(s['pair_note'])}</p>", _table(s["pair_cols"], rows)]
    return "".join(out)


def _figures_html(folder: Path, data: ReportData, section: str, lang: str) -> str:
    out = []
    for f in data.figures:
        if f.section != section:
            continue
        encoded = base64.b64encode((folder / f.file).read_bytes()).decode("ascii")
        caption = f.zh if lang == "zh" else f.en
        out.append(f'<figure><img src="data:image/png;base64,{encoded}" alt="{escape(caption)}">'
                   f"<figcaption>{escape(S[lang]['figure'])}: {escape(caption)} ({escape(f.file)})</figcaption></figure>")
    return f'<div class="figs">{"".join(out)}</div>' if out else ""


def render(folder: Path, data: ReportData, lang: str, other_file: str | None) -> str:
    """The whole report in ``lang``; figures are read from ``folder`` and embedded."""
    s = S[lang]
    table = data.comparison
    y0, y1 = int(table["base_year"].iloc[0]), int(table["final_year"].iloc[0])
    meta = s["meta"].format(n=len(data.labels.names), reps=data.reps, seed=data.seed, y0=y0, y1=y1,
                            base=data.labels.of(data.labels.baseline, lang), date=data.created)
    link = f' · <a href="{escape(other_file)}">{escape(s["other"])}</a>' if other_file else ""
    notes = data.texts["interval_warnings"] + ([s["no_figures"]] if data.figures_skipped else [])
    warnings = "".join(f'<p class="warn">{escape(w)}</p>' for w in notes)
    lead, *rest = data.texts["bottom_line_sentences"]
    points = "".join(f"<li>{escape(x)}</li>" for x in rest)
    findings = "".join(f"<li><b>{escape(head)}</b><ul>" + "".join(f"<li>{escape(x)}</li>" for x in sentences)
                       + "</ul></li>" for head, sentences in data.findings if sentences)
    parts = [
        f'<!DOCTYPE html><html lang="{s["lang"]}"><head><meta charset="utf-8">',
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(s["title"])}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(s['title'])}</h1><p class='meta'>{escape(meta)}{link}</p>",
        f"<section id='bottom-line' class='bottom'><h2>{escape(s['bottom'])}</h2>"
        f"<p>{escape(lead)}</p><ul>{points}</ul>{warnings}</section>",
        f"<h2 id='findings'>{escape(s['findings'])}</h2><ul class='findings'>{findings}</ul>",
        f"<h2 id='cost'>{escape(s['cost'])}</h2>{_cost_html(data, lang)}",
        f"<h2 id='compared'>{escape(s['compared'])}</h2>{_scenarios_html(data, lang)}",
        f"<h2 id='headline'>{escape(s['headline'])}</h2>{comparison_html(table, M.HEADLINE, data, lang)}",
        _figures_html(folder, data, "headline", lang),
        f"<h3 id='effect-parts'>{escape(s['effect_parts'])}</h3><p class='note'>{escape(s['effect_parts_note'])}</p>",
        comparison_html(table, M.EFFECT_PARTS, data, lang),
        f"<h2 id='policy'>{escape(s['policy'])}</h2>{_policy_html(data, lang)}",
        f"<h2 id='groups'>{escape(s['groups'])}</h2>{comparison_html(table, M.VILLAGE_GROUPS, data, lang)}",
        _figures_html(folder, data, "groups", lang),
        f"<h2 id='inequality'>{escape(s['inequality'])}</h2>{comparison_html(table, M.INEQUALITY, data, lang)}",
        _figures_html(folder, data, "inequality", lang),
        f"<h2 id='sources'>{escape(s['sources'])}</h2><h3>{escape(s['household_sources'])}</h3>",
        comparison_html(table, M.HOUSEHOLD_SOURCE_METRICS, data, lang),
        f"<h3>{escape(s['collective_sources'])}</h3>{comparison_html(table, M.COLLECTIVE_SOURCE_METRICS, data, lang)}",
        _figures_html(folder, data, "sources", lang),
        f"<h2 id='debt'>{escape(s['debt'])}</h2><p class='note'>{escape(s['debt_note'])}</p>",
        comparison_html(table, M.DEBT, data, lang), _figures_html(folder, data, "debt", lang),
    ]
    partner = comparison_html(table, M.PARTNER, data, lang)
    if partner:
        parts += [f"<h2 id='partner'>{escape(s['partner'])}</h2><p class='note'>{escape(s['partner_note'])}</p>",
                  partner, _figures_html(folder, data, "partner", lang)]
    target = _target_html(data, lang)
    if target:
        parts += [f"<h2 id='target'>{escape(s['target'])}</h2>", target]
    method = "".join(f"<p>{escape(p)}</p>" for p in data.texts["interval_text"])
    method += "".join(f"<p>{escape(p.format(reps=data.reps, seed=data.seed))}</p>" for p in s["method_text"])
    files = ", ".join(escape(f) for f in sorted(data.files))
    parts += [f"<h2 id='method'>{escape(s['method'])}</h2>{method}<p class='note'>{escape(s['files'])}: {files}</p>",
              "</body></html>"]
    return "\n".join(parts)

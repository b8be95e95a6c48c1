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
from .tables import CONSTRUCTION_YEARS, Labels

S = {
    "zh": {
        "title": "乡村片区组团发展政策比较报告", "lang": "zh-CN", "other": "English version",
        "meta": "{n}个情景，每个情景{reps}次重复（共同随机数，第k次重复在各情景使用同一随机种子，根种子{seed}），"
                "模拟{y0}–{y1}年；基准情景：{base}。生成于{date}。",
        "findings": "主要发现", "compared": "比较了什么", "headline": "核心指标",
        "groups": "强村与弱村、重点村与周边村", "inequality": "收入不平等", "sources": "收入来源：政策为何起作用",
        "debt": "过度负债（红线）", "partner": "结对外县（青田）村", "target": "省定目标检查", "method": "方法与文件",
        "scenario": "情景", "source": "文件", "policies": "启用的政策", "settings": "政策设置", "differs": "与基准不同的参数",
        "size": "村 / 户", "none": "无", "baseline": "基准", "indicator": "指标", "growth": "年均增长",
        "diff": "与基准之差（95%区间）", "growth_diff": "增速之差（百分点，95%区间）", "year": "{y}年",
        "no_interval": "仅一次重复，无区间",
        "legend": "加粗：95%区间不含0，差异可下结论；灰色：区间包含0，不能下结论。",
        "household_sources": "农民人均收入来源（元）", "collective_sources": "村集体收入来源（村均，万元）",
        "target_cols": ("情景", "考察年份", "周边村年均增长", "基准年均增长", "倍数", "相对口径（≥1.2倍）",
                        "增速之差（百分点，95%区间）", "百分点口径（≥+20个百分点）", "达到相对口径的重复占比"),
        "target_note": "省里要求片区建成（2–3年）后，周边村集体经营性收入年增幅比建设前提高20%以上，原文未说明是相对提高"
                       "还是提高20个百分点，本报告两种口径都检查。模型没有“建设前”的历史，因此以基准情景同期增速代表"
                       "“建设前”增速；考察期从第{c}年（建设期结束）到末年（模拟期不足时从基年起）。",
        "debt_note": "过度负债：村负债/资产超过上限（collective.debt_limit_share）。",
        "partner_note": "结对外县（如青田）村参加飞地抱团，不计入本县合计。",
        "met": {True: "达到", False: "未达到", None: "–"},
        "method_text": [
            "每个情景运行{reps}次；第k次重复在各情景中使用同一随机种子（由根种子{seed}经 numpy SeedSequence.spawn 派生），"
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
        "sources": "Income by source: why a policy works", "debt": "Over-indebtedness (red line)",
        "partner": "Partner-county (Qingtian) villages", "target": "Province target check", "method": "Method and files",
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
        "target_note": "The province asks that, once a cluster is built (2–3 years), the annual growth of its surrounding "
                       "villages' collective operating income be 20 % or more above its pre-construction growth; the text "
                       "does not say whether relative or in percentage points, so both readings are checked. The model has "
                       "no pre-construction history, so the baseline's growth over the same years stands for it; growth is "
                       "measured from year {c} (end of construction) to the final year (from the base year in shorter runs).",
        "debt_note": "Over-indebted: a village's debt/assets above the limit (collective.debt_limit_share).",
        "partner_note": "Partner-county villages (e.g. Qingtian) take part in flying-land schemes; they are not in the "
                        "county totals.",
        "met": {True: "met", False: "not met", None: "–"},
        "method_text": [
            "Each scenario ran {reps} times; replication k uses the same seed in every scenario (derived from root seed "
            "{seed} with numpy SeedSequence.spawn), so differences from the baseline are paired by replication: interval "
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
        unit = f" ({m.unit if lang == 'zh' else m.unit_en})" if m.unit else ""
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
        rows.append([f"{title} [{r['scenario']}]", r["source"], r["active_policies"] or s["none"],
                     r["policy_settings"] or "–", r["differs_from_baseline"] or "–",
                     f"{r['villages']} / {r['households']:,}"])
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
    note = s["target_note"].format(c=CONSTRUCTION_YEARS)
    return f'<p class="note">{escape(note)}</p>' + _table(s["target_cols"], rows)


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
    findings = "".join(f"<li><b>{escape(head)}</b><ul>" + "".join(f"<li>{escape(x)}</li>" for x in sentences)
                       + "</ul></li>" for head, sentences in data.findings if sentences)
    parts = [
        f'<!DOCTYPE html><html lang="{s["lang"]}"><head><meta charset="utf-8">',
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(s["title"])}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(s['title'])}</h1><p class='meta'>{escape(meta)}{link}</p>",
        f"<h2 id='findings'>{escape(s['findings'])}</h2><ul class='findings'>{findings}</ul>",
        f"<h2 id='compared'>{escape(s['compared'])}</h2>{_scenarios_html(data, lang)}",
        f"<h2 id='headline'>{escape(s['headline'])}</h2>{comparison_html(table, M.HEADLINE, data, lang)}",
        _figures_html(folder, data, "headline", lang),
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
    method = "".join(f"<p>{escape(p.format(reps=data.reps, seed=data.seed))}</p>" for p in s["method_text"])
    files = ", ".join(escape(f) for f in sorted(data.files))
    parts += [f"<h2 id='method'>{escape(s['method'])}</h2>{method}<p class='note'>{escape(s['files'])}: {files}</p>",
              "</body></html>"]
    return "\n".join(parts)

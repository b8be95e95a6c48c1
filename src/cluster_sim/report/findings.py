"""Plain-language findings generated from the comparison tables: which policy raised what,
by how much, for whom, through which income source, and where no claim can be made
because the 95 % interval includes zero."""

from __future__ import annotations

import pandas as pd

from . import metrics as M
from . import text
from .tables import Labels


def _row(table: pd.DataFrame, metric: str, scenario: str):
    hit = table[(table["metric"] == metric) & (table["scenario"] == scenario)]
    return None if hit.empty else hit.iloc[0]


def _clear(row) -> bool:
    """The paired difference's interval excludes zero."""
    return row is not None and not text.is_missing(row["diff_low"]) and (row["diff_low"] > 0 or row["diff_high"] < 0)


def _growth_clear(row) -> bool:
    return (row is not None and not text.is_missing(row["growth_diff_low"])
            and (row["growth_diff_low"] > 0 or row["growth_diff_high"] < 0))


def _diff_text(row, m: M.Metric, lang: str) -> str:
    fmt = lambda x: text.number(x, m, signed=True)  # noqa: E731
    iv = text.interval(row["diff_low"], row["diff_high"], fmt)
    pct = text.percent(row["diff_pct"], signed=True)
    amount = text.with_unit(row["diff"], m, lang, signed=True)
    if lang == "zh":
        return f"{amount}（{pct}" + (f"，95%区间 {iv}）" if iv else "）")
    return f"{amount} ({pct}" + (f"; 95 % interval {iv})" if iv else ")")


def _baseline_sentence(table, labels: Labels, lang: str) -> str:
    parts = []
    year = None
    for m in M.HEADLINE:
        row = _row(table, m.name, labels.baseline)
        if row is None:
            continue
        year = int(row["final_year"])
        level, growth = text.with_unit(row["final_value"], m, lang), text.percent(row["growth"])
        parts.append(f"{m.zh}{level}（年均增长{growth}）" if lang == "zh" else f"{m.en} {level} ({growth} a year)")
    name = labels.of(labels.baseline, lang)
    if lang == "zh":
        return f"基准情景“{name}”：{year}年" + "，".join(parts) + "。"
    return f"Baseline “{name}” in {year}: " + "; ".join(parts) + "."


def _headline(table, labels: Labels, s: str, lang: str, reps: int) -> list[str]:
    out, unclear = [], []
    name = labels.of(s, lang)
    for m in M.HEADLINE:
        row = _row(table, m.name, s)
        if row is None:
            continue
        year = int(row["final_year"])
        if reps < 2:
            out.append(f"“{name}”与基准相比，{year}年{m.zh}相差{_diff_text(row, m, lang)}（仅一次重复，无区间，仅供参考）。"
                       if lang == "zh" else
                       f"“{name}” vs. the baseline, {m.en} in {year}: {_diff_text(row, m, lang)} "
                       "(one replication: no interval, indicative only).")
        elif _clear(row):
            up = row["diff"] > 0
            growth = ""
            if _growth_clear(row):
                growth = (f"，年均增速{'提高' if row['growth_diff'] > 0 else '降低'}{text.points(abs(row['growth_diff']), lang, False)}"
                          if lang == "zh" else
                          f"; its annual growth is {text.points(row['growth_diff'], lang)} {'higher' if row['growth_diff'] > 0 else 'lower'}")
            out.append(f"“{name}”使{year}年{m.zh}{'提高' if up else '降低'}{_diff_text(row, m, lang)}{growth}。"
                       if lang == "zh" else
                       f"“{name}” {'raises' if up else 'lowers'} {m.en} in {year} by {_diff_text(row, m, lang)}{growth}.")
        else:
            unclear.append(m.label(lang))
    if unclear:
        out.append(f"“{name}”对{'、'.join(unclear)}的影响：95%区间包含0，不能下结论。" if lang == "zh" else
                   f"“{name}”: for {', '.join(unclear)} the 95 % interval includes 0, so no claim can be made.")
    return out


def _for_whom(table, labels: Labels, s: str, lang: str) -> list[str]:
    out = []
    name = labels.of(s, lang)
    all_hh, low = _row(table, "farmer_income_per_capita_yuan", s), _row(table, "low_income_income_per_capita_yuan", s)
    if _clear(low) or _clear(all_hh):
        a, b = text.percent(low["diff_pct"], True), text.percent(all_hh["diff_pct"], True)
        more = low["diff_pct"] > all_hh["diff_pct"]
        out.append(f"谁受益：“{name}”下低收入农户人均收入相对基准变化{a}，全体农户{b}，"
                   f"低收入农户的相对变化{'大于' if more else '小于'}全体农户。" if lang == "zh" else
                   f"Who gains: under “{name}” low-income households' income per capita changes by {a} against the "
                   f"baseline, all households' by {b}: {'more' if more else 'less'} for low-income households in relative terms.")
    gap = _row(table, "strong_weak_gap_ratio", s)
    base_gap = _row(table, "strong_weak_gap_ratio", labels.baseline)
    m = M.BY_NAME["strong_weak_gap_ratio"]
    if _clear(gap):
        narrowed = gap["diff"] < 0
        out.append(f"强村带弱村：强弱村经营性收入比由基准的{text.number(base_gap['final_value'], m)}倍变为"
                   f"{text.number(gap['final_value'], m)}倍，变化{_diff_text(gap, m, lang)}，差距{'缩小' if narrowed else '扩大'}。"
                   if lang == "zh" else
                   f"Strong and weak villages: the strong/weak operating-income ratio is {text.number(gap['final_value'], m)} "
                   f"against {text.number(base_gap['final_value'], m)} in the baseline, a change of {_diff_text(gap, m, lang)}: "
                   f"the gap {'narrows' if narrowed else 'widens'}.")
    elif gap is not None and not text.is_missing(gap["diff_low"]):
        out.append(f"“{name}”对强弱村收入比的影响：95%区间包含0，不能下结论。" if lang == "zh" else
                   f"“{name}”: the change in the strong/weak ratio has a 95 % interval that includes 0; no claim.")
    for group in ("weak_operating_mean_yuan", "surrounding_operating_mean_yuan", "key_operating_mean_yuan",
                  "partner_operating_mean_yuan"):
        row, gm = _row(table, group, s), M.BY_NAME[group]
        if _clear(row):
            out.append(f"{gm.zh}：{_diff_text(row, gm, lang)}。" if lang == "zh" else f"{gm.en}: {_diff_text(row, gm, lang)}.")
    return out


def _why(table, labels: Labels, s: str, lang: str) -> list[str]:
    out = []
    for metrics, total_name, zh_what, en_what in (
            (M.HOUSEHOLD_SOURCE_METRICS, "farmer_income_per_capita_yuan", "农民人均收入", "farmer income per capita"),
            (M.COLLECTIVE_SOURCE_METRICS, "collective_income_total_mean_yuan", "村均集体收入", "collective income per village")):
        moved = [(m, _row(table, m.name, s)) for m in metrics]
        moved = sorted(((m, r) for m, r in moved if _clear(r)), key=lambda mr: -abs(mr[1]["diff"]))
        if not moved:
            continue
        parts = [f"{m.zh.removeprefix('人均').removeprefix('村均')}{text.with_unit(r['diff'], m, 'zh', True)}" if lang == "zh"
                 else f"{m.en.removesuffix(' per capita').removesuffix(' (mean per village)')} "
                      f"{text.with_unit(r['diff'], m, 'en', True)}" for m, r in moved[:3]]
        out.append(f"原因：{zh_what}的变化主要来自" + "、".join(parts) + "。" if lang == "zh" else
                   f"Why: the change in {en_what} comes mostly from " + ", ".join(parts) + ".")
    return out


def _inequality_and_debt(table, labels: Labels, s: str, lang: str) -> list[str]:
    out = []
    for m in M.INEQUALITY:
        row = _row(table, m.name, s)
        if _clear(row):
            out.append(f"{m.zh}{'下降' if row['diff'] < 0 else '上升'}{text.number(abs(row['diff']), m)}"
                       f"（由{text.number(row['final_value'] - row['diff'], m)}至{text.number(row['final_value'], m)}）。"
                       if lang == "zh" else
                       f"{m.en} {'falls' if row['diff'] < 0 else 'rises'} by {text.number(abs(row['diff']), m)} "
                       f"({text.number(row['final_value'] - row['diff'], m)} → {text.number(row['final_value'], m)}).")
    return out


def _debt(table, labels: Labels, lang: str) -> list[str]:
    out = []
    m = M.BY_NAME["villages_ever_over_indebted"]
    for s in labels.names:
        row = _row(table, m.name, s)
        if row is not None and row["final_value"] > 0:
            out.append(f"红线提示：“{labels.of(s, 'zh')}”平均有{text.number(row['final_value'], m)}个村在模拟期内曾过度负债"
                       "（负债/资产超过上限），违反“不过度负债”的要求。" if lang == "zh" else
                       f"Red line: under “{labels.of(s, 'en')}” on average {text.number(row['final_value'], m)} villages "
                       "were over-indebted (debt/assets above the limit) at some point.")
    if not out:
        out.append("各情景均未出现过度负债的村。" if lang == "zh" else "No village is over-indebted in any scenario.")
    return out


def _target(target: pd.DataFrame, labels: Labels, lang: str) -> list[str]:
    out = []
    yes_no = {True: ("达到", "met"), False: ("未达到", "not met"), None: ("无法判断", "undefined")}
    for _, r in target.iterrows():
        rel = yes_no[r["relative_met"]][0 if lang == "zh" else 1]
        pts = yes_no[r["points_met"]][0 if lang == "zh" else 1]
        out.append(f"省定目标（周边村经营性收入年增幅比建设前提高20%以上，以基准情景代表“建设前”，考察{r['from_year']}–{r['to_year']}年）："
                   f"“{labels.of(r['scenario'], 'zh')}”年均增长{text.percent(r['growth'])}，基准{text.percent(r['baseline_growth'])}；"
                   f"按相对口径（≥基准的1.2倍）{rel}，按百分点口径（高出20个百分点）{pts}。" if lang == "zh" else
                   f"Province target (surrounding villages' operating-income growth 20 % above pre-construction growth; the baseline "
                   f"stands for 'before construction', years {r['from_year']}–{r['to_year']}): “{labels.of(r['scenario'], 'en')}” "
                   f"grows {text.percent(r['growth'])} a year against {text.percent(r['baseline_growth'])}; relative reading "
                   f"(≥ 1.2 × baseline) {rel}, percentage-point reading (+20 points) {pts}.")
    return out


def findings(table: pd.DataFrame, target: pd.DataFrame, labels: Labels, reps: int, lang: str) -> list[tuple[str, list[str]]]:
    """Paragraphs as (heading, sentences): the baseline, one per compared scenario, then
    over-indebtedness and the province target."""
    zh = lang == "zh"
    paragraphs = [("基准" if zh else "Baseline", [_baseline_sentence(table, labels, lang)])]
    for s in labels.others:
        paragraphs.append((labels.of(s, lang), _headline(table, labels, s, lang, reps) + _for_whom(table, labels, s, lang)
                           + _why(table, labels, s, lang) + _inequality_and_debt(table, labels, s, lang)))
    paragraphs.append(("过度负债" if zh else "Over-indebtedness", _debt(table, labels, lang)))
    if not target.empty:
        paragraphs.append(("省定目标" if zh else "Province target", _target(target, labels, lang)))
    if reps < 2:
        paragraphs.append(("注意" if zh else "Caution", [
            "只有一次重复：无法估计区间，所有差异仅供参考。" if zh else
            "Only one replication: no interval can be estimated; every difference is indicative only."]))
    return paragraphs

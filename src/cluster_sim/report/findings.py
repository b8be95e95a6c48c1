"""Plain-language findings generated from the comparison tables: which policy raised what,
by how much, for whom, through which income source, and where no claim can be made
because the 95 % interval includes zero. Sentences are templates, one set per language."""

from __future__ import annotations

import pandas as pd

from . import metrics as M
from . import text
from .cost import EFFECTS
from .policy_effects import INEQUALITY_PAIR
from .tables import Labels

# the headline incomes whose transfer and induced parts the findings state (the tables have all)
FINDINGS_SPLIT = ("weak_total", "collective_total", "farmer_income", "low_income")

T = {
    "zh": {
        "baseline": "{year}年{parts}。", "baseline_part": "{metric}{level}（年均增长{growth}）", "sep": "，",
        "one_rep": "{year}年{metric}与基准相差{diff}（仅一次重复，无区间，仅供参考）。",
        "clear": "{year}年{metric}{verb}{diff}{growth}。", "up": "提高", "down": "降低",
        "growth": "，年均增速{verb}{points}", "list_sep": "、",
        "unclear": "对{metrics}的影响：95%区间包含0，不能下结论。",
        "who": "谁受益：低收入农户人均收入相对基准变化{low}，全体农户{all}，低收入农户的相对变化{cmp}全体农户。",
        "more": "大于", "less": "小于",
        "split": "{year}年{metric}与基准相差{effect}，其中转移/保底支付部分{transfer}，市场带动的诱发部分{induced}。",
        "growth_change": "建设期后（{y0}–{y1}年）年均增速与基准相比：{parts}。", "growth_part": "{metric}{verdict}",
        "verdict": {"faster": "加快{pts}（{iv}）", "slower": "放慢{pts}（{iv}）", "none": "无增速变化（{pts}，{iv}）",
                    "unknown": "变化{pts}（仅一次重复，无区间）"},
        "iv": "95%区间 {iv}",
        "pair": "两个不平等指标并列：{parts}。", "pair_part": "{metric}由基准的{before}变为{after}（{diff}，95%区间 {iv}）",
        "opposite": "两者方向相反：{up}上升而{down}下降，只引用其中一个会误导。",
        "group": "{metric}：{diff}。", "why": "原因：{what}的变化主要来自{parts}。",
        "why_household": "农民人均收入", "why_collective": "村均集体收入",
        "ineq": "{metric}{dir}{amount}（由{before}至{after}）。", "fall": "下降", "rise": "上升",
        "debt": "红线提示：“{name}”平均有{n}个村在模拟期内曾过度负债（负债/资产超过上限），违反“不过度负债”的要求。",
        "no_debt": "各情景均未出现过度负债的村。",
        "target": "“{name}”周边村经营性收入{from_year}–{to_year}年年均增长{growth}，基准{base}：按相对口径（≥基准的1.2倍）"
                  "{rel}（增速减去基准的1.2倍为{rel_margin}），按百分点口径（高出20个百分点）{pts}（增速之差{points}）"
                  "（以基准情景的增速代表“建设前”增速）。",
        "met": {True: "达到", False: "未达到", None: "无法判断"},
        "caution": "只有一次重复：无法估计区间，所有差异仅供参考。",
        "cost": "财政成本：比基准多花{extra}（年均{per}{iv}）。", "cost_iv": "，95%区间 {iv}",
        "cost_none": "财政成本：与基准相比没有多花财政资金（差额{extra}）。",
        "cost_saves": "财政成本：比基准少花{extra}。",
        "per_wan": "每万元财政资金带来{parts}。", "per_wan_part": "{what}{value}万元{iv}",
        "heads": {"baseline": "基准：{name}", "debt": "过度负债", "target": "省定目标（周边村经营性收入增幅提高20%以上）",
                  "caution": "注意"},
    },
    "en": {
        "baseline": "In {year}: {parts}.", "baseline_part": "{metric} {level} ({growth} a year)", "sep": "; ",
        "one_rep": "{metric} in {year}: {diff} against the baseline (one replication: no interval, indicative only).",
        "clear": "{metric} in {year}: {verb} by {diff}{growth}.", "up": "raised", "down": "lowered",
        "growth": "; annual growth {points} {verb}", "list_sep": ", ",
        "unclear": "For {metrics} the 95 % interval includes 0: no claim can be made.",
        "who": "Who gains: low-income households' income per capita changes by {low} against the baseline, all "
               "households' by {all}: {cmp} for low-income households in relative terms.",
        "more": "more", "less": "less",
        "split": "{metric} in {year}: {effect} against the baseline, of which {transfer} is paid by transfers and "
                 "guarantees and {induced} is induced through the markets.",
        "growth_change": "Growth after the build years ({y0}–{y1}) against the baseline: {parts}.",
        "growth_part": "{metric} {verdict}",
        "verdict": {"faster": "faster by {pts} a year ({iv})", "slower": "slower by {pts} a year ({iv})",
                    "none": "no growth change ({pts}; {iv})", "unknown": "{pts} (one replication, no interval)"},
        "iv": "95 % interval {iv}",
        "pair": "Both inequality measures side by side: {parts}.",
        "pair_part": "{metric} {after} against {before} in the baseline ({diff}; 95 % interval {iv})",
        "opposite": "They move in opposite directions: {up} rises while {down} falls; quoting either alone misleads.",
        "group": "{metric}: {diff}.", "why": "Why: the change in {what} comes mostly from {parts}.",
        "why_household": "farmer income per capita", "why_collective": "collective income per village",
        "ineq": "{metric} {dir} by {amount} ({before} → {after}).", "fall": "falls", "rise": "rises",
        "debt": "Red line: under “{name}” on average {n} villages were over-indebted (debt/assets above the limit) "
                "at some point.",
        "no_debt": "No village is over-indebted in any scenario.",
        "target": "“{name}”: surrounding villages' operating income grows {growth} a year in {from_year}–{to_year} "
                  "against {base} in the baseline: relative reading (≥ 1.2 × baseline) {rel} (growth less 1.2 × the "
                  "baseline's: {rel_margin}), percentage-point reading (+20 points) {pts} (difference: {points}) "
                  "(the baseline's growth stands for growth before construction).",
        "met": {True: "met", False: "not met", None: "undefined"},
        "caution": "Only one replication: no interval can be estimated; every difference is indicative only.",
        "cost": "Public cost: {extra} more than the baseline ({per} a year{iv}).", "cost_iv": "; 95 % interval {iv}",
        "cost_none": "Public cost: no extra public money against the baseline (difference {extra}).",
        "cost_saves": "Public cost: {extra} less than the baseline.",
        "per_wan": "Per 万元 of public money: {parts}.", "per_wan_part": "{value} 万元 of {what}{iv}",
        "heads": {"baseline": "Baseline: {name}", "debt": "Over-indebtedness",
                  "target": "Province target (surrounding villages' growth 20 % higher)", "caution": "Caution"},
    },
}


def _row(table: pd.DataFrame, metric: str, scenario: str):
    hit = table[(table["metric"] == metric) & (table["scenario"] == scenario)]
    return None if hit.empty else hit.iloc[0]


def _clear(row, prefix: str = "diff") -> bool:
    """The paired difference's interval excludes zero."""
    return (row is not None and not text.is_missing(row[f"{prefix}_low"])
            and (row[f"{prefix}_low"] > 0 or row[f"{prefix}_high"] < 0))


def _visible(value, m: M.Metric) -> bool:
    """Not zero once rounded as shown (a real but negligible change is not worth a sentence)."""
    return text.number(abs(value), m) != text.number(0.0, m)


def _diff_text(row, m: M.Metric, lang: str, after_verb: bool = False) -> str:
    """The difference with its share of the baseline and its interval; ``after_verb``: the
    sentence already says raised/lowered, so the amount goes without its sign."""
    iv = text.interval(row["diff_low"], row["diff_high"], lambda x: text.number(x, m, signed=True))
    pct = text.percent(abs(row["diff_pct"]) if after_verb else row["diff_pct"], signed=not after_verb)
    amount = text.with_unit(abs(row["diff"]) if after_verb else row["diff"], m, lang, signed=not after_verb, diff=True)
    if lang == "zh":
        return f"{amount}（{pct}" + (f"，95%区间 {iv}）" if iv else "）")
    return f"{amount} ({pct}" + (f"; 95 % interval {iv})" if iv else ")")


def _baseline(table, labels: Labels, lang: str) -> list[str]:
    t = T[lang]
    parts, year = [], None
    for m in M.HEADLINE:
        row = _row(table, m.name, labels.baseline)
        if row is not None:
            year = int(row["final_year"])
            parts.append(t["baseline_part"].format(metric=m.label(lang), level=text.with_unit(row["final_value"], m, lang),
                                                   growth=text.percent(row["growth"])))
    return [t["baseline"].format(year=year, parts=t["sep"].join(parts))]


def _headline(table, s: str, lang: str, reps: int) -> list[str]:
    t = T[lang]
    out, unclear = [], []
    for m in M.HEADLINE:
        row = _row(table, m.name, s)
        if row is None:
            continue
        year = int(row["final_year"])
        if reps < 2:
            out.append(t["one_rep"].format(year=year, metric=m.label(lang), diff=_diff_text(row, m, lang)))
        elif _clear(row):
            growth = ""
            if _clear(row, "growth_diff"):
                growth = t["growth"].format(verb=t["up" if row["growth_diff"] > 0 else "down"],
                                            points=text.points(abs(row["growth_diff"]), lang, signed=False))
            out.append(t["clear"].format(year=year, metric=m.label(lang), verb=t["up" if row["diff"] > 0 else "down"],
                                         diff=_diff_text(row, m, lang, after_verb=True), growth=growth))
        else:
            unclear.append(m.label(lang))
    if unclear:
        out.append(t["unclear"].format(metrics=t["list_sep"].join(unclear)))
    return out


def _for_whom(table, labels: Labels, s: str, lang: str) -> list[str]:
    t = T[lang]
    out = []
    every, low = _row(table, "farmer_income_per_capita_yuan", s), _row(table, "low_income_income_per_capita_yuan", s)
    if (_clear(low) or _clear(every)) and max(abs(low["diff_pct"]), abs(every["diff_pct"])) >= 0.001:
        out.append(t["who"].format(low=text.percent(low["diff_pct"], True), all=text.percent(every["diff_pct"], True),
                                   cmp=t["more" if low["diff_pct"] > every["diff_pct"] else "less"]))
    for name in ("weak_operating_mean_yuan", "surrounding_operating_mean_yuan", "key_operating_mean_yuan",
                 "partner_operating_mean_yuan"):
        row, gm = _row(table, name, s), M.BY_NAME[name]
        if _clear(row):
            out.append(t["group"].format(metric=gm.label(lang), diff=_diff_text(row, gm, lang)))
    return out


def _source_name(m: M.Metric, lang: str) -> str:
    if lang == "zh":
        return m.zh.removeprefix("人均").removeprefix("村均")
    return m.en.removesuffix(" per capita").removesuffix(" (mean per village)")


def _why(table, s: str, lang: str) -> list[str]:
    t = T[lang]
    out = []
    for metrics, what in ((M.HOUSEHOLD_SOURCE_METRICS, "why_household"), (M.COLLECTIVE_SOURCE_METRICS, "why_collective")):
        moved = [(m, _row(table, m.name, s)) for m in metrics]
        moved = sorted(((m, r) for m, r in moved if _clear(r) and _visible(r["diff"], m)), key=lambda mr: -abs(mr[1]["diff"]))
        if moved:
            parts = [f"{_source_name(m, lang)}{'' if lang == 'zh' else ' '}{text.with_unit(r['diff'], m, lang, True, diff=True)}"
                     for m, r in moved[:3]]
            out.append(t["why"].format(what=t[what], parts=t["list_sep"].join(parts)))
    return out


def _amount(value, low, high, m: M.Metric, lang: str) -> str:
    """A signed amount with its unit and its 95 % interval."""
    iv = text.interval(low, high, lambda x: text.number(x, m, signed=True))
    amount = text.with_unit(value, m, lang, signed=True, diff=True)
    if not iv:
        return amount
    return f"{amount}（95%区间 {iv}）" if lang == "zh" else f"{amount} (95 % interval {iv})"


def _split(split: pd.DataFrame, s: str, lang: str) -> list[str]:
    """Of each clear effect on a headline income, how much transfers and guarantees paid and how
    much the markets induced (weak villages first)."""
    if split.empty:
        return []
    out = []
    for _, r in split[(split["scenario"] == s) & split["headline"].isin(FINDINGS_SPLIT)].iterrows():
        m = M.BY_NAME[r["metric"]]
        if not (_clear(r, "effect") and _visible(r["effect"], m)):
            continue
        out.append(T[lang]["split"].format(
            year=int(r["year"]), metric=m.label(lang),
            **{part: _amount(r[part], r[f"{part}_low"], r[f"{part}_high"], m, lang)
               for part in ("effect", "transfer", "induced")}))
    return out


def _growth_change(growth: pd.DataFrame, s: str, lang: str) -> list[str]:
    """Whether growth after the build years changed: a one-off level step reads as no change."""
    t = T[lang]
    rows = growth[growth["scenario"] == s] if not growth.empty else growth
    if rows.empty:
        return []
    parts = []
    for _, r in rows.iterrows():
        iv = text.interval(r["growth_diff_low"], r["growth_diff_high"], lambda x: text.points(x, None))
        signed = r["verdict"] in ("none", "unknown")  # "faster"/"slower" already say the sign
        pts = text.points(r["growth_diff"] if signed else abs(r["growth_diff"]), lang, signed=signed)
        verdict = t["verdict"][r["verdict"]].format(pts=pts, iv=t["iv"].format(iv=iv))
        parts.append(t["growth_part"].format(metric=M.BY_NAME[r["metric"]].label(lang), verdict=verdict))
    first = rows.iloc[0]
    return [t["growth_change"].format(y0=first["from_year"], y1=first["to_year"], parts=t["list_sep"].join(parts))]


def _inequality_pair(pair: pd.DataFrame, s: str, lang: str) -> list[str]:
    """Gini across villages and the strong/weak ratio side by side, and a warning when they
    clearly move in opposite directions."""
    t = T[lang]
    hit = pair[pair["scenario"] == s] if not pair.empty else pair
    if hit.empty:
        return []
    r = hit.iloc[0]
    parts, moves = [], {}
    for name in INEQUALITY_PAIR:
        m = M.BY_NAME[name]
        iv = text.interval(r[f"{name}_diff_low"], r[f"{name}_diff_high"], lambda x: text.number(x, m, signed=True))
        parts.append(t["pair_part"].format(metric=m.label(lang), before=text.with_unit(r[f"{name}_baseline"], m, lang),
                                           after=text.with_unit(r[f"{name}_final"], m, lang),
                                           diff=text.with_unit(r[f"{name}_diff"], m, lang, signed=True, diff=True),
                                           iv=iv or "–"))
        moves[name] = r[f"{name}_diff"]
    out = [t["pair"].format(parts=t["list_sep"].join(parts))]
    if r["opposite"]:
        up = max(moves, key=moves.get)
        down = min(moves, key=moves.get)
        out.append(t["opposite"].format(up=M.BY_NAME[up].label(lang), down=M.BY_NAME[down].label(lang)))
    return out


def _inequality(table, s: str, lang: str) -> list[str]:
    """Inequality measures other than the pair stated side by side (households' Gini)."""
    t = T[lang]
    out = []
    for m in (m for m in M.INEQUALITY if m.name not in INEQUALITY_PAIR):
        row = _row(table, m.name, s)
        if _clear(row) and _visible(row["diff"], m):
            out.append(t["ineq"].format(metric=m.label(lang), dir=t["fall" if row["diff"] < 0 else "rise"],
                                        amount=text.number(abs(row["diff"]), m),
                                        before=text.number(row["final_value"] - row["diff"], m),
                                        after=text.number(row["final_value"], m)))
    return out


def _debt(table, labels: Labels, lang: str) -> list[str]:
    m = M.BY_NAME["villages_ever_over_indebted"]
    out = []
    for s in labels.names:
        row = _row(table, m.name, s)
        if row is not None and row["final_value"] > 0:
            out.append(T[lang]["debt"].format(name=labels.of(s, lang), n=text.number(row["final_value"], m)))
    return out or [T[lang]["no_debt"]]


def _target(target: pd.DataFrame, labels: Labels, lang: str) -> list[str]:
    t = T[lang]

    def points(r, prefix):
        iv = text.interval(r[f"{prefix}_low"], r[f"{prefix}_high"], lambda x: text.points(x, None))
        return text.points(r[prefix], lang) + ((f"，95%区间 {iv}" if lang == "zh" else f"; 95 % interval {iv}")
                                               if iv else "")

    return [t["target"].format(name=labels.of(r["scenario"], lang), from_year=r["from_year"], to_year=r["to_year"],
                               growth=text.percent(r["growth"]), base=text.percent(r["baseline_growth"]),
                               rel=t["met"][r["relative_met"]], pts=t["met"][r["points_met"]],
                               rel_margin=points(r, "relative_margin"), points=points(r, "points_diff"))
            for _, r in target.iterrows()]


def _cost(cost: pd.DataFrame, s: str, lang: str) -> list[str]:
    """What the package costs the public purse and what each 万元 buys."""
    t = T[lang]
    hit = cost[cost["scenario"] == s] if not cost.empty else cost
    if hit.empty:
        return []
    r = hit.iloc[0]
    if r["status"] == "none":
        return [t["cost_none"].format(extra=text.wan(r["extra"], lang, signed=True))]
    if r["status"] == "saves":
        return [t["cost_saves"].format(extra=text.wan(-r["extra"], lang))]
    per_iv = text.interval(r["extra_per_year_low"], r["extra_per_year_high"], lambda x: f"{x:,.1f}")
    out = [t["cost"].format(extra=text.wan(r["extra"], lang), per=text.wan(r["extra_per_year"], lang),
                            iv=t["cost_iv"].format(iv=per_iv) if per_iv else "")]
    parts = []
    for key, _, zh, en in EFFECTS:
        if text.is_missing(r[f"{key}_per_wan"]):
            continue
        iv = text.interval(r[f"{key}_per_wan_low"], r[f"{key}_per_wan_high"], lambda x: f"{x:,.2f}")
        parts.append(t["per_wan_part"].format(what=zh if lang == "zh" else en, value=f"{r[f'{key}_per_wan']:,.2f}",
                                              iv=(f"（95%区间 {iv}）" if lang == "zh" else f" (95 % interval {iv})")
                                              if iv else ""))
    if parts:
        out.append(t["per_wan"].format(parts=t["list_sep"].join(parts)))
    return out


def policy_sentences(table: pd.DataFrame, labels: Labels, s: str, reps: int, lang: str,
                     cost: pd.DataFrame | None = None, policy: dict[str, pd.DataFrame] | None = None) -> list[str]:
    """What one package does: headline effects, public cost, who gains, their transfer and
    induced parts, the growth change after the build years, why, and both inequality measures."""
    cost = pd.DataFrame() if cost is None else cost
    policy = policy or {}
    empty = pd.DataFrame()
    return (_headline(table, s, lang, reps) + _cost(cost, s, lang) + _for_whom(table, labels, s, lang)
            + _split(policy.get("effect_split", empty), s, lang) + _growth_change(policy.get("growth_change", empty), s, lang)
            + _why(table, s, lang) + _inequality_pair(policy.get("inequality_pair", empty), s, lang)
            + _inequality(table, s, lang))


def findings(table: pd.DataFrame, target: pd.DataFrame, labels: Labels, reps: int,
             lang: str, cost: pd.DataFrame | None = None,
             policy: dict[str, pd.DataFrame] | None = None) -> list[tuple[str, list[str]]]:
    """Paragraphs as (heading, sentences): the baseline, one per compared scenario (with its
    public cost and the per-policy tables of ``policy_effects``), then over-indebtedness and
    the province target."""
    heads = T[lang]["heads"]
    paragraphs = [(heads["baseline"].format(name=labels.of(labels.baseline, lang)), _baseline(table, labels, lang))]
    for s in labels.others:
        paragraphs.append((labels.of(s, lang), policy_sentences(table, labels, s, reps, lang, cost, policy)))
    paragraphs.append((heads["debt"], _debt(table, labels, lang)))
    if not target.empty:
        paragraphs.append((heads["target"], _target(target, labels, lang)))
    if reps < 2:
        paragraphs.append((heads["caution"], [T[lang]["caution"]]))
    return paragraphs

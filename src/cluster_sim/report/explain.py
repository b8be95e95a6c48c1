"""The report's plain-language explanations, in Chinese and English: the bottom line an
official can decide from, how to read the province-target check, and what the intervals
do and do not cover. Every number comes from the report's tables."""

from __future__ import annotations

import math

import pandas as pd

from ..evidence.replications import recommended_replications
from . import text
from . import metrics as M
from .cost import EFFECTS, ranking, zero_width
from .policy_effects import GROWTH_METRICS
from .tables import CONSTRUCTION_YEARS, Labels

# fewer replications than this: intervals are wider than the comparison needs and themselves unsteady;
# the number docs/replications.md measures (cluster-sim dev evidence replications), compare's default
MIN_REPS = recommended_replications()
MIN_GROWTH_WINDOW = 3  # years after construction below which the target check is called short

T = {
    "zh": {
        "period": "{y0}–{y1}年模拟，{n}个方案与基准“{base}”比较，每个方案{reps}次重复。",
        "rank": "按每万元财政资金带来的{what}排序：{items}。",
        "rank_item": "{name}（每万元{value}万元{unsure}）",
        "unsure": "，区间含0", "loss": "，不增反减", "rank_sep": " > ",
        "cost": "多花财政资金：{items}。", "cost_item": "{name}{extra}（年均{per}）",
        "none": "无需额外财政资金：{items}。", "saves": "比基准少花财政资金：{items}。",
        "free_item": "{name}（同期{gains}）", "gain": "{what}{value}",
        "target_met": "省定目标（周边村增幅提高20%以上）：按相对口径，{rel}；按百分点口径，{pts}。",
        "met_by": "达到的有{names}", "nobody": "没有方案达到", "sep": "、", "item_sep": "；",
        "target_short": "（考察期只有{w}年，偏短，仅供参考。）",
        "target_untestable": "（模拟期不长于建设期，无法检验这条目标。）",
        "growth_line": "建设期后（{y0}–{y1}年）{metric}的增速：{parts}。",
        "growth_faster": "加快的有{names}", "growth_slower": "放慢的有{names}",
        "growth_none": "{names}无增速变化（只改变水平）", "growth_all_none": "所有方案都无增速变化（只改变水平）",
        "few_reps": "注意：只有{reps}次重复（少于{min}次），区间较宽且不稳定，请用更多重复复核后再决策。",
        "scope": "区间只反映模型的随机性，不反映模型假设的不确定性；收益只计到{y1}年，之后继续产生的收益未计入。",
        "target_rule": "省里的要求：片区建成（建设期2–3年）后，周边村集体经营性收入的年增幅要比建设前提高20%以上。",
        "target_years": "本报告把第1–{c}年（{b0}–{b1}年）当作建设期，把第{c}年末到末年（{g0}–{g1}年，共{w}年）当作考察期，"
                        "比较考察期内周边村集体经营性收入的年均增幅。模型没有“建设前”的历史，因此以基准情景同期的年均增幅"
                        "（{base}）代表“建设前”增幅。",
        "target_years_short": "本次模拟只有{years}年，不长于建设期（第1–{c}年），考察期只能取基年到末年（{g0}–{g1}年），"
                              "以基准情景同期的年均增幅（{base}）代表“建设前”增幅。",
        "target_readings": "原文没有说“提高20%”是相对提高还是提高20个百分点，两种读法都检查：相对读法——增幅至少是基准的1.2倍"
                           "（基准{base}时需达到{rel}）；百分点读法——增幅至少比基准高20个百分点（需达到{pts}）。",
        "target_jump": "为什么前两年收入一次性大幅提高不算“增幅提高”：政策在建设期内把收入一下子抬高（如新增租金、分红），"
                       "抬高的是水平；考察期从建设期结束后算起，水平已经高了，同样的年增量折成增幅反而更小。省里考核的是"
                       "建成后增长是否更快，不是收入是否更高，所以核心指标里周边村收入明显提高，并不等于达到了这条目标。",
        "target_short_warn": "警告：模拟{years}年只留下{w}年考察期（第{c}年末到第{years}年），年均增幅受个别年份波动影响很大，"
                             "达标与否仅供参考；请模拟至少{need}年。",
        "target_none": "警告：模拟只有{years}年，不超过{c}年建设期，考察期只能从基年算起，包含建设期本身，不能据此检验省定目标；"
                       "请模拟至少{need}年。",
        "iv_what": "区间怎么读：每个方案都用同一组随机数各跑{reps}次（第k次重复在所有方案中使用同一个随机种子），"
                   "所以每次重复里“方案减基准”的差是配对的。表中的95%区间说明：在模型自身的随机性下（企业经营波动、"
                   "农户就业选择、游客多少等），差值的平均数大致落在这个范围内；区间不含0时，差异可以下结论。",
        "iv_not": "区间不包括模型假设的不确定性：参数取值、行为规则、价格等假设变了，数字也会变，这些要靠敏感性分析来看。",
        "iv_few": "警告：只有{reps}次重复，少于{min}次。区间很宽，而且区间本身也不稳定（再跑一次可能明显不同），"
                  "结论仅供参考；正式使用请至少做{min}次重复。",
        "iv_one": "警告：只有1次重复，无法估计区间，所有差异都仅供参考。",
        "iv_zero": "有些区间宽度为0（上下限相同），如{examples}：这些数（或它们与基准之差）在每次重复中完全相同，因为没有随机因素影响它们"
                   "（例如按预算固定拨付的资金、按人头发放的养老金）。宽度为0不代表确定无疑，只代表模型在这一项上没有随机性。",
    },
    "en": {
        "period": "Simulated {y0}–{y1}; {n} packages compared with the baseline “{base}”, {reps} replications each.",
        "rank": "Ranked by {what} gained per 万元 of public money: {items}.",
        "rank_item": "{name} ({value} 万元 per 万元{unsure})",
        "unsure": "; interval includes 0", "loss": "; a loss", "rank_sep": " > ",
        "cost": "Extra public money: {items}.", "cost_item": "{name}: {extra} in all, {per} a year",
        "none": "No extra public money: {items}.", "saves": "Less public money than the baseline: {items}.",
        "free_item": "{name} (over the same years {gains})", "gain": "{what} {value}",
        "target_met": "Province target (surrounding villages' growth 20 % higher): in the relative reading {rel}; "
                      "in the percentage-point reading {pts}.",
        "met_by": "met by {names}", "nobody": "no package meets it", "sep": ", ", "item_sep": "; ",
        "target_short": " (the growth window is only {w} years: indicative only.)",
        "target_untestable": " (the run is no longer than the construction period: the target cannot be tested.)",
        "growth_line": "Growth of {metric} after the build years ({y0}–{y1}): {parts}.",
        "growth_faster": "faster under {names}", "growth_slower": "slower under {names}",
        "growth_none": "no growth change under {names} (levels only)",
        "growth_all_none": "no package changes it (levels only)",
        "few_reps": "Caution: only {reps} replications (fewer than {min}): intervals are wide and unsteady; check with "
                    "more replications before deciding.",
        "scope": "Intervals cover the model's randomness, not its assumptions; gains are counted up to {y1} only, "
                 "so returns after that are left out.",
        "target_rule": "The province's rule: once a cluster is built (2–3 years), the annual growth of the surrounding "
                       "villages' collective operating income must be 20 % or more above its growth before construction.",
        "target_years": "This report takes years 1–{c} ({b0}–{b1}) as the construction period and the end of year {c} to the "
                        "final year ({g0}–{g1}, {w} years) as the growth window, and compares the surrounding villages' "
                        "average annual growth of collective operating income in that window. The model has no history "
                        "before construction, so the baseline's growth over the same years ({base}) stands for growth "
                        "before construction.",
        "target_years_short": "This run has only {years} years, no longer than the construction period (years 1–{c}), "
                              "so growth is taken from the base year to the final year ({g0}–{g1}), against the "
                              "baseline's growth over the same years ({base}).",
        "target_readings": "The rule does not say whether “20 % higher” is relative or 20 percentage points, so both are "
                           "checked: relative reading — growth at least 1.2 times the baseline's (with the baseline at "
                           "{base}, at least {rel}); percentage-point reading — growth at least 20 points above the "
                           "baseline's (at least {pts}).",
        "target_jump": "Why a one-off jump in the first years does not count as faster growth: a package that lifts income "
                       "at once during construction (new rents, dividends) raises its level; the growth window starts "
                       "after construction, from that higher level, so the same yearly increase is a smaller growth rate. "
                       "The province asks for faster growth after construction, not for higher income, so a clear rise in "
                       "the surrounding villages' income in the headline tables does not by itself meet this target.",
        "target_short_warn": "Warning: simulating {years} years leaves a growth window of only {w} years (end of year {c} to "
                             "year {years}); average growth over so few years swings with single years, so met/not met is "
                             "indicative only. Simulate at least {need} years.",
        "target_none": "Warning: the run has only {years} years, no more than the {c}-year construction period, so growth "
                       "is measured from the base year, construction included; this cannot test the province target. "
                       "Simulate at least {need} years.",
        "iv_what": "How to read the intervals: every package is run {reps} times with the same random numbers "
                   "(replication k uses the same seed in every package), so package minus baseline is a paired "
                   "difference in each replication. A 95 % interval says where the mean difference lies given the "
                   "model's own randomness (enterprises' ups and downs, households' job choices, visitor numbers); when "
                   "it excludes 0 the difference can be claimed.",
        "iv_not": "The intervals do not cover the model's assumptions: with other parameter values, behaviour rules or "
                  "prices the numbers change; that is what sensitivity analysis is for.",
        "iv_few": "Warning: only {reps} replications, fewer than {min}. The intervals are wide and themselves unsteady "
                  "(another run could give clearly different ones): treat conclusions as indicative and use at least "
                  "{min} replications before relying on them.",
        "iv_one": "Warning: one replication only: no interval can be estimated; every difference is indicative only.",
        "iv_zero": "Some intervals have zero width (low = high), e.g. {examples}: these numbers are the same in every "
                   "replication because no random draw reaches them (money paid out by a fixed budget, pensions per "
                   "head). Zero width does not mean certain, only that the model has no randomness there.",
    },
}


def _names(labels: Labels, scenarios, lang: str) -> str:
    return T[lang]["sep"].join(labels.of(s, lang) for s in scenarios) or T[lang]["nobody"]


def _met_by(labels: Labels, scenarios, lang: str) -> str:
    return T[lang]["met_by"].format(names=_names(labels, scenarios, lang)) if len(scenarios) else T[lang]["nobody"]


def growth_line(growth: pd.DataFrame, labels: Labels, lang: str) -> str:
    """Which packages change the growth of collective operating income after the build years,
    and which only lift its level (policy_effects.growth_change_table's verdicts)."""
    t = T[lang]
    rows = growth[growth["metric"] == GROWTH_METRICS[0]]
    by = {v: [labels.of(s, lang) for s in rows.loc[rows["verdict"] == v, "scenario"]]
          for v in ("faster", "slower", "none")}
    parts = [t[f"growth_{v}"].format(names=t["sep"].join(by[v])) for v in ("faster", "slower") if by[v]]
    if by["none"]:
        parts.append(t["growth_none"].format(names=t["sep"].join(by["none"])) if parts else t["growth_all_none"])
    first = rows.iloc[0]
    return t["growth_line"].format(y0=first["from_year"], y1=first["to_year"], parts=t["item_sep"].join(parts),
                                   metric=M.BY_NAME[GROWTH_METRICS[0]].label(lang))


def bottom_line_sentences(cost: pd.DataFrame, target: pd.DataFrame, labels: Labels, reps: int,
                          years: tuple[int, int], lang: str, growth: pd.DataFrame | None = None) -> list[str]:
    """The bottom line an official can decide from, sentence by sentence: what was compared, the ranking per 万元, the
    price of each package, the province target, which packages change growth and how far to trust it."""
    t = T[lang]
    y0, y1 = years
    out = [t["period"].format(y0=y0, y1=y1, n=len(labels.others), base=labels.of(labels.baseline, lang), reps=reps)]
    if not cost.empty:
        for key, _, zh, en in EFFECTS:
            ranked = ranking(cost, key)
            if ranked.empty:
                continue
            items = [t["rank_item"].format(
                name=labels.of(r["scenario"], lang), value=f"{r[f'{key}_per_wan']:,.2f}",
                unsure=t["unsure"] if _includes_zero(r, f"{key}_per_wan")
                else t["loss"] if r[f"{key}_per_wan"] < 0 else "") for _, r in ranked.iterrows()]
            out.append(t["rank"].format(what=zh if lang == "zh" else en, items=t["rank_sep"].join(items)))
        spend = cost[cost["status"] == "extra"].sort_values("extra", ascending=False)
        if not spend.empty:
            out.append(t["cost"].format(items=t["item_sep"].join(
                t["cost_item"].format(name=labels.of(r["scenario"], lang), extra=text.wan(r["extra"], lang),
                                      per=text.wan(r["extra_per_year"], lang)) for _, r in spend.iterrows())))
        for status in ("saves", "none"):
            rows = cost[cost["status"] == status]
            if not rows.empty:
                items = [_free_item(r, labels, lang) for _, r in rows.iterrows()]
                out.append(t[status].format(items=t["item_sep"].join(items)))
    if not target.empty:
        rel = target[target["relative_met"] == True]["scenario"]  # noqa: E712 (None = undefined)
        pts = target[target["points_met"] == True]["scenario"]  # noqa: E712
        sentence = t["target_met"].format(rel=_met_by(labels, rel, lang), pts=_met_by(labels, pts, lang))
        w = growth_window(target)
        if int(target["from_year"].iloc[0]) == y0:
            sentence += t["target_untestable"]
        elif w < MIN_GROWTH_WINDOW:
            sentence += t["target_short"].format(w=w)
        out.append(sentence)
    if growth is not None and not growth.empty:
        out.append(growth_line(growth, labels, lang))
    if reps < MIN_REPS:
        out.append(t["few_reps"].format(reps=reps, min=MIN_REPS))
    out.append(t["scope"].format(y1=y1))
    return out


def _free_item(row, labels: Labels, lang: str) -> str:
    """A package that needs no extra public money (or saves some), with what it gains."""
    t = T[lang]
    name = labels.of(row["scenario"], lang)
    if row["status"] == "saves":
        name += ("" if lang == "zh" else " ") + text.wan(abs(row["extra"]), lang)
    gains = t["sep"].join(t["gain"].format(what=zh if lang == "zh" else en, value=text.wan(row[f"{key}_gain"], lang, True))
                          for key, _, zh, en in EFFECTS)
    return t["free_item"].format(name=name, gains=gains)


def _includes_zero(row, prefix: str) -> bool:
    low, high = row[f"{prefix}_low"], row[f"{prefix}_high"]
    return not text.is_missing(low) and low <= 0 <= high


def growth_window(target: pd.DataFrame) -> int:
    return int(target["to_year"].iloc[0] - target["from_year"].iloc[0])


def target_explanation(target: pd.DataFrame, start_year: int, years: int, lang: str) -> tuple[list[str], list[str]]:
    """(paragraphs, warnings) on how the province target is checked in this run."""
    t = T[lang]
    c = CONSTRUCTION_YEARS
    base = float(target["baseline_growth"].iloc[0]) if not target.empty else math.nan
    g0, g1 = (int(target["from_year"].iloc[0]), int(target["to_year"].iloc[0])) if not target.empty \
        else (start_year + c, start_year + years)
    paragraphs = [
        t["target_rule"],
        t["target_years"].format(c=c, b0=start_year + 1, b1=start_year + c, g0=g0, g1=g1, w=g1 - g0,
                                 base=text.percent(base)) if years > c else
        t["target_years_short"].format(years=years, c=c, g0=g0, g1=g1, base=text.percent(base)),
        t["target_readings"].format(base=text.percent(base), rel=text.percent(base * 1.2 if base > 0 else math.nan),
                                    pts=text.percent(base + 0.2)),
        t["target_jump"],
    ]
    warnings = []
    need = c + MIN_GROWTH_WINDOW + 2
    if years <= c:
        warnings.append(t["target_none"].format(years=years, c=c, need=need))
    elif years - c < MIN_GROWTH_WINDOW:
        warnings.append(t["target_short_warn"].format(years=years, w=years - c, c=c, need=need))
    return paragraphs, warnings


def interval_explanation(tables: list[pd.DataFrame], names: list[str], reps: int, lang: str) -> tuple[list[str], list[str]]:
    """(paragraphs, warnings) on what the intervals mean here; ``tables`` with ``names``
    (display name per row) are searched for zero-width intervals to cite."""
    t = T[lang]
    paragraphs = [t["iv_what"].format(reps=reps), t["iv_not"]]
    warnings = []
    if reps < 2:
        warnings.append(t["iv_one"])
    elif reps < MIN_REPS:
        warnings.append(t["iv_few"].format(reps=reps, min=MIN_REPS))
    examples = []
    for table, name_col in zip(tables, names):
        for prefix in ("diff", "extra"):
            if table.empty or f"{prefix}_low" not in table:
                continue
            # differences that are not simply zero make the better examples
            rows = sorted(table.iterrows(), key=lambda ir: ir[1][prefix] == 0)
            for _, r in rows:
                if zero_width(r[f"{prefix}_low"], r[f"{prefix}_high"]) and r[name_col] not in examples:
                    examples.append(r[name_col])
    if examples:
        sep = T[lang]["sep"]
        paragraphs.append(t["iv_zero"].format(examples=sep.join(examples[:3])))
    return paragraphs, warnings

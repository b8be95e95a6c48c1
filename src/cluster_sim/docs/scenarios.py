"""docs/scenarios.md: every scenario in scenarios/ that asks a question, run against the
baseline with paired replications (compare's machinery) and answered from the numbers.
``python -m cluster_sim.docs.scenarios`` or ``cluster-sim dev evidence scenarios``."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..evidence.measures import smaller_county
from ..evidence.provenance import command_line, provenance, provenance_lines, write_atomic
from ..report import metrics as M
from ..report import text
from ..report.compare import DEFAULT_REPS, DEFAULT_SEED, build_tables, load_all
from ..report.findings import FINDINGS_SPLIT
from ..report.policy_effects import GROWTH_METRICS, INEQUALITY_PAIR, VERDICTS
from ..report.runs import plan, run_all
from ..report.stats import mean_interval
from ..report.tables import Labels, final_t, growth_per_replication, labels_for, metric_rows
from ..scenario import ScenarioError, load_scenario

SKIP_PREFIXES = ("classroom_", "synthetic_province")  # dashboards' exercises and the speed test ask no policy question
BASELINE = "baseline.toml"
DEFAULT_FOCUS = "collective_income_total_mean_yuan"
# indicators where a fall is the improvement a question hopes for
LOWER_IS_BETTER = frozenset({"strong_weak_gap_ratio", "gini_collective", "gini_household",
                             "share_villages_below_weak_line", "villages_over_indebted",
                             "villages_ever_over_indebted", "max_debt_ratio"})
YES_NO_WORDS = frozenset({"do", "does", "did", "is", "are", "can", "will", "should", "has", "have"})

A = {
    "zh": {
        "yes": "是。", "no": "否：", "clear": "到{year}年，{metric}与基准相比{verb}{amount}（{pct}，95%区间 {iv}）。",
        "unclear": "否，不能下结论：到{year}年，{metric}与基准之差为{amount}，95%区间 {iv} 包含0。",
        "one_rep": "只有一次重复，无法判断：到{year}年，{metric}与基准之差为{amount}（无区间）。",
        "split": "其中转移/保底支付{transfer}，市场诱发{induced}；",
        "growth": "建设期后（{y0}–{y1}年）增速：{parts}。", "up": "提高", "down": "降低",
        "verdict": {"faster": "加快{pts}", "slower": "放慢{pts}", "none": "无变化", "unknown": "无区间"},
        "baseline": "不用片区政策时，{y0}–{y1}年{parts}。", "base_part": "{metric}年均增长{growth}（95%区间 {iv}），{y1}年达{level}",
    },
    "en": {
        "yes": "Yes. ", "no": "No: ",
        "clear": "By {year}, {metric} is {verb} by {amount} against the baseline ({pct}; 95 % interval {iv}).",
        "unclear": "No, no claim can be made: by {year}, {metric} differs from the baseline by {amount}, and the 95 % "
                   "interval {iv} includes 0.",
        "one_rep": "One replication only, no verdict: by {year}, {metric} differs from the baseline by {amount} "
                   "(no interval).",
        "split": "Of it, {transfer} is paid by transfers and guarantees and {induced} induced; ",
        "growth": "growth after the build years ({y0}–{y1}): {parts}.", "up": "raised", "down": "lowered",
        "verdict": {"faster": "faster by {pts}", "slower": "slower by {pts}", "none": "no change",
                    "unknown": "no interval"},
        "baseline": "Without cluster policies, over {y0}–{y1}: {parts}.",
        "base_part": "{metric} grows {growth} a year (95 % interval {iv}) to {level} in {y1}",
    },
}


@dataclass
class Answered:
    """What the document is written from: the runs' tables and the scenarios asked about."""

    tables: dict[str, pd.DataFrame]
    tidy: pd.DataFrame
    labels: Labels
    focus: dict[str, str]  # scenario name → the indicator its question is answered with
    files: dict[str, str]  # scenario name → its file name in the folder
    reps: int
    years: int


def question_files(folder: Path) -> list[Path]:
    """The scenario files in ``folder`` that ask a question, baseline first."""
    files = []
    for path in sorted(Path(folder).glob("*.toml")):
        if path.name.startswith(SKIP_PREFIXES):
            continue
        if load_scenario(path).data["meta"]["question"]:
            files.append(path)
    return sorted(files, key=lambda p: p.name != BASELINE)


def focus_metric(spec, source: str) -> str:
    """The indicator a scenario's question is answered with (``meta.answer_with``)."""
    name = spec.data["meta"].get("answer_with") or DEFAULT_FOCUS
    if name not in {m.name for m in M.ALL}:
        raise ScenarioError(source, "meta.answer_with", f"unknown indicator {name!r}",
                            ", ".join(sorted(m.name for m in M.ALL)))
    return name


def answer(folder: Path, reps: int = DEFAULT_REPS, seed: int = DEFAULT_SEED, years: int | None = None,
           households: int | None = None, workers: int | None = None) -> Answered:
    """Run every question scenario of ``folder`` with ``reps`` paired replications against its
    baseline; ``households`` runs a smaller county (the CI version)."""
    files = question_files(folder)
    if not files or files[0].name != BASELINE:
        raise ScenarioError(str(folder), BASELINE, "no baseline scenario with a question in the folder",
                            "a baseline.toml the other scenarios are compared with")
    with tempfile.TemporaryDirectory() as tmp:
        runnable = [smaller_county(f.resolve(), households, Path(tmp)) for f in files] if households else files
        specs = load_all(runnable, years)
        names = list(specs)
        focus = {name: focus_metric(spec, str(f)) for (name, spec), f in zip(specs.items(), files)}
        labels = labels_for(specs, names[0])
        tidy = run_all(plan(specs, reps, seed), workers=workers)
    return Answered(build_tables(tidy, specs, labels), tidy, labels, focus, {n: f.name for n, f in zip(names, files)},
                    reps, next(iter(specs.values())).data["simulation"]["years"])


def _iv(low, high, fmt) -> str:
    return text.interval(low, high, fmt) or "–"


def is_yes_no(question: str) -> bool:
    """Whether a question asks yes or no ("Does pairing narrow…?") rather than how or why."""
    return question.split(" ", 1)[0].lower() in YES_NO_WORDS


def answer_sentence(row: pd.Series, metric: M.Metric, lang: str, yes_no: bool = True) -> str:
    """The answer to a question about ``metric`` from its comparison row: no claim when the
    interval includes 0; else the change, led (for a yes/no question) by yes when it goes the
    hoped-for way and no when it goes the other."""
    a = A[lang]
    fmt = (lambda x: text.number(x, metric, signed=True))
    iv = _iv(row["diff_low"], row["diff_high"], fmt)
    year = int(row["final_year"])
    amount = text.with_unit(row["diff"], metric, lang, signed=True, diff=True)
    if text.is_missing(row["diff_low"]):
        return a["one_rep"].format(year=year, metric=metric.label(lang), amount=amount)
    if row["diff_low"] <= 0 <= row["diff_high"]:
        return a["unclear"].format(year=year, metric=metric.label(lang), amount=amount, iv=iv)
    better = (row["diff"] < 0) == (metric.name in LOWER_IS_BETTER)
    lead = a["yes" if better else "no"] if yes_no else ""
    sentence = a["clear"].format(
        year=year, metric=metric.label(lang), verb=a["up" if row["diff"] > 0 else "down"],
        amount=text.with_unit(abs(row["diff"]), metric, lang, diff=True), pct=text.percent(row["diff_pct"], True), iv=iv)
    if lead and lang == "en":
        sentence = sentence[:1].lower() + sentence[1:] if lead.startswith("No") else sentence
    return lead + sentence


def _amount(r, part: str, m: M.Metric, lang: str) -> str:
    iv = _iv(r[f"{part}_low"], r[f"{part}_high"], lambda x: text.number(x, m, signed=True))
    return f"{text.with_unit(r[part], m, lang, signed=True, diff=True)} {iv}"


def second_sentence(done: Answered, s: str, lang: str) -> str:
    """How the focus indicator's effect splits (when it is a headline income) and what happens
    to growth after the build years."""
    a = A[lang]
    split = done.tables["effect_split"]
    hit = split[(split["scenario"] == s) & (split["metric"] == done.focus[s])] if not split.empty else split
    head = ""
    if not hit.empty:
        r, m = hit.iloc[0], M.BY_NAME[done.focus[s]]
        head = a["split"].format(transfer=_amount(r, "transfer", m, lang), induced=_amount(r, "induced", m, lang))
    growth = done.tables["growth_change"]
    rows = growth[growth["scenario"] == s] if not growth.empty else growth
    parts = []
    for _, r in rows.iterrows():
        pts = text.points(abs(r["growth_diff"]), lang, signed=False)
        parts.append(f"{M.BY_NAME[r['metric']].label(lang)}{'' if lang == 'zh' else ' '}"
                     f"{a['verdict'][r['verdict']].format(pts=pts)}")
    tail = a["growth"].format(y0=rows["from_year"].iloc[0], y1=rows["to_year"].iloc[0],
                              parts=("、" if lang == "zh" else ", ").join(parts)) if parts else ""
    sentence = head + tail
    return sentence[:1].upper() + sentence[1:] if lang == "en" else sentence


def baseline_answer(done: Answered, lang: str) -> str:
    """The baseline's question is how incomes grow without the policies: growth with intervals."""
    tidy, base = done.tidy, done.labels.baseline
    t1 = final_t(tidy)
    y0, y1 = int(tidy["year"].min()), int(tidy["year"].max())
    parts = []
    for name in ("collective_income_total_mean_yuan", *GROWTH_METRICS):
        m = M.BY_NAME[name]
        g = mean_interval(growth_per_replication(tidy, name, 0, t1)[base])
        level = metric_rows(done.tables["comparison"], m, base)["final_value"]
        parts.append(A[lang]["base_part"].format(metric=m.label(lang), growth=text.percent(g.mean),
                                                 iv=_iv(g.low, g.high, text.percent), y1=y1,
                                                 level=text.with_unit(level, m, lang)))
    return A[lang]["baseline"].format(y0=y0, y1=y1, parts=("；" if lang == "zh" else "; ").join(parts))


def _cell(r, prefix: str, fmt) -> str:
    if text.is_missing(r[prefix]):
        return "–"
    iv = text.interval(r[f"{prefix}_low"], r[f"{prefix}_high"], fmt)
    return f"{fmt(r[prefix])} {iv}".strip()


def key_numbers(done: Answered, s: str) -> list[str]:
    """The numbers behind the answer, each with its 95 % interval (Markdown table rows)."""
    t = done.tables
    rows = ["| 指标 indicator | 数值（95%区间） value (95 % interval) |", "|---|---|"]
    focus = M.BY_NAME[done.focus[s]]
    r = metric_rows(t["comparison"], focus, s)
    rows.append(f"| {focus.zh} {focus.en}: 与基准之差 difference ({focus.unit or '–'}) | "
                f"{_cell(r, 'diff', lambda x: text.number(x, focus, signed=True))} |")
    split = t["effect_split"]
    for _, r in split[(split["scenario"] == s) & split["headline"].isin(FINDINGS_SPLIT)].iterrows():
        m = M.BY_NAME[r["metric"]]
        fmt = (lambda x, m=m: text.number(x, m, signed=True))
        rows.append(f"| {m.zh} {m.en} ({m.unit}): 效应 effect / 转移 transfer / 诱发 induced | "
                    f"{_cell(r, 'effect', fmt)} / {_cell(r, 'transfer', fmt)} / {_cell(r, 'induced', fmt)} |")
    growth = t["growth_change"]
    for _, r in growth[growth["scenario"] == s].iterrows():
        m = M.BY_NAME[r["metric"]]
        rows.append(f"| 建设期后增速之差 growth change after the build years ({r['from_year']}–{r['to_year']}), "
                    f"{m.zh} {m.en} (pp) | {_cell(r, 'growth_diff', lambda x: text.points(x, None))} "
                    f"({VERDICTS[r['verdict']]}) |")
    pair = t["inequality_pair"]
    hit = pair[pair["scenario"] == s]
    if not hit.empty:
        r = hit.iloc[0]
        for name in INEQUALITY_PAIR:
            m = M.BY_NAME[name]
            fmt = (lambda x, m=m: text.number(x, m, signed=True))
            rows.append(f"| {m.zh} {m.en}: 基准 baseline → 方案 package (之差 difference) | "
                        f"{text.number(r[f'{name}_baseline'], m)} → {text.number(r[f'{name}_final'], m)} "
                        f"({_cell(r, f'{name}_diff', fmt)}) |")
        if r["opposite"]:
            rows.append("| 两个不平等指标方向相反 the two inequality measures move in opposite directions | 是 yes |")
    cost = t["public_cost"]
    hit = cost[cost["scenario"] == s] if not cost.empty else cost
    if not hit.empty:
        r = hit.iloc[0]
        wan = (lambda x: f"{x:+,.1f}")
        rows.append(f"| 多花财政资金 extra public money ({r['from_year']}–{r['to_year']}, 万元) | "
                    f"{_cell(r, 'extra', wan)} |")
    debt = M.BY_NAME["villages_ever_over_indebted"]
    r = metric_rows(t["comparison"], debt, s)
    if r is not None:
        rows.append(f"| {debt.zh} {debt.en} | {text.number(r['final_value'], debt)} "
                    f"(基准 baseline {text.number(metric_rows(t['comparison'], debt, done.labels.baseline)['final_value'], debt)}) |")
    target = t["target_check"]
    hit = target[target["scenario"] == s] if not target.empty else target
    if not hit.empty:
        r = hit.iloc[0]
        pts = (lambda x: text.points(x, None))
        rows.append(f"| 省定目标 province target ({r['from_year']}–{r['to_year']}): 相对口径 relative "
                    f"(增速−1.2×基准增速，需≥0 growth − 1.2 × baseline growth, ≥ 0 needed, pp) | "
                    f"{_cell(r, 'relative_margin', pts)} |")
        rows.append(f"| 省定目标 province target: 百分点口径 points (增速之差，需≥+20 growth difference, +20 needed, pp) | "
                    f"{_cell(r, 'points_diff', pts)} |")
    return rows


def render(done: Answered, meta: dict) -> str:
    """The whole page, with ``meta`` (provenance) at its head."""
    labels, reps = done.labels, done.reps
    lines = ["# 情景问题与答案 Scenario questions, answered", "",
             "由 `python -m cluster_sim.docs.scenarios` 生成，请勿手改。每个情景与基准配对比较（共同随机数），"
             f"每个情景{reps}次重复，区间为配对差的95%区间；答案句子由数字生成。",
             f"Generated by `python -m cluster_sim.docs.scenarios`; do not edit. Each scenario is compared with the "
             f"baseline over {reps} paired replications (common random numbers); intervals are 95 % intervals of the "
             "paired differences; the answers are written from the numbers.", "", *provenance_lines(meta), ""]
    for s in labels.names:
        spec_meta = done.tables["scenarios"].set_index("scenario").loc[s]
        lines += [f"## {labels.zh[s]} — {labels.en[s]}", "", f"`scenarios/{done.files[s]}`", "",
                  f"**问题 Question:** {spec_meta['question']}", ""]
        if s == labels.baseline:
            lines += [f"**答案：** {baseline_answer(done, 'zh')}", "", f"**Answer:** {baseline_answer(done, 'en')}", ""]
            continue
        focus = M.BY_NAME[done.focus[s]]
        row = metric_rows(done.tables["comparison"], focus, s)
        yes_no = is_yes_no(spec_meta["question"])
        for lang, head in (("zh", "**答案：**"), ("en", "**Answer:**")):
            gap = "" if lang == "zh" else " "
            lines += [f"{head} {answer_sentence(row, focus, lang, yes_no)}{gap}{second_sentence(done, s, lang)}".rstrip(),
                      ""]
        lines += key_numbers(done, s) + [""]
    return "\n".join(lines)


def write(folder: Path, out: Path, reps: int = DEFAULT_REPS, seed: int = DEFAULT_SEED, years: int | None = None,
          households: int | None = None, workers: int | None = None, command: str | None = None) -> Path:
    """Answer every question of ``folder`` and write the page to ``out`` atomically."""
    t0 = time.perf_counter()
    done = answer(folder, reps, seed, years, households, workers)
    meta = provenance(command or command_line(), time.perf_counter() - t0)
    return write_atomic(out, render(done, meta) + "\n")


def main(argv: list[str] | None = None) -> int:
    from ..evidence.cli import scenario_arguments, scenarios_command

    parser = argparse.ArgumentParser(prog="python -m cluster_sim.docs.scenarios", description=__doc__)
    scenario_arguments(parser)
    return scenarios_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

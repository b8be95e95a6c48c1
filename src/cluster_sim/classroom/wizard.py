"""``cluster-sim classroom new FILE``: a teacher answers questions in Chinese, each answer is
checked at once (and asked again with the reason when wrong), and a valid classroom file is
written — no TOML to type, no English metric keys, no IME punctuation traps.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Callable

from ..scenario import ScenarioError
from .config import FULL_WIDTH, load_classroom, metric_name
from .metrics import METRICS

DEFAULT_GROUPS = "第一组、第二组、第三组、第四组、第五组、第六组"
DEFAULT_LOCKED = "simulation, economy, enterprises, collective"
SEPARATORS = re.compile(r"[、,，;；\s]+")


class Retry(ValueError):
    """An answer that cannot be used; the message says why (shown, then the question again)."""


def _half_width(text: str) -> str:
    return "".join(FULL_WIDTH.get(ch, ch) for ch in text).strip()


def _number(text: str, low: float | None = None, high: float | None = None, integer: bool = False) -> float:
    text = _half_width(text).replace(",", "")
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        raise Retry(f"“{text}”不是{'整数' if integer else '数字'} not a number") from None
    if (low is not None and value < low) or (high is not None and value > high):
        raise Retry(f"应在 {low} 到 {high} 之间 must be between {low} and {high}")
    return value


def _name(text: str) -> str:
    text = _half_width(text)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise Retry("只能用英文字母、数字、下划线（用作结果文件名） letters, digits, _ and - only")
    return text


def _list(text: str) -> list[str]:
    items = [x for x in SEPARATORS.split(text.strip()) if x]
    if not items:
        raise Retry("至少写一个 at least one")
    if len(set(items)) != len(items):
        raise Retry("名字不能重复 names must be unique")
    return items


def _locked(text: str) -> list[str]:
    from .config import _check_key_list

    keys = [_half_width(k) for k in _list(text)]
    try:
        return _check_key_list("answer", "locked", keys, allow_prefix=True)
    except ScenarioError as exc:
        raise Retry(f"{exc.problem}：可写 simulation、economy、enterprises、collective 或 policies.credit 这样的名字") from None


def _metric(text: str) -> str:
    text = _half_width(text)
    names = list(METRICS)
    if text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    name = metric_name(text)
    if name not in METRICS:
        raise Retry(f"没有这个指标“{text}”：请输入上面列表里的序号或中文名称 unknown indicator")
    return name


def _op(text: str) -> str:
    text = _half_width(text).replace("≥", ">=").replace("≤", "<=")
    ops = {">=": ">=", "<=": "<=", "不低于": ">=", "至少": ">=", "不高于": "<=", "至多": "<="}
    if text not in ops:
        raise Retry("请输入 >= 或 <=（也可写“不低于”“不高于”）")
    return ops[text]


def _when(text: str) -> str:
    text = _half_width(text)
    when = {"期末": "final", "final": "final", "每一年": "every_year", "每年": "every_year", "every_year": "every_year"}
    if text not in when:
        raise Retry("请输入“期末”或“每一年”")
    return when[text]


def _to_model_units(metric: str, shown: float) -> float:
    return shown * METRICS[metric].metric.divisor


def _unit_word(metric: str) -> str:
    return METRICS[metric].metric.unit or "比值"


def toml_text(answers: dict) -> str:
    """The classroom file for the answers (strings as JSON strings: valid TOML basic strings)."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    lines = ["# 由 cluster-sim classroom new 生成 written by the classroom wizard", 'scenario = "default"', "",
             "[classroom]"]
    for key in ("name", "title_zh", "brief_zh"):
        lines.append(f"{key} = {q(answers[key])}")
    lines += [f"seed = {answers['seed']}", f"years = {answers['years']}", f"budget_yuan = {answers['budget_yuan']:.0f}",
              f"groups = [{', '.join(q(g) for g in answers['groups'])}]",
              f"locked = [{', '.join(q(k) for k in answers['locked'])}]", f"results = {q(answers['results'])}", "",
              "[classroom.goal]", f"rank_by = {q(answers['conditions'][0]['metric'] if answers['conditions'] else '')}"]
    for cond in answers["conditions"]:
        lines += ["", "[[classroom.goal.conditions]]", f"metric = {q(cond['metric'])}", f"op = {q(cond['op'])}",
                  f"value = {cond['value']!r}", f"when = {q(cond['when'])}"]
    return "\n".join(lines) + "\n"


def run_wizard(path: Path, ask: Callable[[str], str] = input, say: Callable[[str], None] = print) -> Path:
    """Ask, check each answer, write ``path`` atomically (never over an existing file); returns it."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} 已存在 already exists: 换一个文件名 choose another name")

    def question(prompt: str, parse: Callable[[str], object], default: str | None = None):
        while True:
            shown = f"{prompt}" + (f" [{default}]" if default is not None else "") + "： "
            text = ask(shown).strip()
            if not text and default is not None:
                text = default
            try:
                return parse(text)
            except Retry as exc:
                say(f"  × {exc}")

    say("新建课堂文件 New classroom file — 直接回车 = 用方括号里的默认值 (Enter keeps the default)")
    a: dict = {}
    a["name"] = question("练习代号（英文，用作结果文件名）", _name, path.stem)
    a["title_zh"] = question("标题（学生看到的）", lambda t: t, "")
    a["brief_zh"] = question("任务说明（一两句话）", lambda t: t, "")
    a["seed"] = question("随机种子（各组相同）", lambda t: _number(t, 0, 2**32 - 1, integer=True), "2024")
    a["years"] = question("练习年数", lambda t: _number(t, 1, 50, integer=True), "5")
    a["budget_yuan"] = question("政策预算（万元，0 = 不限）", lambda t: _number(t, 0) * 1e4, "3000")
    a["groups"] = question("小组名称（用顿号或逗号分隔）", _list, DEFAULT_GROUPS)
    a["locked"] = question("锁定的部分（学生不能改）", _locked, DEFAULT_LOCKED)
    say("目标指标 Indicators:")
    for i, (name, m) in enumerate(METRICS.items(), start=1):
        say(f"  {i:2d}. {m.zh}（{_unit_word(name)}）")
    a["conditions"] = []
    while True:
        k = len(a["conditions"]) + 1
        text = ask(f"目标 {k} 的指标（序号或名称；直接回车 = 不再添加）： ").strip()
        if not text:
            break
        try:
            metric = _metric(text)
        except Retry as exc:
            say(f"  × {exc}")
            continue
        op = question(f"  {METRICS[metric].zh} 应当（>= 或 <=）", _op, ">=")
        shown = question(f"  数值（{_unit_word(metric)}）", lambda t: _number(t))
        when = question("  何时检查（期末 / 每一年）", _when, "期末")
        a["conditions"].append({"metric": metric, "op": op, "value": _to_model_units(metric, shown), "when": when})
    a["results"] = question("各组结果写入（CSV 文件）", lambda t: t, f"results/classroom/{a['name']}.csv")
    text = toml_text(a)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        load_classroom(tmp)  # the file must load as it is written, or nothing is written
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # fails rather than replace a file created meanwhile
    finally:
        os.unlink(tmp)
    c = load_classroom(path)
    say(f"已写入 wrote: {path.resolve()}")
    say(f"各组结果将写入 results go to: {Path(c.results).resolve()}")
    say(f"上课时运行 in class run: .venv/bin/cluster-sim app {path} --host 0.0.0.0")
    return path

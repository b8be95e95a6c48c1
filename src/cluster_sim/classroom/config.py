"""A teacher's classroom file: which model scenario, what students may not change, the seed
every group shares, the budget and the goal. Validated as strictly as a scenario.

```toml
scenario = "default"            # the embedded Pinghu, or a scenario file relative to this one
[classroom]
name = "weak_villages"
seed = 2024                      # every group sees the same baseline
years = 5                        # the exercise's horizon
budget_yuan = 30_000_000         # to share across policy packages (0 = no limit)
groups = ["第一组", "第二组"]
locked = ["economy", "policies.credit"]   # a section, a policy, or one dotted key
[classroom.set]                  # the teacher's values, applied before locking
"collective.debt_limit_share" = 0.5
[classroom.goal]
rank_by = "weak_operating_min_yuan"
[[classroom.goal.conditions]]
metric = "weak_operating_min_yuan"
op = ">="
value = 1_000_000
when = "final"                   # or "every_year"
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# the scenario package first: importing policies.base first runs into the scenario loader's
# import of policies.base while it is half-initialised
from ..scenario import Scenario, ScenarioError, load_scenario  # isort: skip
from ..policies import registry as policy_registry  # isort: skip
from ..policies.base import COMMON_FIELDS  # isort: skip
from ..scenario.files import MAX_TOML_BYTES, read_text, read_toml
from ..scenario.registry import BY_PATH
from ..scenario.schema import Field, check_table
from ..scenario.text import NAME_CHARACTERS, folder_name, unsafe_character
from .metrics import METRICS

TOP_LEVEL = ("scenario", "classroom")
OPS = (">=", "<=")
GROUP_NAME_LENGTH = 40  # a group's name in the page's menu and the ranking's column
WHEN = ("final", "every_year")

CLASSROOM_FIELDS: dict[str, Field] = {
    "name": Field(str, doc="short name, used for the results file"),
    "title_zh": Field(str, ""),
    "title_en": Field(str, ""),
    "brief_zh": Field(str, "", multiline=True, doc="the challenge as students read it"),
    "brief_en": Field(str, "", multiline=True),
    "seed": Field(int, None, 0, 2**32 - 1, doc="the seed every group shares"),
    "years": Field(int, 5, 1, 50, doc="years after the base year the exercise runs"),
    "budget_yuan": Field((int, float), 0.0, 0.0, None, doc="public money to share across packages; 0 = no limit"),
    "groups": Field(list, [], doc="group names students choose from"),
    "locked": Field(list, [], doc="keys students may not change: a section, a policy or a dotted key"),
    "show": Field(list, [], doc="parameters shown besides the policy packages (default: the key ones)"),
    "set": Field(dict, {}, doc="dotted keys the teacher sets for this exercise"),
    "goal": Field(dict, {}),
    "results": Field(str, "", doc="CSV the groups' results are appended to (default results/classroom/<name>.csv)"),
    "lang": Field(str, "zh", choices=("zh", "en")),
}
GOAL_FIELDS: dict[str, Field] = {
    "rank_by": Field(str, "", choices=("",) + tuple(METRICS), doc="indicator that orders groups meeting equally many conditions"),
    "conditions": Field(list, []),
}
CONDITION_FIELDS: dict[str, Field] = {
    "metric": Field(str, None, choices=tuple(METRICS)),
    "op": Field(str, ">=", choices=OPS),
    "value": Field((int, float)),
    "when": Field(str, "final", choices=WHEN, doc="checked in the final year, or in every year of the exercise"),
}


# Full-width punctuation a Chinese input method types where TOML needs the ASCII character.
FULL_WIDTH = {"“": '"', "”": '"', "‘": "'", "’": "'", "＝": "=", "，": ",", "［": "[", "］": "]", "＃": "#",
              "｛": "{", "｝": "}", "．": ".", "：": ":", "　": " "}


def metric_name(value):
    """A metric's key from its key, its Chinese name (教师可以写“薄弱村经营性收入最低值”) or a
    Chinese name it had before the indicator catalogue unified the words."""
    if isinstance(value, str):
        text = value.strip()
        for name, m in METRICS.items():
            if text in (name, m.zh, *m.metric.aliases):
                return name
    return value


def full_width_outside_strings(text: str) -> tuple[int, int, str] | None:
    """(line, column, character) of the first full-width punctuation mark outside a quoted
    TOML string (inside one it is just text), or None."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        quote = None
        for col, ch in enumerate(line, start=1):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in FULL_WIDTH:
                return lineno, col, ch
    return None


@dataclass(frozen=True)
class Condition:
    metric: str
    op: str
    value: float
    when: str

    def holds(self, value: float) -> bool:
        if value != value:  # NaN: not measurable, not met
            return False
        return value >= self.value if self.op == ">=" else value <= self.value

    def describe(self, lang: str = "zh") -> str:
        m = METRICS[self.metric]
        when = {"final": ("期末", "in the final year"), "every_year": ("每一年", "in every year")}[self.when]
        if lang == "zh":
            return f"{when[0]}{m.zh} {'≥' if self.op == '>=' else '≤'} {m.format(self.value, 'zh')}"
        return f"{m.en} {self.op} {m.format(self.value, 'en')} {when[1]}"


@dataclass
class Classroom:
    """A validated classroom file."""

    name: str
    source: str
    scenario: Scenario  # the model scenario with the teacher's settings and the exercise's years
    seed: int
    years: int
    budget_yuan: float
    groups: list[str]
    locked: list[str]
    show: list[str]
    conditions: list[Condition]
    rank_by: str
    results: Path
    lang: str = "zh"
    title: tuple[str, str] = ("", "")
    brief: tuple[str, str] = ("", "")
    scenario_ref: str = "default"
    settings: dict[str, Any] = field(default_factory=dict)

    def is_locked(self, key: str) -> bool:
        return is_locked(key, self.locked)


def is_locked(key: str, patterns: list[str]) -> bool:
    """A key is locked by itself, its policy (``policies.credit``) or its section (``economy``)."""
    return any(key == p or key.startswith(p + ".") for p in patterns)


def _known_key(key: str) -> bool:
    if key in BY_PATH:
        return True
    parts = key.split(".")
    if parts[0] != "policies" or len(parts) > 3:
        return False
    known = policy_registry()
    if len(parts) == 1:
        return True
    if parts[1] not in known:
        return False
    return len(parts) == 2 or parts[2] in {**COMMON_FIELDS, **known[parts[1]].FIELDS}


def _check_key_list(source: str, path: str, keys: list, allow_prefix: bool) -> list[str]:
    sections = {p.split(".", 1)[0] for p in BY_PATH}
    for i, key in enumerate(keys):
        if not isinstance(key, str):
            raise ScenarioError(source, f"{path}[{i}]", f"wrong type {type(key).__name__}", "a dotted key as text")
        ok = _known_key(key) or (allow_prefix and key in sections)
        if not ok:
            raise ScenarioError(source, f"{path}[{i}]", f"unknown key {key!r}",
                                "a parameter path (economy.wage_growth), a policy (policies.credit), "
                                "a policy field (policies.credit.enabled)" + (" or a section (economy)" if allow_prefix else ""))
    return list(keys)


def _resolve_scenario_ref(ref: str, base_dir: Path) -> str | None:
    if ref in ("", "default"):
        return None
    path = Path(ref)
    return str(path if path.is_absolute() else (base_dir / path))


def load_classroom(path: str | Path, results: str | Path | None = None) -> Classroom:
    """Read and validate a classroom file; raises :class:`ScenarioError` naming the bad key."""
    path = Path(path)
    source = str(path)
    try:
        raw = read_toml(path, "classroom .toml file")
    except ScenarioError:
        # name the input method's full-width punctuation precisely (TOML's message does not)
        try:
            found = full_width_outside_strings(read_text(path, "classroom .toml file", MAX_TOML_BYTES))
        except ScenarioError:  # missing, special, too large or not UTF-8: read_toml's message says so
            found = None
        if not found:
            raise
        line, col, ch = found
        raise ScenarioError(source, f"line {line}, column {col}", f"全角符号 full-width '{ch}' (第 {line} 行第 {col} 列)",
                            f"半角 ASCII '{FULL_WIDTH[ch]}': 请切换到英文标点 switch the input method "
                            f"to English punctuation") from None
    for key in raw:
        if key not in TOP_LEVEL:
            raise ScenarioError(source, key, "unknown key", "one of " + ", ".join(TOP_LEVEL))
    if "classroom" not in raw:
        raise ScenarioError(source, "classroom", "missing", "a [classroom] table")
    ref = raw.get("scenario", "default")
    if not isinstance(ref, str):
        raise ScenarioError(source, "scenario", f"wrong type {type(ref).__name__}", "'default' or a scenario file path")
    c = check_table(source, "classroom", raw["classroom"], CLASSROOM_FIELDS)
    goal = dict(c["goal"]) if isinstance(c["goal"], dict) else c["goal"]
    if isinstance(goal, dict) and "rank_by" in goal:
        goal["rank_by"] = metric_name(goal["rank_by"])
    goal = check_table(source, "classroom.goal", goal, GOAL_FIELDS)
    conds = [({**cond, "metric": metric_name(cond["metric"])} if isinstance(cond, dict) and "metric" in cond else cond)
             for cond in goal["conditions"]]
    conditions = [Condition(**check_table(source, f"classroom.goal.conditions[{i}]", cond, CONDITION_FIELDS))
                  for i, cond in enumerate(conds)]
    groups = c["groups"]
    if any(not isinstance(g, str) or not g.strip() for g in groups):
        raise ScenarioError(source, "classroom.groups", "every group needs a name", "a list of non-empty texts")
    for i, group in enumerate(groups):
        if bad := unsafe_character(group):
            raise ScenarioError(source, f"classroom.groups[{i}]", f"group name {group!r} {bad}", NAME_CHARACTERS)
        if len(group) > GROUP_NAME_LENGTH:
            raise ScenarioError(source, f"classroom.groups[{i}]", f"group name of {len(group)} characters",
                                f"at most {GROUP_NAME_LENGTH} characters")
    if len(set(groups)) != len(groups):
        raise ScenarioError(source, "classroom.groups", "group names must be unique")
    locked = _check_key_list(source, "classroom.locked", c["locked"], allow_prefix=True)
    show = c["show"]
    for i, key in enumerate(show):
        if not isinstance(key, str) or key not in BY_PATH:
            raise ScenarioError(source, f"classroom.show[{i}]", f"unknown parameter {key!r}",
                                "a parameter path such as economy.wage_growth (policies always show)")
    settings = {**c["set"], "simulation.years": c["years"]}
    scenario_path = _resolve_scenario_ref(ref, path.parent)
    try:
        scenario = load_scenario(scenario_path, settings)
    except ScenarioError as exc:
        # name the classroom file as well as the scenario key that failed
        raise ScenarioError(f"{source} (scenario {exc.source})", exc.key, exc.problem, exc.allowed) from None
    if results:
        results_path = check_results_file("--results", "results", Path(results))
    else:
        written = c["results"] or f"results/classroom/{folder_name(c['name'], 'classroom')}.csv"
        results_path = check_results_file(source, "classroom.results", Path(written), path.parent)
    return Classroom(
        name=c["name"], source=source, scenario=scenario, seed=c["seed"], years=c["years"],
        budget_yuan=float(c["budget_yuan"]), groups=list(groups), locked=locked + ["simulation.years"],
        show=show, conditions=conditions, rank_by=goal["rank_by"] or (conditions[0].metric if conditions else ""),
        results=results_path, lang=c["lang"], title=(c["title_zh"], c["title_en"]),
        brief=(c["brief_zh"], c["brief_en"]), scenario_ref=ref, settings=settings)


def check_results_file(source: str, key: str, results: Path, classroom_dir: Path | None = None) -> Path:
    """The groups' results CSV: a .csv file (new or a regular file, never a folder, link or
    device). Named in a teacher's file (``classroom_dir`` given), it must also lie under the
    classroom file's folder or under results/, so a shared file cannot aim at /etc/passwd."""
    if results.suffix.lower() != ".csv":
        raise ScenarioError(source, key, f"{str(results)!r} is not a .csv file", "a path ending in .csv")
    if classroom_dir is not None:
        where = f"a .csv path under {classroom_dir.resolve()} or under results/ (no '..')"
        places = (classroom_dir.resolve(), Path("results").resolve())
        resolved = results.resolve()
        if ".." in results.parts or not any(resolved.is_relative_to(place) for place in places):
            raise ScenarioError(source, key, f"{str(results)!r} lies outside the classroom's folder and results/",
                                where)
    if results.is_symlink() or (results.exists() and not results.is_file()):
        raise ScenarioError(source, key, f"{str(results)!r} exists and is not a regular file (a folder, link or "
                            "device)", "a new .csv file or one the dashboard wrote")
    return results


def is_classroom_file(path: str | Path) -> bool:
    """True when ``path`` is a TOML file with a top-level [classroom] table."""
    try:
        return "classroom" in read_toml(path)
    except ScenarioError:
        return False

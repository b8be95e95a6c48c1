"""Property-based fuzzing of what users type and save: scenario files (values of every kind,
unknown keys, ``extends`` chains, other encodings), ``--set`` values and experiment files.
Every case must end in success or one clear error with exit 2 — never a traceback, never a
partial or hidden folder, never a changed byte outside the results folder the command owns.

The CLI's ``main()`` runs in-process (milliseconds a case); most cases validate, a few run a
one-year simulation of the small test county."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import os
import signal
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster_sim.cli import main
from cluster_sim.experiments import load_experiment
from cluster_sim.policies import registry as policy_registry
from cluster_sim.policies.base import COMMON_FIELDS
from cluster_sim.scenario import ScenarioError
from cluster_sim.scenario.registry import PARAMS
from cluster_sim.scenario.schema import COUNTY_FIELDS

SMALL_TEXT = (Path(__file__).parent / "data" / "small.toml").read_text(encoding="utf-8")
SMALL = tomllib.loads(SMALL_TEXT)
KEYS = ([p.path for p in PARAMS] + [f"county.{k}" for k in COUNTY_FIELDS if k not in ("clusters", "partner", "villages_override")]
        + [f"policies.{n}.{k}" for n, mod in policy_registry().items() for k in {**COMMON_FIELDS, **mod.FIELDS}]
        + ["meta.name", "meta.title_zh", "meta.extends", "economy.no_such_key", "policies.no_such_policy.enabled",
           "nosection.key", "economy", "policies.pairing"])
FUZZ = settings(max_examples=80, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

numbers = st.one_of(st.integers(-10, 10**7), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=True, allow_infinity=True, width=64),
                    st.sampled_from([0, 1, -1, 0.5, 3.0, 1e300, -1e300, 50_000_000, 2**63]))
texts = st.one_of(st.text(max_size=8), st.sampled_from(["unlimited", "default", "named", "explicit", "甲村:乙村",
                                                         "甲村", "weak", "", ".", "nope.toml", "self.toml"]))
scalars = st.one_of(numbers, st.booleans(), texts)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.sampled_from(["a", "name"]), scalars, max_size=2))


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def toml_doc(doc: dict) -> str:
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in doc.items() if not isinstance(v, dict)]
    for section, table in doc.items():
        if isinstance(table, dict):
            lines.append(f"[{json.dumps(section)}]")
            lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def set_path(doc: dict, path: str, value) -> None:
    parts = path.split(".")
    node = doc
    for part in parts[:-1]:
        if not isinstance(node.get(part, {}), dict):
            return
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder, link and pipe under ``folder``, files with a digest of their bytes
    (links are recorded, never followed: what they point at is outside or recorded itself)."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                out[rel] = "link -> " + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            elif not path.is_file():
                out[rel] = "special"
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(out.items()))


def hang_guard(signum, frame):
    raise AssertionError("the command hung (a FIFO or device read forever?)")


def run_cli(argv: list[str], folder: Path, owned: str | None = None, inside: bool = False) -> tuple[int, str]:
    """``main(argv)`` in ``folder``; checks the invariants and returns (exit code, stderr).
    ``owned``: the one folder the command may create (``inside``: one new folder in it, as
    ``results/<name>``); every other byte under ``folder`` must stay as it was."""
    before = snapshot(folder)
    err, out = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    previous = signal.signal(signal.SIGALRM, hang_guard)
    signal.alarm(20)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's own refusals
                code = exc.code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(cwd)
    after = snapshot(folder)
    message = err.getvalue()
    assert code in (0, 2), (argv, code, message)
    assert "Traceback" not in message, message
    if code == 2:
        assert message.strip(), "refused without a message"
    def outside(tree):
        return {k: v for k, v in tree.items() if not (owned and (k == owned or k.startswith(owned + "/")))}
    changed = set(outside(after).items()) ^ set(outside(before).items())
    assert not changed, f"{argv}: changed outside {owned}: {changed}"
    assert not any(Path(k).name.startswith(".") for k in after), f"hidden file or folder left: {after}"
    if owned and inside:
        made = sorted({k.split("/")[1] for k in after if k.startswith(owned + "/")} - {k.split("/")[1] for k in before
                                                                                      if k.startswith(owned + "/")})
        assert len(made) == (1 if code == 0 else 0), f"{argv}: made {made} in {owned}"
        if code == 0:
            assert f"{owned}/{made[0]}/manifest.json" in after, "a run reported success without a complete folder"
    elif owned and code == 0:  # a run's or a summary's manifest, or a sweep's experiment.json
        assert {f"{owned}/manifest.json", f"{owned}/experiment.json"} & set(after), \
            "a run reported success without a complete folder"
    elif owned:
        assert owned not in after, "a failed run left a partial folder"
    return code, message


@st.composite
def scenario_files(draw):
    doc = json.loads(json.dumps(SMALL))
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=4)):
        set_path(doc, key, draw(values))
    if draw(st.booleans()):
        doc.setdefault("meta", {})["extends"] = draw(st.one_of(
            st.sampled_from(["default", "self.toml", "other.toml", ".", "", "missing.toml", "sub"]), numbers))
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.sampled_from(["meta", "county", "classroom", "economy"]))] = draw(scalars)
    text = toml_doc(doc)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "gbk", "utf-16", "latin-1"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if draw(st.integers(0, 19)) == 0:
        data = draw(st.binary(max_size=64))
    return data


@FUZZ
@given(data=scenario_files(), years=st.one_of(st.none(), st.sampled_from(["0", "1", "2", "-3", "1.5", "x", "200"])))
def test_fuzz_scenario_files(data, years):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "self.toml").write_bytes(data)
        (folder / "other.toml").write_text('[meta]\nextends = "self.toml"\n', encoding="utf-8")
        (folder / "sub").mkdir()
        argv = ["validate", "self.toml"] + (["--years", years] if years else [])
        run_cli(argv, folder)


set_values = st.one_of(
    numbers.map(lambda v: toml_value(v) if isinstance(v, float) else str(v)),
    st.sampled_from(["nan", "inf", "-inf", "1e300", "unlimited", "true", "[1, 2]", '"quoted"', "{a = 1}",
                     "50_000_000", "10.0", "", "=", "甲村", "[\"甲村\"]", "\"named\""]),
    st.text(max_size=10))


@FUZZ
@given(sets=st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), set_values), min_size=1, max_size=3),
       no_equals=st.booleans())
def test_fuzz_set_values(sets, no_equals):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "s.toml").write_text(SMALL_TEXT, encoding="utf-8")
        argv = ["validate", "s.toml"]
        for key, value in sets:
            argv += ["--set", key if no_equals else f"{key}={value}"]
        run_cli(argv, folder)


@st.composite
def experiment_files(draw):
    factor_keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=6))
    doc = {"name": draw(st.one_of(st.just("fuzz"), texts)),
           "scenario": draw(st.sampled_from(["s.toml", "default", "missing.toml", "."])),
           "years": draw(st.one_of(st.integers(0, 3), numbers)),
           "replications": draw(st.one_of(st.integers(1, 2), numbers)),
           "design": draw(st.sampled_from(["factorial", "lhs", "sobol", "morris", "grid", "x"]))}
    if draw(st.booleans()):
        doc["samples"] = draw(st.one_of(st.integers(1, 4), numbers))
    for kind in ("uncertainties", "levers"):
        factors = {}
        for key in draw(st.lists(factor_keys, max_size=2)):
            factors[key] = draw(st.one_of(
                st.fixed_dictionaries({"values": st.lists(scalars, min_size=0, max_size=3)}),
                st.fixed_dictionaries({"low": numbers, "high": numbers}), st.dictionaries(texts, scalars, max_size=2)))
        if factors:
            doc[kind] = factors
    text = toml_doc({k: v for k, v in doc.items() if not isinstance(v, dict)})
    for kind in ("uncertainties", "levers"):
        for key, table in doc.get(kind, {}).items():
            text += f"[{kind}.{json.dumps(key, ensure_ascii=False)}]\n"
            text += "".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}\n" for k, v in table.items())
    column = draw(st.sampled_from(["farmer_income_per_capita_yuan", "gini_household", "no_such_column"]))
    text += f'[[outcomes]]\nname = "o"\ncolumn = "{column}"\nat = "{draw(st.sampled_from(["final", "growth", "x"]))}"\n'
    return text


@FUZZ
@given(text=experiment_files())
def test_fuzz_experiment_files(text):
    """An experiment file is read and every design point checked before any run; problems are
    ScenarioErrors naming the file, nothing else escapes and nothing is written."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "s.toml").write_text(SMALL_TEXT, encoding="utf-8")
        (folder / "e.toml").write_text(text, encoding="utf-8")
        before = snapshot(folder)
        try:
            load_experiment(folder / "e.toml").validate_points()
        except ScenarioError as err:
            assert str(err).startswith(str(folder / "e.toml")) or str(folder) in str(err), str(err)
        assert snapshot(folder) == before


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(sets=st.lists(st.tuples(st.sampled_from(["economy.wage_growth", "policies.flying_land.enabled",
                                                "policies.pairing.enabled", "policies.flying_land.budget_yuan",
                                                "county.households"]),
                               st.sampled_from(["0.05", "true", "0", "unlimited", "nan", "2000", "3000.0"])),
                     max_size=2))
def test_fuzz_tiny_real_runs_own_only_their_folder(sets):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "s.toml").write_text(SMALL_TEXT, encoding="utf-8")
        (folder / "notes.txt").write_text("a user's file", encoding="utf-8")
        argv = ["run", "s.toml", "--years", "1", "--seed", "3", "--out", "out"]
        for key, value in sets:
            argv += ["--set", f"{key}={value}"]
        run_cli(argv, folder, owned="out")


# ---- issue 25: files from someone else are data ------------------------------------------------
# Each class below is a kind of file or name that arrives by e-mail or download: it may succeed or
# be refused in one sentence with exit 2, and it never writes, replaces or deletes a byte outside
# the folder the user named (or results/ by default).

SHARED = settings(max_examples=12, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
PLACES = ["../../escaped", "/tmp/elsewhere/x", "a/b/c", "..", ".", "C:\\Users\\x", "名字/../x", "~/x", "-rf",
          "x" * 300, "  ", ".hidden", "con", "a\\..\\b", "results/../../x"]
CONTROL = ["\x1b[31mred", "gpj\u202eexe.jpg", "a\x00b", "line\nbreak", "bell\x07", "a\u2028b", "\u2066x\u2069"]
names = st.one_of(st.sampled_from(PLACES + CONTROL), st.text(max_size=12))


def has_unsafe(text: str) -> bool:
    from cluster_sim.scenario.text import unsafe_character
    return unsafe_character(text) is not None


def scenario_named(name: str, title: str) -> str:
    meta = f"[meta]\nname = {json.dumps(name, ensure_ascii=False)}\ntitle_zh = {json.dumps(title, ensure_ascii=False)}\n"
    return SMALL_TEXT.replace('[meta]\nname = "small"\n', meta, 1)


@SHARED
@given(name=names, title=names)
def test_fuzz_names_from_files_never_choose_a_place(name, title):
    """A scenario's name becomes one folder under results/, whatever it holds; names with control
    or bidi characters are refused before anything runs."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "work"
        folder.mkdir()
        (folder / "s.toml").write_text(scenario_named(name, title), encoding="utf-8")
        code, message = run_cli(["run", "s.toml", "--years", "1", "--seed", "1", "-q"], folder, owned="results", inside=True)
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["work"], "wrote beside the working folder"
        if has_unsafe(name) or has_unsafe(title):
            assert code == 2 and ("meta.name" in message or "meta.title_zh" in message), message
        else:
            assert code == 0, message


@SHARED
@given(groups=st.lists(st.tuples(st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", ""]), st.text(max_size=10)),
                       min_size=1, max_size=4))
def test_fuzz_group_names_reach_no_spreadsheet_as_formulas(groups):
    """Students type group names; the classroom results file and the ranking hold them as text
    a spreadsheet shows, never evaluates, and read back as typed."""
    from cluster_sim.classroom.results import append_result, columns, read_results
    from cluster_sim.outputs.cells import TRIGGERS

    typed = [prefix + rest for prefix, rest in groups]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, group in enumerate(typed):
            row = {k: 0 for k in columns(0)}
            row.update(submitted_at=f"2026-01-01T00:00:{i:02d}", classroom="c", group=group, note="", scenario="s",
                       choices="", settings_json="{}", rank_by="weak_operating_mean_yuan", success=True)
            append_result(folder / "r.csv", row)
        back = read_results(folder / "r.csv")
        assert len(back) == len(typed), "a name broke a row in two"  # e.g. a bare \r, unquoted
        assert [g if g == g else "" for g in back["group"]] == typed, "names read back as typed"
        code, message = run_cli(["classroom", "summarize", "r.csv", "--out", "summary"], folder, owned="summary")
        assert code == 0, message
        import csv
        for name in ("r.csv", "summary/ranking.csv"):
            with open(folder / name, encoding="utf-8-sig", newline="") as f:
                cells = [c for row in csv.reader(f) for c in row]
            live = [c for c in cells if c.startswith(TRIGGERS) and not c[1:2].isdigit()]
            assert live == [], (name, live)


@SHARED
@given(kind=st.sampled_from(["array", "inline", "header", "array of tables"]), depth=st.integers(1, 3000))
def test_fuzz_deep_nesting_is_refused_not_a_recursion_error(kind, depth):
    from cluster_sim.scenario.files import MAX_DEPTH

    text = {"array": "x = " + "[" * depth + "]" * depth,
            "inline": "x = " + "{a = " * depth + "1" + "}" * depth,
            "header": "[" + ".".join(["a"] * depth) + "]",
            "array of tables": "[[" + ".".join(["a"] * depth) + "]]"}[kind] + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "s.toml").write_text(text, encoding="utf-8")
        code, message = run_cli(["validate", "s.toml"], folder)
        assert code == 2
        if depth > MAX_DEPTH + 1:
            assert "nested more than" in message, message


@SHARED
@given(length=st.integers(1, 200), end=st.sampled_from(["default", "cycle", "missing"]))
def test_fuzz_extends_chains_end_in_a_run_or_a_sentence(length, end):
    from cluster_sim.scenario.loader import MAX_EXTENDS

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(length):
            target = f"s{i + 1}.toml" if i + 1 < length else {"default": "default", "cycle": "s0.toml",
                                                              "missing": "nope.toml"}[end]
            (folder / f"s{i}.toml").write_text(f'[meta]\nextends = "{target}"\n', encoding="utf-8")
        code, message = run_cli(["validate", "s0.toml"], folder)
        if length >= MAX_EXTENDS:
            assert code == 2 and f"more than {MAX_EXTENDS}" in message, message
        elif end == "default":
            assert code == 0, message
        else:
            assert code == 2 and ("leads back" in message or "file not found" in message), message


COMMANDS_READING = [["validate", "{x}"], ["run", "{x}", "--years", "1"], ["compare", "{x}", "{x}", "--reps", "1"],
                    ["sweep", "{x}"], ["classroom", "check", "{x}"], ["classroom", "summarize", "{x}"],
                    ["app", "{x}", "--no-browser"]]


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/null", "folder", "link to fifo", "dangling link"])
@settings(max_examples=7, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(COMMANDS_READING))
def test_fuzz_special_files_are_refused_never_read_forever(kind, command):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = "x.toml"
        if kind == "fifo":
            os.mkfifo(folder / target)
        elif kind == "folder":
            (folder / target).mkdir()
        elif kind == "link to fifo":
            os.mkfifo(folder / "pipe")
            (folder / target).symlink_to(folder / "pipe")
        elif kind == "dangling link":
            (folder / target).symlink_to(folder / "gone.toml")
        else:
            target = kind
        code, message = run_cli([arg.format(x=target) for arg in command], folder)
        assert code == 2, message


@SHARED
@given(command=st.sampled_from(["run", "sweep", "compare", "summarize"]),
       points_at=st.sampled_from(["user folder", "missing", "file"]))
def test_fuzz_out_through_a_symlink_is_refused(command, points_at):
    """--out that is a symlink would write wherever the link points: refused, target untouched."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "work"
        folder.mkdir()
        user = Path(tmp) / "user"
        user.mkdir()
        (user / "thesis.docx").write_bytes(b"years of work")
        target = {"user folder": user, "missing": Path(tmp) / "nowhere", "file": user / "thesis.docx"}[points_at]
        (folder / "out").symlink_to(target)
        (folder / "s.toml").write_text(SMALL_TEXT, encoding="utf-8")
        (folder / "e.toml").write_text(ISHIGAMI.format(samples=4, high=3.0), encoding="utf-8")
        (folder / "r.csv").write_text(classroom_results_text(), encoding="utf-8-sig")
        argv = {"run": ["run", "s.toml", "--years", "1"], "sweep": ["sweep", "e.toml", "--backend", "serial"],
                "compare": ["compare", "s.toml", "s.toml", "--reps", "1", "--years", "1", "--workers", "1"],
                "summarize": ["classroom", "summarize", "r.csv"]}[command] + ["--out", "out"]
        user_before = snapshot(user)
        code, message = run_cli(argv, folder)
        assert code == 2, message
        assert snapshot(user) == user_before and (user / "thesis.docx").read_bytes() == b"years of work"


def classroom_results_text() -> str:
    from cluster_sim.classroom.results import append_result, columns

    with tempfile.TemporaryDirectory() as tmp:
        row = {k: 0 for k in columns(0)}
        row.update(submitted_at="2026-01-01T00:00:00", classroom="c", group="甲", note="", scenario="s", choices="",
                   settings_json="{}", rank_by="weak_operating_mean_yuan", success=True)
        append_result(Path(tmp) / "r.csv", row)
        return (Path(tmp) / "r.csv").read_text(encoding="utf-8-sig")


@SHARED
@given(marker=st.booleans(), listed=st.lists(st.sampled_from(["thesis.docx", "manifest.json", "summary.csv", "../x"]),
                                             max_size=4, unique=True),
       thesis_hash=st.sampled_from(["missing", "wrong", "other file's"]), extra_summary=st.booleans())
def test_fuzz_forged_manifests_never_make_force_delete_a_users_file(marker, listed, thesis_hash, extra_summary):
    """A manifest.json anyone can write, claiming cluster-sim wrote the folder: --force still
    keeps every file whose bytes the manifest does not vouch for."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "s.toml").write_text(SMALL_TEXT, encoding="utf-8")
        mine = folder / "out"
        mine.mkdir()
        (mine / "thesis.docx").write_bytes(b"years of work")
        if extra_summary:
            (mine / "summary.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        hashes = {name: hashlib.sha256((mine / name).read_bytes()).hexdigest()
                  for name in listed if name not in ("thesis.docx", "manifest.json") and (mine / name).is_file()}
        if thesis_hash == "wrong":
            hashes["thesis.docx"] = "0" * 64
        elif thesis_hash == "other file's":
            hashes["thesis.docx"] = hashlib.sha256(b"a,b\n1,2\n").hexdigest()
        manifest = {"files": listed, "sha256": hashes} | ({"generator": "cluster-sim"} if marker else {})
        (mine / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        code, message = run_cli(["run", "s.toml", "--years", "1", "--out", "out", "--force", "-q"], folder)
        assert code == 2, message


ISHIGAMI = """name = "fz"
runner = "ishigami"
scenario = "default"
years = 1
replications = 1
root_seed = 7
design = "lhs"
samples = {samples}
[uncertainties]
x1 = {{ low = -3.0, high = {high} }}
x2 = {{ low = -3.0, high = 3.0 }}
x3 = {{ low = -3.0, high = 3.0 }}
[[outcomes]]
name = "y"
column = "y"
"""


@pytest.mark.parametrize("edit", ["bound", "samples", "root_seed", "design", "runner", "foreign parquet",
                                  "stray file", "more replications", "nothing"])  # every edit, not a sample of them
def test_fuzz_resume_after_an_edit_refuses_or_continues_the_same_design(edit):
    """--resume continues one design: an edited experiment is refused, files the sweep did not
    write in runs/ are neither read nor deleted; more replications of the same design continue."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "e.toml").write_text(ISHIGAMI.format(samples=4, high=3.0), encoding="utf-8")
        assert run_cli(["sweep", "e.toml", "--backend", "serial", "--out", "out", "-q"], folder, owned="out")[0] == 0
        text = ISHIGAMI.format(samples=4, high=3.0)
        text = {"bound": text.replace("high = 3.0 }}", "high = 2.5 }}", 1).replace("x1 = { low = -3.0, high = 3.0 }",
                                                                                   "x1 = { low = -3.0, high = 2.5 }"),
                "samples": text.replace("samples = 4", "samples = 5"),
                "root_seed": text.replace("root_seed = 7", "root_seed = 8"),
                "design": text.replace('design = "lhs"\nsamples = 4', 'design = "sobol"\nsamples = 4'),
                "runner": text.replace('runner = "ishigami"', 'runner = "sobol_g"'),
                "more replications": text.replace("replications = 1", "replications = 2")}.get(edit, text)
        (folder / "e.toml").write_text(text, encoding="utf-8")
        runs = folder / "out" / "runs"
        if edit == "foreign parquet":
            import pandas as pd
            pd.DataFrame({"a": [1]}).to_parquet(runs / ("part-" + "ab" * 16 + ".parquet"))
        elif edit == "stray file":
            (runs / "notes.txt").write_text("mine", encoding="utf-8")
        argv = ["sweep", "e.toml", "--backend", "serial", "--out", "out", "--resume", "-q"]
        if edit in ("more replications", "nothing"):
            code, message = run_cli(argv, folder, owned="out")
            assert code == 0, message
        else:
            code, message = run_cli(argv, folder)  # refused: not a byte anywhere changes
            assert code == 2, message

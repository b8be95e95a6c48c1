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
import tempfile
import tomllib
from pathlib import Path

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
    """Every file and folder under ``folder`` with a digest of its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_cli(argv: list[str], folder: Path, owned: str | None = None) -> tuple[int, str]:
    """``main(argv)`` in ``folder``; checks the invariants and returns (exit code, stderr)."""
    before = snapshot(folder)
    err, out = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's own refusals
                code = exc.code
    finally:
        os.chdir(cwd)
    after = snapshot(folder)
    message = err.getvalue()
    assert code in (0, 2), (argv, code, message)
    assert "Traceback" not in message, message
    if code == 2:
        assert message.strip(), "refused without a message"
    outside = {k: v for k, v in after.items() if not (owned and (k == owned or k.startswith(owned + "/")))}
    assert outside == before, f"{argv}: changed outside {owned}: {set(outside.items()) ^ set(before.items())}"
    assert not any(Path(k).name.startswith(".") for k in after), f"hidden file or folder left: {after}"
    if owned and code == 0:
        assert f"{owned}/manifest.json" in after, "a run reported success without a complete folder"
    if owned and code != 0:
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

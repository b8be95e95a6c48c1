"""A policy's words live with its fields: every key a package has declares its Chinese label,
Chinese explanation, English explanation and source on its own ``Field`` (policies/*.py), the
dashboard and the report show exactly those words, and no other module spells them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from cluster_sim.app.controls import build_controls
from cluster_sim.policies import registry
from cluster_sim.policies.base import COMMON_FIELDS, policy_fields
from cluster_sim.report.settings import field_label
from cluster_sim.scenario.choice_words import CHOICE_WORDS
from cluster_sim.scenario import load_scenario

SRC = Path(__file__).resolve().parents[2] / "src" / "cluster_sim"
CJK = re.compile(r"[\u3400-\u9fff]")
PACKAGES = sorted(registry())


def _keys():
    for name in PACKAGES:
        for key, field in policy_fields(registry()[name]).items():
            yield f"{name}.{key}", field


@pytest.mark.parametrize("key, field", list(_keys()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_field_declares_its_words_and_source(key, field):
    assert CJK.search(field.zh), f"policies.{key}: give the Field a Chinese label (zh=)"
    assert CJK.search(field.zh_doc), f"policies.{key}: give the Field a Chinese explanation (zh_doc=)"
    assert field.doc and not CJK.search(field.doc), f"policies.{key}: give the Field an English doc"
    assert field.source, f"policies.{key}: say where the default comes from (source=)"


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_has_a_chinese_summary(name):
    summary = registry()[name].SUMMARY_ZH
    assert CJK.search(summary) and summary.endswith("。")


def test_a_narrowed_common_field_keeps_the_common_words():
    """Land consolidation narrows ``target`` (its own default and choices), not its words."""
    own = registry()["land_consolidation"].FIELDS["target"]
    common = COMMON_FIELDS["target"]
    assert own.default == "key" and own.choices != common.choices
    assert (own.zh, own.en, own.zh_doc, own.doc) == (common.zh, common.en, common.zh_doc, common.doc)
    assert own.source != common.source


def test_the_dashboard_and_the_report_show_the_declared_words():
    controls = {c.key: c for group in build_controls(load_scenario(None)).values() for c in group}
    for key, field in _keys():
        name, field_name = key.split(".", 1)
        control = controls[f"policies.{key}"]
        assert control.label[0] == field.zh and control.help == (field.zh_doc, field.doc), key
        assert field_label(name, field_name, "zh") == field.zh
    assert field_label("credit", "budget_yuan", "en") == COMMON_FIELDS["budget_yuan"].en


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_module_outside_the_policies_spells_a_fields_words():
    # a choice may be named like the field it opens ('named' -> 指定村庄 opens ``villages``)
    choice_words = {zh for zh, _ in CHOICE_WORDS.values()}
    words = {w: key for key, f in _keys() for w in (f.zh, f.zh_doc) if len(w) > 2 and w not in choice_words}
    found = [f"{p.relative_to(SRC)}:{line} {text!r} ({words[text]})"
             for p in sorted(SRC.rglob("*.py")) if "policies" not in p.relative_to(SRC).parts
             for line, text in _string_constants(p) if text in words]
    assert not found, "policy field words defined outside their policy module:\n" + "\n".join(found)

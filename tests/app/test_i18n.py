"""Every word of the dashboard in both languages: the Chinese page shows no English words,
the English page no Chinese (but for names in brackets), placeholders agree, descriptions are
whole sentences, and every word the page asks for exists."""

import re
import string
from pathlib import Path

import pytest

from cluster_sim.app import i18n
from cluster_sim.scenario.choice_words import CHOICE_WORDS
from cluster_sim.app.controls import build_controls
from cluster_sim.app.page import policy_description
from cluster_sim.classroom.metrics import METRICS
from cluster_sim.policies import registry
from cluster_sim.scenario import load_scenario

APP = Path(__file__).resolve().parents[2] / "src" / "cluster_sim" / "app"
CJK = re.compile(r"[\u3400-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
ALLOWED_IN_ZH = {"IP"}  # 一片一IP is how the policy is called
KEPT_IN_EN = ("低保",)  # terms of art the English text keeps in Chinese (the parameter registry's wording)


def english_words(text: str) -> set[str]:
    return set(ASCII_WORD.findall(re.sub(r"\{\w*\}", "", text))) - ALLOWED_IN_ZH


def chinese_outside_brackets(text: str) -> list[str]:
    for term in KEPT_IN_EN:
        text = text.replace(term, "")
    return CJK.findall(re.sub(r"[（(][^）)]*[）)]", "", text))


def fields(fmt: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(fmt) if f}


def pairs():
    for table in (i18n.WORDS, CHOICE_WORDS, i18n.UNITS):
        yield from table.items()
    for m in METRICS.values():
        yield m.name, (m.zh, m.en)
    for group in build_controls(load_scenario(None)).values():
        for c in group:
            yield f"{c.key}.label", c.label
            yield f"{c.key}.help", c.help
            yield f"{c.key}.unit", c.unit


@pytest.mark.parametrize("key, pair", list(pairs()), ids=lambda x: x if isinstance(x, str) else "")
def test_both_languages_present_and_not_mixed(key, pair):
    zh, en = pair
    if key.endswith(".unit") and not (zh or en):
        return  # a plain number
    assert zh and en, f"{key}: missing a language"
    assert not english_words(zh), f"{key}: English in the Chinese text: {zh!r}"
    assert not chinese_outside_brackets(en), f"{key}: Chinese in the English text: {en!r}"
    assert fields(zh) == fields(en), f"{key}: placeholders differ"


def test_every_word_the_page_asks_for_exists():
    used = set()
    for path in APP.glob("*.py"):
        used |= set(re.findall(r"\btr\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"\btr\(\s*'(\w+)'", path.read_text(encoding="utf-8")))
    assert used and not used - set(i18n.WORDS), sorted(used - set(i18n.WORDS))


@pytest.mark.parametrize("name", list(registry()))
def test_policy_descriptions_are_whole_sentences(name):
    module = registry()[name]
    zh, en = policy_description(name, module, "zh"), policy_description(name, module, "en")
    assert zh.endswith("。") and len(zh) > 20
    assert en.endswith(".") and len(en) > 60 and "``" not in en
    assert zh.count("（") == zh.count("）") and en.count("(") == en.count(")")


def test_no_negative_zero_and_signed_changes():
    m = METRICS["weak_operating_mean_yuan"]
    assert m.format(-1.0) == "0.0 万元" and m.format_change(-1.0) == "0.0 万元"
    assert m.format_change(56_000.0) == "+5.6 万元" and m.format_change(-56_000.0) == "-5.6 万元"

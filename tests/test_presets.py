"""Named house styles: each preset's designations exist and its sources are the glossary's own."""

from __future__ import annotations

import pytest

from nkterms.arguments import parser
from nkterms.check.advice import holding
from nkterms.check.config import PRESETS, House, house_rules, preferred
from nkterms.check.rules import rule_records
from nkterms.index import open_index


@pytest.fixture(scope="module")
def records(shipped):
    return {r["id"]: r for r in rule_records(open_index(shipped))}


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_terms_exist_and_cite_the_glossarys_sources(name, records):
    preset = PRESETS[name]
    cited = set()
    for concept, terms in preset.prefer.items():
        assert len({records[t]["lang"] for t in terms}) == len(terms)  # one a language
        for term in terms:
            assert records[term]["concept"]["id"] == concept
            cited |= {s["id"] for st in holding(records[term]) for s in st["sources"]}
    assert set(preset.sources) <= cited


@pytest.mark.parametrize("name", list(PRESETS))
def test_a_preset_makes_the_other_designations_warnings(name, shipped):
    rules = {r.term: r for r in house_rules(open_index(shipped), House({"preset": name}))}
    for terms in PRESETS[name].prefer.values():
        for term in terms:
            assert rules[term].severity is None and rules[term].choice == "house"
    others = [r for r in rules.values() if r.concept == "north-korean-defector" and r.lang == "ko"]
    assert all(r.severity in ("warning", "error") for r in others if r.choice != "house")


def test_own_prefer_wins_over_the_preset():
    house = House({"preset": "legal-term", "prefer": {"north-korean-defector": "talbungmin"}})
    assert preferred(house) == {"north-korean-defector": ("talbungmin",)}


def test_the_cli_offers_exactly_the_presets():
    check = parser()._subparsers._group_actions[0].choices["check"]
    option = next(a for a in check._actions if "--preset" in a.option_strings)
    assert tuple(option.choices) == tuple(PRESETS)

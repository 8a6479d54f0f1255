"""The checker's advice converges: following every suggestion leaves nothing at the fail level.

Articles are generated from a glossary's terms; the suggestions of every finding at or above
the fail level are applied (each time one of the named designations, chosen by hypothesis)
until none is left, under the default configuration and under every `prefer` choice of every
concept. Both scanners run on every round and must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nkterms import load
from nkterms.check.advice import rank
from nkterms.check.engine import Patterns, candidates, check_text, fold
from nkterms.check.rules import rule_records, rules
from nkterms.index import open_index

DATA = Path(__file__).parent / "data"
PARTICLES = ["", "은", "는", "이", "가", "을", "를", "들이", "들에게서는", "의", "으로서의"]
GLUE = [" ", ". ", ", ", "\n", " 그리고 ", " 문제. "]
SETTINGS = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def house_styles(name: str) -> list:
    """The default house style, then every `prefer` choice of every concept, as pytest params."""
    glossary = load(DATA / name)
    styles = [pytest.param(name, {}, id=f"{name}-default")]
    for concept in glossary.concepts:
        styles += [
            pytest.param(name, {concept.id: t.id}, id=f"{name}-prefer-{t.id}")
            for t in concept.terms
        ]
    return styles


@pytest.fixture(scope="module")
def records(tmp_path_factory, shipped):
    """The rule records of the fixture glossaries and of the shipped one."""
    return {
        "advice": rule_records(open_index(DATA / "advice")),
        "good": rule_records(open_index(DATA / "good")),
        "shipped": rule_records(open_index(shipped)),
    }


@pytest.fixture(scope="module")
def house(records):
    """Return (rules, Patterns) of a glossary under a house style, each built once."""
    made: dict[tuple, tuple[list, Patterns]] = {}

    def build(glossary: str, prefer: dict) -> tuple[list, Patterns]:
        key = (glossary, *sorted(prefer.items()))
        if key not in made:
            chosen = rules(records[glossary], prefer)
            made[key] = chosen, Patterns(chosen)
        return made[key]

    return build


def _spellings(patterns: Patterns, fail: str | None = None) -> list[str]:
    """The spellings of every rule (only of those at or above `fail`, when given)."""
    return sorted(
        {
            text
            for rule, _via in patterns.entries
            if fail is None or rank(rule.severity) >= rank(fail)
            for text, _ in rule.spellings
        }
    )


def article(patterns: Patterns, fail: str):
    """Articles made of the glossary's spellings, with particles, quotes and plain words, and
    at least one spelling of a term at the fail level when the glossary has one."""
    spelling = st.sampled_from(_spellings(patterns))
    piece = st.one_of(
        st.tuples(spelling, st.sampled_from(PARTICLES)).map("".join),
        spelling.map(lambda s: f'"{s}"라는 말'),
        st.sampled_from(["North Korea", "오늘", "정부는", "발표했다"]),
    )
    pieces = st.lists(st.tuples(piece, st.sampled_from(GLUE)).map("".join), max_size=12)
    failing = _spellings(patterns, fail)
    if not failing:
        return pieces
    first = st.tuples(st.sampled_from(failing), st.sampled_from(PARTICLES), st.sampled_from(GLUE))
    return st.tuples(first.map("".join), pieces).map(lambda t: [t[0], *t[1]])


def _spans(patterns: Patterns, text: str) -> dict[tuple[int, int], tuple[int, int]]:
    """(line, col) of each term found in plain text -> (start, end) of its form."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    spans = {}
    for _entry, _flags, start, end, _after in candidates(patterns, text, fold(text)):
        line = max(n for n, s in enumerate(starts) if s <= start)
        spans[(line + 1, start - starts[line] + 1)] = (start, end)
    return spans


def _findings(patterns: Patterns, text: str) -> list:
    compiled = check_text(text, patterns)
    python = check_text(text, patterns, compiled=False)
    assert [f.as_dict() | {"at": (f.line, f.col)} for f in compiled] == [
        f.as_dict() | {"at": (f.line, f.col)} for f in python
    ]
    return compiled


def follow(patterns: Patterns, text: str, fail: str, choose, rounds: int = 3):
    """Apply the suggestions of the findings at or above `fail` until none is left; return
    (rounds used, findings left at the fail level with no suggestion to follow)."""
    for used in range(1, rounds + 1):
        failing = [f for f in _findings(patterns, text) if rank(f.severity) >= rank(fail)]
        fixable = [f for f in failing if f.replacements]
        if not fixable:
            return used, failing
        spans = _spans(patterns, text)
        for f in sorted(fixable, key=lambda f: (f.line, f.col), reverse=True):
            start, end = spans[(f.line, f.col)]
            text = text[:start] + choose(f.replacements) + text[end:]
    raise AssertionError(f"suggestions still left after {rounds} rounds:\n{text}")


def _no_quieter_designation(rule, all_rules) -> bool:
    """Whether a term's concept holds, in its language, no designation below warning."""
    return not any(
        r.concept == rule.concept and r.lang == rule.lang and rank(r.severity) < rank("warning")
        for r in all_rules
    )


def _check_converges(house, glossary, prefer, data, fail):
    chosen, patterns = house(glossary, prefer)
    text = "".join(data.draw(article(patterns, fail)))
    used, stuck = follow(patterns, text, fail, lambda options: data.draw(st.sampled_from(options)))
    event(f"rounds: {used}")
    assert used <= 2, text  # one pass of suggestions is enough
    by_term = {r.term: r for r in chosen}
    for finding in stuck:  # only a word with nothing quieter beside it has no suggestion
        assert _no_quieter_designation(by_term[finding.term], chosen), (finding, text)
    return stuck


@pytest.mark.parametrize(("glossary", "prefer"), house_styles("advice") + house_styles("good"))
@SETTINGS
@given(data=st.data())
def test_following_the_suggestions_converges(house, glossary, prefer, data):
    stuck = _check_converges(house, glossary, prefer, data, "warning")
    assert stuck == []  # every fixture concept has a quieter designation


@SETTINGS
@given(data=st.data())
def test_following_the_suggestions_converges_when_only_errors_fail(house, data):
    assert _check_converges(house, "advice", {}, data, "error") == []


@settings(SETTINGS, max_examples=40)
@given(data=st.data())
def test_following_the_suggestions_converges_on_the_shipped_glossary(house, records, data):
    concept = "north-korean-defector"  # the issue's case, under each house style
    styles = [{}] + [
        {concept: r["id"]} for r in records["shipped"] if r["concept"]["id"] == concept
    ]
    _check_converges(house, "shipped", data.draw(st.sampled_from(styles)), data, "warning")


def _check(house, glossary, text, prefer=None, **options):
    return check_text(text, house(glossary, prefer or {})[1], **options)


def test_the_issues_case_on_the_shipped_glossary(house):
    text = "북한이탈주민 단체는 성명을 냈다. 북한이탈주민들은 반대했다.\n"
    prefer = {"north-korean-defector": "bukhanitaljumin"}
    assert _check(house, "shipped", text, prefer) == []  # the house style's term: clean
    found = _check(house, "shipped", "탈북민과 북향민\n", prefer)
    assert [(f.term, f.severity, f.replacements) for f in found] == [
        ("talbungmin", "warning", ("북한이탈주민",)),
        ("bukhyangmin", "warning", ("북한이탈주민",)),
    ]
    # by default no designation in use is pushed on the writer: information, no suggestion
    found = _check(house, "shipped", "탈북민 단체. 탈북민들은.\n")
    assert [(f.severity, f.suggestion) for f in found] == [("info", "")]
    assert "the choice is the writer's" in found[0].message


def test_a_deprecated_term_suggests_every_quieter_designation_in_use(house):
    found = _check(house, "shipped", "새터민 지원\n")
    assert [(f.severity, f.replacements) for f in found] == [
        ("warning", ("북한이탈주민", "북향민", "탈북민"))
    ]
    assert "북한이탈주민 (legal by Republic of Korea statute since 1997-07)" in found[0].suggestion
    for form in found[0].replacements:  # each of them is at most information
        assert {f.severity for f in _check(house, "shipped", f"{form} 지원\n")} <= {"info"}


def test_an_open_choice_is_said_once(house):
    text = "반도자는 왔다. 반도자는 갔다. 반도자였다.\n"
    found = _check(house, "advice", text)
    assert len(found) == 1 and found[0].severity == "info"
    assert found[0].message.endswith(
        "every Korean term in use in this sense is contested (반도자, 도북자, 월북자): "
        "the choice is the writer's"
    )
    found = _check(house, "advice", "반도자 1. 도북자 2. 반도자 3. 반도자 4.\n")
    assert [f.message for f in found] == [
        "반도자: contested by test group since 2001; every Korean term in use in this sense is "
        "contested (반도자, 도북자, 월북자): the choice is the writer's",
        "도북자: connotation contested; this text also uses 반도자 in the same sense: pick one",
        "반도자: this text also uses 도북자 in the same sense: pick one",
        "반도자: this text also uses 도북자 in the same sense: pick one",
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("새터민 1. 탈북자 2.", "this text also uses 새터민 for the same group: pick one"),
        ("통일원 1. 통일부 2.", "this text also uses 통일원 for the same institution: pick one"),
        ("강제북송 1. 북송 2.", "this text also uses 강제북송 for the same event: pick one"),
        ("반도자 1. 도북자 2.", "this text also uses 반도자 in the same sense: pick one"),
    ],
    ids=["people", "institution", "event", "other"],
)
def test_mixed_designations_are_worded_by_category(house, text, said):
    found = _check(house, "advice", text + "\n", prefer=None)
    assert found[-1].message.endswith(said), found[-1].message


def test_north_korean_vocabulary_is_not_asked_to_pick_one(house):
    found = _check(house, "advice", "변절자 1. 이탈자 2. 변절자 3.\n")
    assert [(f.term, f.message) for f in found] == [
        ("byeonjeolja", "변절자: connotation derogatory (dprk-media)"),
        ("byeonjeolja", "변절자: connotation derogatory (dprk-media)"),
    ]


def test_every_category_has_wording():
    import json

    from nkterms.check.advice import SAME

    schema = json.loads((DATA.parents[1] / "glossary" / "schema.json").read_text("utf-8"))
    assert set(schema["properties"]["category"]["enum"]) == set(SAME)

"""Optional spaces inside multi-part Korean terms (강제 북송 beside 강제북송)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkterms.check import kernel
from nkterms.check.engine import DocumentCheck, Patterns, candidates, check_text, fold
from nkterms.check.rules import index_rules, rule_records, rules
from nkterms.check.spacing import spaced_forms, word_parts
from nkterms.index import open_index

DATA = Path(__file__).parent / "data"
needs_speedups = pytest.mark.skipif(kernel._speedups is None, reason="needs the compiled scanner")


@pytest.fixture(scope="module")
def patterns(tmp_path_factory):
    """The advice fixture glossary: 강제북송 (parts from the dictionary and the glossary's own
    북송) and 북한이탈주민 (parts from its Hanja, 北韓 離脫 住民)."""
    return Patterns(index_rules(open_index(DATA / "advice")))


SPACED = {
    "gangjebuksong": {
        "match": ["강제 북송 반대", "강제북송을 멈춰라", "중국의 강제 북송에 항의했다"],
        "no_match": ["강제로 북송되었다", "강제  북송", "강제\n북송"],
    },
    "bukhanitaljumin": {
        "match": ["북한 이탈 주민들이", "북한이탈 주민", "북한 이탈주민의 삶", "북한이탈주민은"],
        "no_match": ["북한 이탈 사례", "북한의 이탈 주민", "북한이 탈주민"],
    },
}


def matched(patterns: Patterns, text: str, compiled: bool) -> list[str]:
    """The terms the scanner finds in a text (whether or not they need care)."""
    if compiled:
        rows = patterns.compiled.scan(text.encode("utf-8"))
    else:
        rows = candidates(patterns, text, fold(text))
    return [patterns.entries[row[0]][0].term for row in rows]


@pytest.mark.parametrize("term", sorted(SPACED))
@pytest.mark.parametrize(
    "compiled",
    [
        pytest.param(True, id="compiled", marks=needs_speedups),
        pytest.param(False, id="python"),
    ],
)
def test_spaced_forms_match_and_others_do_not(patterns, term, compiled):
    for text in SPACED[term]["match"]:
        assert term in matched(patterns, text, compiled), text
    for text in SPACED[term]["no_match"]:
        assert term not in matched(patterns, text, compiled), text


def test_a_spaced_term_is_one_finding_not_its_parts(patterns):
    found = check_text("중국의 강제 북송에 항의했다", patterns)
    assert [(f.term, f.col, f.text) for f in found] == [("gangjebuksong", 5, "강제 북송에")]


def test_parts_come_from_hanja_then_dictionary_then_glossary():
    never = lambda word: False  # noqa: E731
    assert word_parts("북한이탈주민", "北韓 離脫 住民", never, never) == ("북한", "이탈", "주민")
    # with Hanja but no segmentation, its attested words decide (not homophone readings)
    words = {"非武裝", "地帶"}.__contains__
    assert word_parts("비무장지대", "非武裝地帶", lambda w: True, words) == ("비무장", "지대")
    assert word_parts("국가정보원", "國家情報院", lambda w: True, never) == ("국가정보원",)
    readings = {"강제"}.__contains__
    assert word_parts("강제북송", None, readings, never, {"북송"}) == ("강제", "북송")
    assert word_parts("탈북민", None, lambda w: True, never) == ("탈북민",)  # parts of 2+
    assert word_parts("제3국 출생", None, lambda w: True, never) == ("제3국", "출생")


def test_spaced_forms_are_bounded():
    assert spaced_forms(("a",)) == []
    assert len(spaced_forms(tuple("abcde"))) == 16
    assert spaced_forms(tuple("abcdef")) == ["abcdef", "a b c d e f"]


def test_a_spacing_never_takes_another_terms_form():
    records = [
        {
            "id": "x",
            "lang": "ko",
            "form": "강제북송",
            "concept": {"id": "c"},
            "parts": ["강제", "북송"],
        },
        {"id": "y", "lang": "ko", "form": "강제 북송", "concept": {"id": "c"}},
    ]
    spellings = {r.term: [t for t, _ in r.spellings] for r in rules(records)}
    assert spellings == {"x": ["강제북송"], "y": ["강제 북송"]}


def test_the_shipped_glossary_finds_the_press_spacing(tmp_path_factory, shipped):
    index = open_index(shipped)
    parts = {r["id"]: tuple(r["parts"]) for r in rule_records(index)}
    assert parts["gangjebuksong"] == ("강제", "북송")
    assert parts["bukhanitaljumin"] == ("북한", "이탈", "주민")
    found = check_text("강제 북송 문제", Patterns(index_rules(index)))
    assert [f.term for f in found] == ["gangjebuksong"]


@needs_speedups
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_spaced_forms_give_the_same_findings_on_both_paths(patterns, data):
    words = ["강제", "북송", "북한", "이탈", "주민", "강제북송", "북한이탈주민", "탈북자", "새터민"]
    glue = st.sampled_from(["", " ", "  ", "\n", "들이 ", "을 ", ", ", "로 "])
    pieces = data.draw(st.lists(st.tuples(st.sampled_from(words), glue), max_size=12))
    blocks = ["".join(w + g for w, g in pieces).encode("utf-8") + b"\n"]

    def run(compiled):
        checker = DocumentCheck(patterns, "a.txt", text_output=True, compiled=compiled)
        return b"".join(checker.check_blocks(blocks)), checker.counts

    assert run(True) == run(False)

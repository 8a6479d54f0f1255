"""Lookup finds a term from any spelling people actually type."""

from __future__ import annotations

import pytest

from nkterms import UsageError, lookup
from nkterms.index import open_index
from nkterms.query import search

ANY_SPELLING = [
    ("bukhyangmin", "bukhyangmin"),  # id
    ("북향민", "bukhyangmin"),  # Hangul
    ("북향민은", "bukhyangmin"),  # with a topic particle
    ("탈북민들이", "talbungmin"),  # plural + subject particle
    ("북한이탈주민으로서의", "bukhanitaljumin"),  # stacked particles
    ("북한 이탈 주민", "bukhanitaljumin"),  # spaced
    ("北鄕民", "bukhyangmin"),  # Hanja
    ("脱北者", "talbukja"),  # Japanese form of 脫
    ("北乡民", "bukhyangmin"),  # simplified 乡
    ("talbungmin", "talbungmin"),  # strict RR
    ("talbukmin", "talbungmin"),  # press / letter-by-letter
    ("t'albukcha", "talbukja"),  # MR
    ("talbukcha", "talbukja"),  # MR without apostrophe
    ("saet'ŏmin", "saeteomin"),  # MR with breve
    ("saetomin", "saeteomin"),  # MR without breve
    ("thalpukmin", "talbungmin"),  # Yale
    ("Bukhyang-min", "bukhyangmin"),  # hyphen, capital
    ("BUKHYANGMIN", "bukhyangmin"),  # upper case
    ("pukhyangmin", "bukhyangmin"),  # MR
    ("new settlers", "en-new-settler"),  # English plural
    ("North Korean-born citizens", "bukhyangmin"),  # the official rendering of 북향민
]


@pytest.fixture(scope="module")
def index(tmp_path_factory, shipped):
    return open_index(shipped)


@pytest.mark.parametrize(("query", "expected"), ANY_SPELLING, ids=[q for q, _ in ANY_SPELLING])
def test_any_spelling_finds_the_term(index, query, expected):
    ids = [m.id for m in lookup(query, index=index)]
    assert expected in ids, f"{query!r} gave {ids}"
    assert (
        ids.index(expected) == 0
        or lookup(query, index=index)[0].score
        == lookup(query, index=index)[ids.index(expected)].score
    )


def test_particles_lower_the_score_and_say_what_was_removed(index):
    exact = lookup("북향민", index=index)[0]
    with_particle = lookup("북향민은", index=index)[0]
    assert exact.score == 1.0 and with_particle.score < 1.0
    assert "without '은'" in with_particle.matched_by


def test_a_typo_gives_ranked_suggestions_not_matches(index):
    matches, suggestions = search("bukhyangmn", index=index)
    assert matches == []
    assert suggestions[0].id == "bukhyangmin"
    assert "typo" in suggestions[0].matched_by
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_a_hangul_typo_is_one_jamo_away(index):
    matches, suggestions = search("북향만", index=index)
    assert not matches and suggestions[0].id == "bukhyangmin"


def test_homophone_hanja_is_found_by_reading_with_a_warning(index):
    match = lookup("北向民", index=index)[0]
    assert match.id == "bukhyangmin"
    assert match.score < 1.0
    assert "not this term's Hanja (北鄕民)" in match.note


def test_nothing_found_for_unrelated_text(index):
    assert search("zzzzqqqq", index=index) == ([], [])


def test_match_carries_the_documented_json_fields(index):
    data = lookup("bukhyangmin", index=index)[0].as_dict()
    for key in (
        "id",
        "hangul",
        "hanja",
        "romanizations",
        "status",
        "concept",
        "homophones",
        "matched_by",
        "score",
    ):
        assert key in data
    assert set(data["romanizations"]) >= {"rr", "mr", "yale"}
    assert data["homophones"][0]["hanja"] == "北向民"
    assert data["homophones"][0]["source"] == "curated"
    assert data["concept"]["id"] == "north-korean-defector"


@pytest.mark.parametrize(
    "query", ["", "   ", "\x00\x01", "\u200b"], ids=["empty", "spaces", "control", "zero-width"]
)
def test_empty_queries_are_usage_errors(index, query):
    with pytest.raises(UsageError, match="empty query"):
        lookup(query, index=index)


def test_a_huge_query_is_refused_clearly(index):
    with pytest.raises(UsageError, match="characters long"):
        lookup("가" * 1_000_000, index=index)


def test_nfd_hangul_is_found(index):
    import unicodedata

    assert lookup(unicodedata.normalize("NFD", "북향민"), index=index)[0].id == "bukhyangmin"


def test_loaded_glossary_is_searched_in_memory(good_glossary):
    from nkterms import load

    glossary = load(good_glossary)
    assert [m.id for m in lookup("talbukmin", glossary=glossary)] == ["talbungmin"]
    # the in-memory index is compiled once and kept with the glossary
    first = glossary._cache["index"]
    lookup("bukhyangmin", glossary=glossary)
    assert glossary._cache["index"] is first


@pytest.mark.parametrize(
    ("query", "expected"), [("Yalu Riv", "en-yalu-river"), ("압록", "amnokgang")]
)
def test_the_start_of_a_name_finds_candidates(index, query, expected):
    matches = lookup(query, index=index)
    assert expected in [m.id for m in matches]
    assert all(m.score < 0.75 and "starts with the query" in m.matched_by for m in matches)
    assert all(
        m.note == f"no glossary term is {query!r} itself; this one only starts with it"
        for m in matches
    )

"""No input crashes the normalizers, the key functions or the lookup."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkterms import UsageError
from nkterms.index import open_index
from nkterms.keys import query_keys
from nkterms.korean.hangul import normalize, strip_particles
from nkterms.korean.hanja import fold, readings
from nkterms.korean.romanize import loose_key, skeleton_key, strict_key
from nkterms.query import search

hangul = st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=12)
mixed = (
    st.text(max_size=60)
    | hangul
    | st.text(st.sampled_from("북향민탈자北鄕脱 -'ŏŭabc"), max_size=20)
)


@given(mixed)
def test_normalize_is_idempotent_and_nfc(text):
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(mixed)
def test_romanization_keys_only_ever_shrink_information(text):
    strict = strict_key(text)
    assert strict_key(strict) == strict
    assert loose_key(loose_key(text)) == loose_key(text)
    skeleton_key(text)  # must not raise


@given(hangul)
def test_particle_stripping_returns_proper_prefixes(word):
    for stem in strip_particles(word):
        assert word.startswith(stem) and len(stem) < len(word)


@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6))
def test_hanja_fold_and_readings_keep_length(text):
    assert len(fold(text)) == len(text)
    assert all(len(r) == len(text) for r in readings(text, limit=4))


@given(mixed)
def test_query_keys_never_crash(text):
    query_keys(text)


@pytest.fixture(scope="module")
def index(tmp_path_factory, shipped):
    return open_index(shipped)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=mixed)
def test_lookup_answers_or_refuses_clearly(index, query):
    try:
        matches, suggestions = search(query, index=index)
    except UsageError as err:
        assert "query" in str(err)
        return
    assert not (matches and suggestions)
    assert all(0 < m.score <= 1 for m in matches + suggestions)

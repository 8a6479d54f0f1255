"""The ambiguity engine: curated notes first, attested readings, native parts, no crashes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkterms import UsageError
from nkterms.ambiguity import MAX_WORD, homophones, spellings
from nkterms.dictionary import open_dictionary
from nkterms.index import open_index


@pytest.fixture(scope="module")
def engine(tmp_path_factory, shipped):
    return open_index(shipped), open_dictionary()


def run(word, engine, **kw):
    index, dictionary = engine
    return homophones(word, index=index, dictionary=dictionary, **kw)


def by_hanja(result):
    return {r["hanja"]: r for r in result["readings"]}


def test_bukhyangmin_curated_misreading_comes_first_with_its_note(engine):
    result = run("북향민", engine)
    assert result["ambiguous"]
    first = result["readings"][0]
    assert (first["hanja"], first["source"], first["kind"]) == ("北向民", "curated", "homophone")
    assert "heading north" in first["gloss"] and "전국탈북민연합회" in first["note"]
    assert [m["char"] for m in first["meanings"]] == ["北", "向", "民"]
    assert first["meanings"][1]["ko"].startswith("향할 향")
    assert "toward" in first["meanings"][1]["en"]
    intended = by_hanja(result)["北鄕民"]
    assert intended["intended"] and intended["kind"] == "intended"
    assert intended["meanings"][1]["ko"].startswith("시골 향")


def test_hanja_input_lists_the_other_words_that_read_the_same(engine):
    result = run("北向民", engine)
    assert result["reading"] == "북향민"
    assert "北鄕民" in by_hanja(result)


def test_bukhan_lists_the_attested_readings_common_first(engine):
    result = run("북한", engine)
    hanja = [r["hanja"] for r in result["readings"]]
    assert hanja[:3] == ["北韓", "北漢", "北限"]
    first, *others = result["readings"][:3]
    # 北韓 is attested by the dictionary, and by the glossary once a curator adds 북한 as a term.
    assert first["attested"] and first["source"] in ("dictionary", "glossary")
    assert all(r["attested"] and r["source"] == "dictionary" for r in others)
    assert result["ambiguous"]


def test_constructed_readings_say_which_words_they_are_built_from(engine):
    _, dictionary = engine
    found = {s["hanja"]: s for s in spellings("북향민", dictionary)}
    assert "北向民" in found and not found["北向民"]["attested"]
    assert ("北向", "") in found["北向民"]["parts"]
    assert "北向敏" not in found, "the curated suffix list keeps -民 from becoming 敏"


def test_native_parts_are_said_to_be_native_not_guessed(engine):
    result = run("새터민", engine)
    assert result["native"] == "새터"
    assert not result["ambiguous"]
    meanings = result["readings"][0]["meanings"]
    assert meanings[0]["native"] and meanings[1]["native"] and meanings[2]["char"] == "民"
    assert all(
        r["hanja"].startswith("새터") for r in result["readings"] if r["source"] == "dictionary"
    )
    assert run("하나원", engine)["native"] == "하나"


def test_an_unambiguous_term_is_reported_as_such(engine):
    result = run("탈북자", engine)
    assert not result["ambiguous"]
    assert result["readings"][0]["hanja"] == "脫北者"


@pytest.mark.parametrize(
    "word", ["", "   ", "hello", "북향민!"], ids=["empty", "spaces", "latin", "punctuation"]
)
def test_non_korean_input_is_refused_with_a_message(engine, word):
    with pytest.raises(UsageError):
        run(word, engine)


def test_lookup_records_carry_the_engine_readings(engine):
    index, _ = engine
    from nkterms.query import lookup

    record = lookup("국정원", index=index)[0].record
    automatic = [h for h in record["homophones"] if h["source"] != "curated"]
    assert automatic and all(
        {"hanja", "hangul", "gloss", "meanings", "attested", "source", "note"} <= set(h)
        for h in automatic
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=12)
    | st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=10)
)
def test_any_text_gets_an_answer_or_a_clear_refusal(engine, word):
    try:
        result = run(word, engine)
    except UsageError as err:
        assert "word" in str(err)
        return
    assert isinstance(result["ambiguous"], bool)
    for item in result["readings"]:
        assert item["source"] in {"curated", "dictionary", "glossary", "input"}


def test_wollam_reports_the_two_senses_of_one_hanja_word(engine):
    result = run("월남", engine)
    polysemy = [r for r in result["readings"] if r["kind"] == "polysemy"]
    assert polysemy and polysemy[0]["hanja"] == "越南" and polysemy[0]["gloss"] == "Vietnam"
    intended = next(r for r in result["readings"] if r.get("intended"))
    assert intended["hanja"] == "越南" and "south" in intended["gloss"]
    assert result["readings"].index(polysemy[0]) < result["readings"].index(intended)


def _add(root, name, text):
    (root / "concepts" / name).write_text(text, encoding="utf-8")


def test_glossary_homographs_and_romanization_collisions(good_glossary, tmp_path, monkeypatch):
    _add(
        good_glossary,
        "extra.yaml",
        """\
id: facing-north
category: other
terms:
  - {id: bukhyang-facing, lang: ko, form: 북향, hanja: 北向, gloss: facing north, homographs: [bukhyang-home]}
---
id: northern-home
category: other
terms:
  - {id: bukhyang-home, lang: ko, form: 북향, hanja: 北鄕, gloss: a hometown in the North}
---
id: politics
category: other
terms:
  - {id: jeongchi, lang: ko, form: 정치, romanization: {rr: jeongchi}}
---
id: halt
category: other
terms:
  - {id: jeongji, lang: ko, form: 정지, romanization: {rr: jeongji}}
""",
    )
    index, dictionary = open_index(good_glossary), open_dictionary()
    homographs = homophones("북향", index=index, dictionary=dictionary)["readings"]
    assert {(r["hanja"], r["kind"]) for r in homographs if r["source"] == "glossary"} == {
        ("北向", "homograph"),
        ("北鄕", "homograph"),
    }
    collisions = [
        r
        for r in homophones("정치", index=index, dictionary=dictionary)["readings"]
        if r["kind"] == "romanization"
    ]
    assert [r["hangul"] for r in collisions] == ["정지"]


def test_cli_exit_codes(capsys):
    from nkterms.cli import main

    assert main(["homophones", "북향민"]) == 0
    assert "!! 北向民" in capsys.readouterr().out
    assert main(["homophones", "탈북자"]) == 0
    assert "no other plausible reading found" in capsys.readouterr().out
    assert main(["homophones", "hello"]) == 1
    assert "is not a Korean word" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("가" * (MAX_WORD + 1), f"the word is {MAX_WORD + 1} characters long"),
        ("북한 " * 40_000, "homophones reads one word or term of at most 50"),
        ("\udcff", "the word is not valid UTF-8"),
        ("북\udcff향", "the word is not valid UTF-8"),
        ("북\x01향", "the word holds a control character (U+0001) at position 2"),
        ("북향민\n", "the word holds a control character (U+000A) at position 4"),
    ],
    ids=[
        "one-too-long",
        "a-whole-text",
        "lone-surrogate",
        "surrogate-inside",
        "control",
        "newline",
    ],
)
def test_input_no_word_can_be_is_a_usage_error_exit_2(word, message, capsys):
    from nkterms.cli import main

    assert main(["homophones", word]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nkterms: error: ") and message in err
    assert "\\udc" not in err, "undecodable bytes are named, not echoed"
    with pytest.raises(UsageError, match=message.split(" (")[0]):
        homophones(word)


def test_the_longest_accepted_word_is_read(capsys):
    from nkterms.cli import main

    assert main(["homophones", "가" * MAX_WORD]) == 0
    assert main(["homophones", "북한이탈주민의 보호 및 정착지원에 관한 법률"]) == 0
    assert main(["homophones", ""]) == 2, "an empty word is a usage error, as in lookup"
    assert "nkterms: error: empty word" in capsys.readouterr().err

"""Whose words a term is in: quoted speech, quoted words, naming words (check/voice.py)."""

from __future__ import annotations

import pytest

from nkterms.check.voice import (
    MENTION,
    SPEECH,
    USE,
    Voices,
    is_speech,
    named,
    quotations,
    quoted_words,
    speech_spans,
)


def voice(text: str, term: str, nth: int = 0, kind: str = "txt") -> str:
    """The voice of the nth occurrence of `term` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(term, start + 1)
    return Voices(text, kind).of(start, start + len(term))


# (text, term, occurrence, expected voice): each from the kind of copy it stands for.
CASES = {
    # Korean press: “…” is speech, ‘…’ a quoted word.
    "ko-speech-ramyeo": ("정 장관은 “탈북민 전원이 반대한다”라며 말했다", "탈북민", 0, SPEECH),
    "ko-speech-go-malhaetda": ("그는 “탈북자 명칭을 바꾼다”고 말했다", "탈북자", 0, SPEECH),
    "ko-short-speech-ramyeo": ("“탈북민 정체성 죽이기”라며 반대했다", "탈북민", 0, SPEECH),
    "ko-slogan-iraneun": (
        "“우리는 절대 탈북민의 명칭을 버리지 않을 것”이라는 구호",
        "탈북민",
        0,
        SPEECH,
    ),
    "ko-word-hoching": ("통일부가 ‘탈북민’ 호칭을 바꾼다", "탈북민", 0, MENTION),
    "ko-word-iraneun-pyohyeon": ("‘북향민’이라는 표현을 썼다", "북향민", 0, MENTION),
    "ko-word-inside-speech": (
        "“‘북향민’이 제일 지지가 많은 것 같다”고 밝혔다",
        "북향민",
        0,
        SPEECH,
    ),
    "ko-straight-quotes-speech": (
        '그러면서 "탈북자를 북향민으로 바꾸는 의견을 수렴 중"이라며',
        "북향민",
        0,
        SPEECH,
    ),
    "ko-straight-single-word": ("통일부가 '탈북민' 호칭을", "탈북민", 0, MENTION),
    "ko-corner-brackets-word": ("「탈북자」라는 말", "탈북자", 0, MENTION),
    "ko-hanja-gloss-of-word": ("‘북향민’(北鄕民)으로 바꾼다", "北鄕民", 0, MENTION),
    # naming words, with or without quotes, particles between
    "ko-naming-myeongching": ("정부는 탈북자 명칭을 바꾼다", "탈북자", 0, MENTION),
    "ko-naming-yongeo": ("북향민 용어를 썼다", "북향민", 0, MENTION),
    "ko-naming-genitive": ("탈북민의 명칭을 지킨다", "탈북민", 0, MENTION),
    "ko-naming-raneun-mal": ("탈북자라는 말이 싫다", "탈북자", 0, MENTION),
    "ko-naming-ireunba": ("이른바 새터민 논란", "새터민", 0, MENTION),
    "ko-naming-soui": ("소위 ‘새터민’은 2005년", "새터민", 0, MENTION),
    "ko-rename-to": ("탈북민 호칭을 북향민으로 대체하고 있다", "북향민", 0, MENTION),
    "ko-rename-to-comma": ("탈북자를 북향민으로, 바꾸는", "북향민", 0, MENTION),
    "ko-recognised-as-is-use": ("북한이탈주민으로 인정받아 지원을 받는다", "북한이탈주민", 0, USE),
    "ko-arrow-headline": ("탈북민→북향민…통일부", "북향민", 0, MENTION),
    "ko-mal-is-not-naming": ("탈북민의 말에 따르면 그렇다", "탈북민", 0, USE),
    "ko-use": ("8개 탈북민 단체는 기자회견을 열었다", "탈북민", 0, USE),
    # English
    "en-speech-said": ("“I am not a defector,” she said.", "defector", 0, SPEECH),
    "en-short-speech-said": ("“Defectors, all of them,” he said.", "Defectors", 0, SPEECH),
    "en-word-the-word": ("the word “defector,” the official said", "defector", 0, MENTION),
    "en-word-the-korean-term": (
        "the Korean term “tal-book-min,” meaning",
        "tal-book-min",
        0,
        MENTION,
    ),
    "en-naming-no-quotes": ("the term defector is contested", "defector", 0, MENTION),
    "en-so-called": ("so-called defectors", "defectors", 0, MENTION),
    "en-refer-to-as": ("difficult to refer to them as refugees", "refugees", 0, MENTION),
    "en-apostrophe-is-no-quote": (
        "North Korea’s defectors and Korea’s future",
        "defectors",
        0,
        USE,
    ),
    "en-use": ("All defectors arriving into South Korea", "defectors", 0, USE),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_voice_of_a_term(case):
    text, term, nth, expected = case
    assert voice(text, term, nth) == expected


def test_markdown_block_quote_is_speech():
    text = "Suh explained that:\n\n> what to call North Korean defectors\n\nThe defectors left."
    assert voice(text, "defectors", 0, "md") == SPEECH
    assert voice(text, "defectors", 1, "md") == USE
    assert voice(text, "defectors", 0, "txt") == USE  # a > means nothing in plain text


@pytest.mark.parametrize(
    "html",
    [
        "<blockquote><p>we are defectors</p></blockquote> defectors",
        "<q>we are defectors</q> defectors",
    ],
    ids=["blockquote", "q"],
)
def test_html_quotation_elements_are_speech(html):
    assert voice(html, "defectors", 0, "html") == SPEECH
    assert voice(html, "defectors", 1, "html") == USE


def test_quotations_nest_and_do_not_cross_paragraphs():
    text = "“탈북민 ‘북향민’ 논란”\n\n“닫히지 않은\n\n문단”"
    found = [(text[s:e], mark) for s, e, mark in quotations(text)]
    assert found == [("탈북민 ‘북향민’ 논란", "“"), ("북향민", "‘")]


def test_is_speech_by_length_and_sentence():
    text = "“in the strongest terms.” and “even a little warmth” and “refugee”"
    spans = [(s, e) for s, e, _ in quotations(text)]
    assert [is_speech(text, s, e) for s, e in spans] == [True, True, False]


def test_speech_spans_and_quoted_words_partition_quotations():
    text = "‘탈북민’ 호칭을 두고 “탈북민 정체성 죽이기”라며 반대했다"
    assert [text[s:e] for s, e in speech_spans(text)] == ["탈북민 정체성 죽이기"]
    assert [text[s:e] for s, e in quoted_words(text)] == ["탈북민"]


def test_named_reads_particles_after_the_term():
    assert named("탈북자들의 명칭", 0, 3)
    assert named("탈북자들에게서는 명칭", 0, 3, 8)  # the scanner's particle chain
    assert not named("탈북자들에게서는 명칭", 0, 3)

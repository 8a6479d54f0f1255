"""The pairwise romanizer gives exactly what ko-pron gives, for every syllable and random words."""

from __future__ import annotations

import random

import pytest
from ko_pron import romanise as ko_pron_romanise

from nkterms.korean.kopron import romanise

SYLLABLES = [chr(code) for code in range(0xAC00, 0xD7A4)]
CODES = ("rr", "mr", "yr")
# Syllables the special rules look at: 밟, 넓, 이/히 after ㅌ ㄾ ㄷ finals, ㅜ after labials,
# the vowels ko-pron treats apart (ㅢ, ㅖ), and every final before ㅇ, ㅎ and ㄴ.
SPECIAL = list("밟넓이히의예옛례롄뭍핥굳받부뿌푸무") + [
    chr(0xAC00 + initial * 588 + vowel * 28 + final)
    for initial in (2, 3, 6, 7, 8, 11, 17, 18)
    for vowel in (0, 13, 18, 19, 20)
    for final in range(28)
]


def _words(seed: int, pool: list[str], count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(count)]


@pytest.mark.parametrize("code", CODES)
def test_every_syllable_alone(code):
    assert [romanise(s, code) for s in SYLLABLES] == [ko_pron_romanise(s, code) for s in SYLLABLES]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("pool", [SYLLABLES, SPECIAL], ids=["any-syllables", "rule-syllables"])
def test_random_words(code, pool):
    words = _words(20261202, pool, 1500)
    assert [romanise(w, code) for w in words] == [ko_pron_romanise(w, code) for w in words]


def test_known_spellings():
    assert romanise("탈북민", "rr") == "talbungmin"
    assert romanise("탈북민", "mr") == "t'albungmin"
    assert romanise("같이", "rr") == "gachi"
    assert romanise("쉬", "mr") == "shwi"

"""Hanja: variant folding, Korean readings, and whether a Hanja spelling reads as its Hangul.

Readings and variants come from Unihan (see data/NOTICE), loaded on first use; readings
are cross-checked with the `hanja` package's table where it is installed.
"""

import os
from functools import cache
from itertools import product

_L_RIEUL, _L_NIEUN, _L_IEUNG = 5, 2, 11
_Y_VOWELS = {2, 6, 7, 12, 17, 20}  # ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ


def is_han(ch: str) -> bool:
    """Tell whether `ch` is a CJK ideograph (unified, extension or compatibility).

    >>> is_han("北"), is_han("북")
    (True, False)
    """
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def has_han(text: str) -> bool:
    """Tell whether `text` holds a Han character."""
    return not text.isascii() and any(is_han(ch) for ch in text)


@cache
def _table() -> dict[str, tuple[tuple[str, ...], str, str]]:
    table: dict[str, tuple[tuple[str, ...], str, str]] = {}
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "unihan.tsv")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for line in text.splitlines():
        char, readings, fold_to, meaning = line.split("\t")
        table[char] = (tuple(readings.split(",")) if readings else (), fold_to, meaning)
    return table


def fold(text: str) -> str:
    """Map simplified, Japanese and other variant forms to the form Korean uses.

    >>> fold("脱北者"), fold("北乡民"), fold("北郷民")
    ('脫北者', '北鄕民', '北鄕民')
    """
    table = _table()
    return "".join((table[ch][1] or ch) if ch in table else ch for ch in text)


def meaning(ch: str) -> str:
    """Return the English meaning of a Han character (Unihan kDefinition), or "".

    >>> meaning("鄕")
    'country; rural; village'
    """
    table = _table()
    entry = table.get(ch) or table.get(fold(ch))
    return entry[2] if entry else ""


def _initial_law(syllable: str) -> str:
    """Apply the initial-sound law (두음법칙) to a word-initial syllable.

    >>> _initial_law("료"), _initial_law("녀"), _initial_law("로"), _initial_law("북")
    ('요', '여', '노', '북')
    """
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return syllable
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    if lead == _L_RIEUL:
        lead = _L_IEUNG if vowel in _Y_VOWELS else _L_NIEUN
    elif lead == _L_NIEUN and vowel in _Y_VOWELS:
        lead = _L_IEUNG
    return chr(0xAC00 + lead * 588 + vowel * 28 + tail)


@cache
def _package_reading(ch: str) -> str:
    try:
        import hanja as hanja_package  # cold start: only a character no table reads
    except ImportError:  # pragma: no cover - a declared dependency
        return ""
    reading = hanja_package.translate(ch, "substitution")
    return reading if reading != ch else ""


def char_readings(ch: str) -> tuple[str, ...]:
    """Return every Korean reading known for one Han character, the usual one first.

    The usual reading is the `hanja` package's; Unihan's kHangul adds the others.

    >>> char_readings("金"), char_readings("北")
    (('금', '김'), ('북', '배'))
    """
    table = _table()
    entry = table.get(ch) or table.get(fold(ch))
    usual = _package_reading(ch)
    return tuple(dict.fromkeys(([usual] if usual else []) + list(entry[0] if entry else ())))


def variant_spelling(word: str, other: str) -> bool:
    """Tell whether `other` spells `word` with variant characters of the same meaning.

    The word list writes 强制 where Korean dictionaries print 強制; Unihan gives both
    characters the same definition, which tells a variant from a homophone (鋼製).

    >>> variant_spelling("強制", "强制"), variant_spelling("強制", "鋼製"), variant_spelling("北", "北")
    (True, False, True)
    """
    return len(word) == len(other) and all(
        a == b or bool(meaning(a)) and meaning(a) == meaning(b)
        for a, b in zip(word, other, strict=True)
    )


def _base_readings(ch: str) -> tuple[str, ...]:
    """Drop readings that are only initial-sound-law forms of another (Unihan lists 離 as 리 and 이).

    >>> _base_readings("離"), _base_readings("金")
    (('리',), ('금', '김'))
    """
    found = char_readings(ch)
    return tuple(r for r in found if not any(_initial_law(o) == r != o for o in found))


def readings(text: str, limit: int = 64) -> list[str]:
    """Return the possible Hangul readings of a Hanja spelling, spaces marking word starts.

    Non-Han characters (native Hangul parts, spaces) are kept as they are.

    >>> readings("北韓 離脫 住民")[0]
    '북한 이탈 주민'
    >>> readings("새터民")
    ['새터민']
    """
    options: list[tuple[str, ...]] = []
    word_start = True
    for ch in text:
        if not is_han(ch):
            options.append((ch,))
            word_start = ch.isspace()
            continue
        found = _base_readings(ch) or ("?",)
        if word_start:
            found = tuple(dict.fromkeys(r for s in found for r in (_initial_law(s), s)))
        options.append(found)
        word_start = False
    out = []
    for combo in product(*options):
        out.append("".join(combo))
        if len(out) >= limit:
            break
    return out


def reads_as(hanja_text: str, hangul: str, words=None) -> bool:
    """Tell whether a Hanja spelling can be read as `hangul` (spaces ignored on both sides).

    The initial-sound law applies at the start of the text, after a space, and, when `words`
    is given, where an attested word starts: `words(reading)` returns the Hanja spellings of
    the words read so, and 離脫 is one of those read 이탈, so 北韓離脫住民 reads 북한이탈주민.

    >>> reads_as("北韓 離脫 住民", "북한이탈주민")
    True
    >>> reads_as("北韓離脫住民", "북한이탈주민"), reads_as("北韓離脫住民", "북한이탈주민", {"이탈": ["離脫"]}.get)
    (False, True)
    >>> reads_as("北向民", "북향민"), reads_as("北鄕民", "북한민")
    (True, False)
    """
    target = hangul.replace(" ", "")
    chars: list[str] = []
    options: list[set[str]] = []
    word_start = True
    for ch in hanja_text:
        if ch.isspace():
            word_start = True
            continue
        found = set(_base_readings(ch)) if is_han(ch) else {ch}
        if is_han(ch) and word_start:
            found |= {_initial_law(r) for r in found}
        chars.append(ch)
        options.append(found)
        word_start = False
    if len(options) != len(target):
        return False
    for i, (syllable, allowed) in enumerate(zip(target, options, strict=True)):
        if syllable not in allowed and not (
            words is not None and _word_starts_here(chars, target, i, allowed, words)
        ):
            return False
    return True


def _word_starts_here(chars: list[str], target: str, i: int, allowed: set[str], words) -> bool:
    """Tell whether an attested word starts at `i` and its initial-sound-law reading fits."""
    if target[i] not in {_initial_law(r) for r in allowed}:
        return False
    for end in range(i + 2, min(len(chars), i + 4) + 1):
        if "".join(chars[i:end]) in words(target[i:end]):
            return True
    return False

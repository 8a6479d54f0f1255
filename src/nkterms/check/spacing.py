"""Optional spaces inside multi-part Korean terms: 강제북송 is also written 강제 북송.

Korean spelling lets the parts of a compound noun or a proper name be written apart or
together (한글 맞춤법 49-50항), and the press does both. The parts come from data, found once
when the index is compiled: the word segmentation the glossary gives in a term's Hanja
(北韓 離脫 住民), else the attested Hanja words of its Hanja spelling, else the Hangul
readings of the dictionary's words and the glossary's own shorter terms. The checker then
matches every way of writing the term with or without a space between its parts, as plain
forms, so the scanners need no new rule.
"""

from __future__ import annotations

from functools import cache

from ..korean.hangul import is_syllable
from ..korean.hanja import readings, variant_spelling

#: More optional spaces than this, and only the two extremes are generated (2**4 = 16 forms).
MAX_GAPS = 4


def _best_split(chunk: str, is_word, favoured=frozenset()) -> tuple[int, ...]:
    """Return the lengths of the parts of `chunk` (each a word of two characters or more), the
    split with the longest words winning (sum of squared lengths, then more favoured parts);
    (len(chunk),) when no split into two or more words exists.

    >>> _best_split("거주지보호담당관", {"거주", "지보", "호담", "당관", "거주지", "보호", "담당관"}.__contains__)
    (3, 2, 3)
    """
    n = len(chunk)

    @cache
    def best(i: int):
        if i == n:
            return (0, 0, ())
        found = None
        for j in range(i + 2, n + 1):
            word = chunk[i:j]
            if (i, j) == (0, n) or not is_word(word):
                continue
            rest = best(j)
            if rest is not None:
                score = (rest[0] + len(word) ** 2, rest[1] + (word in favoured), (j - i, *rest[2]))
                if found is None or score[:2] > found[:2]:
                    found = score
        return found

    result = best(0)
    return result[2] if result else (n,)


def _cut(text: str, lengths) -> list[str]:
    out, at = [], 0
    for size in lengths:
        out.append(text[at : at + size])
        at += size
    return out


def word_parts(form: str, hanja: str | None, is_reading, is_hanja_word, glossary=frozenset()):
    """Return the parts of a Korean form between which a space is optional.

    `is_reading(hangul)` and `is_hanja_word(hanja)` say whether the dictionary attests a word;
    `glossary` holds the glossary's Korean forms (shorter terms are parts too).

    >>> word_parts("북한이탈주민", "北韓 離脫 住民", lambda w: False, lambda w: False)
    ('북한', '이탈', '주민')
    >>> word_parts("강제북송", None, {"강제"}.__contains__, lambda w: False, {"북송"})
    ('강제', '북송')
    >>> word_parts("국경 봉쇄", None, lambda w: False, lambda w: False)
    ('국경', '봉쇄')
    """
    hanja = (hanja or "").strip()
    joined = form.replace(" ", "")
    if " " in hanja and len(hanja.replace(" ", "")) == len(joined):
        return tuple(_cut(joined, [len(p) for p in hanja.split()]))  # the glossary's own

    def known(word: str) -> bool:
        return word in glossary or is_reading(word)

    parts: list[str] = []
    for chunk in form.split(" "):
        if len(chunk) < 4 or not all(is_syllable(ch) for ch in chunk):
            parts.append(chunk)
        elif len(hanja) == len(form) == len(chunk):
            # the Hanja words decide: the readings alone split on homophones (안전기|획부)
            parts += _cut(chunk, _best_split(hanja, is_hanja_word))
        else:
            parts += _cut(chunk, _best_split(chunk, known, glossary))
    return tuple(parts)


def spaced_forms(parts) -> list[str]:
    """Return every way to write the parts with or without a space between each two (at most
    16; beyond that, all joined and all apart).

    >>> spaced_forms(("북한", "이탈", "주민"))
    ['북한이탈주민', '북한 이탈주민', '북한이탈 주민', '북한 이탈 주민']
    """
    gaps = len(parts) - 1
    if gaps < 1:
        return []
    masks = range(2**gaps) if gaps <= MAX_GAPS else (0, 2**gaps - 1)
    out = []
    for mask in masks:
        text = parts[0]
        for k, part in enumerate(parts[1:]):
            text += (" " if mask >> k & 1 else "") + part
        out.append(text)
    return out


def parts_finder(dictionary, records: list[dict]):
    """Return a function giving a term record's parts, reading `dictionary` (index build time)."""
    glossary = frozenset(r["form"] for r in records if r["lang"] == "ko" and " " not in r["form"])

    @cache
    def is_reading(word: str) -> bool:
        return bool(dictionary.words(word))

    @cache
    def is_hanja_word(word: str) -> bool:
        return dictionary.is_word(word) or any(
            variant_spelling(word, listed)
            for reading in readings(word, limit=4)
            for listed, _gloss in dictionary.words(reading)
        )

    def parts(record: dict) -> tuple[str, ...]:
        if record["lang"] != "ko":
            return ()
        found = word_parts(record["form"], record.get("hanja"), is_reading, is_hanja_word, glossary)
        return found if len(found) > 1 else ()

    return parts

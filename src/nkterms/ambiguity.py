"""The homophone engine: how else can a Korean word be read, and which readings matter?

It parses the word asked about and reads the glossary through the compiled index; the
readings themselves are found by `readings` (the build derives each term's with the same code).
"""

from __future__ import annotations

import unicodedata

from .dictionary import open_dictionary
from .errors import UsageError
from .index import open_index
from .korean.hangul import is_syllable, normalize
from .korean.hanja import fold, has_han, is_han, readings
from .readings import meanings, native_positions, plausible, readings_of, spellings

__all__ = ["MAX_WORD", "check_word", "homophones", "meanings", "spellings"]

#: Longest input `homophones` reads, in characters after NFC: about twice the longest glossary
#: term (북한이탈주민의 보호 및 정착지원에 관한 법률, 24), so a whole term fits and a text does not.
MAX_WORD = 50


def check_word(word: str) -> None:
    """Refuse input no word can be: undecodable bytes, control characters, a whole text.

    An empty or non-Korean word is not refused here: `homophones` reports it as nothing found.

    >>> check_word("북\\x01향")
    Traceback (most recent call last):
    ...
    nkterms.errors.UsageError: the word holds a control character (U+0001) at position 2: give the word alone, as plain text
    """
    for i, ch in enumerate(word, 1):
        kind = unicodedata.category(ch)
        if kind == "Cs":
            raise UsageError(
                "the word is not valid UTF-8 (it holds undecodable bytes): "
                "check the terminal's or the caller's encoding"
            )
        if kind == "Cc":
            raise UsageError(
                f"the word holds a control character (U+{ord(ch):04X}) at position {i}: "
                "give the word alone, as plain text"
            )
    size = len(normalize(word))
    if size > MAX_WORD:
        raise UsageError(
            f"the word is {size} characters long: homophones reads one word or term of at most "
            f"{MAX_WORD}; to check a text, use `nkterms check`"
        )


def _parse(word: str) -> tuple[str, str | None]:
    """Return (Hangul reading, given Hanja or None) for a Hangul or Hanja word."""
    check_word(word)
    text = normalize(word).replace(" ", "")
    if not text:
        raise UsageError("empty word: give a Korean word, e.g. `nkterms homophones 북향민`")
    if not all(is_syllable(ch) or is_han(ch) for ch in text):
        raise UsageError(
            f"{word!r} is not a Korean word: give it in Hangul (북향민) or Hanja (北鄕民)"
        )
    if has_han(text):
        given = fold(text)
        return readings(given, limit=1)[0], given
    return text, None


def homophones(word: str, index=None, dictionary=None, limit: int = 12) -> dict:
    """List the plausible readings of a Korean word (Hangul or Hanja), curated notes first.

    Returns ``{"word", "reading", "ambiguous", "native", "readings": [...]}``; each reading
    has ``hanja, hangul, gloss, meanings, attested, source, kind, note``.
    """
    reading, given = _parse(word)
    if dictionary is None:
        dictionary = open_dictionary()
    if index is None:
        index = open_index()
    records = index.terms_with_form(reading)
    found = readings_of(reading, given, records, index, dictionary, limit)
    native = "".join(reading[i] for i in sorted(native_positions(reading, records)))
    others = [item for item in found if plausible(item)]
    return {
        "word": word,
        "reading": reading,
        "ambiguous": len(others) >= (1 if records or given else 2),
        "native": native or None,
        "readings": found,
    }

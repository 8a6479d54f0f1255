"""ko-pron's romanization of a Hangul word, syllable pair by syllable pair.

`ko_pron.romanise` builds a word's spelling from one piece per syllable boundary: the
syllable's vowel and the junction of its final with the next initial (with the palatalization
and 밟 rules, and Yale's ㅜ → ㅡ after a labial). Each piece depends on two neighbouring
syllables only, so this module computes each piece once, with ko-pron's own tables and rules,
and joins them; the word-level touches (RR's ambiguous-vowel hyphen, MR's `shwi`) run on the
joined word as ko-pron runs them. ko-pron itself compiles a regular expression for every new
word (it substitutes the word into the text as a pattern), which made checking a large
glossary's romanizations cost most of its build. tests/test_kopron.py compares the two on
every syllable and on random words.

Only what `nkterms` calls is covered: the rr, mr and yr systems, default options, a run of
precomposed syllables (romanize.py romanizes Hangul runs one at a time).
"""

from __future__ import annotations

import re

from ko_pron.data import boundary, vowels
from ko_pron.ko_pron import ambiguous_intersyllabic_rr, decompose_jamo, system_lookup

_START = {"initial": "Ø", "vowel": "Ø", "final": "X"}
_END = {"initial": "Ø", "vowel": "Ø", "final": "Ø"}
_FINALS = {"": "Ø", "X": ""}
_LABIALS = frozenset("ᄆᄇᄈᄑ")
_AMBIGUOUS = re.compile("(.)…(.)")
#: Pieces by (system index, syllable, next syllable); "" stands for the word's start or end.
_PIECES: dict[tuple[int, str, str], str] = {}


def _piece(system: int, this: str, after: str) -> str:
    """Return ko-pron's piece for the boundary after `this` (before the first syllable if "")."""
    syllable = decompose_jamo(this) if this else dict(_START)
    following = decompose_jamo(after) if after else _END
    final = _FINALS.get(syllable["final"], syllable["final"])
    vowel = syllable["vowel"]
    if system == 4 and vowel == "ᅮ" and syllable["initial"] in _LABIALS:
        vowel = "ᅳ"
    if system not in (2, 4):
        if this == "밟":
            final = "ᆸ"
        pair = final + after
        if pair[:1] in ("ᇀ", "ᆴ") and pair[1:] in ("이", "히"):
            final = "ᆾ"
        elif pair == "ᆮ이":
            final = "ᆽ"
        elif pair == "ᆮ히":
            final = "ᆾ"
    junction = boundary[f"{final}-{following['initial']}"][system]
    return vowels[vowel][system] + junction


def romanise(word: str, code: str) -> str:
    """Return what `ko_pron.romanise(word, code)` returns for a run of Hangul syllables.

    >>> romanise("탈북민", "rr"), romanise("탈북민", "mr"), romanise("탈북민", "yr")
    ('talbungmin', "t'albungmin", 'thalpukmin')
    """
    system = system_lookup.index(code)
    pieces = []
    previous = ""
    for this in (*word, ""):
        key = (system, previous, this)
        piece = _PIECES.get(key)
        if piece is None:
            piece = _PIECES[key] = _piece(system, previous, this)
        pieces.append(piece)
        previous = this
    out = "".join(pieces)
    if system in (1, 2):
        for _ in range(2):
            out = _AMBIGUOUS.sub(_hyphen, out)
    elif system == 3:
        out = out.replace("swi", "shwi")
    return out


def _hyphen(matched: re.Match) -> str:
    a, b = matched.group(1), matched.group(2)
    return a + ("-" if ambiguous_intersyllabic_rr.get(a + b) else "") + b

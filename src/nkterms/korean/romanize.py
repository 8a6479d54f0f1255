"""Romanization: candidate spellings from ko-pron and korean-romanizer, and lookup keys.

Curated romanizations in the glossary are the truth; the libraries only propose
candidates (for `validate` to compare with) and extra lookup keys. Keys come in three
strengths so that a query in any system finds the term:

- strict: case, spaces, hyphens and apostrophe forms unified;
- loose: also diacritics (ŏ ŭ) and apostrophes dropped;
- skeleton: also eo→o, eu→u, k/g, t/d, p/b, ch/j, r/l merged and doubled letters collapsed.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import groupby

from .hangul import has_hangul, is_syllable

SYSTEMS = ("rr", "mr", "yale")
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼʻ′"})
_STRICT_DROP = str.maketrans("", "", " -‐‑–—_.·")
_SKELETON = (
    ("eo", "o"),
    ("eu", "u"),
    ("ng", "\0"),
    ("ch", "c"),
    ("j", "c"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("r", "l"),
    ("sh", "s"),
    ("\0", "ng"),
)


def strict_key(text: str) -> str:
    """Fold case, spaces, hyphens and apostrophe variants.

    >>> strict_key("Bukhyang-min"), strict_key("T’ALBUK cha")
    ('bukhyangmin', "t'albukcha")
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return text.casefold().translate(_STRICT_DROP)


def loose_key(text: str) -> str:
    """Also drop diacritics and apostrophes.

    >>> loose_key("saet'ŏmin"), loose_key("Saet’omin")
    ('saetomin', 'saetomin')
    """
    key = strict_key(text)
    if key.isascii():
        return key.replace("'", "")
    decomposed = unicodedata.normalize("NFD", key)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("'", "")


def skeleton_key(text: str) -> str:
    """Merge the letters romanization systems disagree on; for Latin text only.

    >>> skeleton_key("saeteomin") == skeleton_key("saet'ŏmin")
    True
    >>> skeleton_key("talbukja") == skeleton_key("t'albukcha")
    True
    >>> skeleton_key("Bukhyangmin") == skeleton_key("pukhyangmin")
    True
    """
    key = loose_key(text)
    for old, new in _SKELETON:
        key = key.replace(old, new)
    return "".join(letter for letter, _ in groupby(key))


def _by_runs(text: str, romanize) -> str:
    # ko-pron drops what is not Hangul (이북5도 → ibukdo), so romanize Hangul runs only.
    runs = ("".join(chars) for _, chars in groupby(text, key=is_syllable))
    return "".join(romanize(run) if has_hangul(run) else run for run in runs)


@cache
def ko_pron(text: str, system: str) -> str:
    """Return ko-pron's romanization of `text` in `system` (rr, mr or yale).

    Yale drops ko-pron's morpheme marks (`.` and `q`), as curated Yale spellings do.

    >>> ko_pron("탈북민", "rr"), ko_pron("탈북민", "mr"), ko_pron("탈북민", "yale")
    ('talbungmin', "t'albungmin", 'thalpukmin')
    >>> ko_pron("이북5도위원회", "rr")
    'ibuk5dowiwonhoe'
    """
    from ko_pron import romanise

    code = {"rr": "rr", "mr": "mr", "yale": "yr"}[system]

    def one(run: str) -> str:
        out = romanise(run, code)
        return out.replace(".", "").replace("q", "") if system == "yale" else out

    return _by_runs(text, one)


@cache
def transliterate(text: str) -> str:
    """Return the letter-by-letter spelling (no sound changes), as much of the press writes.

    >>> transliterate("탈북민"), transliterate("압록강")
    ('talbukmin', 'aprokgang')
    """
    from korean_romanizer.romanizer import Romanizer

    return _by_runs(text, lambda run: Romanizer(run).romanize())


def candidates(hangul: str) -> dict[str, str]:
    """Return the generated spellings of a Hangul form in every system.

    >>> candidates("새터민")["mr"]
    "saet'ŏmin"
    """
    out = {system: ko_pron(hangul, system) for system in SYSTEMS}
    out["translit"] = transliterate(hangul)
    return out


def same_spelling(curated: str, generated: str) -> bool:
    """Compare two spellings as the validator does: case, spaces and hyphens do not count.

    >>> same_spelling("Tongil-bu", "tong-ilbu"), same_spelling("talbukmin", "talbungmin")
    (True, False)
    """
    return strict_key(curated) == strict_key(generated)

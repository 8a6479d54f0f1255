"""Romanization: candidate spellings from ko-pron and korean-romanizer, and lookup keys.

Curated romanizations in the glossary are the truth; the libraries only propose
candidates (for `validate` to compare with) and extra lookup keys. Keys come in three
strengths so that a query in any system finds the term:

- strict: case, spaces, hyphens and apostrophe forms unified;
- loose: also diacritics (ŏ ŭ) and apostrophes dropped;
- skeleton: also eo→o, eu→u, k/g, t/d, p/b, ch/j, r/l merged and doubled letters collapsed.
"""

import unicodedata
from functools import cache, lru_cache
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
    return _unmarked(strict_key(text))


def _unmarked(key: str) -> str:
    """Return a strict key without diacritics and apostrophes (the loose key)."""
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
    return _skeleton(loose_key(text))


def _skeleton(key: str) -> str:
    """Return the skeleton of a loose key."""
    for old, new in _SKELETON:
        key = key.replace(old, new)
    return "".join(letter for letter, _ in groupby(key))


@lru_cache(maxsize=1 << 16)
def latin_keys(text: str) -> tuple[str, str, str]:
    """Return the (strict, loose, skeleton) keys of Latin text, each computed once.

    >>> latin_keys("Bukhyang-min")
    ('bukhyangmin', 'bukhyangmin', 'pukhyangmin')
    """
    strict = strict_key(text)
    loose = _unmarked(strict)
    return strict, loose, _skeleton(loose)


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
    from .kopron import romanise  # cold start: a lookup never romanizes

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
    from korean_romanizer.romanizer import Romanizer  # cold start: a lookup never romanizes

    return _by_runs(text, lambda run: Romanizer(run).romanize())


#: Generated spellings by form: computed once per process, or handed over by `remember`.
_GENERATED: dict[str, dict[str, str]] = {}


def candidates(hangul: str) -> dict[str, str]:
    """Return the generated spellings of a Hangul form in every system.

    >>> candidates("새터민")["mr"]
    "saet'ŏmin"
    """
    out = _GENERATED.get(hangul)
    if out is None:
        out = {system: ko_pron(hangul, system) for system in SYSTEMS}
        out["translit"] = transliterate(hangul)
        _GENERATED[hangul] = out
    return dict(out)


def generated(forms) -> dict[str, dict[str, str]]:
    """Return the generated spellings of these forms that this process has computed."""
    return {form: _GENERATED[form] for form in forms if form in _GENERATED}


def remember(found: dict[str, dict[str, str]]) -> None:
    """Keep spellings another process generated (a build reads files in worker processes)."""
    _GENERATED.update(found)


def same_spelling(curated: str, generated: str) -> bool:
    """Compare two spellings as the validator does: case, spaces and hyphens do not count.

    >>> same_spelling("Tongil-bu", "tong-ilbu"), same_spelling("talbukmin", "talbungmin")
    (True, False)
    """
    return strict_key(curated) == strict_key(generated)

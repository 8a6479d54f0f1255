"""Lookup keys: every normalized spelling under which a term can be found.

A key has a kind, from most to least exact: ID (the term id), STRICT (case, spaces,
hyphens and apostrophes unified; Hanja folded to Korean forms), LOOSE (diacritics and
apostrophes dropped), FUZZY (romanization skeleton, or jamo for Hangul), the form typo
suggestions are computed on.
"""

from operator import itemgetter

from .korean.hangul import has_hangul, jamo, normalize
from .korean.hanja import fold, has_han
from .korean.romanize import latin_keys

ID, STRICT, LOOSE, FUZZY = 0, 1, 2, 3


class Key(tuple):
    """One way to find a term: the normalized text, its kind and what it came from.

    A hand-written named tuple: `collections.namedtuple` would import `collections` on every
    cold lookup, and a lookup never makes a Key.

    >>> Key("bukhyangmin", STRICT, "rr")
    Key(text='bukhyangmin', kind=1, via='rr')
    """

    __slots__ = ()

    def __new__(cls, text: str, kind: int, via: str):
        return tuple.__new__(cls, (text, kind, via))

    def __repr__(self) -> str:
        return f"Key(text={self[0]!r}, kind={self[1]!r}, via={self[2]!r})"

    # itemgetter: as fast as namedtuple's fields (a build reads millions); `operator` is loaded
    # before any nkterms code runs (by functools, which sqlite3 imports; by `runpy` under -m).
    text = property(itemgetter(0), doc="the normalized spelling")
    kind = property(itemgetter(1), doc="ID, STRICT, LOOSE or FUZZY")
    via = property(itemgetter(2), doc="what the key came from (id, form, rr, …)")


def query_keys(text: str) -> list[tuple[str, int]]:
    """Return the (key, kind) pairs a query is looked up under.

    >>> query_keys("Saet'ŏmin")
    [("saet'ŏmin", 1), ('saetomin', 2), ('saetomin', 3)]
    >>> query_keys("脱北者")
    [('脫北者', 1)]
    """
    text = normalize(text)
    if has_hangul(text) or has_han(text):
        compact = fold(text.replace(" ", "")) if has_han(text) else text.replace(" ", "")
        return [(compact, STRICT)] + ([(jamo(compact), FUZZY)] if has_hangul(compact) else [])
    strict, loose, skeleton = latin_keys(text)
    return [(strict, STRICT), (loose, LOOSE), (skeleton, FUZZY)]


def fuzzy_key(text: str) -> str:
    """Return the key typo suggestions are computed on.

    >>> fuzzy_key("Bukhyang-min") == fuzzy_key("pukhyangmin")
    True
    """
    for key, kind in query_keys(text):
        if kind == FUZZY:
            return key
    return query_keys(text)[0][0]


def _spelling_keys(text: str, via: str, romanized: bool):
    text = normalize(text)
    if has_hangul(text) or has_han(text):
        for key, kind in query_keys(text):
            yield Key(key, kind, via)
        return
    strict, loose, skeleton = latin_keys(text)
    yield Key(strict, STRICT, via)
    yield Key(loose, LOOSE, via)
    yield Key(skeleton if romanized else loose, FUZZY, via)


def own_keys(term, generated: dict[str, str] | None = None) -> list[Key]:
    """Return the keys of a term's own spellings: id, form, Hanja and romanizations.

    `generated` adds library romanizations (ko-pron, korean-romanizer) as extra keys.
    """
    out = [Key(term.id, ID, "id")]
    out += _spelling_keys(term.form, "form", romanized=False)
    if term.hanja:
        out += _spelling_keys(term.hanja, "hanja", romanized=False)
    rom = term.romanization
    spelled = [*rom.systems().items(), *(("press", value) for value in rom.press)]
    spelled += [(f"{system} (generated)", value) for system, value in (generated or {}).items()]
    seen = set()
    for via, value in spelled:
        # a spelling met again makes only keys already listed (the first via is kept): most
        # generated spellings are the curated ones, and a large build makes millions of keys
        if value not in seen:
            seen.add(value)
            out += _spelling_keys(value, via, romanized=True)
    return _dedupe(out)


def rendering_keys(term) -> list[Key]:
    """Return keys for the term's renderings in other languages ("new settlers" → 새터민)."""
    out: list[Key] = []
    for rendering in term.renderings:
        out += _spelling_keys(rendering.text, f"rendering ({rendering.lang})", romanized=False)
    return _dedupe(out)


def _dedupe(keys: list[Key]) -> list[Key]:
    seen: dict[tuple[str, int], Key] = {}
    for key in keys:
        seen.setdefault((key.text, key.kind), key)
    return list(seen.values())

"""Find terms from any spelling: id, Hangul (with particles), Hanja, any romanization,
renderings in other languages, and typos as ranked suggestions."""

import unicodedata

from .errors import UsageError
from .index import memory_index, open_index
from .keys import FUZZY, ID, LOOSE, STRICT, fuzzy_key, query_keys
from .korean.hangul import has_hangul, normalize, strip_particles
from .korean.hanja import has_han, readings

MAX_QUERY = 200
_BASE = {ID: 1.0, STRICT: 1.0, LOOSE: 0.95, FUZZY: 0.75}
_KIND_NAME = {ID: "id", STRICT: "exact", LOOSE: "loose", FUZZY: "skeleton"}


class Match:
    """A term found for a query: its record, how it was found and how sure the match is.

    A plain class rather than a dataclass: dataclasses import `inspect`, which alone costs
    more than the lookup it would serve.
    """

    __slots__ = ("id", "score", "matched_by", "record", "note")

    def __init__(self, id: str, score: float, matched_by: str, record: dict, note: str = ""):
        self.id, self.score, self.matched_by, self.record, self.note = (
            id,
            score,
            matched_by,
            record,
            note,
        )

    def __repr__(self) -> str:
        return f"Match(id={self.id!r}, score={self.score!r}, matched_by={self.matched_by!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return (self.id, self.score, self.matched_by, self.note) == (
            other.id,
            other.score,
            other.matched_by,
            other.note,
        )

    def as_dict(self) -> dict:
        """Return the match as the JSON object `nkterms lookup --json` prints."""
        out = dict(self.record)
        out.update(matched_by=self.matched_by, score=round(self.score, 3))
        if self.note:
            out["note"] = self.note
        return out


def clean_query(query: str) -> str:
    """Normalize a query and reject what cannot be a term.

    >>> clean_query("  Bukhyang-min\\t")
    'Bukhyang-min'
    >>> clean_query("\\x00")
    Traceback (most recent call last):
    ...
    nkterms.errors.UsageError: empty query: give a term, e.g. `nkterms lookup bukhyangmin`
    """
    if any(unicodedata.category(ch) == "Cs" for ch in query):
        raise UsageError(
            "the query is not valid UTF-8: check the terminal's or the caller's encoding"
        )
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query)
    text = normalize(text)
    if not text:
        raise UsageError("empty query: give a term, e.g. `nkterms lookup bukhyangmin`")
    if len(text) > MAX_QUERY:
        raise UsageError(
            f"query is {len(text)} characters long: terms are at most {MAX_QUERY}; "
            "to check a whole text, look up its words one by one"
        )
    return text


def _variants(text: str):
    """Yield the forms to try for a query, with a score factor and what was removed.

    Particle stems and English singulars are computed only if the query itself found nothing.
    """
    yield text, 1.0, ""
    if has_hangul(text) and " " not in text:
        for stem in strip_particles(text):
            yield stem, 0.95, text[len(stem) :]
    elif not has_hangul(text):
        lowered = text.casefold()
        for suffix in ("'s", "s'", "es", "s"):
            if lowered.endswith(suffix) and len(text) > len(suffix) + 2:
                yield text[: len(text) - len(suffix)], 0.97, suffix


def _exact(index, text: str) -> dict[int, tuple[float, str]]:
    """Match the query, else the first of its variants (longest stem first) that matches."""
    best: dict[int, tuple[float, str]] = {}
    for form, factor, removed in _variants(text):
        keys = [(form.casefold(), ID)] + query_keys(form)
        for n, kind, via in index.find(keys):
            score = _BASE[kind] * factor
            how = via if kind == ID else f"{via} ({_KIND_NAME[kind]})"
            how += f", without {removed!r}" if removed else ""
            if n not in best or score > best[n][0]:
                best[n] = (score, how)
        if best:
            return best
    return best


def _prefix(index, text: str, limit: int) -> list[Match]:
    """Find terms whose spelling starts with the query ("Yalu" → Yalu River, 압록 → 압록강)."""
    shortest = 2 if has_hangul(text) else 3
    scored: dict[int, tuple[float, str]] = {}
    for key, kind in query_keys(text):
        if kind not in (STRICT, LOOSE) or len(key) < shortest:
            continue
        for n, via, found in index.prefixed(key, kind):
            score = 0.7 * _BASE[kind] * len(key) / len(found)
            if n not in scored or score > scored[n][0]:
                scored[n] = (score, f"{via} (starts with the query)")
    # A broad word (중국, "Korea") must not land silently on a narrower concept (중국동포).
    note = f"no glossary term is {text!r} itself; this one only starts with it"
    return _ranked(index, scored, limit, note)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Return the optimal-string-alignment distance of `a` and `b`, capped at `limit`.

    >>> edit_distance("bukhyangmn", "bukhyangmin"), edit_distance("ab", "ba")
    (1, 1)
    """
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return min(prev[-1], limit)


def _suggest(index, text: str, limit: int) -> list[Match]:
    key = fuzzy_key(text)[:40]
    allowed = 1 if len(key) < 5 else 2
    variants = deletions = {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}
    if allowed > 1:
        variants = deletions | {d[:i] + d[i + 1 :] for d in deletions for i in range(len(d))}
    scored: dict[int, tuple[float, str]] = {}
    for candidate in index.fuzzy_keys(variants):
        distance = edit_distance(key, candidate)
        if distance > allowed:
            continue
        score = 0.7 * (1 - distance / max(len(key), len(candidate)))
        for n, via in index.terms_with_key(candidate, FUZZY):
            if n not in scored or score > scored[n][0]:
                scored[n] = (score, f"{via} (typo, {distance} edit{'s' * (distance > 1)})")
    return _ranked(index, scored, limit)


def _ranked(index, scored: dict[int, tuple[float, str]], limit: int, note: str = "") -> list[Match]:
    order = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    out = []
    for n, (score, how) in order:
        record = index.record(n)
        out.append(Match(record["id"], score, how, record, note))
    return out


def _by_reading(index, text: str, limit: int) -> list[Match]:
    """For Hanja with no entry, find the terms that read the same and say the Hanja differs."""
    if not has_han(text):
        return []
    scored: dict[int, tuple[float, str]] = {}
    for reading in readings(text, limit=8):
        for n, (score, _how) in _exact(index, reading).items():
            scored.setdefault(n, (0.6 * score, f"hanja reading {reading!r}"))
    matches = _ranked(index, scored, limit)
    return [
        Match(
            m.id,
            m.score,
            m.matched_by,
            m.record,
            f"{text} is not this term's Hanja ({m.record.get('hanja') or 'none'}); "
            f"they only read the same",
        )
        for m in matches
    ]


def search(
    query: str, index=None, limit: int = 10, glossary=None
) -> tuple[list[Match], list[Match]]:
    """Return (matches, suggestions) for a query; suggestions come only when nothing matched.

    `index` is an open index; else `glossary`, a loaded `Glossary`, is searched in memory (its
    index is compiled on the first call and kept); else the default glossary's index is opened.
    """
    text = clean_query(query)
    if index is None:
        index = memory_index(glossary) if glossary is not None else open_index()
    matches = _ranked(index, _exact(index, text), limit)
    if not matches:
        matches = _by_reading(index, text, limit) or _prefix(index, text, limit)
    suggestions = [] if matches else _suggest(index, text, min(limit, 5))
    return matches, suggestions


def lookup(query: str, index=None, limit: int = 10, glossary=None) -> list[Match]:
    """Find glossary terms by id, Hangul, Hanja, romanization or rendering, best first.

    Searches `index`, else a loaded `glossary` (in memory), else the default glossary.

    >>> [m.id for m in lookup("BUKHYANG-MIN")]
    ['bukhyangmin']
    >>> lookup("북향민은")[0].matched_by
    "form (exact), without '은'"
    """
    return search(query, index=index, limit=limit, glossary=glossary)[0]

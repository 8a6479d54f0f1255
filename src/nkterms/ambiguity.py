"""The ambiguity engine: how else can a Korean word be read, and which readings matter?

A word in Hangul hides its Hanja. For each syllable the dictionary knows the characters with
that reading, and which combinations are attested words (北向 "facing north" is one), so the
engine lists the plausible spellings of a word with per-character meanings, marks which are
attested, and ranks them. Curated notes from the glossary come first; the glossary also
supplies homographs (two terms, one Hangul), one Hanja word with several senses (越南:
Vietnam / crossing to the South) and romanizations two words share.
"""

from __future__ import annotations

import unicodedata

from .errors import UsageError
from .korean.hangul import has_hangul, is_syllable, normalize
from .korean.hanja import fold, has_han, is_han, variant_spelling

MAX_SYLLABLES = 8
#: Longest input `homophones` reads, in characters after NFC: about twice the longest glossary
#: term (북한이탈주민의 보호 및 정착지원에 관한 법률, 24), so a whole term fits and a text does not.
MAX_WORD = 50
_ROMANIZATION_VIA = ("rr", "mr", "yale", "translit", "press")


def meanings(hanja: str, hangul: str, dictionary) -> list[dict]:
    """Return per-character meanings (훈음 and English); Hangul characters are native parts."""
    out = []
    for char, syllable in zip(hanja, hangul, strict=False):
        if not is_han(char):
            out.append({"char": char, "reading": char, "native": True, "ko": None, "en": None})
            continue
        found = dictionary.char(char, syllable)
        out.append(
            {
                "char": char,
                "reading": syllable,
                "native": False,
                "ko": found[1] if found else None,
                "en": found[2] if found else None,
            }
        )
    return out


def _senses(en: str, count: int = 3) -> str:
    """Return the first few senses of a Unihan definition, joined by slashes.

    >>> _senses("fence; surname; Korea; other")
    'fence/surname/Korea'
    """
    parts = [p.strip() for chunk in en.split(";") for p in chunk.split(",") if p.strip()]
    return "/".join(parts[:count])


def _gloss(items: list[dict]) -> str:
    return " + ".join(_senses(m["en"]) if m.get("en") else m["char"] for m in items)


def _pieces(word: str, dictionary, native: set[int]) -> dict[int, list[tuple[int, str, str]]]:
    """Attested multi-syllable words starting at each position: (length, hanja, gloss)."""
    found: dict[int, list[tuple[int, str, str]]] = {}
    for start in range(len(word)):
        for length in range(min(4, len(word) - start), 1, -1):
            if native & set(range(start, start + length)):
                continue
            for hanja, gloss in dictionary.words(word[start : start + length]):
                found.setdefault(start, []).append((length, hanja, gloss))
    return found


def _single(word: str, i: int, dictionary, native: set[int]) -> tuple[str, bool]:
    """Spell one syllable: (character, whether it counts as explained: native or a suffix)."""
    if i in native:
        return word[i], True
    if i == len(word) - 1 and i > 0:
        suffix = dictionary.affix(word[i])
        if suffix:
            return suffix[0], True
    chars = dictionary.chars(word[i], limit=1)
    return (chars[0][0], False) if chars else (word[i], True)


def _replacements(word: str, intended: str, dictionary, native: set[int]) -> list[dict]:
    """Spellings that differ from the intended one by one attested word (北鄕民 → 北向 + 民)."""
    out = []
    for start, found in _pieces(word, dictionary, native).items():
        for length, hanja, gloss in found:
            if hanja == intended[start : start + length]:
                continue
            spelled = intended[:start] + hanja + intended[start + length :]
            whole = length == len(word)
            out.append(
                {
                    "hanja": spelled,
                    "attested": whole,
                    "covered": length,
                    "parts": [] if whole else [(hanja, gloss)],
                    "ko_gloss": gloss if whole else "",
                    "rarity": dictionary.rarity(hanja, word[start : start + length]),
                }
            )
    return out


def spellings(
    word: str, dictionary, native: set[int] = frozenset(), intended: str = "", limit: int = 12
) -> list[dict]:
    """Return plausible Hanja spellings of a Hangul word, attested words first.

    With the intended spelling known, an alternative is one that swaps in another attested
    word for part of it. Otherwise every syllable but one must be covered by attested words
    (a listed suffix such as -民 counts), so bare strings of characters are never offered.
    """
    if len(word) > MAX_SYLLABLES:
        return []
    if intended and len(intended) == len(word):
        found = _replacements(word, intended, dictionary, native)
        # Common characters first: 國政院 is a likelier misreading of 국정원 than 鞠正院.
        return sorted(found, key=lambda r: (not r["attested"], r["rarity"], -r["covered"]))[:limit]
    results: dict[str, dict] = {}
    if not native:
        for hanja, gloss in dictionary.words(word):
            results[hanja] = {
                "hanja": hanja,
                "attested": True,
                "covered": len(word),
                "parts": [],
                "ko_gloss": gloss,
            }
    pieces = _pieces(word, dictionary, native)
    singles = [_single(word, i, dictionary, native) for i in range(len(word))]

    def walk(i: int, spelled: str, covered: int, loose: int, parts: list):
        if len(results) >= limit * 2 or loose > 1:
            return
        if i == len(word):
            if parts and spelled not in results:
                results[spelled] = {
                    "hanja": spelled,
                    "attested": False,
                    "covered": covered,
                    "parts": list(parts),
                    "ko_gloss": "",
                }
            return
        for length, hanja, gloss in pieces.get(i, []):
            if length < len(word):
                walk(i + length, spelled + hanja, covered + length, loose, parts + [(hanja, gloss)])
        char, explained = singles[i]
        walk(i + 1, spelled + char, covered, loose + (not explained), parts)

    walk(0, "", 0, 0, [])
    # Stable sort: attested words keep the dictionary's order (北韓 before 北漢 before 北限).
    ranked = sorted(results.values(), key=lambda r: (not r["attested"], -r["covered"]))
    return ranked[:limit]


def _item(word: str, spelling: dict, dictionary) -> dict:
    items = meanings(spelling["hanja"], word, dictionary)
    if spelling["attested"]:
        note = "an attested word" + (f" ({spelling['ko_gloss']})" if spelling["ko_gloss"] else "")
    else:
        words = ", ".join(f"{h}" + (f" ({g})" if g else "") for h, g in spelling["parts"])
        note = f"built from the word{'s' * (len(spelling['parts']) > 1)} {words}"
    return {
        "hanja": spelling["hanja"],
        "hangul": word,
        "gloss": _gloss(items),
        "meanings": items,
        "attested": spelling["attested"],
        "source": "dictionary",
        "kind": "homophone",
        "note": note,
    }


def _glossary_terms(word: str, index) -> list[dict]:
    from .keys import STRICT

    rows = index.find([(word, STRICT)])
    records = [index.bare(n) for n, _kind, via in rows if via == "form"]
    return [r for r in records if r["lang"] == "ko"]


def _native_positions(word: str, records: list[dict]) -> set[int]:
    native: set[int] = set()
    for record in records:
        if record.get("origin") == "native":
            native |= set(range(len(word)))
        hanja = (record.get("hanja") or "").replace(" ", "")
        if len(hanja) == len(word):
            native |= {i for i, ch in enumerate(hanja) if not is_han(ch)}
    return native


def _curated(word: str, records: list[dict], dictionary) -> list[dict]:
    out = []
    for record in records:
        intended = (record.get("hanja") or "").replace(" ", "")
        for h in record["homophones"]:
            if h.get("source") != "curated":
                continue
            hanja = (h.get("hanja") or "").replace(" ", "")
            items = meanings(hanja, h["hangul"], dictionary) if hanja else []
            same = hanja and hanja == intended
            out.append(
                {
                    "hanja": hanja or None,
                    "hangul": h["hangul"],
                    "gloss": h.get("gloss") or _gloss(items),
                    "meanings": items,
                    "attested": bool(hanja) and dictionary.is_word(hanja),
                    "source": "curated",
                    "kind": "polysemy" if same else "homophone",
                    "note": h.get("note") or "",
                    "sources": h.get("sources", []),
                    "verified": h.get("verified", True),
                    "term": record["id"],
                }
            )
    return out


def _from_glossary(word: str, records: list[dict], dictionary) -> list[dict]:
    out = []
    distinct = {((r.get("hanja") or "").replace(" ", ""), r["concept"]["id"]) for r in records}
    for record in records:
        hanja = (record.get("hanja") or "").replace(" ", "")
        items = meanings(hanja, word, dictionary) if hanja else []
        homograph = len(distinct) > 1
        out.append(
            {
                "hanja": hanja or None,
                "hangul": word,
                "gloss": record.get("gloss") or _gloss(items),
                "meanings": items,
                "attested": bool(hanja) and dictionary.is_word(hanja),
                "source": "glossary",
                "kind": "homograph" if homograph else "intended",
                "note": f"glossary term {record['id']} ({record['concept']['id']})",
                "term": record["id"],
                "intended": not homograph,
            }
        )
    return out


def _romanization_collisions(word: str, records: list[dict], index) -> list[dict]:
    from .keys import FUZZY

    ids = {r["id"] for r in records}
    marks = ",".join("?" * len(ids))
    query = (
        f"SELECT key FROM keys WHERE kind = ? AND n IN (SELECT n FROM terms WHERE id IN ({marks}))"
    )
    rows = index.db.execute(query, (FUZZY, *sorted(ids))).fetchall() if ids else []
    out, seen = [], set()
    for key in dict.fromkeys(key for (key,) in rows):
        if has_hangul(key) or not key:
            continue
        for n, via in index.terms_with_key(key, FUZZY):
            if not via.startswith(_ROMANIZATION_VIA):
                continue  # before reading the record: a rendering many terms share is no collision
            other = index.bare(n)
            if (
                other["id"] in ids
                or other["lang"] != "ko"
                or other["form"] == word
                or other["id"] in seen
            ):
                continue
            seen.add(other["id"])
            out.append(
                {
                    "hanja": other.get("hanja"),
                    "hangul": other["form"],
                    "gloss": other.get("gloss"),
                    "meanings": [],
                    "attested": False,
                    "source": "glossary",
                    "kind": "romanization",
                    "note": f"romanized like {word} ({key!r}): glossary term {other['id']}",
                    "term": other["id"],
                }
            )
    return out


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
        from .korean.hanja import readings

        given = fold(text)
        return readings(given, limit=1)[0], given
    return text, None


def _readings(
    reading: str, given: str | None, records: list[dict], index, dictionary, limit: int
) -> list[dict]:
    native = _native_positions(reading, records)
    found = _curated(reading, records, dictionary) + _from_glossary(reading, records, dictionary)
    if given and not any(item["hanja"] == given for item in found):
        items = meanings(given, reading, dictionary)
        found.append(
            {
                "hanja": given,
                "hangul": reading,
                "gloss": _gloss(items),
                "meanings": items,
                "attested": dictionary.is_word(given),
                "source": "input",
                "kind": "intended",
                "note": "the spelling asked about",
                "intended": True,
            }
        )
    listed = {item["hanja"] for item in found}
    budget = limit + len(found)
    intended = next((r["hanja"].replace(" ", "") for r in records if r.get("hanja")), given or "")
    for spelling in spellings(reading, dictionary, native, intended):
        if intended and variant_spelling(intended, spelling["hanja"]):
            continue  # 强制北送 is 強制北送 in variant characters, not another reading
        if spelling["hanja"] not in listed and len(found) < budget:
            found.append(_item(reading, spelling, dictionary))
            listed.add(spelling["hanja"])
    return found + _romanization_collisions(reading, records, index)


def plausible(item: dict) -> bool:
    """Tell whether a reading is worth a reader's attention (not a bare character string)."""
    if item.get("intended"):
        return False
    return item["source"] != "dictionary" or item["attested"] or "built from" in item["note"]


def automatic(record: dict, index, dictionary, limit: int = 5) -> list[dict]:
    """Return the readings of a glossary term the engine finds beyond its curated notes."""
    records = _glossary_terms(record["form"], index) or [record]
    found = _readings(record["form"], None, records, index, dictionary, limit)
    return [
        item
        for item in found
        if item["source"] != "curated" and plausible(item) and item.get("term") != record["id"]
    ]


def enrich(record: dict, index, dictionary) -> list[dict]:
    """Return a Korean term's curated readings, filled in with meanings, then the automatic ones."""
    return _curated(record["form"], [record], dictionary) + automatic(record, index, dictionary)


def homophones(word: str, index=None, dictionary=None, limit: int = 12) -> dict:
    """List the plausible readings of a Korean word (Hangul or Hanja), curated notes first.

    Returns ``{"word", "reading", "ambiguous", "native", "readings": [...]}``; each reading
    has ``hanja, hangul, gloss, meanings, attested, source, kind, note``.
    """
    reading, given = _parse(word)
    if dictionary is None:
        from .dictionary import open_dictionary

        dictionary = open_dictionary()
    if index is None:
        from .index import open_index

        index = open_index()
    records = _glossary_terms(reading, index)
    found = _readings(reading, given, records, index, dictionary, limit)
    native = "".join(reading[i] for i in sorted(_native_positions(reading, records)))
    others = [item for item in found if plausible(item)]
    return {
        "word": word,
        "reading": reading,
        "ambiguous": len(others) >= (1 if records or given else 2),
        "native": native or None,
        "readings": found,
    }

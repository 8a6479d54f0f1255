"""How else a Korean word can be read: the spellings, meanings and collisions behind homophones.

A word in Hangul hides its Hanja. For each syllable the dictionary knows the characters with
that reading, and which combinations are attested words (北向 "facing north" is one), so the
plausible spellings of a word are listed with per-character meanings, marked attested or not,
and ranked. Curated notes from the glossary come first; the glossary also supplies homographs
(two terms, one Hangul), one Hanja word with several senses (越南: Vietnam / crossing to the
South) and romanizations two words share. The glossary is read through `interfaces.TermSource`:
the compiled index at lookup time, the terms being compiled at build time (readings are
derived once, when the index is built).
"""

from __future__ import annotations

from .keys import FUZZY
from .korean.hangul import has_hangul
from .korean.hanja import is_han, variant_spelling

TYPE_CHECKING = False  # typing costs milliseconds at every cold start
if TYPE_CHECKING:  # pragma: no cover
    from .interfaces import TermSource

MAX_SYLLABLES = 8
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


def native_positions(word: str, records: list[dict]) -> set[int]:
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


def _romanization_collisions(word: str, records: list[dict], source: TermSource) -> list[dict]:
    ids = {r["id"] for r in records}
    out, seen = [], set()
    for key in source.skeletons(ids):
        if has_hangul(key) or not key:
            continue
        for n, via in source.terms_with_key(key, FUZZY):
            if not via.startswith(_ROMANIZATION_VIA):
                continue  # before reading the record: a rendering many terms share is no collision
            other = source.bare(n)
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


def readings_of(
    reading: str, given: str | None, records: list[dict], source: TermSource, dictionary, limit: int
) -> list[dict]:
    """Return the readings of a word: curated, the glossary's, the input's, then the dictionary's."""
    native = native_positions(reading, records)
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
    return found + _romanization_collisions(reading, records, source)


def plausible(item: dict) -> bool:
    """Tell whether a reading is worth a reader's attention (not a bare character string)."""
    if item.get("intended"):
        return False
    return item["source"] != "dictionary" or item["attested"] or "built from" in item["note"]


def automatic(record: dict, source: TermSource, dictionary, limit: int = 5) -> list[dict]:
    """Return the readings of a glossary term the engine finds beyond its curated notes."""
    records = source.terms_with_form(record["form"]) or [record]
    found = readings_of(record["form"], None, records, source, dictionary, limit)
    return [
        item
        for item in found
        if item["source"] != "curated" and plausible(item) and item.get("term") != record["id"]
    ]


def enrich(record: dict, source: TermSource, dictionary) -> list[dict]:
    """Return a Korean term's curated readings, filled in with meanings, then the automatic ones."""
    return _curated(record["form"], [record], dictionary) + automatic(record, source, dictionary)

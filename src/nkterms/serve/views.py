"""What the pages show, made from the API's documents: numbered sources, a status timeline,
a checked text cut into highlighted pieces, the browse table and the list of changes.

Pure functions over plain dicts, the glossary model and its term records: no Flask, so they
are tested alone.
"""

from __future__ import annotations

import re

from ..build import records

_BREAK = re.compile(r"\r\n|\r|\n")  # the checker counts lines the same way


def number_sources(record: dict) -> dict[str, int]:
    """Number every source a term's card cites, in the order the card shows them.

    >>> number_sources({"status": [{"sources": [{"id": "a"}]}],
    ...                 "connotation": {"sources": [{"id": "b"}, {"id": "a"}]}})
    {'a': 1, 'b': 2}
    """
    numbers: dict[str, int] = {}
    claims = [h for h in record.get("homophones") or [] if h.get("source") == "curated"]
    claims += list(record.get("status") or [])
    claims += [record.get("connotation") or {}]
    claims += list((record.get("renderings") or {}).values())
    claims += [record.get("concept") or {}]
    for claim in claims:
        for source in claim.get("sources") or []:
            numbers.setdefault(source["id"], len(numbers) + 1)
    return numbers


def sources_list(record: dict, numbers: dict[str, int]) -> list[dict]:
    """The sources of `numbers`, each once, in number order."""
    seen: dict[str, dict] = {}
    claims = [*(record.get("homophones") or []), *(record.get("status") or [])]
    claims += [record.get("connotation") or {}, *(record.get("renderings") or {}).values()]
    claims += [record.get("concept") or {}]
    for claim in claims:
        for source in claim.get("sources") or []:
            if source["id"] in numbers:
                seen.setdefault(source["id"], source)
    return [dict(seen[i], number=n) for i, n in sorted(numbers.items(), key=lambda p: p[1])]


def timeline(statuses: list[dict]) -> list[dict]:
    """The dated statuses, oldest first; undated ones last, in file order.

    >>> [s["value"] for s in timeline([{"value": "b", "since": "2020"},
    ...                                {"value": "c", "since": None},
    ...                                {"value": "a", "since": "1997-07"}])]
    ['a', 'b', 'c']
    """
    dated = sorted((s for s in statuses if s.get("since")), key=lambda s: s["since"])
    return dated + [s for s in statuses if not s.get("since")]


def warnings(record: dict) -> list[dict]:
    """The misreadings a reader must see first: curated homophones, then homographs."""
    return [h for h in record.get("homophones") or [] if h.get("source") == "curated"]


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts (LF, CRLF and a lone CR end a line).

    >>> line_starts("a\\r\\nb\\rc\\nd")
    [0, 3, 5, 7]
    """
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def pieces(text: str, findings: list[dict]) -> list[dict]:
    """Cut `text` into plain pieces and findings (each with its number in `findings`),
    in order; a finding that overlaps the one before it is left out of the text.

    >>> [(p["text"], p.get("n")) for p in pieces("ab cd", [{"line": 1, "col": 4, "text": "cd"}])]
    [('ab ', None), ('cd', 0)]
    """
    starts, out, at = line_starts(text), [], 0
    for n, finding in enumerate(findings):
        line = finding["line"] - 1
        if line >= len(starts):
            continue
        start = starts[line] + finding["col"] - 1
        end = start + len(finding["text"])
        if start < at or end > len(text):
            continue
        if start > at:
            out.append({"text": text[at:start]})
        out.append({"text": text[start:end], "n": n, "finding": finding})
        at = end
    if at < len(text):
        out.append({"text": text[at:]})
    return out


def browse(glossary, status: str = "", lang: str = "") -> list[tuple[str, list[dict]]]:
    """Concepts by category, each with its terms that pass the filters (none: left out)."""
    categories: dict[str, list[dict]] = {}
    by_id = {record.id: record for record in records(glossary)}
    for concept in glossary.concepts:
        terms = [
            {"id": t.id, "lang": t.lang, "form": t.form, "status": _value(by_id[t.id])}
            for t in concept.terms
            if (not lang or t.lang == lang) and (not status or _value(by_id[t.id]) == status)
        ]
        if terms:
            item = {"id": concept.id, "definition": concept.definition, "terms": terms}
            categories.setdefault(concept.category, []).append(item)
    return sorted(categories.items())


def _value(record) -> str:
    """Return the value of a term's current status, as its record holds it ("" for none)."""
    return record.current.value if record.current else ""


def choices(glossary) -> tuple[list[str], list[str]]:
    """The status values and languages the glossary uses, for the browse filters."""
    derived = records(glossary)
    return sorted({_value(r) for r in derived} - {""}), sorted({r.term.lang for r in derived})


def changes(glossary) -> list[dict]:
    """Every dated status change, newest first: a status given (since) or ended (until)."""
    out = []
    for term in glossary.terms():
        for status in term.status:
            for date, event in ((status.since, "since"), (status.until, "until")):
                if date:
                    out.append(
                        {
                            "date": date,
                            "event": event,
                            "term": term.id,
                            "form": term.form,
                            "lang": term.lang,
                            "value": status.value,
                            "by": status.by,
                        }
                    )
    return sorted(out, key=lambda c: (c["date"], c["term"]), reverse=True)

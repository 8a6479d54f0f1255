"""Write the compiled index: every table in one transaction, rows in batches."""

from __future__ import annotations

import marshal

from ..check.rules import rules
from ..keys import FUZZY
from ..records import TermRecord, concept_data
from ..store import INDEXES, SCHEMA


def deletions(text: str) -> set[str]:
    """Return `text` with each one character removed (the SymSpell neighbourhood).

    >>> sorted(deletions("abc"))
    ['ab', 'ac', 'bc']
    """
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def write(db, glossary, records: list[TermRecord]) -> None:
    """Fill an empty database with the index of `records` (see store.SCHEMA)."""
    db.executescript(SCHEMA)
    registry = glossary.sources
    slim = [record.rule_data() for record in records]
    with db:
        db.executemany(
            "INSERT INTO concepts VALUES (?, ?)",
            ((c.id, marshal.dumps(concept_data(c, registry))) for c in glossary.concepts),
        )
        db.executemany(
            "INSERT INTO terms VALUES (?, ?, ?)",
            ((r.n, r.id, marshal.dumps(r.data)) for r in records),
        )
        db.executemany(
            "INSERT INTO keys VALUES (?, ?, ?, ?)",
            ((k.text, k.kind, r.n, k.via) for r in records for k in r.keys),
        )
        fuzzy = sorted({k.text for r in records for k in r.keys if k.kind == FUZZY})
        db.executemany(
            "INSERT INTO fuzzy VALUES (?, ?)",
            ((variant, key) for key in fuzzy for variant in sorted(deletions(key) | {key})),
        )
        db.execute("INSERT INTO blobs VALUES ('rule_records', ?)", (marshal.dumps(slim),))
        # The rules with no house style, as plain tuples: what a cold `nkterms check` usually needs.
        default = [tuple(rule) for rule in rules(slim)]
        db.execute("INSERT INTO blobs VALUES ('default_rules', ?)", (marshal.dumps(default),))
        db.executescript(INDEXES)

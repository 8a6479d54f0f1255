"""Write the compiled index: every table in one transaction, rows in batches."""

from __future__ import annotations

import marshal
from collections.abc import Iterable

from ..check.rules import rules
from ..keys import FUZZY
from ..records import TermRecord, concept_data
from ..store import INDEXES, SCHEMA
from .keytables import KeyTables, insert_fuzzy, key_rows

#: Terms (about ten key rows each) per executemany call: enough to amortize it, few to stream.
BATCH = 5_000


def write(db, glossary, records: Iterable[TermRecord], tables: KeyTables | None = None) -> None:
    """Fill an empty database with the index of `records` (see store.SCHEMA).

    `records` may be a generator: each is written and dropped, only its rule data kept.
    `tables` writes the key tables when the caller started a running one with every key of
    `records`; else their rows are made here from the records' keys.
    """
    db.executescript(SCHEMA)
    registry = glossary.sources
    slim, fuzzy_keys, current = [], set(), {}
    collect = tables is None or not tables.running
    terms, keys = [], []
    with db:
        for record in records:
            current[record.id] = record.current
            slim.append(record.rule_data())
            terms.append((record.n, record.id, marshal.dumps(record.data)))
            if collect:
                keys += key_rows(record.n, record.keys)
                fuzzy_keys.update(k.text for k in record.keys if k.kind == FUZZY)
            if len(terms) >= BATCH:
                _flush(db, terms, keys)
        _flush(db, terms, keys)
        db.executemany(
            "INSERT INTO concepts VALUES (?, ?)",
            ((c.id, marshal.dumps(concept_data(c, registry, current))) for c in glossary.concepts),
        )
        db.execute("INSERT INTO blobs VALUES ('rule_records', ?)", (marshal.dumps(slim),))
        # The rules with no house style, as plain tuples: what a cold `nkterms check` usually needs.
        default = [tuple(rule) for rule in rules(slim)]
        db.execute("INSERT INTO blobs VALUES ('default_rules', ?)", (marshal.dumps(default),))
        if collect:
            insert_fuzzy(db, fuzzy_keys)
    if not collect:
        tables.copy_into(db)
    db.executescript(INDEXES)


def _flush(db, terms: list, keys: list) -> None:
    """Insert the pending rows and empty the lists."""
    db.executemany("INSERT INTO terms VALUES (?, ?, ?)", terms)
    db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)", keys)
    terms.clear()
    keys.clear()

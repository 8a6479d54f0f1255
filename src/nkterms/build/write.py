"""Write the compiled index: the tables in one transaction, the fuzzy table in its own."""

from __future__ import annotations

import marshal
from collections.abc import Iterable

from ..check.rules import rules
from ..keys import FUZZY
from ..records import TermRecord, concept_data
from ..store import INDEXES, SCHEMA
from .fuzzy import FuzzyWriter

#: Rows inserted per executemany call: large enough to amortize the call, small enough to stream.
BATCH = 50_000


def write(db, glossary, records: Iterable[TermRecord], fuzzy: FuzzyWriter | None = None) -> None:
    """Fill an empty database with the index of `records` (see store.SCHEMA).

    `records` may be a generator: each is written and dropped, only its rule data kept.
    `fuzzy` writes the fuzzy table when the caller started one with every fuzzy key of
    `records`; else the rows are made here from the records' keys.
    """
    db.executescript(SCHEMA)
    registry = glossary.sources
    slim, fuzzy_keys, current = [], set(), {}
    collect = fuzzy is None
    terms, keys = [], []
    with db:
        for record in records:
            current[record.id] = record.current
            slim.append(record.rule_data())
            terms.append((record.n, record.id, marshal.dumps(record.data)))
            keys += [(k.text, k.kind, record.n, k.via) for k in record.keys]
            if collect:
                fuzzy_keys.update(k.text for k in record.keys if k.kind == FUZZY)
            if len(keys) >= BATCH:
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
    (fuzzy or FuzzyWriter(fuzzy_keys)).copy_into(db)
    db.executescript(INDEXES)


def _flush(db, terms: list, keys: list) -> None:
    """Insert the pending rows and empty the lists."""
    db.executemany("INSERT INTO terms VALUES (?, ?, ?)", terms)
    db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)", keys)
    terms.clear()
    keys.clear()

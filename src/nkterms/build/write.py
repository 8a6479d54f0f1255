"""Write the compiled index: every table in one transaction, rows in batches."""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from itertools import chain, repeat

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


#: Rows inserted per executemany call: large enough to amortize the call, small enough to stream.
BATCH = 50_000


def write(db, glossary, records: Iterable[TermRecord]) -> None:
    """Fill an empty database with the index of `records` (see store.SCHEMA), in one transaction.

    `records` may be a generator: each is written and dropped, only its rule data kept.
    """
    db.executescript(SCHEMA)
    registry = glossary.sources
    slim, fuzzy, current = [], set(), {}
    terms, keys = [], []
    with db:
        for record in records:
            current[record.id] = record.current
            slim.append(record.rule_data())
            terms.append((record.n, record.id, marshal.dumps(record.data)))
            keys += [(k.text, k.kind, record.n, k.via) for k in record.keys]
            fuzzy.update(k.text for k in record.keys if k.kind == FUZZY)
            if len(keys) >= BATCH:
                _flush(db, terms, keys)
        _flush(db, terms, keys)
        db.executemany(
            "INSERT INTO concepts VALUES (?, ?)",
            ((c.id, marshal.dumps(concept_data(c, registry, current))) for c in glossary.concepts),
        )
        db.executemany(
            "INSERT INTO fuzzy VALUES (?, ?)",
            # rows made by zip in C, not one generator step each: a large glossary has millions
            chain.from_iterable(
                zip(sorted(deletions(key) | {key}), repeat(key)) for key in sorted(fuzzy)
            ),
        )
        db.execute("INSERT INTO blobs VALUES ('rule_records', ?)", (marshal.dumps(slim),))
        # The rules with no house style, as plain tuples: what a cold `nkterms check` usually needs.
        default = [tuple(rule) for rule in rules(slim)]
        db.execute("INSERT INTO blobs VALUES ('default_rules', ?)", (marshal.dumps(default),))
        db.executescript(INDEXES)


def _flush(db, terms: list, keys: list) -> None:
    """Insert the pending rows and empty the lists."""
    db.executemany("INSERT INTO terms VALUES (?, ?, ?)", terms)
    db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)", keys)
    terms.clear()
    keys.clear()

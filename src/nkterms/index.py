"""The compiled lookup index: an SQLite file built once per glossary state, opened fast.

Cold start matters (`nkterms lookup` is a new process each time), so opening the index
touches only os, SQLite and marshal: the glossary is read, checked and compiled only when
its files changed since the cached index was built.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from . import cache
from .cache import open_cached
from .paths import default_root

TYPE_CHECKING = False  # no sqlite3 import at run time: see cache.py
if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

FORMAT = 6
_SCHEMA = """
CREATE TABLE terms(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data BLOB NOT NULL);
CREATE TABLE concepts(id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE keys(key TEXT NOT NULL, kind INTEGER NOT NULL, n INTEGER NOT NULL, via TEXT NOT NULL);
CREATE TABLE fuzzy(variant TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE hanja_forms(n INTEGER NOT NULL, form TEXT NOT NULL);
CREATE TABLE blobs(k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS keys_key ON keys(key, kind);
CREATE INDEX IF NOT EXISTS keys_term ON keys(n);
CREATE INDEX fuzzy_variant ON fuzzy(variant);
"""


def deletions(text: str) -> set[str]:
    """Return `text` with each one character removed (the SymSpell neighbourhood).

    >>> sorted(deletions("abc"))
    ['ab', 'ac', 'bc']
    """
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def fingerprint(root) -> str:
    """Summarize the glossary files' names, sizes and times, and the code that compiles them."""
    return cache.fingerprint(root, [f"format={FORMAT}", f"python={sys.version_info[:2]}"], _code)


def _code() -> list[str]:
    """Return the files whose change changes what the index holds."""
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "data")
    code = [os.path.join(data, n) for n in sorted(os.listdir(data)) if n.endswith(".tsv")]
    for folder in (here, os.path.join(here, "korean")):
        code += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".py")]
    # the index stores the checker's default rules, which these compute
    code += [os.path.join(here, "check", n) for n in ("advice.py", "rules.py", "spacing.py")]
    return code


def with_concept(record: dict, concept: dict) -> dict:
    """Return a stored term record with its concept filled in: the concept's other terms, in order.

    >>> bare = {"id": "a", "concept": {"id": "c"}, "line": 3}
    >>> with_concept(bare, {"id": "c", "terms": [{"id": "a"}, {"id": "b"}]})
    {'id': 'a', 'concept': {'id': 'c', 'terms': [{'id': 'b'}]}, 'line': 3}
    """
    others = [t for t in concept["terms"] if t["id"] != record["id"]]
    return {**record, "concept": {**concept, "terms": others}}


class Index:
    """An open lookup index."""

    def __init__(self, connection: sqlite3.Connection):
        self.db = connection
        self._concepts: dict[str, bytes] = {}

    def find(self, keys: list[tuple[str, int]]) -> list[tuple[int, int, str]]:
        """Return (term number, kind, via) for every key that matches exactly."""
        if not keys:
            return []
        clause = " OR ".join("(key = ? AND kind = ?)" for _ in keys)
        params = [value for pair in keys for value in pair]
        return self.db.execute(f"SELECT n, kind, via FROM keys WHERE {clause}", params).fetchall()

    def prefixed(self, prefix: str, kind: int, limit: int = 50) -> list[tuple[int, str, str]]:
        """Return (term number, via, key) for keys of one kind that start with `prefix`."""
        rows = self.db.execute(
            "SELECT n, via, key FROM keys WHERE key >= ? AND key < ? AND kind = ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", kind, limit),
        )
        return rows.fetchall()

    def fuzzy_keys(self, variants: set[str]) -> set[str]:
        """Return the fuzzy keys that share a deletion variant with the query."""
        found: set[str] = set()
        items = sorted(variants)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT DISTINCT key FROM fuzzy WHERE variant IN ({marks})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def terms_with_key(self, key: str, kind: int) -> list[tuple[int, str]]:
        """Return (term number, via) for the terms filed under one key."""
        return self.db.execute(
            "SELECT n, via FROM keys WHERE key = ? AND kind = ?", (key, kind)
        ).fetchall()

    def record(self, n: int) -> dict:
        """Return the record of term number `n`, as `lookup --json` shows it."""
        record = self.bare(n)
        concept_id = record["concept"]["id"]
        if concept_id not in self._concepts:
            row = self.db.execute("SELECT data FROM concepts WHERE id = ?", (concept_id,))
            self._concepts[concept_id] = row.fetchone()[0]
        return with_concept(record, marshal.loads(self._concepts[concept_id]))

    def bare(self, n: int) -> dict:
        """Return the stored record of term number `n`: its concept only by id (see records)."""
        row = self.db.execute("SELECT data FROM terms WHERE n = ?", (n,)).fetchone()
        return marshal.loads(row[0])

    def size(self) -> int:
        """Return how many terms the index holds."""
        return self.db.execute("SELECT count(*) FROM terms").fetchone()[0]


def _fill(db: sqlite3.Connection, glossary) -> None:
    from .keys import FUZZY, own_keys, rendering_keys
    from .korean.romanize import candidates
    from .records import bare_record, concept_record

    db.executescript(_SCHEMA)
    fuzzy: set[str] = set()
    with db:
        db.executemany(
            "INSERT INTO concepts VALUES (?, ?)",
            ((c.id, marshal.dumps(concept_record(c, glossary.sources))) for c in glossary.concepts),
        )
        for n, concept_term in enumerate((c, t) for c in glossary.concepts for t in c.terms):
            concept, term = concept_term
            record = bare_record(term, concept.id, glossary.sources)
            db.execute("INSERT INTO terms VALUES (?, ?, ?)", (n, term.id, marshal.dumps(record)))
            generated = candidates(term.form) if term.lang == "ko" else None
            keys = own_keys(term, generated) + rendering_keys(term)
            db.executemany(
                "INSERT INTO keys VALUES (?, ?, ?, ?)", [(k.text, k.kind, n, k.via) for k in keys]
            )
            fuzzy.update(k.text for k in keys if k.kind == FUZZY)
        _add_readings(db)
        db.executemany(
            "INSERT INTO fuzzy VALUES (?, ?)",
            ((variant, key) for key in sorted(fuzzy) for variant in sorted(deletions(key) | {key})),
        )
        db.executescript(_INDEXES)


def _hanja_forms(db: sqlite3.Connection, dictionary) -> None:
    """Store the simplified and Japanese forms of each Hanja spelling (脫北者 → 脱北者), at most
    eight a term, so the checker's automaton finds them without folding every text it reads."""
    from itertools import product

    rows = db.execute("SELECT n, key FROM keys WHERE via = 'hanja' AND kind = 1").fetchall()
    variants = dictionary.variants("".join(key for _n, key in rows))
    for n, key in rows:
        options = [[ch, *variants.get(ch, [])] for ch in key]
        forms = ["".join(combo) for combo in list(product(*options))[:9]]
        db.executemany("INSERT INTO hanja_forms VALUES (?, ?)", [(n, form) for form in forms])


def _add_readings(db: sqlite3.Connection) -> None:
    """Store each Korean term's ambiguities (curated, then found) in its record."""
    from .ambiguity import enrich
    from .dictionary import open_dictionary

    db.execute("CREATE INDEX IF NOT EXISTS keys_key ON keys(key, kind)")
    db.execute("CREATE INDEX IF NOT EXISTS keys_term ON keys(n)")
    index, dictionary = Index(db), open_dictionary()
    _hanja_forms(db, dictionary)
    from .check.rules import slim_record

    forms: dict[int, list[str]] = {}
    for n, form in db.execute("SELECT n, form FROM hanja_forms ORDER BY rowid"):
        forms.setdefault(n, []).append(form)
    from .check.spacing import parts_finder

    rows = db.execute("SELECT n, data FROM terms ORDER BY n").fetchall()
    records = {n: marshal.loads(data) for n, data in rows}
    # A term's record names its concept by id; the checker's rules also need the category.
    category = {
        cid: marshal.loads(data)["category"]
        for cid, data in db.execute("SELECT id, data FROM concepts")
    }
    for record in records.values():
        record["concept"]["category"] = category[record["concept"]["id"]]
    parts = parts_finder(dictionary, list(records.values()))
    slim = [slim_record(r, forms.get(n, []), parts(r)) for n, r in records.items()]
    db.execute("INSERT INTO blobs VALUES ('rule_records', ?)", (marshal.dumps(slim),))
    from .check.rules import rules

    # The rules with no house style, as plain tuples: what a cold `nkterms check` usually needs.
    db.execute(
        "INSERT INTO blobs VALUES ('default_rules', ?)",
        (marshal.dumps([tuple(rule) for rule in rules(slim)]),),
    )
    for n, data in db.execute("SELECT n, data FROM terms").fetchall():
        record = marshal.loads(data)
        if record["lang"] == "ko":
            record["homophones"] = enrich(record, index, dictionary)
            db.execute("UPDATE terms SET data = ? WHERE n = ?", (marshal.dumps(record), n))


def memory_index(glossary) -> Index:
    """Build an index of a loaded glossary in memory."""
    db = cache.connect(":memory:")
    _fill(db, glossary)
    return Index(db)


def open_index(root=None, on_build=None) -> Index:
    """Open the index of the glossary at `root`, compiling it first when it is missing or stale.

    `on_build(root)` is called before a compile starts, so a caller can say it will take a moment.
    Raises GlossaryError when the glossary has errors; nothing is written then.
    """
    root = os.fspath(root) if root is not None else default_root()
    loaded = []

    def fill(db):
        if not loaded:
            from .glossary import load

            loaded.append(load(root))
        _fill(db, loaded[0])

    name = f"index-{zlib.crc32(os.path.realpath(root).encode()):08x}.sqlite"
    announce = (lambda: on_build(root)) if on_build else None
    return Index(open_cached(name, fingerprint(root), fill, on_build=announce))

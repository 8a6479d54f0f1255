"""The compiled index, read-only: the tables a build writes and the queries engines make.

The engines read through the small interfaces in `interfaces` (term records and keys for
lookup and the homophone engine, rule records for the checker); this class implements them
with SQL, so no engine writes SQL of its own. Opening touches only SQLite's C module (see cache.py) and marshal:
a cold `nkterms lookup` pays for nothing else.
"""

import marshal

TYPE_CHECKING = False  # no sqlite3 import at run time: see cache.py
if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

#: The tables of a compiled index (the build writes them, see `build.write`).
SCHEMA = """
CREATE TABLE terms(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data BLOB NOT NULL);
CREATE TABLE concepts(id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE keys(key TEXT NOT NULL, kind INTEGER NOT NULL, n INTEGER NOT NULL, via TEXT NOT NULL);
CREATE TABLE fuzzy(variant TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE blobs(k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX keys_key ON keys(key, kind);
CREATE INDEX keys_term ON keys(n);
CREATE INDEX fuzzy_variant ON fuzzy(variant);
"""
#: Key kinds (see keys.py; repeated here so opening the store imports nothing more).
_STRICT, _FUZZY = 1, 3


def with_concept(record: dict, concept: dict) -> dict:
    """Return a stored term record with its concept filled in: the concept's other terms, in order.

    >>> bare = {"id": "a", "concept": {"id": "c"}, "line": 3}
    >>> with_concept(bare, {"id": "c", "terms": [{"id": "a"}, {"id": "b"}]})
    {'id': 'a', 'concept': {'id': 'c', 'terms': [{'id': 'b'}]}, 'line': 3}
    """
    others = [t for t in concept["terms"] if t["id"] != record["id"]]
    return {**record, "concept": {**concept, "terms": others}}


class Index:
    """An open lookup index (implements `interfaces.TermSource` and `interfaces.RuleSource`)."""

    def __init__(self, connection: "sqlite3.Connection"):
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

    def terms_with_form(self, form: str) -> list[dict]:
        """Return the stored records of the Korean terms written `form` (homographs share one)."""
        rows = self.find([(form, _STRICT)])
        records = [self.bare(n) for n, _kind, via in rows if via == "form"]
        return [r for r in records if r["lang"] == "ko"]

    def skeletons(self, term_ids: set[str]) -> list[str]:
        """Return the fuzzy keys of these terms, term by term, without repeats."""
        if not term_ids:
            return []
        marks = ",".join("?" * len(term_ids))
        query = f"SELECT key FROM keys WHERE kind = ? AND n IN (SELECT n FROM terms WHERE id IN ({marks})) ORDER BY n, rowid"
        rows = self.db.execute(query, (_FUZZY, *sorted(term_ids)))
        return list(dict.fromkeys(key for (key,) in rows))

    def record(self, n: int) -> dict:
        """Return the record of term number `n`, as `lookup --json` shows it."""
        record = self.bare(n)
        return with_concept(record, self.concept(record["concept"]["id"]))

    def concept(self, concept_id: str) -> dict | None:
        """Return a concept as stored (definition, sources, every term with its current
        status), or None when the index has no such concept."""
        if concept_id not in self._concepts:
            row = self.db.execute("SELECT data FROM concepts WHERE id = ?", (concept_id,))
            found = row.fetchone()
            if found is None:
                return None
            self._concepts[concept_id] = found[0]
        return marshal.loads(self._concepts[concept_id])

    def bare(self, n: int) -> dict:
        """Return the stored record of term number `n`: its concept only by id (see records)."""
        row = self.db.execute("SELECT data FROM terms WHERE n = ?", (n,)).fetchone()
        return marshal.loads(row[0])

    def size(self) -> int:
        """Return how many terms the index holds."""
        return self.db.execute("SELECT count(*) FROM terms").fetchone()[0]

    def rule_records(self) -> list[dict]:
        """Return what the checker's rules read of each term (`records.TermRecord.rule_data`)."""
        return self._blob("rule_records")

    def default_rules(self) -> list[tuple]:
        """Return the checker's rules with no house style, as plain tuples (`check.rules.Rule`)."""
        return self._blob("default_rules")

    def _blob(self, name: str):
        row = self.db.execute("SELECT v FROM blobs WHERE k = ?", (name,)).fetchone()
        return marshal.loads(row[0])

"""The key tables written in a worker process are the tables the main process would write."""

from __future__ import annotations

import marshal
import sqlite3
from pathlib import Path

import pytest

from nkterms.build import compile_glossary, keytables
from nkterms.glossary import load

DATA = Path(__file__).parent / "data"


def _compiled(folder: str) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    compile_glossary(db, load(DATA / folder))
    return db


def _compiled_inline(folder: str) -> sqlite3.Connection:
    """Compile with the key tables written by the main process, whatever the size."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keytables, "PARALLEL_TERMS", 1 << 62)
        return _compiled(folder)


def _index(db) -> tuple[list, list]:
    """Return an index's schema and every row of every table, blobs unmarshalled (marshal's
    bytes depend on how many references each object had when it was written)."""
    schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    rows = []
    for _type, table, sql in (entry for entry in schema if entry[0] == "table"):
        # a WITHOUT ROWID table is stored in its key's order
        query = (
            f"SELECT * FROM {table}"
            if "WITHOUT ROWID" in sql
            else f"SELECT rowid, * FROM {table} ORDER BY rowid"
        )
        for row in db.execute(query):
            rows.append((table, *(marshal.loads(v) if isinstance(v, bytes) else v for v in row)))
    return schema, rows


def _key_rows(db) -> list[tuple]:
    """Return the rows of both key tables in rowid order."""
    keys = db.execute("SELECT rowid, * FROM keys ORDER BY rowid").fetchall()
    return keys + db.execute("SELECT rowid, * FROM fuzzy ORDER BY rowid").fetchall()


def _scratch_files(tmp_path) -> list[Path]:
    return sorted(tmp_path.glob("nkterms-keys-*"))


@pytest.fixture
def scratch_dir(tmp_path, monkeypatch):
    """Put the worker's scratch files in tmp_path, so the test sees them go."""
    monkeypatch.setattr(keytables.tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("folder", ["good", "advice"])
def test_worker_writes_the_same_rows_in_the_same_order(folder, monkeypatch, scratch_dir):
    inline = _compiled_inline(folder)
    monkeypatch.setattr(keytables, "PARALLEL_TERMS", 0)
    monkeypatch.setattr(keytables.os, "cpu_count", lambda: 2)  # a worker on any runner
    started = []
    real_start = keytables.KeyTables.start
    monkeypatch.setattr(
        keytables.KeyTables, "start", lambda self: started.append(real_start(self).running) or self
    )
    in_worker = _compiled(folder)
    assert started == [True], "the worker must have run"
    assert _key_rows(inline) and _key_rows(in_worker) == _key_rows(inline)
    # the whole index, not only the key tables: every table and index, schema and rows
    assert _index(in_worker) == _index(inline)
    assert _scratch_files(scratch_dir) == []


def test_a_failed_worker_leaves_the_tables_to_the_main_process(monkeypatch, scratch_dir):
    inline = _compiled_inline("good")

    def crash(path, keys):
        raise MemoryError("worker out of memory")

    monkeypatch.setattr(keytables, "PARALLEL_TERMS", 0)
    monkeypatch.setattr(keytables.os, "cpu_count", lambda: 2)  # a worker on any runner
    monkeypatch.setattr(keytables, "_write_scratch", crash)
    recovered = _compiled("good")
    assert _key_rows(recovered) == _key_rows(inline)
    assert _index(recovered) == _index(inline)
    assert _scratch_files(scratch_dir) == []


def test_deletions_are_the_symspell_neighbourhood():
    assert keytables.deletions("탈북") == {"탈", "북"}
    rows = list(keytables.fuzzy_rows({"ab"}))
    assert rows == [("a", "ab"), ("ab", "ab"), ("b", "ab")]

"""The key tables (`keys`, and `fuzzy`: SymSpell deletion variants of every fuzzy key),
written beside the rest.

A 100,000-term glossary has a million key rows and some 3 million fuzzy rows; making and
inserting them took a third of the build, serially after the records were derived. Every key
is known after the first pass, before any record is derived, so a forked process writes both
tables into a scratch database while the main process derives and writes the others; the
main process then copies them over in SQLite (no Python per row) in the same order, so the
index is the same.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from itertools import chain, repeat

from ..keys import FUZZY, Key

#: Fewer terms than this are written in the main process: a fork costs more than it saves.
PARALLEL_TERMS = 5_000


def deletions(text: str) -> set[str]:
    """Return `text` with each one character removed (the SymSpell neighbourhood).

    >>> sorted(deletions("abc"))
    ['ab', 'ac', 'bc']
    """
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def fuzzy_rows(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Return the (variant, key) rows of a set of fuzzy keys, keys and variants sorted."""
    # rows made by zip in C, not one generator step each: a large glossary has millions
    return chain.from_iterable(
        zip(sorted(deletions(key) | {key}), repeat(key)) for key in sorted(keys)
    )


def key_rows(n: int, keys: Iterable[Key]) -> list[tuple[str, int, int, str]]:
    """Return the rows of the `keys` table for term number `n`."""
    return [(k.text, k.kind, n, k.via) for k in keys]


def insert_fuzzy(db, keys: Iterable[str]) -> None:
    """Insert the fuzzy rows of `keys` into the `fuzzy` table of `db`."""
    db.executemany("INSERT INTO fuzzy VALUES (?, ?)", fuzzy_rows(keys))


class KeyTables:
    """Writes the key tables of every term's keys in a forked worker process.

    `start()` forks when it pays and is safe (else `running` stays false and the caller writes
    the tables itself); `copy_into(db)` fills `db`'s tables from the scratch file, or from
    `recompute()` (every term's keys again) when the worker failed.
    """

    def __init__(self, keys: list[list[Key]], recompute):
        self._keys = keys
        self._recompute = recompute
        self._worker = None
        self._path = None

    @property
    def running(self) -> bool:
        """Whether a worker writes the tables (then the caller must not)."""
        return self._worker is not None

    def start(self) -> KeyTables:
        """Fork the worker when there are many terms, several CPUs and no other threads."""
        # forking a process that runs other threads (a server) can deadlock the child
        alone = threading.active_count() == 1
        if len(self._keys) < PARALLEL_TERMS or (os.cpu_count() or 1) < 2 or not alone:
            return self
        fd, self._path = tempfile.mkstemp(prefix="nkterms-keys-", suffix=".sqlite")
        os.close(fd)
        context = multiprocessing.get_context("fork")
        self._worker = context.Process(target=_worker, args=(self._path, self._keys))
        self._worker.start()
        self._keys = None  # the worker has its copy; the caller lets each term's go
        return self

    def copy_into(self, db) -> None:
        """Fill the empty key tables of `db`; call it with no transaction open."""
        self._worker.join()
        if self._worker.exitcode != 0:  # the worker died (memory, a signal): do it here
            with db:
                _insert_all(db, self._recompute())
            return
        # ATTACH is not allowed inside a transaction: the copy is a transaction of its own
        db.execute("ATTACH DATABASE ? AS scratch", (self._path,))
        try:
            with db:
                # rowid order is insertion order: the rows in the order the worker made them
                for table in ("keys", "fuzzy"):
                    db.execute(
                        f"INSERT INTO main.{table} SELECT * FROM scratch.{table} ORDER BY rowid"
                    )
        finally:
            db.execute("DETACH DATABASE scratch")

    def close(self) -> None:
        """Stop the worker if it still runs and remove the scratch file."""
        if self._worker is not None and self._worker.is_alive():
            self._worker.terminate()
            self._worker.join()
        if self._path is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._path)

    def __enter__(self) -> KeyTables:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def _insert_all(db, keys: list[list[Key]]) -> None:
    """Insert the key and fuzzy rows of every term's keys, in term order."""
    rows = chain.from_iterable(key_rows(n, own) for n, own in enumerate(keys))
    db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)", rows)
    insert_fuzzy(db, {k.text for own in keys for k in own if k.kind == FUZZY})


def _worker(path: str, keys: list[list[Key]]) -> None:
    """Run `_write_scratch`; a failure only sets the exit code (the main process then writes
    the rows itself), so no traceback reaches the user."""
    try:
        _write_scratch(path, keys)
    except BaseException:
        sys.exit(1)


def _write_scratch(path: str, keys: list[list[Key]]) -> None:
    """Write the key tables of `keys` into a new database at `path` (runs in the worker)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE keys(key TEXT, kind INTEGER, n INTEGER, via TEXT)")
    db.execute("CREATE TABLE fuzzy(variant TEXT, key TEXT)")
    with db:
        _insert_all(db, keys)
    db.close()

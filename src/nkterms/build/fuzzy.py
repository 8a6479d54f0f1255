"""The fuzzy table (SymSpell deletion variants of every fuzzy key), written beside the rest.

A 100,000-term glossary has some 3 million fuzzy rows; making and inserting them took a
third of the build, serially after the records were derived. Every fuzzy key is known before
the first record is derived, so a forked process writes the rows into a scratch database
while the main process derives and writes the other tables; the main process then copies
them over in SQLite (no Python per row) in the same order, so the index is the same.
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

#: Fewer fuzzy keys than this are written in the main process: a fork costs more than it saves.
PARALLEL_KEYS = 20_000


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


def insert_fuzzy(db, keys: Iterable[str]) -> None:
    """Insert the fuzzy rows of `keys` into the `fuzzy` table of `db`."""
    db.executemany("INSERT INTO fuzzy VALUES (?, ?)", fuzzy_rows(keys))


class FuzzyWriter:
    """Writes the fuzzy rows of `keys` in a forked process, or later in the caller's.

    `start()` forks (when it pays and is safe); `copy_into(db)` fills `db`'s fuzzy table from
    the scratch file, or computes the rows itself when there is no worker or it failed.
    """

    def __init__(self, keys: set[str]):
        self.keys = keys
        self._worker = None
        self._path = None

    def start(self) -> FuzzyWriter:
        """Fork the worker when there are many keys, several CPUs and no other threads."""
        # forking a process that runs other threads (a server) can deadlock the child
        alone = threading.active_count() == 1
        if len(self.keys) < PARALLEL_KEYS or (os.cpu_count() or 1) < 2 or not alone:
            return self
        fd, self._path = tempfile.mkstemp(prefix="nkterms-fuzzy-", suffix=".sqlite")
        os.close(fd)
        context = multiprocessing.get_context("fork")
        self._worker = context.Process(target=_worker, args=(self._path, self.keys))
        self._worker.start()
        return self

    def copy_into(self, db) -> None:
        """Fill the (empty) fuzzy table of `db`; call it with no transaction open."""
        if self._worker is None:
            with db:
                insert_fuzzy(db, self.keys)
            return
        self._worker.join()
        if self._worker.exitcode != 0:  # the worker died (memory, a signal): do it here
            with db:
                insert_fuzzy(db, self.keys)
            return
        # ATTACH is not allowed inside a transaction: the copy is a transaction of its own
        db.execute("ATTACH DATABASE ? AS scratch", (self._path,))
        try:
            with db:
                # rowid order is insertion order: the rows in the order the worker made them
                db.execute(
                    "INSERT INTO main.fuzzy SELECT variant, key FROM scratch.fuzzy ORDER BY rowid"
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

    def __enter__(self) -> FuzzyWriter:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def _worker(path: str, keys: set[str]) -> None:
    """Run `_write_scratch`; a failure only sets the exit code (the main process then writes
    the rows itself), so no traceback reaches the user."""
    try:
        _write_scratch(path, keys)
    except BaseException:
        sys.exit(1)


def _write_scratch(path: str, keys: set[str]) -> None:
    """Write the fuzzy rows of `keys` into a new database at `path` (runs in the worker)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE fuzzy(variant TEXT NOT NULL, key TEXT NOT NULL)")
    with db:
        insert_fuzzy(db, keys)
    db.close()

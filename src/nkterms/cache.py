"""Compiled SQLite files kept in the user cache, rebuilt when what they were built from changes.

Opening one costs an os.stat per source file (three for the glossary installed with nkterms)
and one query; building happens in a temporary file renamed into place, so an interrupted or
failed build leaves the previous file.
"""

import os

from .paths import CONCEPTS_DIR, SOURCES_FILE, cache_dir, glossary_files, is_installed

# sqlite3's Python half (sqlite3/dbapi2.py) imports datetime, a sixth of a bare Python start,
# for adapters nkterms never uses; its C half makes the same connections.
try:
    from _sqlite3 import Error, connect
except ImportError:  # pragma: no cover - a Python whose sqlite3 is laid out otherwise
    from sqlite3 import Error, connect

TYPE_CHECKING = False  # typing costs milliseconds at every cold start
if TYPE_CHECKING:  # pragma: no cover
    import sqlite3


def _open_fresh(path: str, stamp: str) -> "sqlite3.Connection | None":
    if not os.path.exists(path):
        return None
    try:
        db = connect(f"file:{path}?mode=ro", uri=True)
        row = db.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
    except Error:
        return None
    if row is None or row[0] != stamp:
        db.close()
        return None
    return db


def build(target: str, stamp: str, fill) -> None:
    """Run `fill(db)` on a new database and move it to `target` atomically, with its stamp."""
    import tempfile

    target = os.fspath(target)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".build-", suffix=".tmp")
    os.close(fd)
    try:
        db = connect(tmp)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        fill(db)
        with db:
            db.execute("CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (stamp,))
        db.close()
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def open_cached(name: str, stamp: str, fill, on_build=None) -> "sqlite3.Connection":
    """Open the cached database `name` if its stamp matches, else build it with `fill(db)`.

    Tries the user cache, then a folder in the system temporary directory, then memory.
    `on_build()` is called once before a build starts.
    """
    first = os.path.join(cache_dir(), name)
    db = _open_fresh(first, stamp)
    if db is not None:
        return db
    import tempfile  # only when the user cache is missing, stale or unwritable

    fallback = os.path.join(tempfile.gettempdir(), f"nkterms-{os.getuid()}", name)
    db = _open_fresh(fallback, stamp)
    if db is not None:
        return db
    if on_build is not None:
        on_build()
    for path in (first, fallback):
        try:
            build(path, stamp, fill)
        except OSError:
            continue
        db = _open_fresh(path, stamp)
        if db is not None:
            return db
    db = connect(":memory:")
    fill(db)
    return db


def stamp_files(paths) -> list[str]:
    """Return name:size:mtime for each path, so a change to any of them changes the stamp."""
    out = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError as err:  # missing, a link loop, unreadable: the build says which
            out.append(f"{path}:error {err.errno}")
            continue
        out.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return out


def fingerprint(root, header: list[str], code_files) -> str:
    """Return what a compiled glossary is checked against: `header`, the glossary's folder, and
    the size and time of every glossary file and of every file `code_files()` names.

    The glossary installed inside nkterms changes only by an install or upgrade, which writes
    the folder anew with the code beside it: its folder, concepts folder and sources file stand
    for every file (3 stats instead of some 420 on each cold `nkterms lookup`).
    """
    root = os.fspath(root)
    if is_installed(root):
        files = [root, os.path.join(root, CONCEPTS_DIR), os.path.join(root, SOURCES_FILE)]
    else:
        files = [*glossary_files(root), *code_files()]
    return "\n".join([*header, os.path.realpath(root), *stamp_files(files)])

"""The build pipeline: a loaded glossary in, a complete compiled index out.

Steps, each once: derive one `records.TermRecord` per term (lookup data with sources
resolved, keys, Hanja forms, parts, readings; `derive`), then write every table
(`write`). `index.open_index` runs it into a temporary file renamed into place, so a
failed build leaves the previous index. The applications (catalogs, exports, stats) read the
same records through `records`, derived once per loaded glossary.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..dictionary import open_dictionary
from .derive import derive, first_pass
from .keytables import KeyTables
from .write import write

__all__ = ["compile_glossary", "derive", "paused_gc", "records", "write"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector off while a build runs (then as it was).

    A build allocates millions of long-lived objects that form almost no cycles; every full
    collection walks all of them again, which cost a 100,000-term build a third of its time.
    Worker processes forked to read concept files inherit the setting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compile_glossary(db, glossary, dictionary=None) -> None:
    """Write the index of a loaded glossary into the empty database `db`."""
    # records the applications already derived are reused; else they stream, never all held
    derived = glossary._cache.get("records") if dictionary is None else None
    if derived:
        write(db, glossary, derived)
        return
    first = first_pass(glossary)
    # every key is known now: the key tables are written meanwhile, in a worker process
    with KeyTables(first[2], lambda: first_pass(glossary)[2]) as tables:
        write(db, glossary, derive(glossary, dictionary or open_dictionary(), first), tables)


def records(glossary, dictionary=None) -> list:
    """Return the `TermRecord` of every term of a loaded glossary, in file order: derived once
    and kept with it, so catalogs, exports and stats of one glossary share them."""
    if "records" not in glossary._cache:
        glossary._cache["records"] = list(derive(glossary, dictionary or open_dictionary()))
    return glossary._cache["records"]

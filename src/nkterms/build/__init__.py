"""The build pipeline: a loaded glossary in, a complete compiled index out.

Steps, each once: derive one `records.TermRecord` per term (its core, then lookup data with
sources resolved, keys, Hanja forms, parts, readings; `derive`), then write every table
(`write`). `index.open_index` runs it into a temporary file renamed into place, so a
failed build leaves the previous index. The applications (catalogs, exports, stats) read only
the records' cores (`records`), made once per loaded glossary and reused by a build of it:
they never pay for readings or keys.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..dictionary import open_dictionary
from .derive import cores, derive, first_pass
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
    made = glossary._cache.get("cores")  # the cores the applications made, when they did
    with paused_gc():  # an index built in memory (memory_index) too
        first = first_pass(glossary)
        # every key is known now: the key tables are written meanwhile, in a worker process
        with KeyTables(first[2], lambda: first_pass(glossary)[2]) as tables:
            derived = derive(glossary, dictionary or open_dictionary(), first, made)
            write(db, glossary, derived, tables)


def records(glossary) -> list:
    """Return the `TermCore` of every term of a loaded glossary, in file order: made once and
    kept with it, so catalogs, exports and stats of one glossary share them."""
    if "cores" not in glossary._cache:
        glossary._cache["cores"] = cores(glossary)
    return glossary._cache["cores"]

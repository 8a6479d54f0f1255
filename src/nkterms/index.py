"""Open the compiled lookup index of a glossary, compiling it first when it is missing or stale.

Cold start matters (`nkterms lookup` is a new process each time), so opening a fresh index
touches only os, SQLite's C module and marshal (see store.py): the glossary is read, checked and
compiled (see build/) only when its files changed since the cached index was built.
"""

import os
import sys

from . import cache
from .cache import open_cached
from .paths import default_root
from .store import Index, with_concept

__all__ = ["FORMAT", "Index", "fingerprint", "memory_index", "open_index", "with_concept"]

FORMAT = 7


def fingerprint(root) -> str:
    """Summarize the glossary files' names, sizes and times, and the code that compiles them."""
    return cache.fingerprint(root, [f"format={FORMAT}", f"python={sys.version_info[:2]}"], _code)


def _code() -> list[str]:
    """Return the files whose change changes what the index holds."""
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "data")
    code = [os.path.join(data, n) for n in sorted(os.listdir(data)) if n.endswith(".tsv")]
    for folder in (here, os.path.join(here, "korean"), os.path.join(here, "build")):
        code += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".py")]
    # the index stores the checker's default rules, which these compute
    code += [os.path.join(here, "check", n) for n in ("advice.py", "rules.py", "spacing.py")]
    return code


def memory_index(glossary) -> Index:
    """Return an index of a loaded glossary, compiled in memory once and kept with it."""
    from .build import compile_glossary  # cold start: the pipeline loads only to compile

    if "index" not in glossary._cache:
        db = cache.connect(":memory:")
        compile_glossary(db, glossary)
        glossary._cache["index"] = Index(db)
    return glossary._cache["index"]


def path_hash(path: str) -> str:
    """Return a short stable name for a glossary folder (32-bit FNV-1a of its UTF-8 path).

    Pure Python on purpose: importing zlib or hashlib for one checksum costs a cold lookup more
    than hashing a path of a hundred bytes.

    >>> path_hash("/srv/glossary")
    'fd0c86c4'
    """
    value = 0x811C9DC5
    for byte in path.encode("utf-8", "surrogateescape"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def open_index(root=None, on_build=None) -> Index:
    """Open the index of the glossary at `root`, compiling it first when it is missing or stale.

    `on_build(root)` is called before a compile starts, so a caller can say it will take a moment.
    Raises GlossaryError when the glossary has errors; nothing is written then.
    """
    root = os.fspath(root) if root is not None else default_root()
    loaded = []

    def fill(db):
        # cold start: PyYAML, the dictionary and the pipeline load only when a compile is due
        from .build import compile_glossary, paused_gc
        from .glossary import load

        with paused_gc():
            if not loaded:
                loaded.append(load(root))
            compile_glossary(db, loaded[0])

    name = f"index-{path_hash(os.path.realpath(root))}.sqlite"
    announce = (lambda: on_build(root)) if on_build else None
    return Index(open_cached(name, fingerprint(root), fill, on_build=announce))

"""The build pipeline: a loaded glossary in, a complete compiled index out.

Steps, each once: derive one `records.TermRecord` per term (lookup data with sources
resolved, keys, Hanja forms, parts, readings; `derive`), then write every table
(`write`). `index.open_index` runs it into a temporary file renamed into place, so a
failed build leaves the previous index. The applications (catalogs, exports, stats) read the
same records through `records`, derived once per loaded glossary.
"""

from __future__ import annotations

from ..dictionary import open_dictionary
from .derive import derive
from .write import write

__all__ = ["compile_glossary", "derive", "records", "write"]


def compile_glossary(db, glossary, dictionary=None) -> None:
    """Write the index of a loaded glossary into the empty database `db`."""
    # records the applications already derived are reused; else they stream, never all held
    derived = glossary._cache.get("records") if dictionary is None else None
    write(db, glossary, derived or derive(glossary, dictionary or open_dictionary()))


def records(glossary, dictionary=None) -> list:
    """Return the `TermRecord` of every term of a loaded glossary, in file order: derived once
    and kept with it, so catalogs, exports and stats of one glossary share them."""
    if "records" not in glossary._cache:
        glossary._cache["records"] = list(derive(glossary, dictionary or open_dictionary()))
    return glossary._cache["records"]

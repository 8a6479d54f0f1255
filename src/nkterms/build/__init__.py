"""The build pipeline: a loaded glossary in, a complete compiled index out.

Steps, each once: derive one `records.TermRecord` per term (lookup data with sources
resolved, keys, Hanja forms, parts, readings; `derive`), then write every table
(`write`). `index.open_index` runs it into a temporary file renamed into place, so a
failed build leaves the previous index.
"""

from __future__ import annotations

from ..dictionary import open_dictionary
from .derive import derive
from .write import write

__all__ = ["compile_glossary", "derive", "write"]


def compile_glossary(db, glossary, dictionary=None) -> None:
    """Write the index of a loaded glossary into the empty database `db`."""
    records = derive(glossary, dictionary or open_dictionary())
    write(db, glossary, records)

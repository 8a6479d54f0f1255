"""Which files to check, and reading them in bounded memory, block by block."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from ..errors import InputError
from .readers import KINDS

BLOCK = 1 << 20  # bytes per block: a 1 GB file is checked about 1 MB at a time


def expand(paths: list[str]) -> list[str]:
    """Return the files to check: files as given, folders searched for .txt .md .html."""
    out = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                out += [
                    os.path.join(folder, n)
                    for n in sorted(names)
                    if os.path.splitext(n)[1].lower() in KINDS
                ]
        else:
            out.append(path)
    return out


def kind_of(path: str, forced: str | None = None) -> str:
    """Return txt, md or html for a path."""
    return forced or KINDS.get(os.path.splitext(path)[1].lower(), "txt")


def blocks(path: str) -> Iterator[bytes]:
    """Yield the file's bytes in blocks of whole lines; raise InputError for unreadable input.

    Blocks end after a newline, so none splits a UTF-8 sequence; decoding (and the check that
    the text is UTF-8) is the checker's.
    """
    try:
        handle = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 (closed below)
    except FileNotFoundError as err:
        raise InputError(f"{path}: file not found: check the path") from err
    except IsADirectoryError as err:
        raise InputError(f"{path}: is a folder") from err
    except PermissionError as err:
        raise InputError(f"{path}: permission denied") from err
    pending, first = b"", True
    try:
        while True:
            data = handle.read(BLOCK)
            if first and b"\0" in data[:8192]:
                raise InputError(f"{path}: binary file (it holds NUL bytes): give a text file")
            first = False
            if not data:
                if pending:
                    yield pending
                return
            data = pending + data
            cut = data.rfind(b"\n") + 1
            pending = data[cut:]
            if cut:
                yield data[:cut]
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()

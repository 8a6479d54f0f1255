"""Edit glossary YAML in place, line by line, so comments, order and formatting stay as they were.

A round-trip through a YAML library reflows long strings and re-indents lists; here the
positions kept by `yamlpos` say which lines hold a value, and only those lines change.
"""

from __future__ import annotations

import json
import re

import yaml

from .errors import NktermsError
from .yamlpos import Document, dotted

_PLAIN = re.compile(r"[A-Za-z0-9\u00C0-\uFFFF][A-Za-z0-9\u00C0-\uFFFF ,.'()/\-]*")


class EditError(NktermsError):
    """A change that cannot be made by editing lines (the YAML uses a shape we do not rewrite)."""


def scalar(text: str) -> str:
    """Return `text` as a YAML scalar: plain when that reads back the same, else double-quoted.

    >>> scalar("North Korean defector"), scalar("yes"), scalar("a: b")
    ('North Korean defector', '"yes"', '"a: b"')
    """
    if _PLAIN.fullmatch(text) and not text.endswith(" "):
        try:
            if yaml.safe_load(f"x: {text}") == {"x": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or stripped in ("---", "...")


def _start(doc: Document, path: tuple) -> int:
    return (doc.key_positions.get(path) or doc.positions[path])[0]


def last_line(doc: Document, path: tuple, lines: list[str], doc_end: int) -> int:
    """Return the last line (1-based) that belongs to the value at `path`, comments excluded."""
    start = _start(doc, path)
    parent = path[:-1]
    later = [
        _start(doc, p)
        for p in set(doc.positions) | set(doc.key_positions)
        if len(p) == len(path) and p[:-1] == parent and p != path and _start(doc, p) > start
    ]
    if later:
        boundary = min(later)
    elif parent:
        boundary = last_line(doc, parent, lines, doc_end) + 1
    else:
        boundary = doc_end + 1
    last = boundary - 1
    while last > start and _is_filler(lines[last - 1]):
        last -= 1
    return last


def _block_child_col(doc: Document, path: tuple) -> int | None:
    cols = [
        doc.key_positions[p][1]
        for p in doc.key_positions
        if len(p) == len(path) + 1 and p[:-1] == path
    ]
    return min(cols) if cols else None


def set_rendering(
    doc: Document, lines: list[str], term: int, lang: str, text: str, doc_end: int
) -> list[str]:
    """Return `lines` with the term's rendering in `lang` set to `text`, a translator's rendering."""
    value = f"{{text: {scalar(text)}, basis: translator}}"
    term_path = ("terms", term)
    renderings = term_path + ("renderings",)
    entry = renderings + (lang,)
    if (
        renderings in doc.key_positions
        and doc.positions[renderings][0] == doc.key_positions[renderings][0]
    ):
        raise EditError(
            f"{doc.path}:{doc.key_positions[renderings][0]}: {dotted(renderings)} is written "
            "on one line (flow style): write it as a block mapping, then import again"
        )
    out = list(lines)
    if entry in doc.key_positions:
        line, col = doc.key_positions[entry]
        end = last_line(doc, entry, lines, doc_end)
        out[line - 1 : end] = [" " * (col - 1) + f"{lang}: {value}"]
    elif renderings in doc.key_positions:
        col = _block_child_col(doc, renderings) or doc.key_positions[renderings][1] + 2
        end = last_line(doc, renderings, lines, doc_end)
        out[end:end] = [" " * (col - 1) + f"{lang}: {value}"]
    else:
        col = doc.key_positions[term_path + ("id",)][1]
        end = last_line(doc, term_path, lines, doc_end)
        out[end:end] = [" " * (col - 1) + "renderings:", " " * (col + 1) + f"{lang}: {value}"]
    return out

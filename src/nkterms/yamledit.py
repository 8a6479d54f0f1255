"""Edit glossary YAML in place, line by line, so comments, order and formatting stay as they were.

A round-trip through a YAML library reflows long strings and re-indents lists; here the
positions kept by `yamlpos` say which lines hold a value, and only those lines change.
"""

from __future__ import annotations

import yaml

from .errors import EditError
from .yamlpos import Document, dotted

_NO_WRAP = 1 << 30  # PyYAML folds a scalar longer than `width`; a rendering stays on its line
_LINE_BREAKS = "\n\r\x85\u2028\u2029"


def flow_rendering(text: str) -> str:
    r"""Return `{text: …, basis: translator}` on one line, `text` quoted as PyYAML decides.

    >>> print(flow_rendering("Hana Center"), flow_rendering("Hana Center, Daegu"), sep="\n")
    {text: Hana Center, basis: translator}
    {text: 'Hana Center, Daegu', basis: translator}
    >>> flow_rendering("a\nb")
    '{text: "a\\nb", basis: translator}'
    """
    value = {"text": text, "basis": "translator"}
    line = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=_NO_WRAP
    ).rstrip("\n")
    if not _one_line(line, value):
        # Plain and single-quoted scalars carry line breaks as real ones; double quotes escape them.
        quoted = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=_NO_WRAP)
        line = f"{{text: {quoted.rstrip()}, basis: translator}}"
    if not _one_line(line, value):
        raise EditError(f"{text!r} cannot be written on one YAML line: shorten or simplify it")
    return line


def _one_line(line: str, value: dict) -> bool:
    """Return whether `line` is one line of YAML that reads back as `value`."""
    if any(ch in line for ch in _LINE_BREAKS):
        return False
    try:
        return yaml.safe_load(line) == value
    except yaml.YAMLError:
        return False


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
    value = flow_rendering(text)
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

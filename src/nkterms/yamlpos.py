"""Read YAML into plain data while keeping where every value stood (1-based line, column).

PyYAML's composer gives nodes with marks; building the data ourselves keeps those marks,
rejects duplicate keys (which PyYAML silently lets the last one win), and leaves dates as
the text the curator wrote.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path = tuple[str | int, ...]
# The glossary holds no numbers: a year (since: 1994) or a date stays the text it was written as.
_TEXT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


class Document:
    """One YAML document: its data and the position of every value and key in it."""

    __slots__ = ("data", "path", "positions", "key_positions", "line")

    def __init__(self, data: Any, path: str, line: int):
        self.data = data
        self.path = path
        self.line = line
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}

    def where(self, at: Path) -> tuple[int, int]:
        """Return the 1-based (line, column) of the value at `at`, or of its nearest parent."""
        at = tuple(at)
        while at:
            if at in self.positions:
                return self.positions[at]
            at = at[:-1]
        return self.positions.get((), (self.line, 1))

    def where_key(self, at: Path) -> tuple[int, int]:
        """Return the position of the key that holds the value at `at` (else of the value)."""
        return self.key_positions.get(tuple(at)) or self.where(at)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, at: Path, doc: Document, problems: list[Problem]) -> Any:
    doc.positions[at] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in result:
                line, col = _position(key_node)
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        _dotted(at + (key,)),
                        f"duplicate key {key!r}",
                        "keep one of the two entries",
                    )
                )
                continue
            doc.key_positions[at + (key,)] = _position(key_node)
            result[key] = _build(value_node, at + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, at + (i,), doc, problems) for i, item in enumerate(node.value)]
    if node.tag in _TEXT_TAGS:
        return node.value
    return yaml.constructor.SafeConstructor().construct_object(node)


def _dotted(at: Path) -> str:
    """Render a data path the way error messages show it.

    >>> _dotted(("terms", 0, "status", 1, "since"))
    'terms[0].status[1].since'
    """
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_documents(text: str, path: str) -> tuple[list[Document], list[Problem]]:
    """Parse every YAML document in `text`; return them with the problems found while reading."""
    problems: list[Problem] = []
    documents: list[Document] = []
    try:
        for node in yaml.compose_all(text, Loader=_Loader):
            if node is None:
                continue
            doc = Document(None, path, node.start_mark.line + 1)
            doc.data = _build(node, (), doc, problems)
            documents.append(doc)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = f"{err.context + ', ' if err.context else ''}{err.problem or 'invalid YAML'}"
        problems.append(
            Problem(
                path,
                line,
                col,
                "",
                f"YAML syntax error: {what}",
                "fix the YAML syntax at this position",
            )
        )
    except yaml.YAMLError as err:
        problems.append(Problem(path, 1, 1, "", f"YAML error: {err}", "fix the YAML syntax"))
    return documents, problems


dotted = _dotted

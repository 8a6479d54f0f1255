"""Read YAML into plain data while keeping where every value stood (1-based line, column).

The data is built from the parser's events, not from PyYAML's composed nodes: that keeps
every mark, rejects duplicate keys (which PyYAML silently lets the last one win), leaves
dates as the text the curator wrote, and refuses what a glossary never needs before it can
cost anything. An anchor or alias is refused where it stands (nine levels of nine aliases
would otherwise expand to 9⁹ values), and so is nesting deeper than MAX_DEPTH (libyaml's
composer recurses in C and its scanner slows with the square of the depth). The parser
itself keeps its state on the heap and stops at the first refused event.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path = tuple[str | int, ...]
#: Deepest nesting of mappings and lists a file may use; the format needs 6
#: (document, terms, a term, status, a claim, its sources).
MAX_DEPTH = 20
# The glossary holds no numbers: a year (since: 1994) or a date stays the text it was written as.
_TEXT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
# Exact event classes, for a dispatch by type (both parsers emit these classes, never subclasses;
# isinstance chains cost a large glossary seconds).
_VALUES = frozenset((yaml.ScalarEvent, *_START))
_ENDS = frozenset(_END)
_SCALAR = yaml.ScalarEvent
# The first characters of a plain scalar that an implicit resolver may turn into something other
# than text (digits, signs, y/n/t/f/o/~, …); any other plain scalar is text, unresolved. Valid as
# long as no resolver matches whatever the first character (None) and no path resolver is set.
_RESOLVED_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
_FAST_PLAIN = None not in _RESOLVED_FIRST and not yaml.resolver.Resolver.yaml_path_resolvers


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


class _Refused(Exception):
    """A construct the glossary format does not allow; reading the file stops at it."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _position(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Frame:
    """An open mapping or list: its value, where it is, and (for a mapping) the key waiting."""

    __slots__ = ("value", "at", "key", "skip")

    def __init__(self, value, at: Path, skip: bool):
        self.value, self.at, self.key, self.skip = value, at, None, skip


class _Builder:
    """Turn the events of one file into Documents, one value at a time, without recursion."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path, self.problems = path, problems
        self.documents: list[Document] = []
        self.doc: Document | None = None
        self.stack: list[_Frame] = []
        self.resolver = yaml.resolver.Resolver()

    def feed(self, event: yaml.Event) -> None:
        """Take the next event of the stream."""
        kind = type(event)
        if kind is _SCALAR and event.anchor is None and self.stack and self._leaf(event):
            return
        if kind is yaml.AliasEvent:
            name = event.anchor
            self._refuse(event, f"YAML alias '*{name}'", f"replace `*{name}` with the value itself")
        if kind in _VALUES:
            if event.anchor is not None:
                name = event.anchor
                self._refuse(
                    event,
                    f"YAML anchor '&{name}'",
                    f"remove `&{name}` and write each value out where it is used",
                )
            self._value(event)
        elif kind in _ENDS:
            frame = self.stack.pop()
            if not self.stack:
                self.doc.data = frame.value
                self.documents.append(self.doc)

    def _leaf(self, event: yaml.ScalarEvent) -> bool:
        """Store a scalar that is a mapping's value or a list's item; False for anything else.

        The common case of `_value`, taken in one step: most events of a glossary are these.
        """
        frame = self.stack[-1]
        container = frame.value
        if container.__class__ is list:
            at = frame.at + (len(container),)
        else:
            key = frame.key
            if key is None or key is _DUPLICATE or frame.skip:
                return False
            at = frame.at + (key,)
        if not frame.skip:
            mark = event.start_mark
            self.doc.positions[at] = (mark.line + 1, mark.column + 1)
        value = self._scalar(event)
        if container.__class__ is list:
            container.append(value)
        else:
            container[key] = value
            frame.key = None
        return True

    def _refuse(self, event: yaml.Event, what: str, fix: str) -> None:
        self._stop(
            event, self._here(), f"{what}: the glossary format allows no anchors or aliases", fix
        )

    def _stop(self, event: yaml.Event, at: Path, message: str, fix: str) -> None:
        """Stop reading the file: a Problem at the event's position, before anything expands."""
        line, col = _position(event)
        raise _Refused(Problem(self.path, line, col, _dotted(at), message, fix))

    def _here(self) -> Path:
        """Return the path of the next value (or key) the open container takes."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return frame.at + (len(frame.value),)
        return frame.at if frame.key in (None, _DUPLICATE) else frame.at + (frame.key,)

    def _value(self, event: yaml.Event) -> None:
        """Place a scalar or a new mapping or list in the open container (or as the document)."""
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.doc = Document(None, self.path, _position(event)[0])
            at, skip = (), False
        elif isinstance(parent.value, dict) and parent.key is None:
            self._key(event, parent)
            return
        else:
            at, skip = self._slot(parent)
        if not skip:
            self.doc.positions[at] = _position(event)
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event)
        else:
            self._check_depth(event)
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
            self.stack.append(_Frame(value, at, skip))
        if parent is not None:
            self._store(parent, value)
        elif not self.stack:  # a document that is a single scalar
            self.doc.data = value
            self.documents.append(self.doc)

    def _check_depth(self, event: yaml.Event) -> None:
        if len(self.stack) < MAX_DEPTH:
            return
        self._stop(
            event,
            self.stack[-1].at[:1],
            f"nesting too deep (more than {MAX_DEPTH} levels of mappings and lists)",
            "the glossary format needs 6; look for an unclosed or extra `[` or `{`",
        )

    @staticmethod
    def _slot(frame: _Frame) -> tuple[Path, bool]:
        """Return where the next value of `frame` goes, and whether it is thrown away."""
        if isinstance(frame.value, list):
            return frame.at + (len(frame.value),), frame.skip
        return frame.at + (frame.key,), frame.skip or frame.key is _DUPLICATE

    @staticmethod
    def _store(frame: _Frame, value) -> None:
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        if frame.key is not _DUPLICATE:
            frame.value[frame.key] = value
        frame.key = None

    def _key(self, event: yaml.Event, frame: _Frame) -> None:
        """Take a mapping key: text only, and each key once."""
        if not isinstance(event, yaml.ScalarEvent):
            self._stop(
                event,
                frame.at,
                "a key must be text, not a mapping or a list",
                "write `name: value`",
            )
        key, at = event.value, frame.at + (event.value,)
        if key in frame.value and not frame.skip:
            line, col = _position(event)
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    col,
                    _dotted(at),
                    f"duplicate key {key!r}",
                    "keep one of the two entries",
                )
            )
            frame.key = _DUPLICATE
            return
        if not frame.skip:
            self.doc.key_positions[at] = _position(event)
        frame.key = key

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None and not event.implicit[0]:
            return event.value  # quoted: text whatever it looks like, no resolving
        if tag is None and _FAST_PLAIN and event.value[:1] not in _RESOLVED_FIRST:
            return event.value  # plain, and no resolver looks at it: what resolve() returns
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in _TEXT_TAGS:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return yaml.constructor.SafeConstructor().construct_object(node)


_DUPLICATE = object()  # the key of a value that is read (for its errors) but not kept


def _dotted(at: Path) -> str:
    """Render a data path the way error messages show it.

    >>> _dotted(("terms", 0, "status", 1, "since"))
    'terms[0].status[1].since'
    """
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _syntax_problem(err: yaml.YAMLError, path: str) -> Problem:
    if not isinstance(err, yaml.MarkedYAMLError):
        return Problem(path, 1, 1, "", f"YAML error: {err}", "fix the YAML syntax")
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = f"{err.context + ', ' if err.context else ''}{err.problem or 'invalid YAML'}"
    return Problem(
        path, line, col, "", f"YAML syntax error: {what}", "fix the YAML syntax at this position"
    )


def read_documents(text: str, path: str) -> tuple[list[Document], list[Problem]]:
    """Parse every YAML document in `text`; return them with the problems found while reading.

    Reading stops at a syntax error, an anchor or alias, or nesting deeper than MAX_DEPTH;
    the documents completed before it are returned.
    """
    problems: list[Problem] = []
    builder = _Builder(path, problems)
    parser = _Loader(text)  # what yaml.parse does, without a generator around every event
    try:
        while parser.check_event():
            builder.feed(parser.get_event())
    except _Refused as refused:
        problems.append(refused.problem)
    except yaml.YAMLError as err:
        problems.append(_syntax_problem(err, path))
    finally:
        parser.dispose()
    return builder.documents, problems


dotted = _dotted

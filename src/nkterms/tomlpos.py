"""Where each key and value of a TOML document stands (1-based line and column).

tomllib gives the data and no positions, so errors in a house configuration could not point
at the setting at fault. This reads a document tomllib has already accepted and records, for
every key path (array items by index), where its key and its value begin.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right

Path = tuple[str | int, ...]
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Positions:
    """The places of a TOML document's keys and values, by key path.

    >>> p = Positions('a = 1\\n[prefer]\\n"x y" = "t"  # c\\nlist = [\\n  "p",\\n  "q" ]\\n')
    >>> p.key(("prefer", "x y")), p.value(("prefer", "x y")), p.value(("prefer", "list", 1))
    ((3, 1), (3, 9), (6, 3))
    """

    def __init__(self, text: str):
        self.text = text
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self._keys: dict[Path, int] = {}
        self._values: dict[Path, int] = {}
        self._tables: dict[Path, int] = {}
        self.i = 0
        self._document()

    def key(self, path: Path) -> tuple[int, int] | None:
        """Return where the key at `path` is written, or None."""
        return self._at(self._keys.get(path))

    def value(self, path: Path) -> tuple[int, int] | None:
        """Return where the value at `path` begins (the key's place when it is a table)."""
        return self._at(self._values.get(path, self._keys.get(path)))

    def _at(self, offset: int | None) -> tuple[int, int] | None:
        if offset is None:
            return None
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def _peek(self, size: int = 1) -> str:
        return self.text[self.i : self.i + size]

    def _skip(self, newlines: bool) -> None:
        """Skip blanks and comments (and line ends, when `newlines`)."""
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch in " \t" or (newlines and ch in "\r\n"):
                self.i += 1
            elif ch == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return

    def _document(self) -> None:
        table: Path = ()
        while True:
            self._skip(newlines=True)
            if self.i >= len(self.text):
                return
            if self._peek() == "[":
                table = self._header()
            else:
                self._pair(table)

    def _header(self) -> Path:
        many = self._peek(2) == "[["
        self.i += 2 if many else 1
        path = self._dotted(())
        self._skip(newlines=False)
        self.i += 2 if many else 1
        if many:  # an array of tables: each [[x]] is the next item of x
            count = self._tables.get(path, 0)
            self._tables[path] = count + 1
            path = (*path, count)
        return path

    def _pair(self, table: Path) -> None:
        path = self._dotted(table)
        self._skip(newlines=False)
        self.i += 1  # =
        self._skip(newlines=False)
        self._value(path)

    def _dotted(self, prefix: Path) -> Path:
        """Read a dotted key, recording where each of its parts is first written."""
        path = prefix
        while True:
            self._skip(newlines=False)
            start = self.i
            path = (*path, self._simple_key())
            self._keys.setdefault(path, start)
            self._skip(newlines=False)
            if self._peek() != ".":
                return path
            self.i += 1

    def _simple_key(self) -> str:
        if self._peek() in "\"'":
            start = self.i
            self._string()
            return tomllib.loads(f"k = {self.text[start : self.i]}")["k"]
        start = self.i
        while self.i < len(self.text) and self.text[self.i] in _BARE:
            self.i += 1
        return self.text[start : self.i]

    def _string(self) -> None:
        """Move past one string of any of TOML's four kinds."""
        quote = self._peek()
        delimiter = quote * 3 if self._peek(3) == quote * 3 else quote
        self.i += len(delimiter)
        while self.i < len(self.text):
            if quote == '"' and self._peek() == "\\":
                self.i += 2
            elif self.text.startswith(delimiter, self.i):
                self.i += len(delimiter)
                while len(delimiter) == 3 and self._peek() == quote:  # """a"""" ends later
                    self.i += 1
                return
            else:
                self.i += 1

    def _value(self, path: Path) -> None:
        self._values[path] = self.i
        ch = self._peek()
        if ch in "\"'":
            self._string()
        elif ch == "[":
            self._array(path)
        elif ch == "{":
            self._inline_table(path)
        else:  # a number, a boolean or a date: up to the next delimiter
            while self.i < len(self.text) and self.text[self.i] not in ",]}#\r\n":
                self.i += 1

    def _array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while True:
            self._skip(newlines=True)
            if self._peek() in ("]", ""):
                self.i += 1
                return
            self._value((*path, index))
            index += 1
            self._skip(newlines=True)
            if self._peek() == ",":
                self.i += 1

    def _inline_table(self, path: Path) -> None:
        self.i += 1
        while True:
            self._skip(newlines=True)
            if self._peek() in ("}", ""):
                self.i += 1
                return
            self._pair(path)
            self._skip(newlines=True)
            if self._peek() == ",":
                self.i += 1

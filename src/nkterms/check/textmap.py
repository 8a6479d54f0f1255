"""Text positions: NFC and zero-width stripping with a map back to the original characters."""

from __future__ import annotations

import re
import unicodedata

#: A lone CR (an old Mac line break): read as LF, so CR, LF and CRLF are one line break each.
LONE_CR = re.compile(r"\r(?!\n)")

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP = dict.fromkeys(map(ord, _ZERO_WIDTH))


def _starts_cluster(ch: str) -> bool:
    code = ord(ch)
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:  # conjoining vowels and finals
        return False
    return unicodedata.combining(ch) == 0


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Return (NFC text without zero-width characters, map to original offsets or None if equal).

    >>> normalize("북\\u1112\\u1163\\u11bc민")
    ('북향민', [0, 1, 4])
    >>> normalize("plain")
    ('plain', None)
    """
    if unicodedata.is_normalized("NFC", text) and not any(zw in text for zw in _ZERO_WIDTH):
        return text, None
    out: list[str] = []
    where: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and not _starts_cluster(text[i]):
            continue
        cluster = unicodedata.normalize("NFC", text[start:i].translate(_DROP))
        out.append(cluster)
        where.extend([start] * len(cluster))
        start = i
    return "".join(out), where


def original(where: list[int], index: int, length: int) -> int:
    """Return the offset in the original text of normalised offset `index` (an end: may be
    past the last character); `where` is normalize()'s map, `length` the original's."""
    return where[index] if index < len(where) else length


class Lines:
    """Turn character offsets of one block of text into 1-based line and column numbers.

    Offsets are asked for in increasing order (as a scan finds them), so each answer counts
    only the newlines since the previous one. `first_col` is added to the columns of the
    first line (a block that starts inside a line).
    """

    def __init__(self, text: str, first_line: int = 1, first_col: int = 0):
        self.text, self.first_line, self.first_col = text, first_line, first_col
        self.offset, self.line, self.line_start = 0, first_line, -first_col

    def at(self, offset: int) -> tuple[int, int]:
        """Return (line, column) of a character offset.

        >>> lines = Lines("ab\\ncd")
        >>> lines.at(1), lines.at(4), lines.at(0)
        ((1, 2), (2, 2), (1, 1))
        >>> Lines("ab\\ncd", 3, 10).at(1), Lines("ab\\ncd", 3, 10).at(4)
        ((3, 12), (4, 2))
        """
        if offset < self.offset:  # rare: a position before the previous one
            self.offset, self.line, self.line_start = 0, self.first_line, -self.first_col
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", 0, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1

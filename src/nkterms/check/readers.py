"""What to check in a file: code, URLs, front matter and markup are masked out (replaced by
spaces, so positions stay), and suppression comments are read."""

from __future__ import annotations

import re
from functools import cache

#: A URL starts with one of these (tried in this order) and runs to white space or a stop.
URL_PREFIXES = ("https://", "http://", "ftp://", "www.")
URL_STOPS = "<>\"')]"
_URL = re.compile(
    "(?:" + "|".join(map(re.escape, URL_PREFIXES)) + ")[^\\s" + re.escape(URL_STOPS) + "]+"
)
#: Every suppression comment holds this (a block without it needs no directive reading).
MARKER = "nkterms-"


@cache
def _markup() -> dict[str, re.Pattern]:
    """The Markdown and HTML patterns, compiled on first use (a .txt check never needs them)."""
    return {
        "inline_code": re.compile(r"`[^`\n]*`"),
        "link_target": re.compile(r"\]\([^)\n]*\)"),
        "comment": re.compile(r"<!--.*?-->", re.S),
        "raw": re.compile(r"<(script|style|code|pre)\b[^>]*>.*?</\1\s*>", re.S | re.I),
        "tag": re.compile(r"<[^>]*>", re.S),
    }


_DIRECTIVE = re.compile(
    re.escape(MARKER) + r"(disable-next-line|disable|enable)\b([^\n>]*?)(?:-->|$)", re.M
)

KINDS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "txt"}


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def directives(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """Return (offset, action, term ids) for each suppression comment in the text.

    >>> directives("a <!-- nkterms-disable talbukja -->")
    [(7, 'disable', ('talbukja',))]
    """
    return [(m.start(), m.group(1), tuple(m.group(2).split())) for m in _DIRECTIVE.finditer(text)]


_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def _indent(line: str) -> int:
    """The columns of a line's leading spaces and tabs (a tab reaches the next multiple of 4)."""
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


class Masker:
    """Masks one document block by block; remembers open code blocks across blocks."""

    def __init__(self, kind: str):
        self.kind = kind
        self.first = True
        self.fence: tuple[str, int] | None = None  # the open fence's character and length
        self.code = False  # inside an indented code block
        self.paragraph = False  # the line before continues a paragraph (no code block starts)
        self.list_indent = 0  # where the open list item's content starts
        self.blank = True  # the line before was blank
        self.line_masked = False  # whether the unfinished last line of the last block was code

    def __call__(self, text: str, continues: bool = False) -> str:
        """Blank what is not prose. With `continues`, the text starts inside a line that an
        earlier call began (a line longer than a block), so that line is treated as it was."""
        if self.kind == "md":
            text = self._markdown(text, continues)
        elif self.kind == "html":
            m = _markup()
            text = m["raw"].sub(_blank, text)
            text = m["comment"].sub(_blank, text)
            text = m["tag"].sub(_blank, text)
        self.first = False
        if not any(prefix in text for prefix in URL_PREFIXES):  # the common case: no regex pass
            return text
        return _URL.sub(_blank, text)

    def _markdown(self, text: str, continues: bool) -> str:
        m = _markup()
        lines = text.split("\n")
        count = len(lines) - 1 if text.endswith("\n") else len(lines)  # "" after a last LF
        first = 1 if continues else 0
        if continues:
            if self.line_masked:
                lines[0] = " " * len(lines[0])
        elif self.first and lines[0].strip() == "---":  # YAML front matter
            for end in range(1, count):
                if lines[end].strip() in ("---", "..."):
                    for i in range(end + 1):
                        lines[i] = " " * len(lines[i])
                    first = end + 1
                    break
        for i in range(first, count):
            code = self._code_line(lines[i])
            if code:
                lines[i] = " " * len(lines[i])
            if i == count - 1:
                self.line_masked = code  # the line may go on in the next block
        text = "\n".join(lines)
        if "<!--" in text:
            text = m["comment"].sub(_blank, text)
        if "`" in text:
            text = m["inline_code"].sub(_blank, text)
        return m["link_target"].sub(_blank, text) if "](" in text else text

    def _code_line(self, line: str) -> bool:
        """Read one Markdown line (CommonMark's code blocks): return whether it is code."""
        if self.fence:
            char, size = self.fence
            stripped = line.rstrip(" \t\r")
            body = stripped.lstrip(" ")
            # a closing fence: the same character, as many or more, nothing after
            if (
                len(stripped) - len(body) <= 3
                and body.startswith(char * size)
                and not body.strip(char)
            ):
                self.fence, self.paragraph = None, False
            return True
        fence = _FENCE.fullmatch(line.rstrip("\r"))
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            self.fence = (fence.group(2)[0], len(fence.group(2)))
            self.code = self.paragraph = False
            return True
        if not line.strip():
            self.paragraph, self.blank = False, True
            return self.code  # blank lines inside an indented code block
        indent, blank = _indent(line), self.blank
        self.blank = False
        if (self.code or not self.paragraph) and indent >= self.list_indent + 4:
            self.code = True
            return True
        self.code = False
        item = _LIST_ITEM.match(line)
        if item:  # content starts after the marker and 1 to 4 spaces (5 or more: 1, then code)
            gap = _indent(line[item.end() :])
            self.list_indent = item.end() + (gap if 1 <= gap <= 4 else 1)
        elif blank and indent < self.list_indent:
            self.list_indent = 0  # the list ended
        self.paragraph = not _ATX.match(line)
        return False

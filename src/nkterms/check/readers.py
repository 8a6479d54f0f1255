"""What to check in a file: code, URLs, front matter and markup are masked out (replaced by
spaces, so positions stay), and suppression comments are read."""

from __future__ import annotations

import re
from functools import cache

_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+")


@cache
def _markup() -> dict[str, re.Pattern]:
    """The Markdown and HTML patterns, compiled on first use (a .txt check never needs them)."""
    return {
        "fence": re.compile(r"^\s{0,3}(```|~~~)"),
        "inline_code": re.compile(r"`[^`\n]*`"),
        "link_target": re.compile(r"\]\([^)\n]*\)"),
        "comment": re.compile(r"<!--.*?-->", re.S),
        "raw": re.compile(r"<(script|style|code|pre)\b[^>]*>.*?</\1\s*>", re.S | re.I),
        "tag": re.compile(r"<[^>]*>", re.S),
    }


_DIRECTIVE = re.compile(r"nkterms-(disable-next-line|disable|enable)\b([^\n>]*?)(?:-->|$)", re.M)

KINDS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "txt"}


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def directives(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """Return (offset, action, term ids) for each suppression comment in the text.

    >>> directives("a <!-- nkterms-disable talbukja -->")
    [(7, 'disable', ('talbukja',))]
    """
    return [(m.start(), m.group(1), tuple(m.group(2).split())) for m in _DIRECTIVE.finditer(text)]


class Masker:
    """Masks one document block by block; remembers open code fences across blocks."""

    def __init__(self, kind: str):
        self.kind = kind
        self.in_fence = False
        self.first = True

    def __call__(self, text: str) -> str:
        if self.kind == "md":
            text = self._markdown(text)
        elif self.kind == "html":
            m = _markup()
            text = m["raw"].sub(_blank, text)
            text = m["comment"].sub(_blank, text)
            text = m["tag"].sub(_blank, text)
        self.first = False
        if "://" not in text and "www." not in text:  # the common case: skip the regex pass
            return text
        return _URL.sub(_blank, text)

    def _markdown(self, text: str) -> str:
        m = _markup()
        lines = text.split("\n")
        if self.first and lines and lines[0].strip() == "---":  # YAML front matter
            for end in range(1, len(lines)):
                if lines[end].strip() in ("---", "..."):
                    for i in range(end + 1):
                        lines[i] = " " * len(lines[i])
                    break
        for i, line in enumerate(lines):
            if m["fence"].match(line):
                self.in_fence = not self.in_fence
                lines[i] = " " * len(line)
            elif self.in_fence:
                lines[i] = " " * len(line)
        text = "\n".join(lines)
        if "<!--" in text:
            text = m["comment"].sub(_blank, text)
        if "`" in text:
            text = m["inline_code"].sub(_blank, text)
        return m["link_target"].sub(_blank, text) if "](" in text else text

"""A finding: one occurrence of a term that needs care, and how the text format writes it."""

from __future__ import annotations


class Finding:
    """One occurrence of a term that needs care."""

    __slots__ = (
        "path",
        "line",
        "col",
        "severity",
        "term",
        "text",
        "message",
        "suggestion",
        "sources",
        "confidence",
        "mention",
        "replacements",
        "concept",
        "voice",
    )

    def __init__(
        self,
        path,
        line,
        col,
        severity,
        term,
        text,
        message,
        suggestion,
        sources=(),
        confidence="high",
        mention=False,
        replacements=(),
        concept="",
        voice="use",
    ):
        self.path, self.line, self.col, self.severity = path, line, col, severity
        self.term, self.text, self.message, self.suggestion = term, text, message, suggestion
        self.sources, self.confidence, self.mention = sources, confidence, mention
        self.replacements, self.concept = replacements, concept
        self.voice = voice  # use, speech (quoted speech) or mention: see check/voice.py

    def __repr__(self) -> str:
        return f"Finding({self.path}:{self.line}:{self.col} {self.severity} {self.term})"

    def at(self, line: int, col: int, text: str) -> Finding:
        """Return a copy of this finding at another place (what a repeat of it says is the same)."""
        return Finding(
            self.path,
            line,
            col,
            self.severity,
            self.term,
            text,
            self.message,
            self.suggestion,
            self.sources,
            self.confidence,
            self.mention,
            self.replacements,
            self.concept,
            self.voice,
        )

    def tail(self) -> str:
        """What the text format prints after path:line:col: (severity, term, message, suggestion)."""
        return tail_text(self.severity, self.term, self.message, self.suggestion)

    def as_dict(self) -> dict:
        """Return the finding as the JSON object `nkterms check --format json` prints."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "term": self.term,
            "concept": self.concept,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion or None,
            "replacements": list(self.replacements),
            "sources": list(self.sources),
            "confidence": self.confidence,
            "mention": self.mention,
            "voice": self.voice,
        }


def tail_text(severity: str, term: str, message: str, suggestion: str) -> str:
    """What the text format prints after path:line:col: (Finding.tail, without a Finding).

    >>> tail_text("warning", "talbukja", "탈북자: dated", "탈북민")
    'warning [talbukja] 탈북자: dated (suggest: 탈북민)'
    """
    suggest = f" (suggest: {suggestion})" if suggestion else ""
    return f"{severity} [{term}] {message}{suggest}"


def text_parts(path: str) -> tuple[bytes, bytes, bytes, bytes]:
    """The text format's line around its numbers and message: `path:line:col: message`.

    >>> text_parts("a.md")
    (b'a.md:', b':', b': ', b'\\n')
    """
    return (path.encode("utf-8", "surrogateescape") + b":", b":", b": ", b"\n")

"""Every match of a term in a whole text, with no policy: no severity, no suppression
comments, every repeat (what Checker.scan and Checker.count give, and the archive counter
counts). The compiled kernel reads the text when it can; the Python scanner otherwise."""

from __future__ import annotations

from collections import Counter
from operator import itemgetter

from .engine import DocumentCheck
from .matching import Patterns, candidates, fold
from .readers import MARKER, Masker
from .textmap import LONE_CR, Lines, normalize, original

__all__ = ["scan_counts", "scan_rows", "whole_rows"]


def scan_rows(patterns: Patterns, text: str, kind: str = "txt", compiled: bool = True):
    """Yield (entry, flags, start, end, line, col) for each term in a whole text, with no
    policy (suppression comments included): `start` and `end` are offsets in `text`, `end`
    past the particles a Korean match carries."""
    plain = LONE_CR.sub("\n", text) if "\r" in text else text  # lines as DocumentCheck counts
    masked = Masker(kind)(plain)
    kernel = patterns.compiled if compiled else None
    prepared = None
    if kernel is not None and MARKER not in masked:
        try:
            prepared = kernel.prepare(masked.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: the Python path reads it
            prepared = None
    if prepared is not None:  # no NFC change: its offsets are the text's
        for entry, flags, line, col, start, _, after_end in prepared.rows(1, 0):
            yield entry, flags, start, after_end, line, col
        return
    norm, where = normalize(masked)
    lines = Lines(plain)
    for index, flags, first, _, after_end in candidates(patterns, norm, fold(norm)):
        if where is None:
            start, end = first, after_end
        else:
            start, end = where[first], original(where, after_end, len(text))
        yield (index, flags, start, end, *lines.at(start))


_ENTRY_FLAGS = itemgetter(0, 1)


def scan_counts(patterns: Patterns, text: str, kind: str = "txt") -> Counter:
    """Count (entry, flags) over the matches `scan_rows` yields, without their places: what
    an archive count needs (the compiled scanner's `scan` skips lines and offsets)."""
    kernel = patterns.compiled
    if kernel is not None:
        masked = Masker(kind)(text) if kind != "txt" else text  # the kernel skips URLs itself
        rows = kernel.scan(masked.encode("utf-8", "surrogatepass"))
        if rows is not None:  # None: NFC-unsafe or zero-width characters, read below
            return Counter(map(_ENTRY_FLAGS, rows))
    return Counter((entry, flags) for entry, flags, *_ in scan_rows(patterns, text, kind))


def whole_rows(document: DocumentCheck, text: str, masked: str) -> list[tuple]:
    """The rows document.rows() gives for a whole text (`masked` as DocumentCheck masks
    it), read by the compiled kernel when it can: no suppression comment (the Python path
    applies those), no character NFC may change. Both scanners give the same rows
    (tests/test_kernel.py); the kernel's automaton is the cheaper to build for a cold
    check (the Python path's is built only when it is needed)."""
    kernel = None if MARKER in text else document.compiled
    if kernel is not None:
        try:  # the kernel blanks URLs itself; markup is blanked in `masked` (same lines)
            prepared = kernel.prepare((text if document.kind == "txt" else masked).encode())
        except UnicodeEncodeError:  # a lone surrogate: the Python path reads it
            prepared = None
        if prepared is not None:
            first_line = document.line
            document.line += prepared.newlines
            cut = prepared.text
            return [
                (entry, flags, line, col, cut(start, end), cut(start, after_end))
                for entry, flags, line, col, start, end, after_end in prepared.rows(first_line)
            ]
    return document.rows(text, masked)[0]

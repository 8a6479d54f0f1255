"""Check a document: positions, suppression comments, and what each match of a term says.

The matching itself is matching.py (the Python scanner, the reference, for any text) and the
compiled kernel (kernel.py: plain-text blocks that need no NFC normalisation and hold no
suppression comment); both give the same rows, and emitter.Emitter turns either into
findings with one policy. `tests/test_speedups.py` and `tests/test_kernel.py` check that the
two scanners agree. Set NKTERMS_PURE=1 to use only the Python one.

  DocumentCheck  one document, block by block: positions and suppression comments; what a
                 row's finding says is describe.Describer's (it tracks consistency)

Every match of a whole text with no policy at all (Checker.scan, Checker.count) is scan.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque

from .ahead import Ahead
from .describe import Describer
from .emitter import Emitter
from .files import InputError, with_context
from .finding import Finding, text_parts
from .matching import LOW, MENTION, Patterns, candidates, fold, matches
from .readers import MARKER, Masker, directives
from .textmap import LONE_CR, Lines, normalize, original

__all__ = [
    "LOW",
    "MENTION",
    "DocumentCheck",
    "Finding",
    "Patterns",
    "check_text",
]

_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_start(after: bytes) -> str:
    """The text of `after` up to its first line break (or a byte that is not UTF-8)."""
    ends = [i for i in (after.find(b"\n"), after.find(b"\r")) if i >= 0]
    head = after[: min(ends)] if ends else after
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as err:
        return head[: err.start].decode("utf-8")


class DocumentCheck:
    """Checks one document, block by block, keeping what a document needs across blocks.

    With `text_output` true, feed() returns the text format's lines as bytes; otherwise it
    returns Findings. `counts` holds the findings per severity (info, warning, error).
    """

    def __init__(
        self,
        patterns: Patterns,
        path: str,
        kind: str = "txt",
        house_romanization: str = "",
        first_only: bool = False,
        text_output: bool = False,
        compiled: bool = True,
        reuse: bool = True,
    ):
        self.patterns, self.path, self.kind = patterns, path, kind
        self.masker = Masker(kind)
        self.house = house_romanization
        self.off: set[str] = set()
        self.all_off = False
        self.next_line: dict[int, set[str] | None] = {}  # line -> ids (None: all) to skip
        self.line = 1
        # A block that starts inside a line (files.blocks cuts lines longer than a block):
        # its column, the line so far (context, at most `context` bytes), and how many of its
        # characters the last match of the block before already covers.
        self.col, self.tail, self.carry = 0, b"", 0
        self.context = max(4 * patterns.reach, 4096)
        self.use_compiled = compiled  # False: the Python path only
        self.describer = Describer(patterns, path, house_romanization, text_output)
        parts = text_parts(path) if text_output else None
        volatile = self.describer.volatile()
        self.emitter = Emitter(patterns, self.describer, first_only, volatile, parts, reuse)

    @property
    def counts(self) -> tuple[int, int, int]:
        """Findings so far per severity: (info, warning, error)."""
        return tuple(self.emitter.counts)

    @property
    def compiled(self):
        """The compiled kernel (None: the Python path only), built when first read: an
        article is read whole by the Python path and never needs it."""
        return self.patterns.compiled if self.use_compiled else None

    def feed(self, data: bytes, after: bytes = b""):
        """Check one block (UTF-8); return text lines (bytes) or Findings.

        A block ends after a line break, except inside a line longer than a block (see
        files.blocks): then `after` is what follows it (check_blocks gives it), and the block
        is read with the end of the line before it and the start of `after` as context, so a
        term across the cut is found once, in the block it starts in, at its line and column.
        Raises InputError naming the line and column when the block is not valid UTF-8."""
        if self.tail or after:
            return self._feed_window(data, after)
        compiled = None if self._suppressing() else self.compiled
        if compiled is not None and self.kind == "txt":  # the scanner reads the bytes as they are
            prepared = compiled.prepare(data)
            if prepared is not None:
                return self._emit(prepared, data)
        text = self._decode(data)
        masked = self.masker(text)
        if compiled is not None and self.kind != "txt" and MARKER not in text:
            prepared = compiled.prepare(masked.encode("utf-8"))  # markup blanked, same lines
            if prepared is not None:
                return self._emit(prepared, data)
        rows, _ = self.rows(text, masked)
        self._line_state(data)
        return self.emitter.emit(rows)

    def _feed_window(self, data: bytes, after: bytes):
        """Check a block that starts or ends inside a line, with the line around it."""
        head = self.tail.decode("utf-8")  # checked as part of the block before
        text = self._decode(data)
        whole = head + text + _line_start(after)
        view = (len(head), len(head) + self.carry, len(head) + len(text))  # block, scan, stop
        first_col = self.col - len(head)
        masked = self.masker(whole, continues=bool(head))
        compiled = None if self._suppressing() else self.compiled
        prepared = None
        if compiled is not None and MARKER not in whole:
            source = whole if self.kind == "txt" else masked
            prepared = compiled.prepare(source.encode("utf-8"), view[1], view[2])
        if prepared is not None:
            found, free = self._emit(prepared, None, first_col), prepared.free
        else:
            rows, free = self.rows(whole, masked, view, first_col)
            found = self.emitter.emit(rows)
        line_end = max(text.rfind("\n"), text.rfind("\r")) + 1
        self._line_state(data, max(0, free - view[2]), len(text) - line_end)
        return found

    def _line_state(self, data: bytes, carry: int = 0, last_line: int | None = None) -> None:
        """Remember how the next block starts: at a line start, or inside a line (its column,
        the end of the line so far as context, and how far the last match reaches into it).
        `last_line` is the length in characters of the block's unfinished last line."""
        if not data:
            return
        cut = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
        if cut == len(data):
            self.tail, self.col, self.carry = b"", 0, 0
            return
        rest = data[cut:]
        chars = len(rest.decode("utf-8", "replace")) if last_line is None else last_line
        self.col = chars if cut else self.col + chars
        tail = (rest if cut else self.tail + rest)[-self.context :]
        while tail and 0x80 <= tail[0] <= 0xBF:  # start at a whole character
            tail = tail[1:]
        self.tail, self.carry = tail, carry

    def check_blocks(self, blocks, jobs: int = 1):
        """Yield what feed() gives for each block, in order. With jobs > 1 the compiled
        scanner reads ahead: up to `jobs` blocks are scanned on other threads (it works
        without the GIL) while this one writes out the block before them. (The parts of a
        line longer than a block are read in turn: each needs where the last one stopped.)"""
        pieces = with_context(blocks, self.context)
        if self.compiled is None or self.kind != "txt" or jobs <= 1:
            for block, after, _ in pieces:
                yield self.feed(block, after)
            return
        ahead: deque = deque()
        with Ahead(self.compiled.prepare, jobs) as pool:
            for block, after, inside in pieces:
                whole_lines = not (inside or after)
                ahead.append((block, after, pool.submit(block) if whole_lines else None))
                if len(ahead) > jobs:
                    yield self._take(*ahead.popleft())
            while ahead:
                yield self._take(*ahead.popleft())

    def _take(self, block: bytes, after: bytes, future):
        prepared = None if future is None else future.result()
        if prepared is None or self._suppressing():
            return self.feed(block, after)
        return self._emit(prepared, block)

    def _suppressing(self) -> bool:
        """Whether a suppression comment read earlier still holds (the Python path reads
        those; the compiled scanner does not)."""
        self.next_line = {k: v for k, v in self.next_line.items() if k >= self.line}
        return bool(self.all_off or self.off or self.next_line)

    def _emit(self, prepared, data: bytes | None, first_col: int = 0):
        """Emit a block the compiled scanner prepared; with `data` (the block), note how the
        next block starts."""
        first_line = self.line
        self.line += prepared.newlines
        found = self.emitter.emit_prepared(prepared, first_line, first_col)
        if data is not None:
            self._line_state(data)
        return found

    def _decode(self, data: bytes) -> str:
        """The block as text, a lone CR (an old Mac line break) made LF, the same length, so
        lines and columns count CR, LF and CRLF as one line break each, as the compiled
        scanner does. Raises InputError where the block is not UTF-8."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise self._not_utf8(data, err.start) from None
        return LONE_CR.sub("\n", text) if "\r" in text else text

    def _not_utf8(self, data: bytes, offset: int) -> InputError:
        breaks = [m.end() for m in _BREAK.finditer(data, 0, offset)]
        line_start = breaks[-1] if breaks else 0
        col = len(data[line_start:offset].decode("utf-8", "replace")) + 1
        if not breaks:
            col += self.col  # the block starts inside a line
        return InputError(
            f"{self.path}:{self.line + len(breaks)}:{col}: not valid UTF-8 "
            f"(byte {data[offset]:#04x}): save the file as UTF-8"
        )

    def block(self, text: str):
        """Check one block of whole lines given as text."""
        return self.feed(text.encode("utf-8", "surrogatepass"))

    def rows(self, text: str, masked: str, view=None, first_col: int = 0):
        """The Python path for one block: (entry, flags, line, col, form, matched) rows, and
        where the scan stopped. `masked` is the text with code, URLs and markup blanked
        (Masker). With `view` (block start, scan start, block end), text around the block is
        context: only matches starting in the block, from the scan start on, count."""
        start, begin, stop = view or (0, 0, len(text))
        lines = Lines(text, self.line, first_col)
        self.line += text.count("\n")
        events = [
            (offset, action, set(ids))
            for offset, action, ids in directives(text)
            if start <= offset < stop
        ]
        next_line = self.next_line  # a comment on a block's last line reaches the next block
        for offset, action, ids in events:
            if action == "disable-next-line":
                next_line[lines.at(offset)[0] + 1] = ids or None
        events = [e for e in events if e[1] != "disable-next-line"]
        norm, where = normalize(masked)
        low = fold(norm)
        if where is None:
            found = matches(self.patterns, norm, low, begin, stop)
            free = found[-1][2] if found else begin
        else:
            found = matches(
                self.patterns, norm, low, bisect_left(where, begin), bisect_left(where, stop)
            )
            free = max(begin, original(where, found[-1][2], len(text))) if found else begin
        entries = self.patterns.entries
        rows = []
        for index, flags, first, end, after_end in candidates(self.patterns, norm, low, found):
            term = entries[index][0].term  # (rule, via)
            offset = where[first] if where is not None else first
            while events and events[0][0] < offset:
                self._switch(*events.pop(0)[1:])
            line, col = lines.at(offset)
            if (
                self.all_off
                or term in self.off
                or (line in next_line and (next_line[line] is None or term in next_line[line]))
            ):
                continue
            rows.append((index, flags, line, col, norm[first:end], norm[first:after_end]))
        for event in events:
            self._switch(*event[1:])
        return rows, free

    def _switch(self, action: str, ids: set[str]) -> None:
        """Apply a nkterms-disable / nkterms-enable comment."""
        if action == "disable":
            if ids:
                self.off |= ids
            else:
                self.all_off = True
        elif ids:
            self.off -= ids
        else:
            self.all_off, self.off = False, set()


def check_text(
    text: str, patterns: Patterns, path: str = "-", kind: str = "txt", **options
) -> list[Finding]:
    """Check a whole text at once (convenient for tests and small inputs)."""
    return DocumentCheck(patterns, path, kind, **options).block(text)

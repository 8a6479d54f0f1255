"""What the rows of one document become: text lines or Findings, once per term with
first_only. One policy for both scanners: rows the Python scanner found and blocks the
kernel prepared go through the same table of answers.

`describe(entry, flags, form, matched)` (describe.Describer.describe) says what a row's
finding is: (severity number, text-format tail, Finding) or None. Its answer for an (entry,
flags) slot is kept in `table` and reused until what describe() remembers changes (`changes`
counts that: a term first used, an open choice said) on a row of the same concept; the
answer on such a row, and on a term's first occurrence, is not kept. A `volatile` entry
(its message quotes the matched text) is asked every time. The kernel renders the text
lines of rows whose slot holds an answer and calls back (Emitter._line) for the others
(kernel.ASK), so a block is rendered in one call; Findings are made here.
"""

from __future__ import annotations

from array import array

from .kernel import ASK, SKIP  # the slot values besides an answer's index


class Emitter:
    """One document's answers, and what its rows become (`parts`: text lines; None: Findings).
    `patterns` is matching.Patterns."""

    def __init__(self, patterns, document, first_only: bool, volatile, parts=None, reuse=True):
        """`document` has describe() and `changes` (describe.Describer); `reuse=False` asks
        describe() about every row (the tests' reference)."""
        self.document, self.describe = document, document.describe
        self.first_only, self.parts = first_only, parts
        self.volatile = volatile if reuse else b"\1" * len(patterns.meta)
        self.patterns = patterns
        self.term_of, self.concept_of = patterns.slots
        self.table = array("i", [ASK]) * (4 * len(patterns.meta))
        self.answers: list = []  # tails (bytes) with parts, else Finding templates
        self.severity: list[int] = []  # per answer
        self.hits = array("q")  # per answer: the rows the kernel rendered with it
        self.seen: set[int] = set()
        self.reported: set[int] = set()
        self.kept: dict[int, list[int]] = {}  # concept -> the slots _ask kept an answer in
        self.own = [0, 0, 0]  # findings made here, per severity

    @property
    def counts(self) -> tuple[int, int, int]:
        """Findings so far per severity: (info, warning, error)."""
        counts = list(self.own)
        for severity, hits in zip(self.severity, self.hits, strict=True):
            counts[severity] += hits
        return tuple(counts)

    def _ask(self, entry: int, flags: int, form: str, matched: str):
        """Ask describe() about a row whose slot holds no answer; keep the answer in the
        table when later rows of the slot may reuse it."""
        term = self.term_of[entry]
        fresh = term not in self.seen
        if fresh:
            self.seen.add(term)
        document = self.document
        before = document.changes
        result = self.describe(entry, flags, form, matched)
        concept = self.concept_of[entry]
        changed = fresh or document.changes != before
        if changed:  # what the concept's terms say may differ now: ask them again
            self._forget(concept)
        if result is not None and self.first_only:
            self.reported.add(term)
            for entry in self.patterns.entries_of_term[term]:
                for slot in range(entry * 4, entry * 4 + 4):
                    self.table[slot] = SKIP
        elif not changed and not self.volatile[entry]:
            slot = entry * 4 + flags
            self.kept.setdefault(concept, []).append(slot)
            if result is None:
                self.table[slot] = SKIP
            else:
                self.table[slot] = len(self.answers)
                self.answers.append(result[1] if self.parts else result[2])
                self.severity.append(result[0])
                self.hits.append(0)
        return result

    def _forget(self, concept: int) -> None:
        """Ask again about the slots of a concept that hold a kept answer (only those: the
        others hold ASK, or SKIP for a term reported once with first_only, which stays)."""
        kept = self.kept.pop(concept, None)
        if kept:
            table, reported, term_of = self.table, self.reported, self.term_of
            for slot in kept:
                if term_of[slot // 4] not in reported:
                    table[slot] = ASK

    def _row(self, out: list, entry, flags, line, col, form, matched) -> None:
        """Add one row's finding (if any) to `out`."""
        code = self.table[entry * 4 + flags]
        if code == SKIP:
            return
        if code == ASK:
            result = self._ask(entry, flags, form, matched)
            if result is None:
                return
            severity, tail, template = result
        else:
            severity, tail = self.severity[code], self.answers[code]
            template = tail
        self.own[severity] += 1
        if self.parts:
            head, after_line, after_col, end = self.parts
            out.append(b"%s%d%s%d%s%s%s" % (head, line, after_line, col, after_col, tail, end))
        else:
            out.append(template.at(line, col, matched))

    def emit(self, rows) -> bytes | list:
        """Turn rows (entry, flags, line, col, form, matched) into text lines or Findings."""
        out: list = []
        for row in rows:
            self._row(out, *row)
        return b"".join(out) if self.parts else out

    def emit_prepared(self, prepared, first_line: int, first_col: int = 0) -> bytes | list:
        """Turn a block the kernel prepared into text lines or Findings."""
        if self.parts:  # the kernel renders each line, asking _line() where it has no answer
            args = (self.table, self.answers, self.hits, self.parts, 0, first_line, first_col)
            return prepared.render(*args, self._line)[0]
        out: list = []
        text, table = prepared.text, self.table
        for entry, flags, line, col, start, end, after_end in prepared.rows(first_line, first_col):
            if table[entry * 4 + flags] != SKIP:
                self._row(out, entry, flags, line, col, text(start, end), text(start, after_end))
        return out

    def _line(self, entry: int, flags: int, line: int, col: int, form: str, matched: str):
        """The text line of a row the kernel has no answer for (None: no finding)."""
        result = self._ask(entry, flags, form, matched)
        if result is None:
            return None
        self.own[result[0]] += 1
        head, after_line, after_col, end = self.parts
        return b"%s%d%s%d%s%s%s" % (head, line, after_line, col, after_col, result[1], end)

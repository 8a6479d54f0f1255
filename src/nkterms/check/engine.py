"""Scan text for glossary terms: Aho-Corasick finds candidates, then Korean particles, word
boundaries, context rules and quoted mentions decide what each one is.

Two implementations share this module's contract. This Python one is the reference and reads
any text. The compiled scanner in `nkterms._speedups` (built with the package when a C compiler
is there) takes plain-text blocks that need no NFC normalisation and hold no suppression
comment, and must give the same rows; `tests/test_speedups.py` checks that it does. Set
NKTERMS_PURE=1 to use only the Python one.

The stages:
  matches()     leftmost-longest matches of the forms that can be terms
  candidates()  those matches judged: (entry, flags, start, end, after_end)
  DocumentCheck positions, suppression comments, and the finding each row makes
  Emitter       one per document: what each finding says (asked of DocumentCheck.describe, which
                tracks consistency), first-only, and the output (text lines or Findings)
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from functools import cached_property

import ahocorasick_rs

from ..korean.hangul import PARTICLES, PLURAL, has_hangul, is_syllable
from .advice import SAME
from .files import InputError, with_context
from .readers import Masker, directives
from .rules import SEVERITIES, Rule, stronger
from .textmap import Lines, normalize

try:
    if os.environ.get("NKTERMS_PURE"):
        raise ImportError("NKTERMS_PURE is set")
    from .. import _speedups
except ImportError:  # no C compiler at install time: the Python path does everything
    _speedups = None

KO, LATIN, HAN = 0, 1, 2
LOW, MENTION = 1, 2  # row flags: part of a compound; a mention of the word

# Chinese and Japanese write no spaces between words, so a form in ideographs or kana has no
# word boundary to look for (it is matched as Hanja forms are).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PARTICLE_SET = frozenset(PARTICLES)
_LONGEST = max(map(len, PARTICLES))


def fold(text: str) -> str:
    """Lower-case text for matching, one character for one (so offsets stay).

    str.lower() does that except for two letters: İ (lower-cased to two characters; kept) and
    Σ (ς at the end of a word; here always σ), so those take the slow way.

    >>> fold("North KOREA"), fold("İΣ")
    ('north korea', 'İσ')
    """
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def particle_end(text: str, at: int) -> int:
    """Return where the chain of plural and particles after a Korean noun ends (at most three).

    >>> particle_end("탈북자들에게서는 왔다", 3)
    8
    """
    if text.startswith(PLURAL, at):
        at += len(PLURAL)
    for _ in range(3):
        for size in range(min(_LONGEST, len(text) - at), 0, -1):
            if text[at : at + size] in _PARTICLE_SET:
                at += size
                break
        else:
            break
    return at


_LATIN_SUFFIX = re.compile(r"(?:['’]s|s['’]|es|s)?")
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』", "«": "»", "《": "》"}
_MENTION_AFTER = ("이라는", "라는", "이란", "란", "이라고", "라고")  # "탈북자"라는 말
# Read on folded text, so the words are written in lower case.
_MENTION_BEFORE = re.compile(r"(?:the (?:word|term|label|name)s?|called|so-called)\s*[\"“']?$")
_WORD = re.compile(r"\w")
_LONE_CR = re.compile(r"\r(?!\n)")
_BREAK = re.compile(rb"\r\n|\r|\n")


def _original(where: list[int], index: int, length: int) -> int:
    """The offset in the original text of normalised offset `index` (an end: may be past
    the last character)."""
    return where[index] if index < len(where) else length


def _line_start(after: bytes) -> str:
    """The text of `after` up to its first line break (or a byte that is not UTF-8)."""
    ends = [i for i in (after.find(b"\n"), after.find(b"\r")) if i >= 0]
    head = after[: min(ends)] if ends else after
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as err:
        return head[: err.start].decode("utf-8")


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
        suggest = f" (suggest: {self.suggestion})" if self.suggestion else ""
        return f"{self.severity} [{self.term}] {self.message}{suggest}"

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


def _lower(severity: str) -> str:
    return SEVERITIES[max(0, SEVERITIES.index(severity) - 1)]


class Patterns:
    """Every form of every rule, compiled once into one automaton.

    `entries[i]` is (rule, via) for form i; `meta[i]` is what the scanners need of it:
    (kind KO / LATIN / HAN, term number, concept number, not_followed_by, near words folded,
    window).
    """

    def __init__(self, rules: list[Rule]):
        self.entries: list[tuple[Rule, str]] = []
        self.meta: list[tuple] = []
        forms: list[str] = []
        seen: set[str] = set()
        terms: dict[str, int] = {}
        concepts: dict[str, int] = {}
        for rule in rules:
            for text, via in rule.spellings:
                key = fold(text)
                if len(key) < 2 or key in seen:
                    continue
                seen.add(key)
                korean = has_hangul(key)
                if via == "hanja" or (_CJK.search(key) and not korean):
                    kind = HAN
                else:
                    kind = KO if korean else LATIN
                self.entries.append((rule, via))
                self.meta.append(
                    (
                        kind,
                        terms.setdefault(rule.term, len(terms)),
                        concepts.setdefault(rule.concept, len(concepts)),
                        tuple(rule.not_followed_by),
                        tuple(fold(w) for w in rule.near),
                        rule.window,
                    )
                )
                forms.append(key)
        self.forms = forms
        self._automaton = None
        self._compiled = None

    @cached_property
    def reach(self) -> int:
        """How many characters around a match judging it may read (the longest form, a
        context window and its words, particles, a mention phrase), with room to spare."""
        longest = max(map(len, self.forms), default=0)
        windows = [m[5] + max(map(len, m[4])) for m in self.meta if m[4]]
        return longest + max(windows, default=0) + 64

    def ready(self) -> Patterns:
        """Build every lazily made part now, so threads sharing these patterns only read them."""
        _ = self.reach, self.automaton, self.compiled
        return self

    @property
    def automaton(self):
        """Every form, for the Python path (it asks for overlapping matches)."""
        if self._automaton is None:
            self._automaton = ahocorasick_rs.AhoCorasick(self.forms or ["\0"])
        return self._automaton

    @property
    def compiled(self):
        """The compiled scanner's automaton (None without the extension)."""
        if self._compiled is None and _speedups is not None and self.forms:
            self._compiled = _speedups.Automaton(self.forms, self.meta, PARTICLES, PLURAL)
        return self._compiled


def matches(
    patterns: Patterns, text: str, low: str, begin: int = 0, stop: int | None = None
) -> list[tuple[int, int, int]]:
    """Return (entry, start, end) of the forms in the text that can be terms, leftmost first,
    then longest, not overlapping. A Latin form can be a term only where no word character
    comes before it ("nis" in "minister" is none, and does not hide "korean defector" in
    "xnorth korean defector"). Only matches starting in [begin, stop) count: the rest of the
    text is context (a long line is read in parts; see DocumentCheck.feed).

    >>> forms = (("north korean", "form"), ("korean defector", "form"))
    >>> p = Patterns([Rule("t", "c", "en", "x", "info", (), "", (), spellings=forms)])
    >>> matches(p, "xnorth korean defector", "xnorth korean defector")
    [(1, 7, 22)]
    """
    meta = patterns.meta
    longest: dict[int, tuple[int, int]] = {}
    for index, start, end in patterns.automaton.find_matches_as_indexes(low, overlapping=True):
        if meta[index][0] == LATIN and start and _WORD.match(text, start - 1):
            continue
        if end > longest.get(start, (0, 0))[1]:
            longest[start] = (index, end)
    out, free = [], begin
    for start in sorted(longest):
        if stop is not None and start >= stop:
            break
        if start >= free:
            index, free = longest[start]
            out.append((index, start, free))
    return out


def candidates(patterns: Patterns, text: str, low: str, found=None):
    """Yield (entry, flags, start, end, after_end) for each match in `text` that is a term.

    `low` is fold(text); `found` is matches() when the caller has them. A Korean match may
    carry particles (after_end is past them) and is LOW when it is part of a compound.
    """
    meta = patterns.meta
    for index, start, end in matches(patterns, text, low) if found is None else found:
        kind, _, _, not_followed_by, near, window = meta[index]
        before = text[start - 1] if start else ""
        flags = 0
        if kind == LATIN:
            after_end = _LATIN_SUFFIX.match(text, end).end()
            if _WORD.match(text, after_end):
                continue
        elif kind == KO:
            if any(text.startswith(x, end) for x in not_followed_by):
                continue
            after_end = particle_end(text, end)
            if (before and is_syllable(before)) or (
                after_end < len(text) and is_syllable(text[after_end])
            ):
                flags = LOW  # part of a compound or after a prefix (재탈북자, 탈북민가족)
        else:
            after_end = end
        if near:
            window_text = low[max(0, start - window) : end + window]
            if not any(word in window_text for word in near):
                continue
        if _mention(text, low, start, end, after_end):
            flags |= MENTION
        yield index, flags, start, end, after_end


def scan_rows(patterns: Patterns, text: str, kind: str = "txt"):
    """Yield (entry, flags, start, end, line, col) for each term in a whole text, with no
    policy (suppression comments included): `start` and `end` are offsets in `text`, `end`
    past the particles a Korean match carries."""
    plain = _LONE_CR.sub("\n", text) if "\r" in text else text  # lines as DocumentCheck counts
    norm, where = normalize(Masker(kind)(plain))
    lines = Lines(plain)
    for index, flags, first, _, after_end in candidates(patterns, norm, fold(norm)):
        if where is None:
            start, end = first, after_end
        else:
            start, end = where[first], _original(where, after_end, len(text))
        yield (index, flags, start, end, *lines.at(start))


def _mention(text: str, low: str, start: int, end: int, after_end: int) -> bool:
    """Tell whether the text talks about the word ("탈북자"라는 말, the term "defector")."""
    before = text[start - 1 : start]
    if before in _QUOTES and _QUOTES[before] in (
        text[end : end + 1],
        text[after_end : after_end + 1],
    ):
        return True
    if text.startswith(_MENTION_AFTER, end):
        return True
    return bool(_MENTION_BEFORE.search(low[max(0, start - 20) : start]))


class Emitter:
    """What each row of a document becomes: a Finding (or text line), once per term with
    first_only. `describe(entry, flags, form, matched)` says what a row's finding is."""

    def __init__(self, patterns: Patterns, describe, first_only: bool, path: bytes | None):
        self.term_of = [m[1] for m in patterns.meta]
        self.describe, self.first_only, self.path = describe, first_only, path
        self.reported: set[int] = set()
        self.counts = [0, 0, 0]

    def emit(self, rows) -> bytes | list:
        """Turn rows (entry, flags, line, col, form, matched) into text lines or Findings."""
        out = []
        for entry, flags, line, col, form, matched in rows:
            term = self.term_of[entry]
            if self.first_only and term in self.reported:
                continue
            result = self.describe(entry, flags, form, matched)
            if result is None:
                continue
            severity, tail, template = result
            if self.first_only:
                self.reported.add(term)
            self.counts[severity] += 1
            if self.path is None:
                out.append(template.at(line, col, matched))
            else:
                out.append(b"%s:%d:%d: %s\n" % (self.path, line, col, tail))
        return out if self.path is None else b"".join(out)


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
    ):
        self.patterns, self.path, self.kind = patterns, path, kind
        self.masker = Masker(kind)
        self.house = house_romanization
        self.used: dict[str, dict[str, str]] = {}  # concept -> term -> first form seen
        self.said_terms: set[str] = set()  # open-choice terms and concepts already told of
        self.said_concepts: set[str] = set()
        self.off: set[str] = set()
        self.all_off = False
        self.next_line: dict[int, set[str] | None] = {}  # line -> ids (None: all) to skip
        self.line = 1
        # A block that starts inside a line (files.blocks cuts lines longer than a block):
        # its column, the line so far (context, at most `context` bytes), and how many of its
        # characters the last match of the block before already covers.
        self.col, self.tail, self.carry = 0, b"", 0
        self.context = max(4 * patterns.reach, 4096)
        out_path = path.encode("utf-8", "surrogateescape") if text_output else None
        self.compiled = patterns.compiled if compiled else None  # None: Python path only
        if self.compiled is not None:
            self.emitter = _speedups.Emitter(
                self.compiled, self.describe, first_only, self._volatile(), out_path
            )
        else:
            self.emitter = Emitter(patterns, self.describe, first_only, out_path)

    @property
    def counts(self) -> tuple[int, int, int]:
        """Findings so far per severity: (info, warning, error)."""
        return tuple(self.emitter.counts)

    def _volatile(self) -> bytes:
        """Per entry, 1 where what a finding says depends on the matched text (the house
        romanization note quotes it), so the compiled emitter must not reuse it.

        Otherwise describe() may answer a term's first occurrence in a document differently
        (an open choice is said once), and must give the same answer to its later ones until
        another term of the concept is first seen: the compiled emitter reuses those."""
        return bytes(self._house_form(e) is not None for e in range(len(self.patterns.entries)))

    def _house_form(self, entry: int) -> str | None:
        """The house romanization of a romanized Korean term's form, if one is set."""
        rule, via = self.patterns.entries[entry]
        kind = self.patterns.meta[entry][0]
        if kind == LATIN and via in ("rr", "mr", "press") and self.house and rule.lang == "ko":
            return rule.romanizations.get(self.house)
        return None

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
        if compiled is not None and self.kind != "txt" and "nkterms-" not in text:
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
        if compiled is not None and "nkterms-" not in whole:
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
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        prepare = self.compiled.prepare
        ahead: deque = deque()
        with ThreadPoolExecutor(jobs, thread_name_prefix="nkterms-scan") as pool:
            for block, after, inside in pieces:
                whole_lines = not (inside or after)
                ahead.append((block, after, pool.submit(prepare, block) if whole_lines else None))
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
        return _LONE_CR.sub("\n", text) if "\r" in text else text

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
            free = max(begin, _original(where, found[-1][2], len(text))) if found else begin
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

    def describe(self, entry: int, flags: int, form: str, matched: str):
        """Say what a row's finding is: (severity number, text-format tail, Finding), or None
        when it needs no care. Registers the term for the consistency check."""
        rule = self.patterns.entries[entry][0]
        mention, low = bool(flags & MENTION), bool(flags & LOW)
        # Where the writer's choice is open, each term's facts are said at its first use and
        # the choice once (the last reason); a repeat says only what is new (mixed terms).
        repeat = rule.choice == "open" and rule.term in self.said_terms
        severity = None if repeat else rule.severity
        notes = [] if repeat else list(rule.reasons)
        if notes and rule.choice == "open" and rule.concept in self.said_concepts:
            notes.pop()
        house = self._house_form(entry)
        if house and house.lower() != form.lower():
            severity = stronger(severity, "info")
            notes.append(
                f"romanized '{form}'; the house style ({self.house.upper()}) writes '{house}'"
            )
        severity = self._consistency(rule, form, notes, severity)
        if severity is None:
            return None
        if rule.choice == "open":
            self.said_terms.add(rule.term)
            self.said_concepts.add(rule.concept)
        if mention:
            severity = _lower(severity)
        if low:
            severity = "info"
        prefix = "mention of the word: " if mention else ("in a compound: " if low else "")
        message = f"{prefix}{rule.form}: " + "; ".join(notes) if notes else f"{prefix}{rule.form}"
        finding = Finding(
            self.path,
            0,
            0,
            severity,
            rule.term,
            matched,
            message,
            "" if repeat else rule.suggestion,
            rule.sources,
            "low" if low else "high",
            mention,
            () if repeat else rule.replacements,
            rule.concept,
        )
        return SEVERITIES.index(severity), finding.tail().encode("utf-8"), finding

    def _consistency(self, rule: Rule, form: str, notes: list, severity):
        """Note another designation of the same concept earlier in the text (not on the house
        style's own designation: the others' findings already name it)."""
        if rule.lang != "ko":
            return severity
        used = self.used.setdefault(rule.concept, {})
        if rule.term not in used:
            used[rule.term] = form
        same = SAME.get(rule.category, SAME["other"])[0]
        if len(used) > 1 and rule.choice != "house" and same:
            others = [f for t, f in used.items() if t != rule.term]
            notes.append(f"this text also uses {', '.join(others)} {same}: pick one")
            return stronger(severity, "info")
        return severity


def check_text(
    text: str, patterns: Patterns, path: str = "-", kind: str = "txt", **options
) -> list[Finding]:
    """Check a whole text at once (convenient for tests and small inputs)."""
    return DocumentCheck(patterns, path, kind, **options).block(text)

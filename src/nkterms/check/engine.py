"""Scan text for glossary terms: Aho-Corasick finds candidates, then Korean particles, word
boundaries, context rules and quoted mentions decide what each one is."""

from __future__ import annotations

import re

import ahocorasick_rs

from ..korean.hangul import PARTICLES, PLURAL
from .readers import Masker, directives
from .rules import SEVERITIES, Rule, stronger
from .textmap import Lines, normalize

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_PARTICLE_SET = frozenset(PARTICLES)
_LONGEST = max(map(len, PARTICLES))


def particle_end(text: str, at: int) -> int:
    """Return where the chain of plural and particles after a Korean noun ends (at most three).

    >>> particle_end("탈북자들에게서는 왔다", 3)
    8
    """
    if text.startswith(PLURAL, at):
        at += len(PLURAL)
    for _ in range(3):
        for size in range(_LONGEST, 0, -1):
            if text[at : at + size] in _PARTICLE_SET:
                at += size
                break
        else:
            break
    return at


_LATIN_SUFFIX = re.compile(r"(?:['’]s|s['’]|es|s)?")
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』", "«": "»", "《": "》"}
_MENTION_AFTER = re.compile(
    r"(?:(?:이?라는|이?란|이?라고)\s*(?:말|용어|표현|명칭|단어|호칭|이름)?)?"
)
_MENTION_BEFORE = re.compile(
    r"(?:the (?:word|term|label|name)s?|called|so-called)\s*[\"“']?$", re.I
)
_WORD = re.compile(r"\w")


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
    ):
        self.path, self.line, self.col, self.severity = path, line, col, severity
        self.term, self.text, self.message, self.suggestion = term, text, message, suggestion
        self.sources, self.confidence, self.mention = sources, confidence, mention

    def __repr__(self) -> str:
        return f"Finding({self.path}:{self.line}:{self.col} {self.severity} {self.term})"

    def as_dict(self) -> dict:
        """Return the finding as the JSON object `nkterms check --format json` prints."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "term": self.term,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion or None,
            "sources": list(self.sources),
            "confidence": self.confidence,
            "mention": self.mention,
        }


def _lower(severity: str) -> str:
    return SEVERITIES[max(0, SEVERITIES.index(severity) - 1)]


class Patterns:
    """Every form of every rule, compiled once into one automaton."""

    def __init__(self, rules: list[Rule]):
        self.entries: list[tuple[Rule, str, str]] = []  # rule, kind (ko / han / latin), via
        forms: list[str] = []
        seen: set[str] = set()
        for rule in rules:
            for text, via in rule.spellings:
                key = text.lower()
                if len(key) < 2 or key in seen:
                    continue
                seen.add(key)
                kind = (
                    "ko"
                    if _HANGUL.search(key)
                    else ("latin" if key.isascii() or via != "hanja" else "han")
                )
                if via == "hanja":
                    kind = "han"
                self.entries.append((rule, kind, via))
                forms.append(key)
        self.forms = forms
        self.automaton = ahocorasick_rs.AhoCorasick(
            forms or ["\0"], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )


class Checker:
    """Checks one document, block by block, keeping what a document needs across blocks."""

    def __init__(
        self,
        patterns: Patterns,
        path: str,
        kind: str = "txt",
        house_romanization: str = "",
        first_only: bool = False,
    ):
        self.patterns, self.path, self.kind = patterns, path, kind
        self.masker = Masker(kind)
        self.house = house_romanization
        self.first_only = first_only
        self.used: dict[str, dict[str, str]] = {}  # concept -> term -> first form seen
        self.reported: set[str] = set()
        self.off: set[str] = set()
        self.all_off = False
        self.line = 1

    def block(self, text: str) -> list[Finding]:
        """Check one block of whole lines; return its findings in order."""
        lines = Lines(text, self.line)
        self.line += text.count("\n")
        events = [(offset, action, set(ids)) for offset, action, ids in directives(text)]
        next_line = {
            lines.at(o)[0] + 1: (ids or None) for o, a, ids in events if a == "disable-next-line"
        }
        events = [e for e in events if e[1] != "disable-next-line"]
        masked = self.masker(text)
        norm, where = normalize(masked)
        lowered = norm.lower()
        if len(lowered) != len(norm):
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in norm)
        found = []
        entries = self.patterns.entries
        for index, start, end in self.patterns.automaton.find_matches_as_indexes(lowered):
            rule, kind, via = entries[index]
            if kind == "latin" and start and norm[start - 1].isalnum():
                continue  # inside a word ("nis" in "minister"): the common false candidate
            offset = where[start] if where is not None else start
            while events and events[0][0] < offset:
                self._switch(*events.pop(0)[1:])
            line, col = lines.at(offset)
            if (
                self.all_off
                or rule.term in self.off
                or (line in next_line and (next_line[line] is None or rule.term in next_line[line]))
            ):
                continue
            finding = self._judge(norm, start, end, rule, kind, via)
            if finding is not None:
                found.append(finding(line, col))
        for event in events:
            self._switch(*event[1:])
        return found

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

    def _judge(self, text: str, start: int, end: int, rule: Rule, kind: str, via: str):
        before = text[start - 1] if start else ""
        confidence = "high"
        if kind == "ko":
            after_end = particle_end(text, end)
            after = text[after_end : after_end + 1]
            if any(text.startswith(x, end) for x in rule.not_followed_by):
                return None
            if _HANGUL.match(before) or _HANGUL.match(after):
                confidence = "low"  # part of a compound or after a prefix (재탈북자, 탈북민가족)
        elif kind == "latin":
            suffix = _LATIN_SUFFIX.match(text, end)
            after_end = suffix.end()
            if (before and _WORD.match(before)) or _WORD.match(text[after_end : after_end + 1]):
                return None
        else:
            after_end = end
        if rule.near and not self._near(text, start, end, rule):
            return None
        mention = self._mention(text, start, end, after_end)
        severity = rule.severity
        notes = list(rule.reasons)
        if kind == "latin" and via in ("rr", "mr", "press") and self.house and rule.lang == "ko":
            house = rule.romanizations.get(self.house)
            if house and house.lower() != text[start:end].lower():
                severity = stronger(severity, "info")
                notes.append(
                    f"romanized '{text[start:end]}'; the house style ({self.house.upper()}) "
                    f"writes '{house}'"
                )
        severity = self._consistency(rule, text[start:end], notes, severity)
        if severity is None:
            return None
        if mention:
            severity = _lower(severity)
        if confidence == "low":
            severity = "info"
        if self.first_only and rule.term in self.reported:
            return None
        self.reported.add(rule.term)
        prefix = (
            "mention of the word: "
            if mention
            else ("in a compound: " if confidence == "low" else "")
        )
        message = f"{prefix}{rule.form}: " + "; ".join(notes) if notes else f"{prefix}{rule.form}"
        matched = text[start:after_end]

        def make(line: int, col: int) -> Finding:
            return Finding(
                self.path,
                line,
                col,
                severity,
                rule.term,
                matched,
                message,
                rule.suggestion,
                rule.sources,
                confidence,
                mention,
            )

        return make

    def _consistency(self, rule: Rule, form: str, notes: list, severity):
        if rule.lang != "ko":
            return severity
        used = self.used.setdefault(rule.concept, {})
        if rule.term not in used:
            used[rule.term] = form
        if len(used) > 1:
            others = [f for t, f in used.items() if t != rule.term]
            notes.append(f"this text also uses {', '.join(others)} for the same group: pick one")
            return stronger(severity, "info")
        return severity

    def _near(self, text: str, start: int, end: int, rule: Rule) -> bool:
        window = text[max(0, start - rule.window) : end + rule.window].lower()
        return any(word.lower() in window for word in rule.near)

    def _mention(self, text: str, start: int, end: int, after_end: int) -> bool:
        """Tell whether the text talks about the word ("탈북자"라는 말, the term "defector")."""
        before = text[start - 1 : start]
        if before in _QUOTES and _QUOTES[before] in (
            text[end : end + 1],
            text[after_end : after_end + 1],
        ):
            return True
        if _MENTION_AFTER.match(text[end : end + 8]).group(0):
            return True
        return bool(_MENTION_BEFORE.search(text[max(0, start - 20) : start]))


def check_text(
    text: str, patterns: Patterns, path: str = "-", kind: str = "txt", **options
) -> list[Finding]:
    """Check a whole text at once (convenient for tests and small inputs)."""
    return Checker(patterns, path, kind, **options).block(text)

"""What a row's finding says, given what the document has said so far.

A Describer is one document's memory of the terms it has met: which designations of a
concept the text uses (the consistency note), which open choices it has told of. The
emitter (emitter.py) asks it about a row only when its table holds no answer for the row's
slot, and reuses the answer until `changes` moves.
"""

from __future__ import annotations

from .advice import SAME, lower
from .finding import Finding, tail_text
from .matching import LATIN, LOW, MENTION, Patterns
from .rules import SEVERITIES, Rule, stronger

__all__ = ["Describer"]

_RANK = {severity: number for number, severity in enumerate(SEVERITIES)}


class Describer:
    """What the rows of one document say (`describe`), and what it remembers doing so."""

    def __init__(self, patterns: Patterns, path: str, house: str = "", text_output=False):
        """`house` is the house romanization ("" none); with `text_output` describe() makes
        the text format's tail only, no Finding."""
        self.patterns, self.path, self.house = patterns, path, house
        self.text_output = text_output
        self.used: dict[str, dict[str, str]] = {}  # concept -> term -> first form seen
        self.said_terms: set[str] = set()  # open-choice terms and concepts already told of
        self.said_concepts: set[str] = set()
        self.changes = 0  # bumped when describe() remembers something: its answers may change

    def volatile(self) -> bytes:
        """Per entry, 1 where what a finding says depends on the matched text (the house
        romanization note quotes it), so the emitter must not reuse it.

        Otherwise describe() gives a slot the same answer until what it remembers changes
        (`changes`), and the emitter reuses it."""
        if not self.house:
            return bytes(len(self.patterns.entries))
        return bytes(self.house_form(e) is not None for e in range(len(self.patterns.entries)))

    def house_form(self, entry: int) -> str | None:
        """The house romanization of a romanized Korean term's form, if one is set."""
        rule, via = self.patterns.entries[entry]
        kind = self.patterns.meta[entry][0]
        if kind == LATIN and via in ("rr", "mr", "press") and self.house and rule.lang == "ko":
            return rule.romanizations.get(self.house)
        return None

    def romanization_note(self, entry: int, form: str) -> str | None:
        """The note for a form romanized otherwise than the house style writes it, if so."""
        house = self.house_form(entry)
        if house and house.lower() != form.lower():
            return f"romanized '{form}'; the house style ({self.house.upper()}) writes '{house}'"
        return None

    def describe(self, entry: int, flags: int, form: str, matched: str):
        """Say what a row's finding is: (severity number, text-format tail, Finding), or None
        when it needs no care (with text output the Finding is None: only the tail is
        written). Registers the term for the consistency check."""
        rule = self.patterns.entries[entry][0]
        # Where the writer's choice is open, each term's facts are said at its first use and
        # the choice once (the last reason); a repeat says only what is new (mixed terms).
        open_choice = rule.choice == "open"
        repeat = open_choice and rule.term in self.said_terms
        if repeat:
            severity, notes = None, []
        else:
            severity, notes = rule.severity, list(rule.reasons)
            if notes and open_choice and rule.concept in self.said_concepts:
                notes.pop()
        if self.house and (note := self.romanization_note(entry, form)):
            severity = stronger(severity, "info")
            notes.append(note)
        if rule.lang == "ko":
            severity = self._consistency(rule, form, notes, severity)
        if severity is None:
            return None
        if open_choice:
            if rule.term not in self.said_terms or rule.concept not in self.said_concepts:
                self.changes += 1
            self.said_terms.add(rule.term)
            self.said_concepts.add(rule.concept)
        return self._answer(rule, flags, severity, notes, repeat, matched)

    def _answer(self, rule: Rule, flags: int, severity: str, notes: list, repeat: bool, matched):
        """describe()'s answer for a finding of `severity` with these notes."""
        if flags & LOW:
            severity, prefix = "info", "in a compound: "
        else:
            prefix = ""
        if flags & MENTION:
            prefix = "mention of the word: "
            if not flags & LOW:
                severity = lower(severity)
        message = f"{prefix}{rule.form}: " + "; ".join(notes) if notes else f"{prefix}{rule.form}"
        suggestion = "" if repeat else rule.suggestion
        tail = tail_text(severity, rule.term, message, suggestion).encode("utf-8")
        if self.text_output:
            return _RANK[severity], tail, None
        finding = Finding(
            self.path,
            0,
            0,
            severity,
            rule.term,
            matched,
            message,
            suggestion,
            rule.sources,
            "low" if flags & LOW else "high",
            bool(flags & MENTION),
            () if repeat else rule.replacements,
            rule.concept,
        )
        return _RANK[severity], tail, finding

    def _consistency(self, rule: Rule, form: str, notes: list, severity):
        """Note another designation of the same concept earlier in the text (not on the house
        style's own designation: the others' findings already name it); Korean rules only."""
        used = self.used.setdefault(rule.concept, {})
        if rule.term not in used:
            used[rule.term] = form
            self.changes += 1
        if len(used) > 1 and rule.choice != "house":
            same = SAME.get(rule.category, SAME["other"])[0]
            if same:
                others = [f for t, f in used.items() if t != rule.term]
                notes.append(f"this text also uses {', '.join(others)} {same}: pick one")
                return stronger(severity, "info")
        return severity

"""Matching: which forms of which rules a text holds, and which of those matches are terms.

The reference scanner, in Python: Aho-Corasick (ahocorasick-rs) finds candidates, then Korean
particles, word boundaries, context words and mentions decide what each one is. The compiled
kernel (kernel.py, nkterms._speedups) must give the same rows; it is given the same tables
(the constants here, mentions.py, readers.URL_*, the glossary's forms) as data.

  matches()     leftmost-longest matches of the forms that can be terms
  candidates()  those matches judged: (entry, flags, start, end, after_end)
"""

from __future__ import annotations

import _thread  # not threading: a cold `nkterms check` would pay for its import
import re
from functools import cached_property

import ahocorasick_rs

from ..korean.hangul import _SYLLABLE_FIRST, _SYLLABLE_LAST, PARTICLES, PLURAL, is_syllable
from .kernel import automaton
from .mentions import is_mention
from .rules import Rule

KO, LATIN, HAN = 0, 1, 2
LOW, MENTION = 1, 2  # row flags: part of a compound; a mention of the word

# Chinese and Japanese write no spaces between words, so a form in ideographs or kana has no
# word boundary to look for (it is matched as Hanja forms are). Ranges of code points, not a
# regex: compiling a character class this wide costs a cold start 2 ms.
_CJK = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
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


def _kind(key: str) -> int:
    """KO, LATIN or HAN: how a form is matched (a folded form not spelt in Hanja)."""
    if key.isascii() or max(key) < "\u3040":  # below kana, Hanja and Hangul (ŏ, é: Latin)
        return LATIN
    if _SYLLABLE_FIRST <= ord(key[0]) <= _SYLLABLE_LAST or any(
        _SYLLABLE_FIRST <= ord(ch) <= _SYLLABLE_LAST for ch in key
    ):  # korean.has_hangul
        return KO
    if any(lo <= ord(ch) <= hi for ch in key for lo, hi in _CJK):
        return HAN
    return LATIN


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


#: Endings an English form may take (plural, possessive), tried in this order.
LATIN_SUFFIXES = ("'s", "’s", "s'", "s’", "es", "s")
_LATIN_SUFFIX = re.compile("(?:" + "|".join(map(re.escape, LATIN_SUFFIXES)) + ")?")
_WORD = re.compile(r"\w")
_UNBUILT = object()  # Patterns.compiled not asked for yet (None: there is no kernel)


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
        entries, meta, hanja = self.entries, self.meta, HAN
        for rule in rules:
            shared = None  # what every form of the rule shares, made at its first form
            for text, via in rule.spellings:
                key = fold(text)
                if len(key) < 2 or key in seen:
                    continue
                seen.add(key)
                if shared is None:
                    shared = (
                        terms.setdefault(rule.term, len(terms)),
                        concepts.setdefault(rule.concept, len(concepts)),
                        tuple(rule.not_followed_by),
                        tuple(map(fold, rule.near)),
                        rule.window,
                    )
                entries.append((rule, via))
                meta.append((hanja if via == "hanja" else _kind(key), *shared))
                forms.append(key)
        self.forms = forms
        self._automaton = None
        self._same_forms: Patterns | None = None  # patterns whose Python automaton is ours
        self._compiled = _UNBUILT
        self._building = _thread.allocate_lock()

    def without_near(self) -> Patterns:
        """These patterns with no `near` filter (context decided for a whole article): the
        same forms, entries and Python path's automaton (built once for both, when either
        first needs it). The scanners read `near` from `meta` only; an entry's rule keeps
        its own. (The kernel's automaton holds the near words: each has its own.)"""
        other = Patterns([])
        other.entries, other.forms = self.entries, self.forms
        other.meta = [(*m[:4], (), m[5]) for m in self.meta]
        other._same_forms = self
        other.__dict__["slots"] = self.slots  # terms and concepts are the same
        return other

    @cached_property
    def reach(self) -> int:
        """How many characters around a match judging it may read (the longest form, a
        context window and its words, particles, a mention phrase), with room to spare."""
        longest = max(map(len, self.forms), default=0)
        windows = [m[5] + max(map(len, m[4])) for m in self.meta if m[4]]
        return longest + max(windows, default=0) + 64

    def ready(self) -> Patterns:
        """Build the lazily made parts every check needs now, so threads sharing these
        patterns only read them. The two automata are built on first use instead, under a
        lock (an article is read by the Python path only, a larger input mostly by the
        kernel: a cold check builds only the one it needs, 3-4 ms each)."""
        _ = self.reach, self.slots
        return self

    @cached_property
    def slots(self) -> tuple[list[int], list[int]]:
        """What an emitter needs of the entries: the term and concept number of each."""
        return [m[1] for m in self.meta], [m[2] for m in self.meta]

    @cached_property
    def entries_of_term(self) -> dict[int, list[int]]:
        """The entries of each term number (made when first asked for: only first_only
        needs them)."""
        out: dict[int, list[int]] = {}
        for entry, term in enumerate(self.slots[0]):
            if term in out:
                out[term].append(entry)
            else:
                out[term] = [entry]
        return out

    @property
    def automaton(self):
        """Every form, for the Python path (it asks for overlapping matches)."""
        if self._automaton is None:
            if self._same_forms is not None:
                self._automaton = self._same_forms.automaton
                return self._automaton
            with self._building:
                if self._automaton is None:
                    self._automaton = ahocorasick_rs.AhoCorasick(self.forms or ["\0"])
        return self._automaton

    @property
    def compiled(self):
        """The compiled kernel's automaton (None without the extension)."""
        if self._compiled is _UNBUILT:
            with self._building:
                if self._compiled is _UNBUILT:
                    forms = self.forms
                    self._compiled = automaton(forms, self.meta, LATIN_SUFFIXES) if forms else None
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
        if is_mention(text, low, start, end, after_end):
            flags |= MENTION
        yield index, flags, start, end, after_end

"""The library checker: built once per glossary and house style, then shared.

A Checker holds only what never changes after it is built (the rules and their compiled
patterns); each call makes its own per-document state (engine.DocumentCheck), so one Checker
may be called from many threads at once. `nkterms check` is a thin shell over it.

>>> from nkterms.check.checker import Report
>>> Report("a.txt").counts
{'info': 0, 'warning': 0, 'error': 0}
"""

from __future__ import annotations

import _thread  # not threading: a cold `nkterms check` would pay for its import
import os
from collections import namedtuple

from ..errors import InputError, UsageError
from .config import House, house_rules, load_config, shape_problems
from .engine import LOW, MENTION, DocumentCheck, Finding, Patterns
from .files import blocks, kind_of
from .onevoice import ARTICLE_LIMIT, Policy, check_article, read_article, text_lines
from .rules import SEVERITIES, Rule, record_rule, rule_records
from .scan import scan_counts, scan_rows

__all__ = ["Checker", "FileCheck", "Finding", "Hit", "Report", "check"]

LANGS = ("auto", "ko", "other", "en")  # "en" is the command line's name for "other"

#: One match of a term in a text, with no policy applied (see Checker.scan). `start`, `end`
#: are character offsets in the text given (`end` past the particles a Korean match carries),
#: so `text[start:end] == hit.text`; `compound` is a Korean match inside a longer word.
Hit = namedtuple("Hit", "start end line col term concept lang text mention compound")


class Report:
    """What checking one input found: its findings in text order, and its input errors."""

    __slots__ = ("path", "findings", "errors", "summary")

    def __init__(self, path: str, findings=None, errors=None, summary=None):
        self.path = path
        self.findings: list[Finding] = list(findings or ())
        self.errors: list[str] = list(errors or ())
        #: An article's designations per concept, how often, and the advice (onevoice.py).
        self.summary: list[str] = list(summary or ())

    def __repr__(self) -> str:
        return f"Report({self.path!r}, {len(self.findings)} findings, {len(self.errors)} errors)"

    @property
    def counts(self) -> dict[str, int]:
        """Return the findings per severity: {"info": n, "warning": n, "error": n}."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def failed(self, fail_on: str = "warning") -> bool:
        """Tell whether a finding is at or above `fail_on` (what makes `nkterms check` exit 1;
        quoted speech never does)."""
        if fail_on not in SEVERITIES:
            raise UsageError(f"fail_on {fail_on!r}: use one of {', '.join(SEVERITIES)}")
        failing = SEVERITIES[SEVERITIES.index(fail_on) :]
        return any(f.severity in failing and f.voice != "speech" for f in self.findings)

    def as_dict(self) -> dict:
        """Return this input's part of the `nkterms check --format json` document."""
        counts = self.counts
        return {
            "path": self.path,
            "findings": [f.as_dict() for f in self.findings],
            "summary": {name: counts[name] for name in ("error", "warning", "info")},
            "errors": list(self.errors),
        }


class FileCheck:
    """One file being checked: iterating gives each block's findings as it is read (a list
    of Findings, or the text format's bytes); `counts` are the findings so far per severity
    (info, warning, error). Raises InputError (from the iteration) for unreadable input.

    With a Policy, a file of an article's size is read whole and checked with the editor's
    policy (onevoice.py): one item, its findings then (text format) its summary."""

    def __init__(self, document: DocumentCheck, path: str, jobs: int, policy=None, text=False):
        self.document, self.path, self.jobs = document, path, jobs
        self.policy, self.text_output, self.article = policy, text, None

    def __iter__(self):
        if self.policy is None:
            return self.document.check_blocks(blocks(self.path), self.jobs)
        return self._read()

    def _read(self):
        self.article, rest = read_article(self.policy, self.path, self.document.kind)
        if self.article is None:
            yield from self.document.check_blocks(rest, self.jobs)
        elif self.text_output:
            yield text_lines(self.article, self.path)
        else:
            yield self.article.findings

    @property
    def counts(self) -> tuple[int, int, int]:
        """Return the findings so far per severity: (info, warning, error)."""
        return tuple(self.article.counts) if self.article else self.document.counts

    @property
    def speech(self) -> tuple[int, int, int]:
        """Return how many of them are in quoted speech (never part of the exit status)."""
        return tuple(self.article.speech) if self.article else (0, 0, 0)


class Checker:
    """Check texts and files against a glossary under a house style; safe to share between
    threads. Raises GlossaryError for a bad glossary, UsageError for a bad config."""

    def __init__(
        self,
        glossary=None,
        config=None,
        *,
        lang: str = "auto",
        every: bool = False,
        every_term: bool = False,
        on_build=None,
    ):
        from ..index import open_index  # here: the index module pulls in the build (cold start)

        if lang not in LANGS:
            raise UsageError(f"lang {lang!r}: use auto, ko or other")
        self.house = _house(config)
        self.lang, self.every, self.every_term = lang, every, every_term
        self.romanization = self.house.get("romanization", "")
        self.fail_on = self.house.get("fail-on", "warning")
        index = open_index(glossary, on_build=on_build)
        chosen = house_rules(index, self.house)
        if every_term:
            chosen = chosen + _untracked(index, chosen, self.house)
        if lang != "auto":
            chosen = [r for r in chosen if (r.lang == "ko") == (lang == "ko")]
        self.rules: tuple[Rule, ...] = tuple(chosen)
        self.patterns = Patterns(list(chosen)).ready()
        # An article (up to onevoice.ARTICLE_LIMIT) is read whole with the editor's policy;
        # a larger input is streamed, each term once (first_only) unless every is set. Each
        # way builds its automaton on first use (a cold check needs only one of them).
        self.policy = Policy(self.patterns, self.romanization, every)
        self.first_only = not every

    def document(self, path: str = "-", kind: str = "txt", *, text_output=False) -> DocumentCheck:
        """Return the per-document state for one input (fed block by block)."""
        return DocumentCheck(
            self.patterns,
            path,
            kind,
            self.romanization,
            first_only=self.first_only,
            text_output=text_output,
        )

    def check(self, text: str, kind: str = "txt", path: str = "-") -> Report:
        """Check a text (kind txt, md or html) as one article and return its Report."""
        if len(text) > ARTICLE_LIMIT:  # an archive, not an article: streamed
            report = Report(path)
            try:
                report.findings = self.document(path, _kind(kind)).block(text)
            except InputError as err:
                report.errors.append(str(err))
            return report
        result = check_article(self.policy, text, path, _kind(kind))
        return Report(path, result.findings, summary=result.summary)

    def iter_file(self, path: str, kind=None, *, jobs: int = 1, text_output=False) -> FileCheck:
        """Return a FileCheck that reads the file block by block (kind from its suffix when
        None; "-" is stdin), so output can stream whatever the file's size."""
        document = self.document(path, kind_of(path, kind and _kind(kind)), text_output=text_output)
        return FileCheck(document, path, jobs, self.policy, text_output)

    def check_file(self, path: str, kind=None) -> Report:
        """Check a file and return its Report (an unreadable file is one of its errors)."""
        report = Report(path)
        try:
            for found in self.iter_file(path, kind):
                report.findings.extend(found)
        except InputError as err:
            report.errors.append(str(err))
        return report

    def count(self, text: str, kind: str = "txt") -> dict[tuple[str, bool, bool], int]:
        """Return how many matches `scan` would give of each (term id, mention, compound),
        without making a Hit of each (what counting an archive needs)."""
        entries, out = self.patterns.entries, {}
        for (index, flags), n in scan_counts(self.patterns, text, _kind(kind)).items():
            key = (entries[index][0].term, bool(flags & MENTION), bool(flags & LOW))
            out[key] = out.get(key, 0) + n
        return out

    def scan(self, text: str, kind: str = "txt") -> list[Hit]:
        """Return every match of a term in the text, as the checker matches (particles, word
        boundaries, Hanja and romanized forms, longest first), with no policy: no severity,
        no suppression comments, every repeat."""
        entries, out = self.patterns.entries, []
        for index, flags, start, end, line, col in scan_rows(self.patterns, text, _kind(kind)):
            rule = entries[index][0]
            out.append(
                Hit(
                    start,
                    end,
                    line,
                    col,
                    rule.term,
                    rule.concept,
                    rule.lang,
                    text[start:end],
                    bool(flags & MENTION),
                    bool(flags & LOW),
                )
            )
        return out


def _kind(kind: str) -> str:
    if kind not in ("txt", "md", "html"):
        raise UsageError(f"kind {kind!r}: use txt, md or html")
    return kind


def _house(config) -> House:
    """The house settings from a config path, a dict or None (no house style)."""
    if config is None:
        return House({})
    if isinstance(config, House):
        return config
    if isinstance(config, dict):
        house = House(config, "config")
        problems = shape_problems(house)
        if problems:
            raise UsageError("\n".join(problems))
        return house
    if isinstance(config, str | os.PathLike):
        return load_config(path=os.fspath(config))
    raise UsageError(f"config {config!r}: give a file path, a dict or None")


def _untracked(index, chosen: list[Rule], house: House) -> list[Rule]:
    """A rule with no severity for every term no rule tracks (for counting every term)."""
    records = rule_records(index)
    tracked = {rule.term for rule in chosen} | set(house.get("ignore") or ())
    taken = {record["form"] for record in records}
    out = []
    for record in records:
        if record["id"] in tracked:
            continue
        category = record["concept"].get("category") or "other"
        out.append(
            record_rule(
                record, taken, category, severity=None, reasons=(), suggestion="", sources=()
            )
        )
    return out


_CACHE: dict[tuple, Checker] = {}
_CACHE_LOCK = _thread.allocate_lock()
_CACHE_SIZE = 8


def check(text: str, kind: str = "txt", lang: str = "auto", glossary=None, config=None) -> Report:
    """Check a text with a Checker kept for (glossary, config, lang) from an earlier call.

    A glossary edited after the first call is read again only by a new Checker
    (or after check.cache_clear())."""
    key = (_key(glossary), _key(config), lang)
    with _CACHE_LOCK:
        checker = _CACHE.get(key)
        if checker is None:
            checker = Checker(glossary, config, lang=lang)
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = checker
    return checker.check(text, kind)


def _key(value) -> object:
    """A hashable stand-in for a glossary or config argument."""
    import json

    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return os.fspath(value) if value is not None else None


def _cache_clear() -> None:
    """Forget every Checker nkterms.check built."""
    with _CACHE_LOCK:
        _CACHE.clear()


check.cache_clear = _cache_clear

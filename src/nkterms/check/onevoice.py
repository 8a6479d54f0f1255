"""Check one article as a whole with the editor's policy (article.py) on the engine's scanner.

The streaming checker (engine.DocumentCheck.check_blocks) reads any size in blocks and judges each
term where it stands. An article is read whole instead, because what a term is depends on the
whole text: the title and lede set the subject, a quotation can close after the term, and a
term is reported once per voice. The engine's Python scanner finds the terms (with particles,
compounds, suppression comments and masking, exactly as the streaming checker does, but
without its `near` filter: article.py decides context for the whole text); article.py decides
what each becomes.
"""

from __future__ import annotations

import _thread  # not threading: a cold `nkterms check` would pay for its import
import re

from .article import Article, subject_text
from .engine import LOW, MENTION, DocumentCheck, Finding, Patterns
from .files import InputError, blocks
from .rules import SEVERITIES
from .scan import whole_rows
from .textmap import LONE_CR, normalize

#: Larger inputs are archives, not articles: they are streamed by the engine as before.
ARTICLE_LIMIT = 2_000_000
_NEWLINE = re.compile("\n")


class Policy:
    """The patterns and rules the article check needs, built once for many articles from the
    streaming checker's patterns (the scanner's tables are compiled on first use)."""

    def __init__(self, patterns: Patterns, house_romanization: str = "", every: bool = False):
        self.rules = {rule.term: rule for rule, _ in patterns.entries}
        self.domain = tuple(sorted({w for r in self.rules.values() for w in r.near}))
        self._streaming = patterns
        self._open: Patterns | None = None
        self._building = _thread.allocate_lock()
        self.house, self.every = house_romanization, every

    def ready(self) -> Policy:
        """Build the scanner's tables now (otherwise the first article builds them, under a
        lock: threads sharing this policy get the same ones)."""
        _ = self.patterns.reach
        return self

    @property
    def patterns(self) -> Patterns:
        """The rules' patterns without `near` filters: context is decided per article."""
        if self._open is None:
            with self._building:
                if self._open is None:
                    self._open = self._streaming.without_near().ready()
        return self._open


class Result:
    """One article's findings, the summary lines, and the counts (speech kept apart)."""

    def __init__(self):
        self.findings: list[Finding] = []
        self.summary: list[str] = []
        self.counts = [0, 0, 0]  # info, warning, error: every finding
        self.speech = [0, 0, 0]  # those of them in quoted speech (kept out of the exit status)


def check_article(policy: Policy, text: str, path: str = "-", kind: str = "txt") -> Result:
    """Check one whole text; return its findings in text order, summary and counts."""
    text = text.removeprefix("\ufeff")
    checker = DocumentCheck(policy.patterns, path, kind, policy.house)
    plain = LONE_CR.sub("\n", text)  # as the streaming checker reads an old Mac line break
    masked = checker.masker(plain)
    rows = whole_rows(checker, plain, masked)
    starts = [0, *(m.end() for m in _NEWLINE.finditer(plain))]  # each line's offset
    # the policy reads NFC text (its quotes, naming words and subject are written so), as the
    # scanner does: a row's place in the text as written is mapped to its place there
    judged, where = normalize(masked)
    place = {o: i for i, o in reversed(list(enumerate(where)))} if where else None
    subject = subject_text(normalize(plain)[0] if where else plain, kind)
    article = Article(judged, kind, policy.every, policy.domain, subject)
    result = Result()
    for entry, flags, line, col, form, matched in rows:
        rule = policy.rules[policy.patterns.entries[entry][0].term]
        start = starts[line - 1] + col - 1
        if place is not None:
            start = place[start]
        notes = _romanization(checker, entry, form)
        low, mention = bool(flags & LOW), bool(flags & MENTION)
        end, after = start + len(form), start + len(matched)  # both read as NFC
        judged = article.judge(rule, start, end, low, mention, notes, after)
        if judged is None:
            continue
        severity, voice, message = judged
        keep = voice == "use"  # a speaker's words and a mentioned word are not to be replaced
        finding = Finding(
            path,
            line,
            col,
            severity,
            rule.term,
            matched,
            message,
            rule.suggestion if keep else "",
            rule.sources,
            "low" if flags & LOW else "high",
            voice == "mention",
            rule.replacements if keep else (),
            rule.concept,
            voice,
        )
        result.findings.append(finding)
        result.counts[SEVERITIES.index(severity)] += 1
        if voice == "speech":
            result.speech[SEVERITIES.index(severity)] += 1
    result.summary = article.summary()
    return result


def _romanization(checker: DocumentCheck, entry: int, form: str) -> list[str]:
    """The house romanization note the streaming checker gives a romanized form, if any."""
    note = checker.describer.romanization_note(entry, form)
    return [note] if note else []


def text_lines(result: Result, path: str) -> bytes:
    """The text format's lines for one article: its findings, then its summary."""
    out = [f"{path}:{f.line}:{f.col}: {f.tail()}\n" for f in result.findings]
    out += [f"{path}: summary: {line}\n" for line in result.summary]
    return "".join(out).encode("utf-8", "surrogateescape")


def read_article(policy: Policy, path: str, kind: str):
    """Check `path` as one article when it is one (UTF-8, at most ARTICLE_LIMIT bytes):
    return (Result, None). Otherwise return (None, its blocks) for the streaming checker,
    which reads any size and names what is wrong with an input."""
    read: list[bytes] = []
    size = 0
    source = blocks(path)
    try:
        for block in source:
            read.append(block)
            size += len(block)
            if size > ARTICLE_LIMIT:
                return None, _chain(read, source)
    except InputError as err:
        return None, _chain(read, _raise(err))
    try:
        text = b"".join(read).decode("utf-8")
    except UnicodeDecodeError:
        return None, iter(read)
    return check_article(policy, text, path, kind), None


def _chain(read: list[bytes], rest):
    yield from read
    yield from rest


def _raise(err: Exception):
    raise err
    yield  # a generator: the error comes when the streaming checker reads it

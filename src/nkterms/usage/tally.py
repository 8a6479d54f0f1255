"""Counting: one pure function per document, and the Tally that sums documents and shards.

Both engines run exactly these functions (`count_shard` in a worker, `Tally.merge` to combine),
so they cannot give different numbers.
"""

from __future__ import annotations

import re
from collections import namedtuple

from .documents import Document, read_shard
from .matching import Matcher, matcher_for
from .periods import UNKNOWN, period

ALL = "all"  # the period or outlet of every document, when counts are not split by it
EXAMPLES = 10  # how many unknown dates and unreadable records a result names

#: What a worker needs besides the shard: the matcher's spec, the record fields, how to group
#: (time: "year", "month" or None; outlet: bool), and the term ids to keep (None: every term).
Job = namedtuple("Job", "spec fields time outlet terms")


def count_document(matcher: Matcher, document: Document, terms=None) -> dict[str, list[int]]:
    """Return {term id: [uses, mentions, compounds]} of one document (mentions are not uses;
    compounds, the uses inside a longer word or after a prefix, are among the uses)."""
    counts: dict[str, list[int]] = {}
    for (term, mention, compound), n in matcher.count(document.text, document.kind).items():
        if terms is not None and term not in terms:
            continue
        row = counts.get(term)
        if row is None:
            row = counts[term] = [0, 0, 0]
        if mention:
            row[1] += n
        else:
            row[0] += n
            if compound:
                row[2] += n
    return counts


class Tally:
    """Counts per (period, outlet, term), documents per (period, outlet), and what was
    unknown or unreadable (how many, and the first few by name)."""

    def __init__(self):
        # (period, outlet, term) -> [uses, documents using it, mentions, compounds]
        self.counts: dict[tuple[str, str, str], list[int]] = {}
        self.documents: dict[tuple[str, str], int] = {}
        self.unknown, self.unknown_examples = 0, []
        self.errors, self.error_examples = 0, []

    @property
    def total(self) -> int:
        """Documents counted (unreadable records not among them)."""
        return sum(self.documents.values())

    def add(self, group: tuple[str, str], counts: dict[str, list[int]]) -> None:
        """Add one document's counts under its (period, outlet)."""
        self.documents[group] = self.documents.get(group, 0) + 1
        for term, (uses, mentions, compounds) in counts.items():
            key = (*group, term)
            row = self.counts.get(key)
            if row is None:
                row = self.counts[key] = [0, 0, 0, 0]
            row[0] += uses
            row[1] += uses > 0
            row[2] += mentions
            row[3] += compounds

    def merge(self, other: Tally) -> Tally:
        """Add another tally to this one; return this one."""
        for key, row in other.counts.items():
            mine = self.counts.get(key)
            if mine is None:
                self.counts[key] = list(row)
            else:
                for i, value in enumerate(row):
                    mine[i] += value
        for group, n in other.documents.items():
            self.documents[group] = self.documents.get(group, 0) + n
        self.unknown += other.unknown
        self.errors += other.errors
        # the first few in name order, whatever order shards finish in (engines agree)
        self.unknown_examples = _first(self.unknown_examples + other.unknown_examples)
        self.error_examples = _first(self.error_examples + other.error_examples)
        return self

    def __eq__(self, other) -> bool:
        return isinstance(other, Tally) and vars(self) == vars(other)

    __hash__ = None


def count_shard(shard, job: Job) -> Tally:
    """Count every document of one shard (runs in a worker)."""
    matcher = matcher_for(job.spec)
    tally = Tally()
    for document in read_shard(shard, job.fields):
        if document.error is not None:
            tally.errors += 1
            if len(tally.error_examples) < EXAMPLES:
                tally.error_examples.append(f"{document.ref}: {document.error}")
            continue
        when = ALL
        if job.time:
            when, why = period(document.date, job.time)
            if why is not None:
                tally.unknown += 1
                if len(tally.unknown_examples) < EXAMPLES:
                    tally.unknown_examples.append(f"{document.ref}: {why}")
        outlet = (document.outlet or UNKNOWN) if job.outlet else ALL
        tally.add((when, outlet), count_document(matcher, document, job.terms))
    tally.unknown_examples = _first(tally.unknown_examples)
    tally.error_examples = _first(tally.error_examples)
    return tally


def _first(examples: list[str]) -> list[str]:
    """The first few examples in place order (byte 9 before byte 10)."""
    key = [re.split(r"([0-9]+)", e) for e in examples]
    order = sorted(
        range(len(examples)), key=lambda i: [int(p) if p.isdigit() else p for p in key[i]]
    )
    return [examples[i] for i in order[:EXAMPLES]]

"""The one place archive counting asks the checker what a text holds.

Counts must follow the checker's matching exactly (particles, no hits inside other words, Hanja
and romanized forms, the longest term first), so this module decides nothing: it asks the
library Checker built with `every_term=True` (every term of every concept tracked, the quiet
designations too), once per worker process.

It counts with `Checker.count` (the compiled scanner's rows, without lines or offsets);
`Checker.scan`, which makes a Hit of each match, is the reference the tests compare it with.

A `Spec` is what a worker needs to build its matcher: small and picklable, so a process pool
or a Dask cluster ships it, and each worker builds one `Matcher` from it (`matcher_for`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import namedtuple

from ..check.checker import Checker
from ..errors import UsageError

__all__ = ["Matcher", "Spec", "matcher_for", "spec_of"]

#: `glossary` is the folder (None: the worker's default); `key` is a digest of the Checker's
#: rules, so a worker that finds another glossary there says so instead of counting wrong.
Spec = namedtuple("Spec", "key glossary")


def _checker(glossary):
    return Checker(glossary, every_term=True)


def _digest(checker) -> str:
    return hashlib.sha256(pickle.dumps(checker.rules, protocol=4)).hexdigest()[:16]


def spec_of(glossary=None) -> tuple[Spec, Matcher]:
    """Return the spec workers build their matchers from, and this process's matcher."""
    glossary = os.path.abspath(glossary) if glossary is not None else None
    checker = _checker(glossary)
    spec = Spec(_digest(checker), glossary)
    matcher = Matcher(spec, checker)
    _MATCHERS.clear()
    _MATCHERS[spec.key] = matcher
    return spec, matcher


class Matcher:
    """Finds the glossary terms in one document as the checker does; built once per worker."""

    def __init__(self, spec: Spec, checker=None):
        self.checker = checker if checker is not None else _checker(spec.glossary)
        if checker is None and _digest(self.checker) != spec.key:
            raise UsageError(
                f"{spec.glossary or 'the default glossary'}: this worker's glossary differs "
                "from the one the count was planned with: give every worker the same glossary"
            )
        self.key = spec.key

    def count(self, text: str, kind: str = "txt") -> dict[tuple[str, bool, bool], int]:
        """Return how many hits of each (term id, mention, compound) the text holds. `kind`
        ("txt", "md", "html") says what to mask (markup, code, URLs), as check does."""
        return self.checker.count(text, kind)

    def reference(self, text: str, kind: str = "txt") -> dict[tuple[str, bool, bool], int]:
        """The same count, through Checker.scan only (for tests)."""
        out: dict[tuple[str, bool, bool], int] = {}
        for hit in self.checker.scan(text, kind):
            key = (hit.term, hit.mention, hit.compound)
            out[key] = out.get(key, 0) + 1
        return out


_MATCHERS: dict[str, Matcher] = {}


def matcher_for(spec: Spec) -> Matcher:
    """Return this process's matcher for `spec`, building it on first use."""
    matcher = _MATCHERS.get(spec.key)
    if matcher is None:
        _MATCHERS.clear()  # one glossary at a time: a worker never holds stale automata
        matcher = _MATCHERS[spec.key] = Matcher(spec)
    return matcher

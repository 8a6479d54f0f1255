"""The one place archive counting asks the checker what a text holds.

Counts must follow the checker's matching exactly (particles, no hits inside other words, Hanja
and romanized forms, the longest term first), so this module only adapts the checker's own
scanner; it decides nothing. It tracks every term of every concept, not only those the checker
reports, because an archive count needs the quiet designations too.

A `Spec` is what a worker needs to build its matcher: small and picklable, so a process pool
or a Dask cluster ships it once and each worker builds one `Matcher` from it (`matcher_for`).
"""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter, namedtuple
from operator import itemgetter

from ..check.engine import LOW, MENTION, Patterns, candidates, fold
from ..check.readers import Masker
from ..check.rules import Rule, _spellings
from ..check.textmap import normalize

__all__ = ["LOW", "MENTION", "Matcher", "Spec", "every_term_rules", "matcher_for", "spec_of"]

#: What a worker builds its matcher from: `key` names the rules (a digest), `rules` are they.
Spec = namedtuple("Spec", "key rules")
_ENTRY_FLAGS = itemgetter(0, 1)


def every_term_rules(records: list[dict]) -> list[Rule]:
    """Return a matching rule for every term of every concept (no advice: counting only)."""
    taken = {record["form"] for record in records}
    out = []
    for record in records:
        ctx = record.get("context") or {}
        rom = record.get("romanizations") or {}
        out.append(
            Rule(
                term=record["id"],
                concept=record["concept"]["id"],
                lang=record["lang"],
                form=record["form"],
                severity=None,
                reasons=(),
                suggestion="",
                sources=(),
                near=tuple(ctx.get("near", ())),
                window=int(ctx.get("window", 300)),
                not_followed_by=tuple(ctx.get("not_followed_by", ())),
                romanizations={k: rom[k] for k in ("rr", "mr") if rom.get(k)},
                spellings=_spellings(record, taken),
                category=record["concept"].get("category") or "other",
            )
        )
    return out


def spec_of(records: list[dict]) -> Spec:
    """Return the picklable spec of a matcher tracking every term of `records`."""
    rules = tuple(every_term_rules(records))
    key = hashlib.sha256(pickle.dumps(rules, protocol=4)).hexdigest()[:16]
    return Spec(key, rules)


class Matcher:
    """Finds the glossary terms in one document as the checker does; built once per worker."""

    def __init__(self, spec: Spec):
        self.key = spec.key
        self.patterns = Patterns(list(spec.rules))
        entries = self.patterns.entries
        self.term_of = [rule.term for rule, _ in entries]

    def count(self, text: str, kind: str = "txt") -> dict[tuple[str, int], int]:
        """Return how many hits of each (term id, flags) the text holds; flags hold MENTION
        and LOW. `kind` ("txt", "md", "html") says what to mask (markup, code, URLs), as
        check does."""
        if kind != "txt":
            text = Masker(kind)(text)
        compiled = self.patterns.compiled
        rows = None
        if compiled is not None:
            rows = compiled.scan(text.encode("utf-8", "surrogatepass"))
        if rows is None:
            # The Python path is the reference: text the compiled scanner declines (NFC-unsafe
            # characters, zero-width ones) is normalized first, as check does.
            norm, _ = normalize(text)
            rows = list(candidates(self.patterns, norm, fold(norm)))
        out: dict[tuple[str, int], int] = {}
        # counted in C (Counter over itemgetter), not hit by hit: news text is dense in terms
        for (entry, flags), n in Counter(map(_ENTRY_FLAGS, rows)).items():
            key = (self.term_of[entry], flags)
            out[key] = out.get(key, 0) + n
        return out


_MATCHERS: dict[str, Matcher] = {}


def matcher_for(spec: Spec) -> Matcher:
    """Return this process's matcher for `spec`, building it on first use."""
    matcher = _MATCHERS.get(spec.key)
    if matcher is None:
        _MATCHERS.clear()  # one glossary at a time: a worker never holds stale automata
        matcher = _MATCHERS[spec.key] = Matcher(spec)
    return matcher

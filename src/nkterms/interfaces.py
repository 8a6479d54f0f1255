"""The small typed interfaces engines read the compiled glossary through.

`store.Index` implements them with SQL; the build implements `TermSource` in memory
(`build.pending.Pending`), so the homophone engine runs the same code on a finished index
and on the terms a build is compiling. Engines import this module only for type checking:
`typing` costs a cold start milliseconds.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class TermSource(Protocol):
    """Term records and their lookup keys (what lookup and the homophone engine read)."""

    def bare(self, n: int) -> dict:
        """Return the stored record of term number `n`, its concept only by id."""

    def terms_with_key(self, key: str, kind: int) -> list[tuple[int, str]]:
        """Return (term number, via) for the terms filed under one key."""

    def terms_with_form(self, form: str) -> list[dict]:
        """Return the records of the Korean terms written `form`."""

    def skeletons(self, term_ids: set[str]) -> list[str]:
        """Return the fuzzy keys of these terms, term by term, without repeats."""


@runtime_checkable
class RuleSource(Protocol):
    """What the checker reads: rule records, and the rules with no house style."""

    def rule_records(self) -> list[dict]:
        """Return the rule data of every term (`records.TermRecord.rule_data`)."""

    def default_rules(self) -> list[tuple]:
        """Return the rules with no house style, as plain tuples."""

"""The terms a build is compiling, readable as a `interfaces.TermSource` before any is written.

The homophone engine needs the other terms of the glossary (homographs, romanizations two
terms share) to derive each term's readings; it reads them here, in memory, so the index is
written once, complete, and no reading is computed from a half-built table.
"""

from __future__ import annotations

from ..keys import FUZZY, STRICT, Key


class Pending:
    """Records and keys of the terms being compiled, numbered as the index will number them."""

    def __init__(self, records: list[dict], keys: list[list[Key]]):
        self._records = records
        self._numbers = {record["id"]: n for n, record in enumerate(records)}
        # only what the engine asks for: fuzzy keys, and each Korean form
        self._fuzzy = [tuple(k.text for k in own if k.kind == FUZZY) for own in keys]
        self._filed: dict[tuple[str, int], list[tuple[int, str]]] = {}
        for n, own in enumerate(keys):
            for key in own:
                if key.kind == FUZZY or (key.kind == STRICT and key.via == "form"):
                    self._filed.setdefault((key.text, key.kind), []).append((n, key.via))

    def bare(self, n: int) -> dict:
        """Return the record of term number `n`, its concept only by id."""
        return self._records[n]

    def terms_with_key(self, key: str, kind: int) -> list[tuple[int, str]]:
        """Return (term number, via) for the terms filed under one fuzzy key."""
        if kind != FUZZY:
            raise ValueError("a build files only fuzzy keys for lookups by key")
        return list(self._filed.get((key, kind), ()))

    def terms_with_form(self, form: str) -> list[dict]:
        """Return the records of the Korean terms written `form`."""
        found = [self._records[n] for n, _via in self._filed.get((form, STRICT), ())]
        return [record for record in found if record["lang"] == "ko"]

    def skeletons(self, term_ids: set[str]) -> list[str]:
        """Return the fuzzy keys of these terms, term by term, without repeats."""
        numbers = sorted(self._numbers[i] for i in term_ids if i in self._numbers)
        return list(dict.fromkeys(text for n in numbers for text in self._fuzzy[n]))

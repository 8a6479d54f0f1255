"""Derive one record per term: its core (current status, for every reader), then for the index
its keys, Hanja forms, parts and readings, each once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice, product

from ..check.spacing import parts_finder
from ..keys import STRICT, own_keys, rendering_keys
from ..korean.romanize import candidates
from ..model import current_status, holding
from ..readings import enrich
from ..records import TermCore, TermRecord, curated_readings, lookup_data
from .pending import Pending

#: At most this many simplified / Japanese spellings of one Hanja form (the form itself first).
MAX_HANJA_FORMS = 9


def cores(glossary) -> list[TermCore]:
    """Return the core of every term's record, numbered in file order (no readings, no keys)."""
    pairs = ((c, t) for c in glossary.concepts for t in c.terms)
    return [
        TermCore(n, term, concept.category, current_status(term.status), holding(term.status))
        for n, (concept, term) in enumerate(pairs)
    ]


def first_pass(glossary) -> tuple[list, list[dict], list[list]]:
    """Return (concept, term) pairs, what the homophone engine reads of them, and their keys."""
    pairs = [(c, t) for c in glossary.concepts for t in c.terms]
    bare, keys = [], []
    for concept, term in pairs:
        bare.append(_reading_view(term, concept.id, glossary.sources))
        generated = candidates(term.form) if term.lang == "ko" else None
        keys.append(own_keys(term, generated) + rendering_keys(term))
    return pairs, bare, keys


def _reading_view(term, concept_id: str, registry) -> dict:
    """Return the fields of a term's lookup data the homophone engine reads (a fraction of its
    size: a large glossary keeps one for every term while its readings are derived)."""
    return {
        "id": term.id,
        "lang": term.lang,
        "form": term.form,
        "hanja": term.hanja or None,
        "origin": term.origin or None,
        "gloss": term.gloss or None,
        "homophones": curated_readings(term, registry),
        "concept": {"id": concept_id},
    }


def hanja_forms(keys: list[list], dictionary) -> list[tuple[str, ...]]:
    """Return the simplified and Japanese forms of each term's Hanja spelling (脫北者 → 脱北者),
    so the checker's automaton finds them without folding every text it reads."""
    spelled = [
        next((k.text for k in own if k.via == "hanja" and k.kind == STRICT), "") for own in keys
    ]
    variants = dictionary.variants("".join(spelled))
    out = []
    for key in spelled:
        options = [[ch, *variants.get(ch, [])] for ch in key]
        out.append(
            tuple("".join(c) for c in islice(product(*options), MAX_HANJA_FORMS)) if key else ()
        )
    return out


def derive(
    glossary, dictionary, first: tuple | None = None, made: list[TermCore] | None = None
) -> Iterator[TermRecord]:
    """Yield the term records of a loaded glossary, numbered in file order.

    A generator: the writer stores each record and lets it go, so a large glossary never holds
    every finished record at once. `first` is the glossary's `first_pass` and `made` its
    `cores`, when already made (each record extends its core; nothing is decided again).
    """
    pairs, bare, keys = first if first is not None else first_pass(glossary)
    made = made if made is not None else cores(glossary)
    pending = Pending(bare, keys)
    forms = hanja_forms(keys, dictionary)
    parts = parts_finder(dictionary, bare)
    for n, (concept, term) in enumerate(pairs):
        core, record = made[n], bare[n]
        readings = record["homophones"]
        if term.lang == "ko":
            readings = enrich(record, pending, dictionary)
        data = lookup_data(term, concept.id, glossary.sources, readings, core.current)
        yield TermRecord.extend(
            core,
            data=data,
            curated=tuple(record["homophones"]),
            keys=tuple(keys[n]),
            hanja_forms=forms[n],
            parts=parts(record),
        )
        keys[n] = None  # written by now: let the memory go

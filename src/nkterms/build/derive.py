"""Derive one `TermRecord` per term: keys, Hanja forms, parts, then readings, each once."""

from __future__ import annotations

from itertools import islice, product

from ..check.spacing import parts_finder
from ..keys import STRICT, own_keys, rendering_keys
from ..korean.romanize import candidates
from ..readings import enrich
from ..records import TermRecord, curated_readings, lookup_data
from .pending import Pending

#: At most this many simplified / Japanese spellings of one Hanja form (the form itself first).
MAX_HANJA_FORMS = 9


def _first_pass(glossary) -> tuple[list, list[dict], list[list]]:
    """Return (concept, term) pairs, their records before readings, and their keys."""
    pairs = [(c, t) for c in glossary.concepts for t in c.terms]
    bare, keys = [], []
    for concept, term in pairs:
        curated = curated_readings(term, glossary.sources)
        bare.append(lookup_data(term, concept.id, glossary.sources, curated))
        generated = candidates(term.form) if term.lang == "ko" else None
        keys.append(own_keys(term, generated) + rendering_keys(term))
    return pairs, bare, keys


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


def derive(glossary, dictionary) -> list[TermRecord]:
    """Return the term records of a loaded glossary, numbered in file order."""
    pairs, bare, keys = _first_pass(glossary)
    pending = Pending(bare, keys)
    forms = hanja_forms(keys, dictionary)
    parts = parts_finder(dictionary, bare)
    out = []
    for n, (concept, term) in enumerate(pairs):
        record = bare[n]
        data = record
        if term.lang == "ko":
            data = {**record, "homophones": enrich(record, pending, dictionary)}
        out.append(
            TermRecord(
                n=n,
                term=term,
                category=concept.category,
                current=term.current_status,
                data=data,
                curated=tuple(record["homophones"]),
                keys=tuple(keys[n]),
                hanja_forms=forms[n],
                parts=parts(record),
            )
        )
    return out

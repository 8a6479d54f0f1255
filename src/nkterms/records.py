"""JSON-ready records of terms and concepts, as the index stores them.

`lookup --json` prints a term's record with its concept's other terms filled in
(`index.with_concept`); the index keeps each concept's list of terms once.
"""

from __future__ import annotations

from dataclasses import asdict

from .model import STATUS_TBX, Concept, Term


def _sources(ids, registry) -> list[dict]:
    out = []
    for source_id in ids:
        source = registry.get(source_id)
        entry = {"id": source_id}
        if source is not None:
            entry.update(
                title=source.title,
                publisher=source.publisher,
                url=source.url,
                published=source.published,
            )
        out.append(entry)
    return out


def _claim(claim, registry) -> dict:
    data = asdict(claim)
    data["sources"] = _sources(claim.sources, registry)
    return data


def bare_record(term: Term, concept_id: str, registry) -> dict:
    """Return what lookup shows about a term, sources resolved, with its concept only by id.

    A concept of n terms then costs n records of their own size, not n records that each
    list all n terms; the index adds the concept when a record is read.
    """
    rom = term.romanization
    current = term.current_status
    return {
        "id": term.id,
        "lang": term.lang,
        "form": term.form,
        "hangul": term.form if term.lang == "ko" else None,
        "hanja": term.hanja or None,
        "hanja_basis": term.hanja_basis or None,
        "origin": term.origin or None,
        "pos": term.pos or None,
        "gloss": term.gloss or None,
        "romanizations": {
            "rr": rom.rr or None,
            "mr": rom.mr or None,
            "yale": rom.yale or None,
            "translit": rom.translit or None,
            "press": list(rom.press),
        },
        "renderings": {r.lang: _claim(r, registry) for r in term.renderings},
        "status": [dict(_claim(s, registry), tbx=STATUS_TBX[s.value]) for s in term.status],
        "current_status": current.value if current else None,
        "connotation": _claim(term.connotation, registry) if term.connotation else None,
        "homophones": [
            dict(_claim(h, registry), source="curated", attested=None, meanings=[])
            for h in term.homophones
        ],
        "homographs": list(term.homographs),
        "usage": term.usage or None,
        "context": term.context or None,
        "concept": {"id": concept_id},
        "file": term.path,
        "line": term.line,
    }


def concept_record(concept: Concept, registry) -> dict:
    """Return what a term's record shows of its concept, with every one of its terms."""
    return {
        "id": concept.id,
        "category": concept.category,
        "definition": concept.definition or None,
        "sources": _sources(concept.definition_sources, registry),
        "terms": [
            {
                "id": t.id,
                "lang": t.lang,
                "form": t.form,
                "status": t.current_status.value if t.current_status else None,
                "status_by": t.current_status.by if t.current_status else None,
            }
            for t in concept.terms
        ],
    }

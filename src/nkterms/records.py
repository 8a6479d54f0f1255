"""One typed record per term, derived once: a cheap core the applications read, and the
lookup part the index stores.

A `TermCore` holds what catalogs, exports, stats and the web pages read about a term: the
term itself, its concept's category, its current status and the statuses that still hold. A
`TermRecord` is that core plus what only the index needs: the lookup data with its sources
resolved and its readings (curated, then found), the term's Hanja forms and parts, and its
lookup keys. Applications derive only cores (`build.records`); the build makes each full
record from the core, so nothing is decided twice. `lookup --json` prints `data` (with the
concept's other terms filled in by `store.with_concept`); the checker's rules read
`rule_data()`. The current status is decided once, by `model.current_status`, when the core
is made. The index keeps each concept's list of terms once, so a concept of n terms costs n
records of their own size.
"""

from __future__ import annotations

from dataclasses import dataclass

from .keys import Key
from .model import STATUS_TBX, Concept, Status, Term


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
    # the claims are flat (text, dates, tuples of text): no need for asdict's deep copies
    data = {name: getattr(claim, name) for name in claim.__slots__}
    data["sources"] = _sources(claim.sources, registry)
    return data


def curated_readings(term: Term, registry) -> list[dict]:
    """Return a term's curated homophones as claims, before the homophone engine fills them in."""
    return [
        dict(_claim(h, registry), source="curated", attested=None, meanings=[])
        for h in term.homophones
    ]


def lookup_data(
    term: Term, concept_id: str, registry, readings: list[dict], current: Status | None
) -> dict:
    """Return what lookup shows about a term, sources resolved, with its concept only by id
    (`current`: its current status, as its `TermRecord` holds it)."""
    rom = term.romanization
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
        "homophones": readings,
        "homographs": list(term.homographs),
        "usage": term.usage or None,
        "context": term.context or None,
        "concept": {"id": concept_id},
        "file": term.path,
        "line": term.line,
    }


def concept_data(concept: Concept, registry, current: dict[str, Status | None]) -> dict:
    """Return what a term's record shows of its concept, with every one of its terms
    (`current`: each term's current status, by term id, as its `TermRecord` holds it)."""
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
                "status": current[t.id].value if current[t.id] else None,
                "status_by": current[t.id].by if current[t.id] else None,
            }
            for t in concept.terms
        ],
    }


_RULE_CLAIM = ("value", "by", "since", "until", "polarity", "users", "hanja", "hangul", "gloss")


def _rule_claim(claim: dict) -> dict:
    keep = {k: claim.get(k) for k in (*_RULE_CLAIM, "source") if k in claim}
    keep["sources"] = [
        {"id": s["id"], "title": s.get("title"), "url": s.get("url")}
        for s in claim.get("sources", [])
    ]
    return keep


def _position(statuses: tuple[Status, ...], status: Status | None) -> int | None:
    """Return where `status` (that very object) sits among `statuses`, None for no status."""
    return next((i for i, s in enumerate(statuses) if s is status), None)


@dataclass(frozen=True, slots=True)
class TermCore:
    """One term as catalogs, exports, stats and the web pages read it (no readings, no keys)."""

    n: int
    term: Term
    category: str
    #: The current status (`model.current_status`, decided once, here) and the statuses that
    #: still hold (`model.holding`): every reader takes them from the record.
    current: Status | None
    holding: tuple[Status, ...]

    @property
    def id(self) -> str:
        """Return the term id."""
        return self.term.id


@dataclass(frozen=True, slots=True)
class TermRecord(TermCore):
    """One term as lookup, the homophone engine and the checker read it: its core and more."""

    #: What `lookup --json` prints (readings included), its concept only by id.
    data: dict
    #: The curated homophones as the glossary gives them (the checker's reasons quote these).
    curated: tuple[dict, ...]
    keys: tuple[Key, ...]
    hanja_forms: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()

    @classmethod
    def extend(cls, core: TermCore, **lookup) -> TermRecord:
        """Return the full record of `core` with its lookup part (fields as named here)."""
        return cls(core.n, core.term, core.category, core.current, core.holding, **lookup)

    def rule_data(self) -> dict:
        """Return what the checker's rules read of this term (a few hundred bytes, stored in
        the index so a cold `nkterms check` unpacks no more)."""
        data = self.data
        rom = data["romanizations"]
        statuses = self.term.status
        return {
            "id": data["id"],
            "lang": data["lang"],
            "form": data["form"],
            "concept": {"id": data["concept"]["id"], "category": self.category},
            "status": [_rule_claim(s) for s in data["status"]],
            # positions in "status": the checker reads the current status, it does not decide it
            "current": _position(statuses, self.current),
            "holding": [_position(statuses, s) for s in self.holding],
            "connotation": _rule_claim(data["connotation"]) if data["connotation"] else None,
            "homophones": [_rule_claim(h) for h in self.curated],
            "context": data["context"],
            "romanizations": {k: rom.get(k) for k in ("rr", "mr", "press")},
            "hanja_forms": list(self.hanja_forms),
            "parts": list(self.parts),
        }

"""Rules come from the glossary: which terms need care, how much, what to suggest and why.

The severity of a status or a connotation is data (below, and in the README), not code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..glossary import Glossary
from ..model import Term

SEVERITIES = ("info", "warning", "error")
#: How much care a term's current status calls for; statuses not listed need none.
STATUS_SEVERITY = {
    "deprecated": "warning",
    "superseded": "warning",
    "contested": "warning",
    "historical": "info",
    "proposed": "info",
}
#: How much care a connotation calls for; polarities not listed need none.
CONNOTATION_SEVERITY = {"derogatory": "error", "negative": "warning", "contested": "warning"}
_GOOD = ("legal", "recommended", "preferred")


def stronger(a: str | None, b: str | None) -> str | None:
    """Return the more severe of two severities (None is no finding).

    >>> stronger("info", "warning"), stronger(None, "info")
    ('warning', 'info')
    """
    if a is None or b is None:
        return a or b
    return a if SEVERITIES.index(a) >= SEVERITIES.index(b) else b


@dataclass(frozen=True)
class Rule:
    """What to say when a term is found."""

    term: str
    concept: str
    lang: str
    form: str
    severity: str | None
    reasons: tuple[str, ...]
    suggestion: str
    sources: tuple[dict, ...]
    near: tuple[str, ...] = ()
    window: int = 300
    not_followed_by: tuple[str, ...] = ()
    romanizations: dict[str, str] = field(default_factory=dict)


def _describe(status) -> str:
    """Say who holds a status and since when, briefly.

    >>> from nkterms.model import Status
    >>> _describe(Status("recommended", "Ministry of Unification (government usage)", since="2026"))
    'recommended by Ministry of Unification since 2026'
    """
    when = " ".join(f"{w} {v}" for w, v in (("since", status.since), ("until", status.until)) if v)
    by = status.by.split(" (")[0].split(":")[0]
    return f"{status.value} by {by}" + (f" {when}" if when else "")


def _suggestion(term: Term, siblings: list[Term], prefer: str | None) -> str:
    same = [t for t in siblings if t.lang == term.lang and t.id != term.id]
    if prefer:
        chosen = [t for t in same if t.id == prefer]
        if chosen:
            return f"{chosen[0].form} (house style)"
    good = [t for t in same if t.current_status and t.current_status.value in _GOOD]
    return " or ".join(f"{t.form} ({_describe(t.current_status)})" for t in good[:2])


def _sources(term: Term, registry) -> tuple[dict, ...]:
    ids = []
    for claim in (*term.status, term.connotation, *term.homophones):
        if claim is not None:
            ids += [i for i in claim.sources if i not in ids]
    out = []
    for source_id in ids[:3]:
        source = registry.get(source_id)
        out.append(
            {
                "id": source_id,
                "title": source.title if source else source_id,
                "url": source.url if source else "",
            }
        )
    return tuple(out)


def rule_for(
    term: Term, siblings: list[Term], glossary: Glossary, prefer: str | None = None
) -> Rule:
    """Return the rule for one term (its severity is None when it needs no care by itself)."""
    severity, reasons = None, []
    current = term.current_status
    if current and current.value in STATUS_SEVERITY:
        severity = STATUS_SEVERITY[current.value]
        others = [s for s in term.status if s is not current and s.current]
        reasons.append(_describe(current) + "".join(f", {_describe(s)}" for s in others[:2]))
    if term.connotation and term.connotation.polarity in CONNOTATION_SEVERITY:
        severity = stronger(severity, CONNOTATION_SEVERITY[term.connotation.polarity])
        users = f" ({', '.join(term.connotation.users)})" if term.connotation.users else ""
        reasons.append(f"connotation {term.connotation.polarity}{users}")
    for h in term.homophones:
        severity = stronger(severity, "info")
        reasons.append(
            f"can be misread as {h.hanja or h.hangul}" + (f" '{h.gloss}'" if h.gloss else "")
        )
    if prefer and prefer != term.id and any(t.id == prefer for t in siblings):
        severity = stronger(severity, "warning")
        reasons.append("the house style prefers another designation")
    ctx = term.context or {}
    return Rule(
        term=term.id,
        concept=term.concept,
        lang=term.lang,
        form=term.form,
        severity=severity,
        reasons=tuple(reasons),
        suggestion=_suggestion(term, siblings, prefer),
        sources=_sources(term, glossary.sources),
        near=tuple(ctx.get("near", ())),
        window=int(ctx.get("window", 300)),
        not_followed_by=tuple(ctx.get("not_followed_by", ())),
        romanizations=term.romanization.systems(),
    )


def rules(glossary: Glossary, prefer: dict[str, str] | None = None, ignore=()) -> list[Rule]:
    """Return a rule for every term worth tracking: those that need care, and every designation
    of a concept with several (so an article mixing them is noticed)."""
    prefer = prefer or {}
    out = []
    for concept in glossary.concepts:
        siblings = list(concept.terms)
        several = sum(1 for t in siblings if t.lang == "ko") > 1
        for term in siblings:
            if term.id in ignore:
                continue
            rule = rule_for(term, siblings, glossary, prefer.get(concept.id))
            if rule.severity or several or rule.near:
                out.append(rule)
    return out

"""Rules come from the glossary: which terms need care, how much, what to suggest and why.

The severity of a status or a connotation is data (advice.py, and the README), not code.
"""

from __future__ import annotations

from collections import namedtuple

from .advice import SEVERITIES, current, judge, stronger
from .spacing import spaced_forms

TYPE_CHECKING = False  # typing costs a cold `nkterms check` milliseconds
if TYPE_CHECKING:  # pragma: no cover
    from ..interfaces import RuleSource

__all__ = [
    "SEVERITIES",
    "Rule",
    "current",
    "index_rules",
    "rule_records",
    "rules",
    "stronger",
]

#: What to say when a term is found (a namedtuple: dataclasses import `inspect`, which a cold
#: `nkterms check` would pay for). `replacements` are the forms the suggestion names;
#: `choice` is "house" for the house style's designation, "open" where every designation in
#: use is contested (the last reason says so; said once per document), else "".
Rule = namedtuple(
    "Rule",
    "term concept lang form severity reasons suggestion sources near window not_followed_by "
    "romanizations spellings category replacements choice",
    defaults=((), 300, (), {}, (), "other", (), ""),
)


def _sources(claims: list[dict]) -> tuple[dict, ...]:
    out: list[dict] = []
    for claim in claims:
        for source in claim.get("sources", []):
            if all(s["id"] != source["id"] for s in out):
                out.append(
                    {
                        "id": source["id"],
                        "title": source.get("title") or source["id"],
                        "url": source.get("url") or "",
                    }
                )
    return tuple(out[:3])


def spellings(record: dict, taken: set[str]) -> tuple[tuple[str, str], ...]:
    out = [(record["form"], "form")]
    out += [(form, "hanja") for form in record.get("hanja_forms", ())]
    if record["lang"] == "ko":
        rom = record.get("romanizations") or {}
        out += [(rom[s], s) for s in ("rr", "mr") if rom.get(s)]
        out += [(p, "press") for p in rom.get("press") or []]
        # another term's own form is never taken over by a spacing of this one
        spaced = spaced_forms(record.get("parts") or ())
        out += [(f, "spaced") for f in spaced if f != record["form"] and f not in taken]
    return tuple(out)


def record_rule(record: dict, taken: set[str], category: str, **judged) -> Rule:
    """Return the rule of one term's record: what to look for (its forms and context) from
    the record, what to say (`judged`: severity, reasons, suggestion, sources, replacements,
    choice) from the caller; `taken` holds every term's own form."""
    ctx = record.get("context") or {}
    rom = record.get("romanizations") or {}
    return Rule(
        term=record["id"],
        concept=record["concept"]["id"],
        lang=record["lang"],
        form=record["form"],
        near=tuple(ctx.get("near", ())),
        window=int(ctx.get("window", 300)),
        not_followed_by=tuple(ctx.get("not_followed_by", ())),
        romanizations={k: rom[k] for k in ("rr", "mr") if rom.get(k)},
        spellings=spellings(record, taken),
        category=category,
        **judged,
    )


def rules(records: list[dict], prefer: dict[str, str] | None = None, ignore=()) -> list[Rule]:
    """Return a rule for every term worth tracking: those that need care, and every designation
    of a concept with several (so an article mixing them is noticed)."""
    prefer = prefer or {}
    by_concept: dict[str, list[dict]] = {}
    for record in records:
        by_concept.setdefault(record["concept"]["id"], []).append(record)
    taken = {record["form"] for record in records}
    out = []
    for concept, siblings in by_concept.items():
        several = sum(1 for t in siblings if t["lang"] == "ko") > 1
        category = siblings[0]["concept"].get("category") or "other"
        for j in judge(siblings, category, prefer.get(concept)):
            record = j.record
            ctx = record.get("context") or {}
            if record["id"] in ignore or not (j.severity or several or ctx.get("near")):
                continue
            out.append(
                record_rule(
                    record,
                    taken,
                    category,
                    severity=j.severity,
                    reasons=tuple(j.reasons),
                    suggestion=j.suggestion,
                    sources=_sources(j.claims),
                    replacements=j.replacements,
                    choice=j.choice,
                )
            )
    return out


def rule_records(index: RuleSource) -> list[dict]:
    """Return the rule data a compiled index keeps for each term (`records.TermRecord.rule_data`)."""
    return index.rule_records()


def index_rules(index: RuleSource, prefer: dict[str, str] | None = None, ignore=()) -> list[Rule]:
    """Return the rules of a compiled index (no YAML is read: a cold check stays fast)."""
    if not prefer and not ignore:
        return [Rule._make(fields) for fields in index.default_rules()]
    return rules(rule_records(index), prefer, ignore)

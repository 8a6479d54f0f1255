"""Rules come from the glossary: which terms need care, how much, what to suggest and why.

The severity of a status or a connotation is data (below, and in the README), not code.
"""

from __future__ import annotations

from collections import namedtuple
from itertools import islice

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


#: What to say when a term is found (a namedtuple: dataclasses import `inspect`, which a cold
#: `nkterms check` would pay for).
Rule = namedtuple(
    "Rule",
    "term concept lang form severity reasons suggestion sources near window not_followed_by "
    "romanizations spellings",
    defaults=((), 300, (), {}, ()),
)


def _describe(status: dict) -> str:
    """Say who holds a status and since when, briefly.

    >>> _describe({"value": "recommended", "by": "Ministry of Unification (usage)", "since": "2026"})
    'recommended by Ministry of Unification since 2026'
    """
    when = " ".join(f"{w} {status[w]}" for w in ("since", "until") if status.get(w))
    by = status["by"].split(" (")[0].split(":")[0]
    return f"{status['value']} by {by}" + (f" {when}" if when else "")


def current(record: dict) -> dict | None:
    """Return the latest status of a term record that still holds (else the latest)."""
    statuses = record.get("status") or []
    open_ = [s for s in statuses if not s.get("until")] or statuses
    return max(open_, key=lambda s: s.get("since") or "") if open_ else None


class Designations:
    """A concept's term records, looked through once, so that each term's rule costs no more
    than the concept's other designations it names (not a pass over all of them)."""

    __slots__ = ("by_id", "good")

    def __init__(self, records: list[dict]):
        self.by_id = {t["id"]: t for t in records}
        self.good: dict[str, list[tuple[dict, dict]]] = {}  # lang -> (record, status), in order
        for t in records:
            status = current(t)
            if status and status["value"] in _GOOD:
                self.good.setdefault(t["lang"], []).append((t, status))


def _suggestion(record: dict, designations: Designations, prefer: str | None) -> str:
    chosen = designations.by_id.get(prefer) if prefer else None
    if chosen and chosen["lang"] == record["lang"] and chosen["id"] != record["id"]:
        return f"{chosen['form']} (house style)"
    good = designations.good.get(record["lang"], ())
    others = islice(((t, s) for t, s in good if t["id"] != record["id"]), 2)
    return " or ".join(f"{t['form']} ({_describe(s)})" for t, s in others)


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


def rule_for(record: dict, designations: Designations, prefer: str | None = None) -> Rule:
    """Return the rule for one term record (severity None when it needs no care by itself)."""
    severity, reasons, claims = None, [], []
    status = current(record)
    if status and status["value"] in STATUS_SEVERITY:
        severity = STATUS_SEVERITY[status["value"]]
        others = [s for s in record["status"] if s is not status and not s.get("until")]
        reasons.append(_describe(status) + "".join(f", {_describe(s)}" for s in others[:2]))
        claims += [status, *others]
    connotation = record.get("connotation")
    if connotation and connotation["polarity"] in CONNOTATION_SEVERITY:
        severity = stronger(severity, CONNOTATION_SEVERITY[connotation["polarity"]])
        users = f" ({', '.join(connotation['users'])})" if connotation.get("users") else ""
        reasons.append(f"connotation {connotation['polarity']}{users}")
        claims.append(connotation)
    for h in record.get("homophones", []):
        if h.get("source") == "curated":
            severity = stronger(severity, "info")
            reasons.append(
                f"can be misread as {h.get('hanja') or h['hangul']}"
                + (f" '{h['gloss']}'" if h.get("gloss") else "")
            )
            claims.append(h)
    if prefer and prefer != record["id"] and prefer in designations.by_id:
        severity = stronger(severity, "warning")
        reasons.append("the house style prefers another designation")
    ctx = record.get("context") or {}
    rom = record.get("romanizations") or {}
    return Rule(
        term=record["id"],
        concept=record["concept"]["id"],
        lang=record["lang"],
        form=record["form"],
        severity=severity,
        reasons=tuple(reasons),
        suggestion=_suggestion(record, designations, prefer),
        sources=_sources(claims),
        near=tuple(ctx.get("near", ())),
        window=int(ctx.get("window", 300)),
        not_followed_by=tuple(ctx.get("not_followed_by", ())),
        romanizations={k: rom[k] for k in ("rr", "mr") if rom.get(k)},
        spellings=_spellings(record),
    )


def _spellings(record: dict) -> tuple[tuple[str, str], ...]:
    out = [(record["form"], "form")]
    out += [(form, "hanja") for form in record.get("hanja_forms", ())]
    if record["lang"] == "ko":
        rom = record.get("romanizations") or {}
        out += [(rom[s], s) for s in ("rr", "mr") if rom.get(s)]
        out += [(p, "press") for p in rom.get("press") or []]
    return tuple(out)


def rules(records: list[dict], prefer: dict[str, str] | None = None, ignore=()) -> list[Rule]:
    """Return a rule for every term worth tracking: those that need care, and every designation
    of a concept with several (so an article mixing them is noticed)."""
    prefer = prefer or {}
    by_concept: dict[str, list[dict]] = {}
    for record in records:
        by_concept.setdefault(record["concept"]["id"], []).append(record)
    out = []
    for concept, siblings in by_concept.items():
        several = sum(1 for t in siblings if t["lang"] == "ko") > 1
        designations = Designations(siblings)
        for record in siblings:
            if record["id"] in ignore:
                continue
            rule = rule_for(record, designations, prefer.get(concept))
            if rule.severity or several or rule.near:
                out.append(rule)
    return out


def slim_record(record: dict, hanja_forms: list[str]) -> dict:
    """Keep of a term record what the checker's rules read (stored in the index at build time,
    so a cold `nkterms check` unpacks a few hundred bytes a term, not the whole record)."""

    def claim(c: dict) -> dict:
        keep = {
            k: c.get(k)
            for k in (
                "value",
                "by",
                "since",
                "until",
                "polarity",
                "users",
                "hanja",
                "hangul",
                "gloss",
                "source",
            )
            if k in c
        }
        keep["sources"] = [
            {"id": s["id"], "title": s.get("title"), "url": s.get("url")}
            for s in c.get("sources", [])
        ]
        return keep

    rom = record.get("romanizations") or {}
    return {
        "id": record["id"],
        "lang": record["lang"],
        "form": record["form"],
        "concept": {"id": record["concept"]["id"]},
        "status": [claim(s) for s in record.get("status", [])],
        "connotation": claim(record["connotation"]) if record.get("connotation") else None,
        "homophones": [
            claim(h) for h in record.get("homophones", []) if h.get("source") == "curated"
        ],
        "context": record.get("context"),
        "romanizations": {k: rom.get(k) for k in ("rr", "mr", "press")},
        "hanja_forms": hanja_forms,
    }


def index_rules(index, prefer: dict[str, str] | None = None, ignore=()) -> list[Rule]:
    """Return the rules of a compiled index (no YAML is read: a cold check stays fast)."""
    import marshal

    if not prefer and not ignore:
        row = index.db.execute("SELECT v FROM blobs WHERE k = 'default_rules'").fetchone()
        return [Rule._make(fields) for fields in marshal.loads(row[0])]
    row = index.db.execute("SELECT v FROM blobs WHERE k = 'rule_records'").fetchone()
    return rules(marshal.loads(row[0]), prefer, ignore)

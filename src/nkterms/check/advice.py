"""What the checker says about each designation of a concept: how loud, why, and what instead.

By default a rule says what the glossary documents and takes no side: a deprecated term is a
warning and a derogatory one an error; a term that is contested, or superseded by one
authority, is information, with who holds what. A house style (`prefer`) makes its choice the
rule: the other designations in that language become warnings that suggest it, and the
chosen one is never reported.

Advice converges. A suggestion names only designations below the severity it is given at (and
below warning), so it never leads to a finding as loud as the one it fixes, and those
designations carry no suggestion of their own at that level: following every suggestion
leaves nothing at the default fail level (warning) or above. A term reported only because it
is contested suggests nothing (any suggestion would take a side); where every designation in
use is contested, the finding says so, once per document, and leaves the choice to the writer.
"""

from __future__ import annotations

SEVERITIES = ("info", "warning", "error")
#: How much care a term's current status calls for; statuses not listed need none. Other
#: statuses that still hold are reported as information (who holds what).
STATUS_SEVERITY = {
    "deprecated": "warning",
    "superseded": "info",
    "contested": "info",
    "historical": "info",
    "proposed": "info",
}
#: How much care a connotation calls for; polarities not listed need none.
CONNOTATION_SEVERITY = {"derogatory": "error", "negative": "info", "contested": "info"}
#: Statuses a suggestion names a designation by, in the order suggestions list them.
GOOD = ("legal", "recommended", "preferred")
#: Statuses of designations no longer in use (never suggested; not part of a writer's choice).
PAST = ("historical", "deprecated")
#: How a message names what a concept's designations stand for, by the concept's category:
#: (mixing them in one text, every one in use contested). North Korean state vocabulary is
#: reported, not chosen from, so mixing its words is no inconsistency (None).
SAME = {
    "people": ("for the same group", "for this group"),
    "institution": ("for the same institution", "for this institution"),
    "law": ("for the same law", "for this law"),
    "place": ("for the same place", "for this place"),
    "event": ("for the same event", "for this event"),
    "programme": ("for the same programme", "for this programme"),
    "dprk-vocabulary": (None, "in this sense"),
    "other": ("in the same sense", "in this sense"),
}
#: Categories where another designation the writer uses of the same concept is a finding
#: (information) by itself: each name for a group of people is a position. Elsewhere a
#: second name is ordinary usage (대한민국 and 한국, an institution's full and short names):
#: the message of a finding and the article summary note it, nothing more.
MIXING_FINDS = frozenset({"people"})
LANGUAGES = {"ko": "Korean", "en": "English", "ja": "Japanese", "de": "German", "fr": "French"}
LANGUAGES.update({"ru": "Russian", "es": "Spanish", "zh-Hans": "Chinese", "zh-Hant": "Chinese"})


def rank(severity: str | None) -> int:
    """Return a severity's place in SEVERITIES (-1 for no finding), for comparisons.

    >>> rank(None) < rank("info") < rank("warning")
    True
    """
    return -1 if severity is None else SEVERITIES.index(severity)


def stronger(a: str | None, b: str | None) -> str | None:
    """Return the more severe of two severities (None is no finding).

    >>> stronger("info", "warning"), stronger(None, "info")
    ('warning', 'info')
    """
    return a if rank(a) >= rank(b) else b


def lower(severity: str | None) -> str | None:
    """Return the severity one level down, but at least information (None stays None).

    >>> lower("error"), lower("info"), lower(None)
    ('warning', 'info', None)
    """
    if severity is None:
        return None
    return SEVERITIES[max(0, SEVERITIES.index(severity) - 1)]


def describe(status: dict) -> str:
    """Say who holds a status and since when, briefly.

    >>> describe({"value": "recommended", "by": "Ministry of Unification (usage)", "since": "2026"})
    'recommended by Ministry of Unification since 2026'
    """
    when = " ".join(f"{w} {status[w]}" for w in ("since", "until") if status.get(w))
    by = status["by"].split(" (")[0].split(":")[0]
    return f"{status['value']} by {by}" + (f" {when}" if when else "")


def holding(record: dict) -> list[dict]:
    """Return the statuses of a term's rule data that still hold, as its record decided them
    (`model.holding`; all of them when none is open). Rule data with statuses must carry
    that decision (`records.TermRecord.rule_data`): a KeyError here means it was made by hand."""
    statuses = record.get("status")
    return [statuses[i] for i in record["holding"]] if statuses else []


def current(record: dict) -> dict | None:
    """Return the current status of a term's rule data, as its record decided it
    (`model.current_status`: the latest that still holds, else the latest)."""
    statuses = record.get("status")
    at = record["current"] if statuses else None
    return None if at is None else statuses[at]


def documented(record: dict) -> tuple[str | None, list[str], list[dict]]:
    """Return what the glossary documents about a term: (severity, reasons, cited claims)."""
    severity, reasons, claims = None, [], []
    status = current(record)
    if status:
        others = [s for s in record["status"] if s is not status and not s.get("until")]
        for other in others:  # who else holds what: information, whoever it is
            if other["value"] in STATUS_SEVERITY:
                severity = "info"
        if status["value"] in STATUS_SEVERITY:
            severity = stronger(severity, STATUS_SEVERITY[status["value"]])
        if severity:
            reasons.append(", ".join(describe(s) for s in [status, *others[:3]]))
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
            gloss = f" '{h['gloss']}'" if h.get("gloss") else ""
            reasons.append(f"can be misread as {h.get('hanja') or h['hangul']}{gloss}")
            claims.append(h)
    return severity, reasons, claims


def contested(record: dict) -> bool:
    """Tell whether a term is contested (its connotation, or a status someone holds)."""
    connotation = record.get("connotation") or {}
    return connotation.get("polarity") == "contested" or any(
        s["value"] == "contested" for s in holding(record)
    )


def in_use(record: dict) -> bool:
    """Tell whether a term is still a designation a writer could choose."""
    status = current(record)
    return not status or status["value"] not in PAST


class Judged:
    """One term's advice within its concept: severity, reasons, claims, suggestion, choice."""

    __slots__ = ("record", "severity", "reasons", "claims", "suggestion", "replacements", "choice")

    def __init__(self, record: dict):
        self.record = record
        self.severity, self.reasons, self.claims = documented(record)
        self.suggestion, self.replacements, self.choice = "", (), ""


def judge(siblings: list[dict], category: str, house=None) -> list[Judged]:
    """Return the advice for every term of one concept, language by language; `house` is the
    id of the term the house style prefers (or ids, one a language), if any."""
    houses = {house} if isinstance(house, str) else set(house or ())
    judged = [Judged(record) for record in siblings]
    langs: dict[str, list[Judged]] = {}
    for j in judged:
        langs.setdefault(j.record["lang"], []).append(j)
    for lang, group in langs.items():
        chosen = next((j for j in group if j.record["id"] in houses), None)
        if chosen:
            _house_style(group, chosen)
        else:
            _open_choice(group, lang, category)
        for j in group:
            _suggest(j, group, chosen)
    return judged


def _house_style(group: list[Judged], chosen: Judged) -> None:
    """The house style's designation passes clean; the others in its language are warnings."""
    for j in group:
        if j is chosen:
            j.severity, j.reasons, j.claims, j.choice = None, [], [], "house"
        else:
            j.severity = stronger(j.severity, "warning")
            j.reasons.insert(0, f"the house style writes {chosen.record['form']}")


def _open_choice(group: list[Judged], lang: str, category: str) -> None:
    """Where every designation in use is contested, say so (once per document, see engine)."""
    using = [j for j in group if in_use(j.record)]
    if len(using) < 2 or not all(contested(j.record) for j in using):
        return
    names = ", ".join(j.record["form"] for j in using)
    note = (
        f"every {LANGUAGES.get(lang, lang)} term in use {SAME.get(category, SAME['other'])[1]} "
        f"is contested ({names}): the choice is the writer's"
    )
    for j in using:
        if rank(j.severity) < rank("warning"):
            j.severity, j.choice = stronger(j.severity, "info"), "open"
            j.reasons.append(note)


def _suggest(j: Judged, group: list[Judged], chosen: Judged | None) -> None:
    """Name the designations below this one's severity (and below warning), if any. A term
    that is only information because it is contested gets none: any would take a side."""
    if j.severity is None or (j.severity == "info" and contested(j.record)):
        return
    limit = min(rank(j.severity), rank("warning"))
    targets = [
        t
        for t in group
        if t is not j and rank(t.severity) < limit and (t is chosen or in_use(t.record))
    ]

    def good(t: Judged) -> dict | None:
        found = [s for s in holding(t.record) if s["value"] in GOOD]
        return min(found, key=lambda s: GOOD.index(s["value"])) if found else None

    def order(t: Judged) -> int:
        status = good(t)
        return -1 if t is chosen else (GOOD.index(status["value"]) if status else len(GOOD))

    targets = sorted(targets, key=order)[:3]
    words = []
    for t in targets:
        status = good(t) or current(t.record)
        why = "house style" if t is chosen else (describe(status) if status else "")
        words.append(t.record["form"] + (f" ({why})" if why else ""))
    if words:
        j.suggestion = " or ".join([", ".join(words[:-1]), words[-1]] if words[1:] else words)
    j.replacements = tuple(t.record["form"] for t in targets)

"""TBX exports: TBX v3 (ISO 30042:2019, TBX-Basic, DCA style) and TBX 2008 (`martif`).

TBX-Basic has data categories for a term's part of speech, type and one administrative status,
and for a concept's subject field and definition. Everything else a term carries (the dated,
scoped status history, connotation, homophones, Hanja, romanizations, renderings, reviewed
readings, usage) is written as readable `<note>` elements, one per item, so nothing is dropped.
"""

from __future__ import annotations

from lxml import etree

from ..build import records
from ..model import STATUS_TBX, Concept, Connotation, Homophone, Rendering, Source, Status, Term
from ..records import TermCore

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DESCRIPTION = (
    "nkterms glossary: a curated, sourced glossary of the vocabulary around North Korean "
    "defectors, exported by nkterms. Glossary data: CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/)."
)

# part of speech -> (TBX partOfSpeech, termType). TBX-Basic allows only adjective, adverb,
# noun, other and verb as parts of speech; `properNoun` is written in TBX 2008 only.
_POS = {
    "noun": ("noun", "fullForm"),
    "proper-noun": ("noun", "fullForm"),
    "verb": ("verb", "fullForm"),
    "adjective": ("adjective", "fullForm"),
    "phrase": ("other", "phrase"),
    "abbreviation": ("noun", "abbreviation"),
}
_SYSTEMS = {
    "rr": "Revised Romanization",
    "mr": "McCune-Reischauer",
    "yale": "Yale",
    "translit": "RR transliteration",
}
_ORIGINS = {
    "sino": "Sino-Korean",
    "native": "native Korean",
    "mixed": "mixed native and Sino-Korean",
    "loan": "loanword",
}


def clean(text: str) -> str:
    """Collapse runs of whitespace (folded YAML) into single spaces."""
    return " ".join(str(text).split())


def source_text(source_id: str, sources: dict[str, Source]) -> str:
    """Describe one registry source as title (publisher, date) <url>."""
    source = sources.get(source_id)
    if source is None:
        return source_id
    meta = ", ".join(
        part
        for part in (source.publisher, source.published and f"published {source.published}")
        if part
    )
    text = source.title + (f" ({meta})" if meta else "")
    return clean(f"{text} <{source.url}>" if source.url else text)


def cite(claim, sources: dict[str, Source], *, cited: bool = True) -> str:
    """Return ' Sources: …' for a claim (with `cited`), and ' (not verified)' when unverified."""
    refs = [source_text(i, sources) for i in claim.sources] if cited else []
    text = f" Sources: {'; '.join(refs)}." if refs else ""
    return text + ("" if claim.verified else " (not verified)")


def status_text(status: Status, sources: dict[str, Source], *, full: bool = True) -> str:
    """Describe a status: value, authority, dates, and with `full` its note and sources."""
    parts = [f"{status.value} ({STATUS_TBX[status.value]})"]
    if status.by:
        parts.append(f"by {clean(status.by)}")
    parts.append(f"since {status.since}" if status.since else "start date unknown")
    if status.until:
        parts.append(f"until {status.until}")
    elif full:
        parts.append("still current")
    text = "Status: " + ", ".join(parts) + "."
    if full:
        text += (f" {clean(status.note)}" if status.note else "") + cite(status, sources)
    return text


def connotation_text(
    connotation: Connotation, sources: dict[str, Source], *, cited: bool = True
) -> str:
    """Describe a connotation: polarity, who uses the term, note and (with `cited`) sources."""
    text = f"Connotation: {connotation.polarity}"
    if connotation.users:
        text += f", used by {', '.join(connotation.users)}"
    note = f" {clean(connotation.note)}" if connotation.note else ""
    return f"{text}.{note}{cite(connotation, sources, cited=cited)}"


def homophone_text(
    term: Term, homophone: Homophone, sources: dict[str, Source], *, cited: bool = True
) -> str:
    """Describe a curated misreading as a warning, with (`cited`) its sources."""
    other = homophone.hanja or homophone.hangul
    text = f"Misreading risk: {homophone.hangul} can be read as {other}"
    if homophone.gloss:
        text += f' "{clean(homophone.gloss)}"'
    if term.hanja:
        text += f" (intended: {term.hanja})"
    note = f" {clean(homophone.note)}" if homophone.note else ""
    return f"{text}.{note}{cite(homophone, sources, cited=cited)}"


def rendering_text(rendering: Rendering, sources: dict[str, Source]) -> str:
    """Describe the recommended rendering of a term in another language."""
    basis = f" (basis: {rendering.basis})" if rendering.basis else ""
    return (
        f"Rendering in {rendering.lang}: {clean(rendering.text)}{basis}.{cite(rendering, sources)}"
    )


def term_notes(term: Term, sources: dict[str, Source], *, usage: bool = True) -> list[str]:
    """Return one readable note per item of a term that TBX-Basic has no category for."""
    rom = term.romanization
    notes = [f"nkterms term id: {term.id}"]
    if term.hanja:
        notes.append(f"Hanja: {term.hanja}")
    if term.origin:
        notes.append(f"Word origin: {_ORIGINS.get(term.origin, term.origin)}")
    if term.gloss:
        notes.append(f"Literal gloss: {clean(term.gloss)}")
    notes += [f"Romanization ({_SYSTEMS[k]}): {v}" for k, v in rom.systems().items()]
    if rom.press:
        notes.append(f"Press spellings: {', '.join(rom.press)}")
    notes += [
        f"Romanization note ({_SYSTEMS.get(k, k)}): {clean(v)}"
        for k, v in sorted(rom.reason.items())
    ]
    notes += [status_text(s, sources) for s in term.status]
    if term.connotation:
        notes.append(connotation_text(term.connotation, sources))
    notes += [homophone_text(term, h, sources) for h in term.homophones]
    notes += [
        f"Homograph of term {other} (they share a spelling on purpose)."
        for other in term.homographs
    ]
    notes += [
        f"Reviewed reading: {r} (a curator judged that readers would not take this spelling)."
        for r in term.reviewed_readings
    ]
    notes += [rendering_text(r, sources) for r in term.renderings]
    if usage and term.usage:
        notes.append(f"Usage: {clean(term.usage)}")
    return notes


def _languages(concept: Concept, by_id: dict[str, TermCore]) -> list[tuple[str, list]]:
    """Group a concept's term records by language: Korean, English, then the rest by code."""
    groups: dict[str, list[TermCore]] = {}
    for term in concept.terms:
        groups.setdefault(term.lang, []).append(by_id[term.id])
    rank = {"ko": "0", "en": "1"}
    return sorted(groups.items(), key=lambda item: rank.get(item[0], "2" + item[0]))


class _Writer:
    """Element building shared by both TBX flavours; `ns` is '' for TBX 2008."""

    def __init__(self, ns: str, sources: dict[str, Source]):
        self.ns = ns
        self.sources = sources

    def root(self, tag: str, **attrs) -> etree._Element:
        nsmap = {None: self.ns} if self.ns else None
        return etree.Element(self.q(tag), attrs, nsmap=nsmap)

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}" if self.ns else tag

    def sub(self, parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
        element = etree.SubElement(parent, self.q(tag), attrs)
        if text is not None:
            element.text = text
        return element

    def header(self, parent, tag: str) -> None:
        desc = self.sub(self.sub(self.sub(parent, tag), "fileDesc"), "sourceDesc")
        self.sub(desc, "p", DESCRIPTION)

    def definition(self, parent, concept: Concept, **attrs) -> None:
        group = self.sub(parent, "descripGrp")
        self.sub(group, "descrip", clean(concept.definition), type="definition", **attrs)
        for source_id in concept.definition_sources:
            self.sub(group, "admin", source_text(source_id, self.sources), type="source")

    def term(
        self, parent, tag: str, record: TermCore, *, proper_noun: str, usage_descrip: bool
    ) -> None:
        term, current = record.term, record.current
        group = self.sub(parent, tag)
        self.sub(group, "term", term.form)
        pos, term_type = _POS.get(term.pos, ("", "fullForm"))
        if term.pos == "proper-noun":
            pos = proper_noun
        if pos:
            self.sub(group, "termNote", pos, type="partOfSpeech")
        self.sub(group, "termNote", term_type, type="termType")
        if current is not None:
            self.sub(group, "termNote", STATUS_TBX[current.value], type="administrativeStatus")
        if usage_descrip and term.usage:
            self.sub(group, "descrip", clean(term.usage), type="Usage note")
        notes = term_notes(term, self.sources, usage=not usage_descrip)
        if term.pos == "proper-noun" and proper_noun != "properNoun":
            notes.insert(1, "Part of speech: proper noun.")
        for note in notes:
            self.sub(group, "note", note)


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def tbx_v3(glossary) -> bytes:
    """Return the glossary as TBX v3 (ISO 30042:2019) TBX-Basic in DCA style, UTF-8."""
    w = _Writer(TBX_NS, glossary.sources)
    root = w.root("tbx", type="TBX-Basic", style="dca", **{XML_LANG: "en"})
    w.header(root, "tbxHeader")
    body = w.sub(w.sub(root, "text"), "body")
    by_id = {record.id: record for record in records(glossary)}
    for concept in glossary.concepts:
        entry = w.sub(body, "conceptEntry", id=concept.id)
        w.sub(entry, "descrip", concept.category, type="subjectField")
        if concept.note:
            w.sub(entry, "note", clean(concept.note))
        languages = _languages(concept, by_id)
        if concept.definition and "en" not in dict(languages):
            w.definition(entry, concept, **{XML_LANG: "en"})
        for lang, group in languages:
            section = w.sub(entry, "langSec", **{XML_LANG: lang})
            if lang == "en" and concept.definition:
                w.definition(section, concept)
            for record in group:
                w.term(section, "termSec", record, proper_noun="noun", usage_descrip=False)
    return _serialize(root)


def tbx_2008(glossary) -> bytes:
    """Return the glossary as TBX 2008 (`martif`), the TBX that Weblate and translate-toolkit read."""
    w = _Writer("", glossary.sources)
    root = w.root("martif", type="TBX", **{XML_LANG: "en"})
    w.header(root, "martifHeader")
    body = w.sub(w.sub(root, "text"), "body")
    by_id = {record.id: record for record in records(glossary)}
    for concept in glossary.concepts:
        entry = w.sub(body, "termEntry", id=concept.id)
        w.sub(entry, "descrip", concept.category, type="subjectField")
        if concept.definition:
            w.definition(entry, concept, **{XML_LANG: "en"})
        if concept.note:
            w.sub(entry, "note", clean(concept.note))
        for lang, group in _languages(concept, by_id):
            lang_set = w.sub(entry, "langSet", **{XML_LANG: lang})
            for record in group:
                w.term(lang_set, "tig", record, proper_noun="properNoun", usage_descrip=True)
    return _serialize(root)

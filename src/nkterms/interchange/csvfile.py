"""CSV export in translate-toolkit's csv layout, which Weblate imports as a glossary."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..build import records
from ..model import Term
from ..records import TermCore
from .paths import relative_to
from .tbx import clean, connotation_text, homophone_text, status_text

HEADER = (
    "location",
    "source",
    "target",
    "id",
    "fuzzy",
    "context",
    "translator_comments",
    "developer_comments",
)
_SYSTEMS = (("rr", "RR"), ("mr", "MR"), ("yale", "Yale"), ("translit", "translit"))


def _locator(root):
    """Return a function giving 'glossary/concepts/x.yaml:12' for a term, relative to the
    folder holding the glossary (each file resolved once: a file holds a thousand terms)."""
    relative = relative_to(Path(root).resolve().parent)

    def location(term: Term) -> str:
        shown = relative(term.path)  # "" for a term with no file
        return f"{shown}:{term.line}" if shown and term.line else shown

    return location


def _comments(record: TermCore, sources) -> str:
    """Hanja, romanizations, gloss, current status, connotation and misreading warnings."""
    term, current, parts = record.term, record.current, []
    if term.hanja:
        parts.append(f"Hanja: {term.hanja}")
    rom = term.romanization
    spelled = [f"{label} {getattr(rom, key)}" for key, label in _SYSTEMS if getattr(rom, key)]
    if rom.press:
        spelled.append(f"press {', '.join(rom.press)}")
    if spelled:
        parts.append("Romanization: " + "; ".join(spelled))
    if term.gloss:
        parts.append(f"Literal gloss: {clean(term.gloss)}")
    if current is not None:
        parts.append(status_text(current, sources, full=False).rstrip("."))
    # Without their sources the cell stays readable; the TBX and JSON exports carry them.
    if term.connotation is not None:
        parts.append(connotation_text(term.connotation, sources, cited=False))
    parts += [homophone_text(term, h, sources, cited=False) for h in term.homophones]
    return " | ".join(parts)


def to_csv(glossary, lang: str = "en") -> str:
    """Return one CSV row per Korean term: its form, its rendering in `lang`, and notes."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(HEADER)
    location = _locator(glossary.root)
    for record in records(glossary):
        term = record.term
        if term.lang != "ko":
            continue
        target = next((r.text for r in term.renderings if r.lang == lang), "")
        writer.writerow(
            (
                location(term),
                term.form,
                clean(target),
                "",
                "False",
                term.id,
                "",
                _comments(record, glossary.sources),
            )
        )
    return out.getvalue()

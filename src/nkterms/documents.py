"""Check what the JSON Schema cannot: sources resolve, claims are sourced, Hanja reads as the
Hangul, romanizations agree with ko-pron, and dates are real and in order."""

from __future__ import annotations

from . import dates
from .errors import Problem
from .korean import hanja as hanja_mod
from .korean.romanize import candidates, same_spelling
from .model import Source
from .paths import SOURCES_FILE
from .yamlpos import Document
from .yamlpos import dotted as _dotted

_CLAIMS = ("status", "connotation", "homophones", "renderings")


def _claims(data: dict):
    """Yield (path-in-document, claim mapping) for every claim a concept document makes."""
    if "definition" in data:
        yield ("definition",), data["definition"]
    for t, term in enumerate(data["terms"]):
        for name in _CLAIMS:
            value = term.get(name)
            if isinstance(value, dict) and name == "connotation":
                yield ("terms", t, name), value
            elif isinstance(value, dict):
                for key, item in value.items():
                    yield ("terms", t, name, key), item
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    yield ("terms", t, name, i), item


def check_document(doc: Document, sources: dict[str, Source]) -> list[Problem]:
    """Check what the schema cannot: sources resolve, claims are sourced, Hanja reads right."""
    problems = []
    for at, claim in _claims(doc.data):
        refs = claim.get("sources", [])
        for i, ref in enumerate(refs):
            if ref not in sources:
                line, col = doc.where(at + ("sources", i))
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        _dotted(at + ("sources", i)),
                        f"unknown source {ref!r}",
                        f"add {ref!r} to {SOURCES_FILE} or fix the id",
                    )
                )
        if not refs and claim.get("verified", True) and claim.get("basis") != "translator":
            line, col = doc.where(at)
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    _dotted(at),
                    "claim has no source",
                    "add `sources: [id]` from the registry, or `verified: false`",
                )
            )
    for t, term in enumerate(doc.data["terms"]):
        problems += _check_romanization(doc, t, term)
        for i, status in enumerate(term.get("status", ())):
            problems += check_dates(doc, ("terms", t, "status", i), status)
        if term.get("hanja") and not _reads_as(term["hanja"], term["form"]):
            line, col = doc.where(("terms", t, "hanja"))
            usual = hanja_mod.readings(term["hanja"], limit=1)[0]
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    _dotted(("terms", t, "hanja")),
                    f"{term['hanja']!r} reads {usual}, not {term['form']!r}",
                    "fix the Hanja, or separate words with a space where the initial-sound law applies",
                )
            )
    return problems


def _reads_as(hanja: str, hangul: str) -> bool:
    """Tell whether the Hanja reads as the Hangul, consulting the word list only when needed."""
    if hanja_mod.reads_as(hanja, hangul):
        return True
    from .dictionary import open_dictionary  # cold start: only a Hanja that fails needs the words

    dictionary = open_dictionary()
    return hanja_mod.reads_as(
        hanja, hangul, lambda reading: {h for h, _gloss in dictionary.words(reading)}
    )


def check_dates(doc: Document, at: tuple, claim: dict, names=("since", "until")) -> list:
    """Report impossible dates (2026-02-30) and a `since` after its `until`."""
    problems = []
    for name in names:
        value = claim.get(name)
        why = dates.impossible(value) if isinstance(value, str) else None
        if why:
            line, col = doc.where(at + (name,))
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    _dotted(at + (name,)),
                    f"{value!r} is not a real date: {why}",
                    "write a real date (YYYY, YYYY-MM or YYYY-MM-DD; months 01-12, days the month has)",
                )
            )
    since, until = claim.get("since"), claim.get("until")
    if not problems and since and until and dates.after(since, until):
        line, col = doc.where(at + ("since",))
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                _dotted(at + ("since",)),
                f"since {since} is after until {until}",
                "correct the dates, or swap them if they are the wrong way round",
            )
        )
    return problems


def _check_romanization(doc: Document, t: int, term: dict) -> list[Problem]:
    """Compare curated romanizations with ko-pron's; a difference needs a stated reason."""
    rom = term.get("romanization") or {}
    if term["lang"] != "ko" or not rom:
        return []
    generated = candidates(term["form"])
    problems = []
    for system in ("rr", "mr", "yale"):
        curated = rom.get(system)
        if (
            curated
            and not same_spelling(curated, generated[system])
            and system not in rom.get("reason", {})
        ):
            line, col = doc.where(("terms", t, "romanization", system))
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    _dotted(("terms", t, "romanization", system)),
                    f"{curated!r} differs from ko-pron's {generated[system]!r} for {term['form']!r}",
                    f"correct it, or explain the difference under romanization.reason.{system}",
                )
            )
    return problems

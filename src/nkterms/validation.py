"""`nkterms validate`: everything `load` checks, plus lookup keys two terms claim at once."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .dictionary import open_dictionary
from .errors import Problem
from .glossary import read_glossary
from .keys import STRICT, own_keys
from .korean.hanja import is_han
from .readings import spellings


def _collisions(glossary) -> list[Problem]:
    """Report keys shared by terms of different concepts that do not name each other as homographs."""
    owners: dict[str, list] = defaultdict(list)
    for term in glossary.terms():
        for key in own_keys(term):
            if key.kind == STRICT and term not in owners[key.text]:
                owners[key.text].append(term)
    problems = []
    for key, terms in owners.items():
        for i, term in enumerate(terms):
            for other in terms[:i]:
                if other.concept == term.concept:
                    continue  # 脱北者 (ja) and 脫北者 (ko) name one concept: not a homograph
                if other.id in term.homographs or term.id in other.homographs:
                    continue
                problems.append(
                    Problem(
                        term.path,
                        term.line,
                        1,
                        f"{term.id}",
                        f"shares the lookup key {key!r} with {other.id!r} ({other.path}:{other.line})",
                        f"if both are right, add `homographs: [{other.id}]` to one of them",
                    )
                )
    return problems


def _unreviewed_readings(glossary) -> list[Problem]:
    """Warn about Korean terms the engine finds other readings for that no curator looked at."""
    dictionary = open_dictionary()
    problems = []
    for term in glossary.terms():
        intended = term.hanja.replace(" ", "")
        word = term.form.replace(" ", "")
        if term.lang != "ko" or not intended or len(intended) != len(word):
            continue
        native = {i for i, ch in enumerate(intended) if not is_han(ch)}
        known = {h.hanja.replace(" ", "") for h in term.homophones} | set(term.reviewed_readings)
        found = [s["hanja"] for s in spellings(word, dictionary, native, intended, limit=3)]
        todo = [hanja for hanja in found if hanja not in known]
        if todo:
            listed = ", ".join(todo)
            problems.append(
                Problem(
                    term.path,
                    term.line,
                    1,
                    term.id,
                    f"{term.form} ({intended}) can also be read {listed}; no curator has reviewed this",
                    "add a reading that matters under homophones (with a note and a source), and "
                    f"list the others in reviewed_readings: [{listed}]",
                    severity="warning",
                )
            )
    return problems


def validate(root: Path | str | None = None) -> list[Problem]:
    """Check a glossary folder; return every error and warning, in file order."""
    glossary, problems = read_glossary(root)
    if glossary is not None:
        problems += _collisions(glossary) + _unreviewed_readings(glossary)
    return sorted(problems, key=lambda p: (p.path, p.line, p.col))

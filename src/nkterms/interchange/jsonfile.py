"""JSON export: the whole glossary, every field of every concept and term, and the sources."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, replace
from pathlib import Path

from ..build import records

LICENSE = "CC BY-SA 4.0"


def _relative(base: Path):
    """Return a function giving a path relative to `base` in POSIX form, so the export is the
    same on any machine (each file resolved once: a file holds a thousand terms)."""
    shown: dict[str, str] = {}

    def relative(path: str) -> str:
        if not path:
            return path
        if path not in shown:
            resolved = Path(path).resolve()
            try:
                shown[path] = resolved.relative_to(base).as_posix()
            except ValueError:
                shown[path] = Path(os.path.relpath(resolved, base)).as_posix()
        return shown[path]

    return relative


def to_json(glossary) -> str:
    """Return the glossary (concepts with all their terms, and the source registry) as JSON."""
    relative = _relative(Path(glossary.root).resolve().parent)
    by_concept: dict[str, list] = {}
    for record in records(glossary):
        by_concept.setdefault(record.term.concept, []).append(record.term)
    concepts = []
    for concept in glossary.concepts:
        own = by_concept.get(concept.id, ())
        terms = tuple(replace(t, path=relative(t.path)) for t in own)
        concepts.append(asdict(replace(concept, terms=terms, path=relative(concept.path))))
    data = {
        "license": LICENSE,
        "concepts": concepts,
        "sources": {key: asdict(source) for key, source in glossary.sources.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

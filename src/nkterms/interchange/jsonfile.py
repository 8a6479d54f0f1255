"""JSON export: the whole glossary, every field of every concept and term, and the sources."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, replace
from pathlib import Path

from ..build import records

LICENSE = "CC BY-SA 4.0"


def _relative(path: str, base: Path) -> str:
    """Return `path` relative to `base` in POSIX form, so the export is the same on any machine."""
    if not path:
        return path
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()


def to_json(glossary) -> str:
    """Return the glossary (concepts with all their terms, and the source registry) as JSON."""
    base = Path(glossary.root).resolve().parent
    by_concept: dict[str, list] = {}
    for record in records(glossary):
        by_concept.setdefault(record.term.concept, []).append(record.term)
    concepts = []
    for concept in glossary.concepts:
        own = by_concept.get(concept.id, ())
        terms = tuple(replace(t, path=_relative(t.path, base)) for t in own)
        concepts.append(asdict(replace(concept, terms=terms, path=_relative(concept.path, base))))
    data = {
        "license": LICENSE,
        "concepts": concepts,
        "sources": {key: asdict(source) for key, source in glossary.sources.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

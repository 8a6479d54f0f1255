"""JSON export: the whole glossary, every field of every concept and term, and the sources."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

from .paths import relative_to

LICENSE = "CC BY-SA 4.0"


def to_json(glossary) -> str:
    """Return the glossary (concepts with all their terms, and the source registry) as JSON."""
    relative = relative_to(Path(glossary.root).resolve().parent)
    concepts = []
    for concept in glossary.concepts:
        terms = tuple(replace(t, path=relative(t.path)) for t in concept.terms)
        concepts.append(asdict(replace(concept, terms=terms, path=relative(concept.path))))
    data = {
        "license": LICENSE,
        "concepts": concepts,
        "sources": {key: asdict(source) for key, source in glossary.sources.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

"""`nkterms stats`: how complete and how well sourced the glossary is."""

from __future__ import annotations

from collections import Counter

from .build import records
from .glossary import Glossary

#: The languages Korean terms are rendered into (BCP 47); Korean itself is the msgid.
TARGET_LANGUAGES = ("en", "ja", "zh-Hans", "zh-Hant", "de", "fr", "ru", "es")


def _claims(glossary: Glossary):
    """Yield (sources, verified, basis) for every claim the glossary makes."""
    for concept in glossary.concepts:
        if concept.definition:
            yield concept.definition_sources, True, ""
    for term in glossary.terms():
        for status in term.status:
            yield status.sources, status.verified, ""
        if term.connotation:
            yield term.connotation.sources, term.connotation.verified, ""
        for h in term.homophones:
            yield h.sources, h.verified, ""
        for r in term.renderings:
            yield r.sources, r.verified, r.basis


def _same_language(source_lang: str, lang: str) -> bool:
    """Tell whether a source in `source_lang` is that language's own press or reference work.

    >>> _same_language("zh", "zh-Hans"), _same_language("ja", "ja"), _same_language("en", "de")
    (True, True, False)
    """
    return source_lang == lang or source_lang == lang.split("-")[0]


def _locale(glossary: Glossary, korean: list, lang: str) -> dict:
    """Return how many Korean terms have a rendering in `lang`, and how many cite its own press."""
    renderings = [r for t in korean for r in t.renderings if r.lang == lang]
    own = sum(
        1
        for r in renderings
        if any(
            _same_language(glossary.sources[s].lang, lang)
            for s in r.sources
            if s in glossary.sources
        )
    )
    return {"translated": len(renderings), "total": len(korean), "own_press_sourced": own}


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def stats(glossary: Glossary) -> dict:
    """Return counts and shares describing the glossary (the `--json` document)."""
    derived = records(glossary)  # each term's category and current status
    terms = glossary.terms()
    korean = [t for t in terms if t.lang == "ko"]
    sino = [t for t in korean if t.origin == "sino"]
    claims = list(_claims(glossary))
    sourced = sum(1 for sources, _verified, _basis in claims if sources)
    translator = sum(1 for _s, _v, basis in claims if basis == "translator")
    languages = sorted(set(TARGET_LANGUAGES) | {r.lang for t in korean for r in t.renderings})
    return {
        "concepts": len(glossary.concepts),
        "terms": len(terms),
        "sources": len(glossary.sources),
        "concepts_by_category": dict(
            sorted(Counter(c.category for c in glossary.concepts).items())
        ),
        "terms_by_category": dict(sorted(Counter(r.category for r in derived).items())),
        "terms_by_language": dict(sorted(Counter(t.lang for t in terms).items())),
        "korean_terms": len(korean),
        "korean_with_hanja_share": _share(sum(1 for t in korean if t.hanja), len(korean)),
        "sino_korean_terms": len(sino),
        "sino_with_hanja_share": _share(sum(1 for t in sino if t.hanja), len(sino)),
        "hanja_from_word_list": sum(1 for t in korean if t.hanja_basis == "dictionary"),
        "korean_with_romanization_share": {
            system: _share(sum(1 for t in korean if getattr(t.romanization, system)), len(korean))
            for system in ("rr", "mr", "yale", "translit")
        }
        | {"press": _share(sum(1 for t in korean if t.romanization.press), len(korean))},
        "terms_with_status_share": _share(sum(1 for t in terms if t.status), len(terms)),
        "terms_with_connotation_share": _share(sum(1 for t in terms if t.connotation), len(terms)),
        "terms_with_usage_share": _share(sum(1 for t in terms if t.usage), len(terms)),
        "claims": len(claims),
        "sourced_share": _share(sourced, len(claims)),
        "translator_renderings": translator,
        "unverified_claims": sum(1 for _s, verified, _b in claims if not verified),
        "locales": {lang: _locale(glossary, korean, lang) for lang in languages},
    }


def stats_text(data: dict) -> str:
    """Render the statistics as a short report."""
    lines = [
        f"{data['concepts']} concepts, {data['terms']} terms, {data['sources']} sources",
        "concepts by category: "
        + ", ".join(f"{k} {v}" for k, v in data["concepts_by_category"].items()),
        "terms by language: " + ", ".join(f"{k} {v}" for k, v in data["terms_by_language"].items()),
        f"Korean terms: {data['korean_terms']}; with Hanja {data['korean_with_hanja_share']:.0%} "
        f"(Sino-Korean {data['sino_with_hanja_share']:.0%}; "
        f"{data['hanja_from_word_list']} from the word list); "
        + "; ".join(f"{k} {v:.0%}" for k, v in data["korean_with_romanization_share"].items()),
        f"terms with a status {data['terms_with_status_share']:.0%}, a connotation "
        f"{data['terms_with_connotation_share']:.0%}, a usage note {data['terms_with_usage_share']:.0%}",
        f"claims: {data['claims']}; sourced {data['sourced_share']:.0%}; translators' renderings "
        f"{data['translator_renderings']}; unverified {data['unverified_claims']}",
        "catalog coverage (translated / Korean terms; sourced from that language's press): "
        + ", ".join(
            f"{k} {v['translated']}/{v['total']} ({v['own_press_sourced']})"
            for k, v in data["locales"].items()
        ),
    ]
    return "\n".join(lines)

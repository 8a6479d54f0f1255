"""`nkterms stats` counts what is really in the glossary."""

from __future__ import annotations

import json

from nkterms import load
from nkterms.cli import main
from nkterms.stats import stats


def test_stats_of_the_small_glossary_are_exact(good_glossary):
    data = stats(load(good_glossary))
    assert (data["concepts"], data["terms"], data["korean_terms"]) == (1, 5, 4)
    assert data["terms_by_language"] == {"en": 1, "ko": 4}
    assert data["korean_with_hanja_share"] == 0.75  # 새터민 has none
    assert (
        data["unverified_claims"] == 2
    )  # the homophone and the connotation marked verified: false
    assert data["locales"]["en"] == {"translated": 2, "total": 4, "own_press_sourced": 0}
    assert data["locales"]["de"] == {"translated": 0, "total": 4, "own_press_sourced": 0}
    assert data["translator_renderings"] == 2
    assert (data["sino_korean_terms"], data["sino_with_hanja_share"]) == (3, 1.0)


def test_a_rendering_counts_as_own_press_only_when_a_source_is_in_its_language(good_glossary):
    concept = good_glossary / "concepts" / "defector.yaml"
    text = concept.read_text(encoding="utf-8")
    sourced = text.replace(
        "en: {text: new settler, basis: translator}",
        "en: {text: new settler, sources: [test-fixture]}",
    )
    concept.write_text(
        sourced.replace(
            "en: {text: people from the North, basis: translator}",
            "de: {text: Leute aus dem Norden, sources: [test-fixture]}",
        ),
        encoding="utf-8",
    )
    locales = stats(load(good_glossary))["locales"]
    assert locales["en"] == {"translated": 1, "total": 4, "own_press_sourced": 1}
    assert locales["de"] == {
        "translated": 1,
        "total": 4,
        "own_press_sourced": 0,
    }  # an English source


def test_stats_json_has_the_documented_keys(capsys):
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "concepts",
        "terms",
        "terms_by_language",
        "sourced_share",
        "unverified_claims",
        "locales",
    ):
        assert key in data
    assert data["terms"] == len(load().terms())
    assert 0 < data["sourced_share"] <= 1

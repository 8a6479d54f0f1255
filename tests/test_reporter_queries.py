"""Everyday lookups of reporters land on the concept the story means, in the shipped glossary.

Each content area keeps its own list and test function, so that lists from different areas
merge without conflict. An entry is (query, concept id); the first match must belong to that
concept, so a broad word that lands on a narrower concept first fails here.
"""

from __future__ import annotations

import pytest

from nkterms import lookup
from nkterms.index import open_index


@pytest.fixture(scope="module")
def index(tmp_path_factory, shipped):
    import os

    os.environ["NKTERMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("reporter-cache"))
    return open_index(shipped)


def _first_concept(index, query: str) -> str:
    """Return the concept of the best match for query, or '' when nothing matches."""
    matches = lookup(query, index=index)
    return matches[0].record["concept"]["id"] if matches else ""


# The path out: leaving, crossing, hiding, arrest, repatriation, routes, third countries,
# embassies and the UNHCR, as stories from the border to arrival in a third country name them.
PATH_QUERIES = [
    ("탈북", "talbuk-escape"),  # the act; used to land on 탈북자 (the person) by prefix
    ("脱北", "talbuk-escape"),
    ("escape from North Korea", "talbuk-escape"),
    ("fleeing North Korea", "talbuk-escape"),
    ("도강", "river-crossing"),
    ("도강비", "river-crossing-fee"),
    ("월경", "border-crossing"),
    ("越境", "border-crossing"),
    ("불법 월경", "border-crossing"),
    ("illegal border crossing", "border-crossing"),
    ("은신", "hiding-in-china"),
    ("은신처", "hiding-in-china"),
    ("hiding in China", "hiding-in-china"),
    ("체포", "arrest-in-china"),
    ("검거", "arrest-in-china"),
    ("arrested in China", "arrest-in-china"),
    ("단속", "crackdown-on-defectors"),
    ("crackdown", "crackdown-on-defectors"),
    ("공안", "chinese-public-security"),
    ("중국 공안", "chinese-public-security"),
    ("공안에", "chinese-public-security"),  # with a particle
    ("Chinese police", "chinese-public-security"),
    ("公安局", "chinese-public-security"),
    ("송환", "repatriation"),  # the broad word has its own entry; 북송 stays forced-repatriation
    ("遣返", "repatriation"),
    ("repatriation", "repatriation"),
    ("북송", "forced-repatriation"),
    ("중국", "china"),  # the broad word; used to land on 중국동포
    ("중국에서", "china"),
    ("China", "china"),
    ("中国", "china"),
    ("중국동포", "joseonjok"),
    ("태국", "thailand"),
    ("타이", "thailand"),
    ("Thailand", "thailand"),
    ("라오스", "laos"),
    ("Laos", "laos"),
    ("베트남", "vietnam"),
    ("Vietnam", "vietnam"),
    ("캄보디아", "cambodia"),
    ("미얀마", "myanmar"),
    ("버마", "myanmar"),
    ("몽골", "mongolia"),
    ("Mongolia", "mongolia"),
    ("러시아", "russia"),
    ("메콩강", "mekong-river"),
    ("메콩 강", "mekong-river"),
    ("Mekong", "mekong-river"),
    ("탈북 루트", "escape-routes"),
    ("탈북 경로", "escape-routes"),
    ("underground railroad", "escape-routes"),
    ("남방루트", "southern-route"),
    ("북방 경로", "northern-route"),
    ("주중 한국대사관", "rok-embassy-beijing"),
    ("주중대사관", "rok-embassy-beijing"),
    ("주선양 총영사관", "rok-consulate-shenyang"),
    ("선양 총영사관", "rok-consulate-shenyang"),
    ("재외공관", "overseas-missions"),
    ("공관 진입", "mission-entry"),
    ("대사관 진입", "mission-entry"),
    ("闯馆", "mission-entry"),
    ("UNHCR", "unhcr"),
    ("유엔난민기구", "unhcr"),
    ("유엔난민고등판무관실", "unhcr"),
    ("瀋陽事件", "shenyang-consulate-incident-2002"),
    ("Shenyang consulate incident", "shenyang-consulate-incident-2002"),
    ("이민국 수용소", "bangkok-immigration-detention"),
    ("immigration detention centre", "bangkok-immigration-detention"),
]


@pytest.mark.parametrize(("query", "concept"), PATH_QUERIES, ids=[q for q, _ in PATH_QUERIES])
def test_path_queries_land_on_their_concept(index, query, concept):
    assert _first_concept(index, query) == concept

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


# Law and policy, and the everyday words that take sides: the laws, treaties, UN bodies and
# commemorative day a story cites, the names of the two states and their people, and the words
# that decide what a crossing is (refugee, asylum, migrant, 귀순).
LAW_QUERIES = [
    ("국가보안법", "national-security-act"),
    ("National Security Act", "national-security-act"),
    ("국가보안법을", "national-security-act"),  # with a particle
    ("반국가단체", "anti-state-organization"),
    ("anti-state organization", "anti-state-organization"),
    ("헌법 제3조", "constitution-article-3"),
    ("영토조항", "constitution-article-3"),
    ("territorial clause", "constitution-article-3"),
    ("남북교류협력법", "inter-korean-exchange-act"),
    ("Inter-Korean Exchange and Cooperation Act", "inter-korean-exchange-act"),
    ("난민협약", "refugee-convention"),
    ("Refugee Convention", "refugee-convention"),
    ("1951 Refugee Convention", "refugee-convention"),
    ("難民条約", "refugee-convention"),
    ("난민의정서", "refugee-convention"),
    ("강제송환금지원칙", "non-refoulement"),
    ("농르풀망", "non-refoulement"),
    ("non-refoulement", "non-refoulement"),
    ("principle of non-refoulement", "non-refoulement"),
    ("COI report", "un-commission-of-inquiry-dprk"),
    ("북한인권조사위원회", "un-commission-of-inquiry-dprk"),
    ("UN Commission of Inquiry", "un-commission-of-inquiry-dprk"),
    ("북한인권 특별보고관", "un-special-rapporteur-dprk"),
    ("special rapporteur", "un-special-rapporteur-dprk"),
    ("북한인권결의안", "un-dprk-human-rights-resolution"),
    ("남북기본합의서", "basic-agreement-1991"),
    ("Inter-Korean Basic Agreement", "basic-agreement-1991"),
    ("적대적 두 국가", "hostile-two-states"),
    ("two hostile states", "hostile-two-states"),
    ("북한이탈주민의 날", "defectors-day"),  # missed in the trial
    ("North Korean Defectors' Day", "defectors-day"),
    ("脱北者の日", "defectors-day"),
    ("탈북어민 강제북송 사건", "fishermen-repatriation-2019"),  # the 2019 case missed too
    ("탈북어민 북송 사건", "fishermen-repatriation-2019"),
    ("fishermen repatriation", "fishermen-repatriation-2019"),
    ("repatriation of North Korean fishermen", "fishermen-repatriation-2019"),
    ("북한", "north-korea"),  # used to land on 북한이주민
    ("조선", "north-korea"),  # used to land on 조선족
    ("이북", "north-korea"),  # used to land on 이북도민
    ("북조선", "north-korea"),
    ("North Korea", "north-korea"),  # used to land on a famine term
    ("DPRK", "north-korea"),
    ("朝鲜", "north-korea"),
    ("北韓", "north-korea"),
    ("북측", "north-korea"),
    ("남한", "south-korea"),
    ("한국", "south-korea"),
    ("남조선", "south-korea"),
    ("이남", "south-korea"),
    ("대한민국", "south-korea"),
    ("South Korea", "south-korea"),
    ("Nam Choson", "south-korea"),
    ("북한 주민", "bukhan-jumin"),
    ("북한주민", "bukhan-jumin"),
    ("North Koreans", "bukhan-jumin"),
    ("인민", "inmin"),
    ("난민", "refugee"),
    ("refugee", "refugee"),
    ("refugees", "refugee"),
    ("망명", "asylum"),
    ("asylum", "asylum"),
    ("asylum seeker", "asylum"),
    ("이주민", "migrant"),  # used to find nothing; 북한이주민 stays bukhan-ijumin
    ("migrant", "migrant"),  # used to land on 북한이주민
    ("economic migrant", "migrant"),
    ("귀순", "gwisun"),  # used to land on 귀순자 (the person) by prefix
    ("귀순하다", "gwisun"),
    ("귀순 의사", "gwisun"),
    ("intent to defect", "gwisun"),
]


@pytest.mark.parametrize(("query", "concept"), LAW_QUERIES, ids=[q for q, _ in LAW_QUERIES])
def test_law_queries_land_on_their_concept(index, query, concept):
    assert _first_concept(index, query) == concept

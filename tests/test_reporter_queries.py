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


# The other side of the border: DPRK institutions, crimes, camps, social categories and the
# DPRK media's words, as defectors' stories and reports from inside North Korea name them.
DPRK_QUERIES = [
    ("보위부", "ministry-of-state-security"),
    ("Bowibu", "ministry-of-state-security"),
    ("국가보위성", "ministry-of-state-security"),
    ("국가안전보위부", "ministry-of-state-security"),
    ("State Security Department", "ministry-of-state-security"),
    ("North Korean secret police", "ministry-of-state-security"),
    ("国家保衛省", "ministry-of-state-security"),
    ("사회안전성", "ministry-of-social-security"),
    ("인민보안성", "ministry-of-social-security"),
    ("Ministry of People's Security", "ministry-of-social-security"),
    ("North Korean police", "ministry-of-social-security"),
    ("보위원", "bowiwon"),
    ("보위원들이", "bowiwon"),
    ("보안원", "anjeonwon"),
    ("안전원", "anjeonwon"),
    ("anjonwon", "anjeonwon"),
    ("관리소", "political-prison-camps"),
    ("정치범수용소", "political-prison-camps"),
    ("정치범수용소로", "political-prison-camps"),
    ("kwanliso", "political-prison-camps"),
    ("political prison camp", "political-prison-camps"),
    ("政治犯収容所", "political-prison-camps"),
    ("요덕수용소", "yodok-camp"),
    ("Yodok camp", "yodok-camp"),
    ("15호 관리소", "yodok-camp"),
    ("교화소", "kyohwaso"),
    ("kyohwaso", "kyohwaso"),
    ("노동단련대", "labour-training-camp"),
    ("로동단련대", "labour-training-camp"),
    ("labor training camp", "labour-training-camp"),
    ("집결소", "jipkyulso"),
    ("집결소에서", "jipkyulso"),
    ("holding center", "jipkyulso"),
    ("구류장", "guryujang"),
    ("songbun", "songbun"),
    ("출신성분", "songbun"),
    ("成分", "songbun"),
    ("핵심계층", "core-class"),
    ("동요계층", "wavering-class"),
    ("wavering class", "wavering-class"),
    ("적대계층", "hostile-class"),
    ("hostile class", "hostile-class"),
    ("연좌제", "yeonjwaje"),
    ("연좌제로", "yeonjwaje"),
    ("guilt by association", "yeonjwaje"),
    ("three generations of punishment", "yeonjwaje"),
    ("비법국경출입죄", "illegal-border-crossing-crime"),
    ("비법월경죄", "illegal-border-crossing-crime"),
    ("불법월경죄", "illegal-border-crossing-crime"),
    ("조국반역죄", "treason-against-the-fatherland"),
    ("조국반역죄로", "treason-against-the-fatherland"),
    ("조선노동당", "workers-party-of-korea"),
    ("조선로동당", "workers-party-of-korea"),
    ("로동당", "workers-party-of-korea"),
    ("Workers' Party of Korea", "workers-party-of-korea"),
    ("WPK", "workers-party-of-korea"),
    ("朝鮮労働党", "workers-party-of-korea"),
    ("인민반", "inminban"),
    ("인민반장", "inminban"),
    ("inminban", "inminban"),
    ("국경경비대", "border-guard"),
    ("North Korean border guards", "border-guard"),
    ("괴뢰", "goeroe"),
    ("괴뢰도당", "goeroe"),
    ("노동교화형", "reform-through-labour"),
    ("로동교화형", "reform-through-labour"),
    ("무기노동교화형", "reform-through-labour"),
    ("reform through labor", "reform-through-labour"),
    ("노동단련형", "labour-training-sentence"),
    ("완전통제구역", "total-control-zone"),
    ("total control zone", "total-control-zone"),
    ("혁명화구역", "revolutionizing-zone"),
    ("보위사령부", "military-security-command"),
    ("비사회주의 그루빠", "non-socialist-inspection-group"),
    ("비사 그루빠", "non-socialist-inspection-group"),
    ("월남도주자", "dprk-fugitive-labels"),
    ("특급범죄자", "dprk-fugitive-labels"),
    ("Ministry of State Security", "ministry-of-state-security"),
    ("Ministry of Social Security", "ministry-of-social-security"),
    ("국가안전보위부에서", "ministry-of-state-security"),
    ("kyo-hwa-so", "kyohwaso"),
    ("kwan-li-so", "political-prison-camps"),
    ("예심", "pretrial-examination"),
    ("예심원", "pretrial-examination"),
    ("공개처형", "public-execution"),
    ("공개총살", "public-execution"),
    ("공개재판", "public-execution"),
    ("손전화", "son-jeonhwa"),
    ("중국 손전화", "son-jeonhwa"),
    ("전화쟁이", "jeonhwajaengi"),
    ("109상무", "group-109"),
    ("109 그루빠", "group-109"),
    ("보안서", "local-police-station"),
    ("분주소", "local-police-station"),
]


@pytest.mark.parametrize(("query", "concept"), DPRK_QUERIES, ids=[q for q, _ in DPRK_QUERIES])
def test_dprk_queries_land_on_their_concept(index, query, concept):
    assert _first_concept(index, query) == concept

"""Everyday lookups of a reporter land on the concept the story needs, in the shipped glossary."""

from __future__ import annotations

import pytest

from nkterms import lookup
from nkterms.index import open_index

# Arrival and life in the South: queries written from the stories read for these concepts
# (Yonhap, Edaily, VOA, Dong-A Ilbo, NK News, Time); each must land on the concept named.
SETTLE_QUERIES = [
    ("합동신문", "joint-interrogation"),
    ("합동신문을", "joint-interrogation"),
    ("정부합동신문", "joint-interrogation"),
    ("joint interrogation", "joint-interrogation"),
    ("보호신청", "protection-application"),
    ("application for protection", "protection-application"),
    ("보호결정", "protection-decision"),
    ("protection decision", "protection-decision"),
    ("보호대상자", "protected-person"),
    ("비보호 탈북민", "non-protected-defectors"),
    ("비보호", "non-protected-defectors"),
    ("unprotected defectors", "non-protected-defectors"),
    ("월북", "wolbuk"),
    ("월북자", "wolbuk"),
    ("crossing to North Korea", "wolbuk"),
    ("재입북", "jaeipbukja"),
    ("위장탈북", "disguised-defection"),
    ("위장 탈북", "disguised-defection"),
    ("위장탈북자", "disguised-defection"),
    ("fake defectors", "disguised-defection"),
    ("偽装脱北", "disguised-defection"),
    ("사회적응교육", "resettlement-education"),
    ("정착교육", "resettlement-education"),
    ("거주지보호", "residence-protection"),
    ("거주지 보호기간", "residence-protection"),
    ("신변보호", "personal-protection"),
    ("신변보호기간", "personal-protection"),
    ("정착장려금", "settlement-incentives"),
    ("취업장려금", "employment-incentive"),
    ("就業奨励金", "employment-incentive"),
    ("직업훈련장려금", "vocational-training-incentive"),
    ("자격취득장려금", "qualification-incentive"),
    ("정착가산금", "additional-settlement-grants"),
    ("취업보호", "employment-protection"),
    ("고용지원금", "employer-wage-subsidy"),
    ("request for protection", "protection-application"),
    ("joint questioning", "joint-interrogation"),
    ("training for social adaptation", "resettlement-education"),
    ("해외 탈북자", "overseas-defectors"),
    ("해외 체류 탈북자", "overseas-defectors"),
    ("Little Pyongyang", "overseas-defectors"),
    ("North Korean refugees in the UK", "overseas-defectors"),
    ("탈북민 출신 국회의원", "defector-lawmakers"),
    ("defector lawmaker", "defector-lawmakers"),
    ("대학특례입학", "special-admission"),
    ("특례입학", "special-admission"),
    ("교육지원금", "education-support"),
    ("가족관계등록 창설", "family-register-creation"),
    ("취적", "family-register-creation"),
    ("학력인정", "education-recognition"),
    ("탈북민 모자 사망 사건", "defector-mother-son-death-2019"),
    ("탈북 모자 아사 사건", "defector-mother-son-death-2019"),
    ("defector mother and son found dead", "defector-mother-son-death-2019"),
    ("정착지원협의회", "consultative-council"),
    ("북한이탈주민 보호 및 정착지원협의회", "consultative-council"),
    ("임시보호", "temporary-protection"),
    ("인권보호관", "temporary-protection"),
    ("정착도우미", "settlement-helpers"),
    ("주민등록번호 정정", "resident-number-correction"),
    ("한겨레중고등학교", "defector-alternative-schools"),
    ("여명학교", "defector-alternative-schools"),
    ("탈북청소년 대안학교", "defector-alternative-schools"),
    ("북한이탈주민 실태조사", "defector-settlement-survey"),
    # English forms the usage notes recommend must themselves be found
    ("refused protection", "non-protected-defectors"),
    ("job-retention bonus", "employment-incentive"),
    ("crossed into North Korea", "wolbuk"),
    ("government screening of defectors", "joint-interrogation"),
    ("three-month resettlement course", "resettlement-education"),
    ("volunteer settlement helpers", "settlement-helpers"),
    ("defector-turned-lawmaker", "defector-lawmakers"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory, shipped):
    import os

    os.environ["NKTERMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("reporter-cache"))
    return open_index(shipped)


@pytest.mark.parametrize(("query", "concept"), SETTLE_QUERIES, ids=[q for q, _ in SETTLE_QUERIES])
def test_settle_query_lands_on_its_concept(index, query, concept):
    matches = lookup(query, index=index)
    assert matches, f"{query!r} found nothing"
    assert matches[0].record["concept"]["id"] == concept, [m.id for m in matches]

"""Everyday lookups of reporters land on the concept the story means, in the shipped glossary.

Each content area keeps its own list and test function, so that lists from different areas
merge without conflict. An entry is (query, concept id); the first match must belong to that
concept, so a broad word that lands on a narrower concept first fails here.
"""

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


@pytest.mark.parametrize(("query", "concept"), SETTLE_QUERIES, ids=[q for q, _ in SETTLE_QUERIES])
def test_settle_queries_land_on_their_concept(index, query, concept):
    assert _first_concept(index, query) == concept


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

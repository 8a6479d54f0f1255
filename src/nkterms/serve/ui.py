"""The page's interface text in Korean and English, and how a request picks one."""

from __future__ import annotations

TEXT = {
    "ko": {
        "title": "nkterms 용어집",
        "tagline": "탈북민 관련 용어: 출처와 함께",
        "search": "검색",
        "search_label": "용어 검색 (한글, 한자, 로마자, 영어…)",
        "search_hint": "어떤 철자로든: 북향민은, 北鄕民, bukhyangmin, defector",
        "no_match": "찾는 용어가 없습니다.",
        "did_you_mean": "혹시 이것을 찾으셨나요?",
        "check": "기사 점검",
        "check_label": "기사 본문을 붙여 넣으세요 (한국어, 영어 또는 혼용)",
        "check_file": "또는 파일 올리기 (.txt, .md, .html)",
        "check_button": "점검",
        "kind": "형식",
        "lang": "찾을 용어",
        "lang_auto": "모두",
        "lang_ko": "한국어 용어만",
        "lang_en": "다른 언어 용어만",
        "findings": "발견 사항",
        "no_findings": "주의할 용어가 없습니다.",
        "suggest": "제안",
        "browse": "둘러보기",
        "all": "전체",
        "status": "지위",
        "language": "언어",
        "filter": "거르기",
        "changes": "바뀐 것",
        "changes_intro": "지위가 바뀐 용어, 날짜순(최신 먼저)",
        "downloads": "내려받기",
        "downloads_intro": "지금 실행 중인 용어집으로 만든 파일",
        "warning": "잘못 읽힐 수 있음",
        "hanja": "한자",
        "romanizations": "로마자 표기",
        "history": "지위의 변천",
        "connotation": "어감",
        "usage": "첫 언급 때 쓰는 법",
        "renderings": "다른 언어 번역",
        "concept_terms": "같은 개념의 다른 용어",
        "sources": "출처",
        "definition": "정의",
        "print": "인쇄",
        "permalink": "고유 주소",
        "unverified": "미확인",
        "until": "까지",
        "now": "현재",
        "other_readings": "같은 소리의 다른 뜻",
        "api": "HTTP API",
        "not_found": "찾을 수 없습니다",
        "error": "오류",
        "switch": "English",
        "switch_to": "en",
    },
    "en": {
        "title": "nkterms glossary",
        "tagline": "The vocabulary around North Korean defectors, with sources",
        "search": "Search",
        "search_label": "Find a term (Hangul, Hanja, any romanization, English…)",
        "search_hint": "Any spelling: 북향민은, 北鄕民, bukhyangmin, defector",
        "no_match": "No term matches.",
        "did_you_mean": "Did you mean",
        "check": "Check my text",
        "check_label": "Paste an article (Korean, English or mixed)",
        "check_file": "or upload a file (.txt, .md, .html)",
        "check_button": "Check",
        "kind": "Format",
        "lang": "Terms to look for",
        "lang_auto": "all",
        "lang_ko": "Korean terms only",
        "lang_en": "other languages only",
        "findings": "Findings",
        "no_findings": "No term that needs care.",
        "suggest": "suggest",
        "browse": "Browse",
        "all": "all",
        "status": "Status",
        "language": "Language",
        "filter": "Filter",
        "changes": "What changed",
        "changes_intro": "Terms whose status changed, newest first",
        "downloads": "Downloads",
        "downloads_intro": "Files built from the running glossary",
        "warning": "Can be misread",
        "hanja": "Hanja",
        "romanizations": "Romanizations",
        "history": "Status history",
        "connotation": "Connotation",
        "usage": "On first reference",
        "renderings": "Renderings",
        "concept_terms": "Other terms for this concept",
        "sources": "Sources",
        "definition": "Definition",
        "print": "Print",
        "permalink": "Permalink",
        "unverified": "unverified",
        "until": "until",
        "now": "now",
        "other_readings": "Other readings of the same sound",
        "api": "HTTP API",
        "not_found": "Not found",
        "error": "Error",
        "switch": "한국어",
        "switch_to": "ko",
    },
}


def pick(asked: str | None, cookie: str | None, accept) -> str:
    """The interface language: ?ui=, else the cookie, else the browser's preference.

    >>> pick(None, None, None), pick("en", "ko", None), pick(None, "en", None)
    ('ko', 'en', 'en')
    """
    for choice in (asked, cookie):
        if choice in TEXT:
            return choice
    if accept is not None:
        best = accept.best_match(list(TEXT))
        if best:
            return best
    return "ko"

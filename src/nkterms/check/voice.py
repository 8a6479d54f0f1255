"""Whose words a term is in: the writer's (a use), a speaker's (quoted speech), or nobody's (a
mention: the word itself talked about).

Direct quotations are the speaker's words, which no editor asks to change: a term inside one
is reported at most as information. A quoted word (‘탈북민’ 호칭, the word "defector") is a
mention, and so is a term next to a word that names it (탈북자 명칭, 이른바 탈북자, the term
defector), with or without quotes. Everything here is a pure function of the text; offsets
are character offsets into the text as given (the checker's positions).

Telling speech from a quoted word, in order:
  1. after the closing mark, a quotative ending that reports speech (“…”라며, “…”고 말했다,
     “…,” she said), or before the opening one a verb of saying ("said, “…") → speech;
  2. three words or fewer, not a sentence (‘북향민’, “tal-book-min,”) → a quoted word;
  3. anything longer → speech.
Markdown block quotes (lines starting with >) and HTML <blockquote> and <q> are speech.
"""

from __future__ import annotations

import re

SPEECH, MENTION, USE = "speech", "mention", "use"

#: Opening marks and the mark that closes each. Straight quotes close themselves.
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "«": "»", '"': '"', "'": "'"}
#: What quotations() reads: a quotation mark, or a blank line (the end of a paragraph).
_MARK_OR_PARAGRAPH = re.compile(
    "\n\n|[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + "]"
)
_LATIN = re.compile(r"[A-Za-z]")
_SPACE = re.compile(r"\s")
#: Korean endings after a closing mark that report speech (“…”라며, “…”고 밝혔다).
_KO_SAID = re.compile(
    r"(?:이?라며|이?라면서|이?라고\s*(?!부르|불러|불리|칭하|표기)|고\s|며\s|면서\s|하고\s)"
)
_EN_SAID_AFTER = re.compile(
    r"[,.]?\s*(?:(?:he|she|they|it|we|I|the \w+|[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*)\s+)?"
    r"(?:said|says|told|asked|added|wrote|replied|recalled)\b"
)
_EN_SAID_BEFORE = re.compile(r"\b(?:said|says|asked|added|wrote|told \w+|replied),?\s*$")
_SENTENCE_END = re.compile(r"[.?!。？！…]\s*$|다\.?$|요\.?$")
_BLOCKQUOTE_MD = re.compile(r"^ {0,3}>.*$", re.M)
_BLOCKQUOTE_HTML = re.compile(r"<(blockquote|q)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)

#: Words that name a term: a term right before one of them (탈북자 명칭을, 북향민 용어를,
#: 탈북민의 명칭) is the word talked about, and so is the new name of a rename (북향민으로
#: 대체, 새터민으로 바꾼다). 말 only after 라는/이란 (탈북자라는 말): alone it is
#: "words" or "horse" (탈북민의 말에 따르면 is what a defector said).
NAMING_AFTER_KO = ("명칭", "용어", "호칭", "표현", "이름", "단어", "낱말", "칭호", "표기")
_NAMING_AFTER = re.compile(
    r"(?:들)?(?:이라는|라는|이란|란|의)?"
    r"[’'”\"」』]?(?:\([^()\n]{1,40}\))?[’'”\"」』]?\s?(?:"
    + "|".join(NAMING_AFTER_KO)
    + r")|(?:이?라는|이?란)\s?말(?![하씀])"
    r"|(?:으로|로),?\s?(?:대체|변경|바꾸|바꿔|바뀌|개칭|개명)"
)
#: Before a term (read on lower-cased text): 이른바 탈북자, 소위 ‘새터민’, 용어 ‘북향민’,
#: the term "defector", the English word “refugee”, so-called defectors, refer to them as
#: refugees, terms such as "new settler".
NAMING_BEFORE_KO = ("이른바", "소위", "일명", "속칭")
_NAMING_BEFORE = re.compile(
    r"(?:(?:" + "|".join(NAMING_BEFORE_KO) + r")\s*"
    r"|(?:" + "|".join(NAMING_AFTER_KO) + r")(?:[은는을를이가인]|으로|로)?\s+"
    r"|\bthe (?:[a-z]+ )?(?:word|term|name|label|expression|designation|phrase)s?,?\s+"
    r"|\b(?:so-called|called|dubbed|labell?ed|known as)\s+"
    r"|\b(?:words|terms|names|labels) such as\s+"
    r"|\brefer(?:s|red|ring)? to (?:\w+ )?as\s+)"
    r"[\"“‘'「『]?$"
)
#: A word each of _NAMING_BEFORE's ways holds: a window with none cannot match, and a search
#: for a pattern anchored at its end tries every place in the window (a cold check's most
#: costly regex work).
_NAMING_BEFORE_WORDS = (*NAMING_BEFORE_KO, *NAMING_AFTER_KO, "the ", "called", "dubbed", "label")
_NAMING_BEFORE_WORDS += ("known as", " such as", "refer")
_GLOSS = re.compile(r"\s?\([^()\n]{1,40}\)")  # after a quoted word: ‘북향민’(北鄕民)


def _named_before(window: str) -> bool:
    """_NAMING_BEFORE.search(window), `window` lower-cased, ruled out first where it can."""
    return any(w in window for w in _NAMING_BEFORE_WORDS) and bool(_NAMING_BEFORE.search(window))


def quotations(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, opening mark) of each quotation in the text, outermost first: start
    is just after the opening mark, end at the closing one. Unclosed marks are no quotation;
    an apostrophe between Latin letters (Korea’s, don't) is no mark.

    >>> quotations("그는 “탈북민 ‘북향민’ 논란”이라고 했다")
    [(4, 16, '“'), (9, 12, '‘')]
    """
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for match in _MARK_OR_PARAGRAPH.finditer(text):  # not every character: a cold check
        i, ch = match.start(), match.group()
        if ch == "\n\n":
            stack.clear()  # a quotation does not run across paragraphs
            continue
        if stack and ch == PAIRS[stack[-1][0]] and not _apostrophe(text, i):
            mark, start = stack.pop()
            found.append((start, i, mark))
        elif ch in PAIRS and ch not in "”’" and _opens(text, i):
            stack.append((ch, i + 1))
    return sorted(found, key=lambda q: (q[0], -q[1]))


def _apostrophe(text: str, i: int) -> bool:
    """Whether the mark at i is an apostrophe (a Latin letter on both sides: Korea’s)."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    return text[i] in "’'" and bool(_LATIN.match(before) and _LATIN.match(after))


def _opens(text: str, i: int) -> bool:
    """Whether a mark at i can open a quotation: a straight quote only at a word's start."""
    if text[i] not in "\"'":
        return True
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    return bool(after) and not _SPACE.match(after) and not (before.isalnum() and before.isascii())


def is_speech(text: str, start: int, end: int) -> bool:
    """Tell whether the quotation text[start:end] (marks outside) is speech, not a quoted word.

    >>> t = "‘탈북민’ 호칭을 두고 “탈북민 정체성 죽이기”라며 반대했다"
    >>> is_speech(t, 1, 4), is_speech(t, 14, 25)
    (False, True)
    """
    if _named_before(text[max(0, start - 41) : start].lower()):
        return False  # the word “defector,” the official said: a word named, in reported speech
    after = text[end + 1 : end + 40]
    before = text[max(0, start - 30) : start - 1]
    if _KO_SAID.match(after) or _EN_SAID_AFTER.match(after) or _EN_SAID_BEFORE.search(before):
        return True
    content = text[start:end].strip()
    words = content.rstrip(",.;:").split()
    return len(words) > 3 or (len(words) > 1 and bool(_SENTENCE_END.search(content)))


def judged_quotations(text: str) -> list[tuple[int, int, bool]]:
    """Return each quotation's (start, end) and whether it is speech."""
    return [(s, e, is_speech(text, s, e)) for s, e, _ in quotations(text)]


def speech_spans(text: str, kind: str = "txt", judged=None) -> list[tuple[int, int]]:
    """Return the (start, end) spans of quoted speech: quotations that are speech, Markdown
    block quotes, HTML <blockquote> and <q>. Spans may nest or overlap. `judged` is
    judged_quotations(text), when the caller has it.

    >>> speech_spans('He said "we are not defectors" and left. > no', "md")
    [(9, 29)]
    """
    judged = judged_quotations(text) if judged is None else judged
    spans = [(s, e) for s, e, speech in judged if speech]
    if kind == "md":
        spans += [(m.start(), m.end()) for m in _BLOCKQUOTE_MD.finditer(text)]
    elif kind == "html":
        spans += [(m.start(2), m.end(2)) for m in _BLOCKQUOTE_HTML.finditer(text)]
    return sorted(spans)


def quoted_words(text: str, judged=None) -> list[tuple[int, int]]:
    """Return the spans of quoted words (quotations that are not speech), each followed by a
    parenthesised gloss when there is one (‘북향민’(北鄕民), “Talbukja” (탈북자)). `judged` is
    judged_quotations(text), when the caller has it.

    >>> quoted_words("‘북향민’(北鄕民)으로 바꾼다")
    [(1, 10)]
    """
    out = []
    for start, end, speech in judged_quotations(text) if judged is None else judged:
        if speech:
            continue
        gloss = _GLOSS.match(text, end + 1)
        out.append((start, gloss.end() if gloss else end))
    return out


def named(text: str, start: int, end: int, after_end: int | None = None) -> bool:
    """Tell whether a word names the term at text[start:end] (its particles end at after_end):
    탈북자 명칭, 탈북민의 명칭, 탈북자라는 말, 이른바 탈북자, the term "defector", and the two
    sides of a rename (탈북민→북향민).

    >>> t = "탈북자 명칭을 바꾼다. 탈북민의 말에 따르면 이른바 새터민은"
    >>> named(t, 0, 3), named(t, 13, 16, 17), named(t, 29, 32)
    (True, False, True)
    """
    if text[end : end + 1] == "→" or text[start - 1 : start] == "→":
        return True  # 탈북민→북향민: a headline's rename
    if _NAMING_AFTER.match(text, end) or (
        after_end is not None and _NAMING_AFTER.match(text, after_end)
    ):
        return True
    return _named_before(text[max(0, start - 40) : start].lower())


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether text[start:end] lies within one of the spans."""
    return any(s <= start and end <= e for s, e in spans)


class Voices:
    """The voices of one text, worked out once: `of(start, end, after_end)` says whose words
    a term at that place is."""

    def __init__(self, text: str, kind: str = "txt"):
        self.text = text
        judged = judged_quotations(text)  # each quotation judged once, for both lists
        self.speech = speech_spans(text, kind, judged)
        self.words = quoted_words(text, judged)

    def of(self, start: int, end: int, after_end: int | None = None) -> str:
        """Return SPEECH, MENTION or USE for the term at text[start:end].

        >>> v = Voices("정 장관은 “탈북자 명칭을 바꾼다”고 말했다. ‘탈북민’ 호칭. 탈북민 단체")
        >>> v.of(7, 10), v.of(27, 30), v.of(36, 39)
        ('speech', 'mention', 'use')
        """
        if inside(self.speech, start, end):
            return SPEECH
        if inside(self.words, start, end) or named(self.text, start, end, after_end):
            return MENTION
        return USE

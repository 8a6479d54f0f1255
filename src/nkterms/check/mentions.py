"""When a text talks about a word rather than using it: "탈북자"라는 말, the term "defector".

The one place the checker's mention policy is written. The tables below are the policy: the
Python scanner reads them through `is_mention`, and the compiled kernel is given the same
tables as data (kernel.tables), so extending a table extends both. A rule the tables cannot
express goes into `is_mention` and needs a table (and kernel support) of its own, or the
compiled path would disagree with it (tests/test_kernel.py compares the two).
"""

from __future__ import annotations

import re

#: Opening quote -> its closing quote: a quoted word is a mention.
QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』", "«": "»", "《": "》"}
#: Korean quotative endings right after the word ("탈북자"라는 말), longest first.
AFTER = ("이라는", "라는", "이란", "란", "이라고", "라고")
#: Words before it (read lower-cased): the word "defector", so-called defectors.
BEFORE = (
    "the word",
    "the words",
    "the term",
    "the terms",
    "the label",
    "the labels",
    "the name",
    "the names",
    "called",
    "so-called",
)
#: An opening quote that may stand between those words and the term (after any spaces).
BEFORE_QUOTES = "\"“'"
#: How many characters before the term the words are looked for in.
BEFORE_REACH = 20

_BEFORE = re.compile(
    "(?:" + "|".join(map(re.escape, BEFORE)) + r")\s*[" + re.escape(BEFORE_QUOTES) + "]?$"
)


def is_mention(text: str, low: str, start: int, end: int, after_end: int) -> bool:
    """Tell whether the match text[start:end] (particles up to after_end) is a mention;
    `low` is the text folded.

    >>> is_mention('"탈북자"', '"탈북자"', 1, 4, 4), is_mention("탈북자라는", "탈북자라는", 0, 3, 3)
    (True, True)
    >>> is_mention("so-called defectors", "so-called defectors", 10, 18, 19)
    True
    """
    before = text[start - 1 : start]
    if before in QUOTES and QUOTES[before] in (
        text[end : end + 1],
        text[after_end : after_end + 1],
    ):
        return True
    if text.startswith(AFTER, end):
        return True
    return bool(_BEFORE.search(low[max(0, start - BEFORE_REACH) : start]))

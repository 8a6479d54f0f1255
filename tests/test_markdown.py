"""Markdown: fenced code blocks (backticks or tildes, any length) and indented code blocks are
code, as CommonMark reads them, and are not checked as prose."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nkterms.check.engine import DocumentCheck, Patterns
from nkterms.check.readers import Masker
from nkterms.check.rules import index_rules
from nkterms.index import open_index

GOOD = Path(__file__).parent / "data" / "good"


@pytest.fixture(scope="module")
def patterns(tmp_path_factory):
    os.environ["NKTERMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("markdown-cache"))
    return Patterns(index_rules(open_index(GOOD)))


# ---- Markdown code blocks -------------------------------------------------------------------

MARKDOWN = {
    "four-backtick-fence-holding-three": ("PROSE 1\n\n````\n```\nCODE\n```\nCODE\n````\nPROSE 2\n"),
    "tilde-fence-holding-backticks": "~~~python\nCODE\n```\nCODE\n~~~\nPROSE\n",
    "longer-closing-fence": "```\nCODE\n`````\nPROSE\n",
    "backtick-fence-is-not-closed-by-tildes": "```\nCODE\n~~~\nCODE\n```\nPROSE\n",
    "fence-with-info-string-not-closing": "```\nCODE\n```js\nCODE\n```\nPROSE\n",
    "indented-fence": "   ```\n   CODE\n   ```\nPROSE\n",
    "indented-code-after-blank-line": "PROSE\n\n    CODE\n    CODE\n\n    CODE\nPROSE\n",
    "tab-indented-code": "PROSE\n\n\tCODE\nPROSE\n",
    "indented-code-at-start": "    CODE\nPROSE\n",
    "indented-code-after-heading": "# PROSE\n    CODE\n",
    "indented-line-continues-a-paragraph": "PROSE\n    PROSE continued\n",
    "list-item-paragraph-is-prose": "- PROSE item\n\n    PROSE in the item\n\n        CODE\n",
    "numbered-list-paragraph-is-prose": "1. PROSE\n\n   PROSE\n\n       CODE\n",
    "list-ends-then-code": "- PROSE\n\nPROSE\n\n    CODE\n",
    "backticks-in-info-string-are-not-a-fence": "``` a ` b\nPROSE\n",
    "unclosed-fence-runs-to-the-end": "PROSE\n```\nCODE\n\nCODE\n",
}


@pytest.mark.parametrize("name", sorted(MARKDOWN))
def test_markdown_code_blocks_are_masked_and_prose_is_not(name, patterns):
    doc = MARKDOWN[name]
    masked = Masker("md")(doc)
    for line, out in zip(doc.split("\n"), masked.split("\n"), strict=True):
        if "CODE" in line:
            assert not out.strip(), (name, line)
        if "PROSE" in line:
            assert out == line, (name, line)
    # The same through the checker: the term in code is found in plain text, not in Markdown.
    article = doc.replace("CODE", "North Korean defector").replace("PROSE", "North Korean defector")
    code_lines = {i for i, line in enumerate(doc.split("\n"), 1) if "CODE" in line}
    as_text = {f.line for f in DocumentCheck(patterns, "a.txt", "txt").block(article)}
    as_markdown = {f.line for f in DocumentCheck(patterns, "a.md", "md").block(article)}
    assert code_lines <= as_text
    assert as_markdown == as_text - code_lines


def test_markdown_state_holds_across_blocks(patterns):
    doc = "PROSE\n\n````\n```\nCODE\n```\nCODE\n````\n\n    CODE\nPROSE\n"
    article = doc.replace("CODE", "North Korean defector").replace("PROSE", "North Korean defector")
    whole = [(f.line, f.term) for f in DocumentCheck(patterns, "a.md", "md").block(article)]
    assert [line for line, _ in whole] == [1, 11]
    for compiled in (True, False):
        checker = DocumentCheck(patterns, "a.md", "md", compiled=compiled)
        found = [f for line in article.splitlines(True) for f in checker.feed(line.encode())]
        assert [(f.line, f.term) for f in found] == whole

"""The compiled kernel against the Python scanner on GENERATED glossaries and texts.

Each seed makes a random rule set (Hangul, Latin, Hanja and kana forms that overlap, share
prefixes and end like particles; context words, words that may not follow, severities,
open choices, romanizations) and random texts (the forms in any case, particle chains,
quotes, mention words, URLs, mixed scripts, line breaks of every kind, characters NFC would
change, suppression comments). The Python path, asking describe() about every row, is the
reference: rows, text output, Findings, counts and Checker.scan must be the same.
"""

from __future__ import annotations

import random

import pytest

from nkterms.check import kernel, mentions
from nkterms.check.engine import DocumentCheck
from nkterms.check.matching import Patterns, candidates, fold
from nkterms.check.readers import URL_PREFIXES, Masker
from nkterms.check.rules import Rule
from nkterms.check.scan import scan_rows, whole_rows
from nkterms.check.textmap import LONE_CR, normalize
from nkterms.korean.hangul import PARTICLES, PLURAL

pytestmark = pytest.mark.skipif(kernel._speedups is None, reason="needs the compiled kernel")

SYLLABLES = "탈북자민새터향한이주강제송들은는가라고란의"
HANJA = "北鄕民脫者韓離住强制送"
LATIN = ["north", "korean", "defector", "talbuk", "min", "sae", "kim", "s", "es", "x"]
KANA = "だっぽくしゃのは"
SEVERITIES = (None, "info", "warning", "error")


def _hangul(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _latin(rng: random.Random) -> str:
    words = [rng.choice(LATIN) for _ in range(rng.randint(1, 3))]
    return rng.choice([" ", "-", ""]).join(words)


def _rule(rng: random.Random, term: str, concept: str, category: str) -> Rule:
    lang = rng.choice(["ko", "ko", "ko", "en", "ja"])
    form = {"ko": _hangul, "en": _latin}.get(lang, lambda r: "".join(r.sample(KANA, 3)))(rng)
    spellings = [(form, "form")]
    romanizations = {}
    if lang == "ko":
        if rng.random() < 0.6:
            spellings.append(("".join(rng.sample(HANJA, rng.randint(2, 3))), "hanja"))
        for system in ("rr", "mr"):
            if rng.random() < 0.5:
                romanizations[system] = _latin(rng).title()
                spellings.append((romanizations[system], system))
        if rng.random() < 0.3:
            spellings.append((_latin(rng), "press"))
    choice = rng.choice(["", "", "open", "house"])
    reasons = tuple(f"reason {k}" for k in range(rng.randint(0, 2))) + (
        ("the choice is the writer's",) if choice == "open" else ()
    )
    near = tuple(rng.sample(["북한", "north korea", "탈북", "kim"], rng.randint(1, 2)))
    return Rule(
        term=term,
        concept=concept,
        lang=lang,
        form=form,
        severity=rng.choice(SEVERITIES),
        reasons=reasons,
        suggestion=rng.choice(["", "다른 말"]),
        sources=(),
        near=near if rng.random() < 0.25 else (),
        window=rng.randint(3, 40),
        not_followed_by=tuple(rng.sample(SYLLABLES, 2)) if rng.random() < 0.3 else (),
        romanizations=romanizations,
        spellings=tuple(spellings),
        category=category,
        replacements=(),
        choice=choice,
    )


def glossary(seed: int) -> Patterns:
    """A random rule set of a few concepts, each of one to four terms."""
    rng = random.Random(seed)
    rules = []
    for c in range(rng.randint(2, 8)):
        category = rng.choice(["people", "place", "other", "dprk"])
        for t in range(rng.randint(1, 4)):
            rules.append(_rule(rng, f"t{c}-{t}", f"c{c}", category))
    return Patterns(rules)


def text(rng: random.Random, patterns: Patterns) -> str:
    """A random text made of the glossary's forms and what the judging looks at."""
    forms = [t for rule, _ in patterns.entries for t, _ in rule.spellings] or ["x"]
    pieces = [
        lambda: rng.choice(forms),
        lambda: rng.choice(forms).upper(),
        lambda: rng.choice(forms).title(),
        lambda: rng.choice([PLURAL, ""]) + "".join(rng.sample(PARTICLES, rng.randint(1, 3))),
        lambda: rng.choice(list(mentions.QUOTES) + list(mentions.QUOTES.values())),
        lambda: rng.choice(mentions.AFTER) + " 말",
        lambda: rng.choice(mentions.BEFORE) + rng.choice([" ", ' "', " “", "  '"]),
        lambda: rng.choice(URL_PREFIXES) + rng.choice(["x.kr/", "", "a"]) + rng.choice(forms),
        lambda: rng.choice([" ", " ", "  ", "\n", "\r\n", "\r", "\t", "\u3000", ".", ",", "-"]),
        lambda: rng.choice(SYLLABLES) + rng.choice(HANJA + KANA),
        lambda: rng.choice(["'s", "s'", "’s", "es", "s", "_", "9", "é", "Σ", "İ", "ß", "K"]),
        lambda: rng.choice(["\u0301", "\u1161", "\u200b", "\U0001f600", "nkterms-disable"]),
        lambda: rng.choice(["북한", "north korea", "탈북", "kim"]),
    ]
    weights = [8, 1, 1, 4, 2, 1, 1, 1, 6, 2, 2, 0.3, 2]
    return "".join(p() for p in rng.choices(pieces, weights, k=rng.randint(0, 40)))


def python_rows(patterns: Patterns, raw: str):
    norm, _ = normalize(Masker("txt")(raw))
    return list(candidates(patterns, norm, fold(norm)))


def run(patterns, blocks, compiled, text_output, **options):
    checker = DocumentCheck(
        patterns, "a.txt", text_output=text_output, compiled=compiled, reuse=compiled, **options
    )
    out = [checker.feed(block) for block in blocks]
    if text_output:
        return b"".join(out), checker.counts
    return [(f.line, f.col, f.as_dict()) for found in out for f in found], checker.counts


SEEDS = range(40)


@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed-{s}" for s in SEEDS])
def test_kernel_rows_equal_python_rows(seed):
    patterns, rng = glossary(seed), random.Random(seed * 7919)
    compared = 0
    for _ in range(60):
        raw = text(rng, patterns)
        rows = patterns.compiled.scan(raw.replace("\r", "\n").encode("utf-8"))
        if rows is None:  # NFC or a suppression comment: the Python path's block
            assert "nkterms-" in raw or any(patterns.compiled.unsafe(ord(c)) for c in raw)
            continue
        assert rows == python_rows(patterns, raw.replace("\r", "\n")), raw
        compared += len(rows)
    assert compared > 0 or not patterns.forms


@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed-{s}" for s in SEEDS])
def test_kernel_output_equals_python_output(seed):
    patterns, rng = glossary(seed), random.Random(seed * 104729)
    for _ in range(8):
        blocks = [(text(rng, patterns) + "\n").encode("utf-8") for _ in range(rng.randint(1, 5))]
        options = {
            "first_only": rng.random() < 0.3,
            "house_romanization": rng.choice(["", "rr", "mr"]),
        }
        for text_output in (True, False):
            assert run(patterns, blocks, True, text_output, **options) == run(
                patterns, blocks, False, text_output, **options
            ), (blocks, options)


@pytest.mark.parametrize("seed", SEEDS[:10], ids=[f"seed-{s}" for s in SEEDS[:10]])
def test_scan_through_the_kernel_equals_scan_in_python(seed):
    patterns, rng = glossary(seed), random.Random(seed * 31)
    for _ in range(30):
        raw = text(rng, patterns)
        kind = rng.choice(["txt", "md", "html"])
        assert list(scan_rows(patterns, raw, kind)) == list(
            scan_rows(patterns, raw, kind, compiled=False)
        ), raw


def test_the_tables_are_the_python_constants():
    """The kernel is given the Python path's own constants, not copies of them."""
    from nkterms.check import matching, readers

    tables = kernel.tables(["ab"], [(0, 0, 0, (), (), 1)], matching.LATIN_SUFFIXES)
    assert tables["particles"] is PARTICLES and tables["plural"] is PLURAL
    assert tables["latin_suffixes"] is matching.LATIN_SUFFIXES
    assert tables["mention_after"] is mentions.AFTER
    assert tables["mention_before"] is mentions.BEFORE
    assert tables["url_prefixes"] is readers.URL_PREFIXES
    assert tables["marker"] is readers.MARKER
    assert dict(tables["quotes"]) == mentions.QUOTES


@pytest.mark.parametrize("seed", SEEDS[:10], ids=[f"seed-{s}" for s in SEEDS[:10]])
def test_an_article_read_by_the_kernel_equals_the_python_path(seed):
    """whole_rows (how onevoice reads an article) against DocumentCheck.rows, near-less
    patterns as the article policy uses, every kind of input."""
    patterns, rng = glossary(seed).without_near(), random.Random(seed * 613)
    read_by_kernel = 0
    for _ in range(30):
        plain = LONE_CR.sub("\n", "\n".join(text(rng, patterns) for _ in range(4)))
        kind = rng.choice(["txt", "md", "html"])
        compiled = DocumentCheck(patterns, "a", kind)
        python = DocumentCheck(patterns, "a", kind, compiled=False)
        masked = compiled.masker(plain)
        expected = python.rows(plain, python.masker(plain))[0]
        assert whole_rows(compiled, plain, masked) == expected, (plain, kind)
        source = plain if kind == "txt" else masked
        if "nkterms-" not in plain and patterns.compiled.prepare(source.encode(errors="replace")):
            read_by_kernel += 1
    assert read_by_kernel > 0 or not patterns.forms

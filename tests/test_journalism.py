"""The checker on real journalism: precision and recall against an editor's annotations
(tests/data/journalism; benchmarks/bench_journalism.py measures the same through the CLI)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

from nkterms.check.config import House, house_rules
from nkterms.check.engine import Patterns
from nkterms.check.onevoice import Policy, check_article
from nkterms.index import open_index

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench_journalism.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def corpus():
    return bench.load()


@pytest.fixture(scope="module")
def patterns(tmp_path_factory):
    """The shipped glossary's patterns per preset, its index compiled once for this module
    (in a cache of its own, as conftest keeps every test's)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NKTERMS_CACHE_DIR", str(tmp_path_factory.mktemp("journalism-cache")))
        index = open_index(None)

    @functools.cache
    def of(preset: str | None) -> Patterns:
        return Patterns(house_rules(index, House({"preset": preset} if preset else {})))

    return of


def findings(corpus, patterns: Patterns, every: bool) -> set[tuple]:
    """Check every passage through the library; return (file, line, col, term, severity)."""
    policy = Policy(patterns, every=every)
    out = set()
    for name in corpus:
        text = (bench.CORPUS / name).read_text(encoding="utf-8")
        for f in check_article(policy, text, name, "md").findings:
            out.add((name, f.line, f.col, f.term, f.severity))
    return out


@pytest.mark.parametrize("every", [True, False], ids=["every", "one-voice"])
@pytest.mark.parametrize("preset", [None, "unification-ministry", "legal-term"])
def test_precision_and_recall_are_at_least_0_9(corpus, patterns, preset, every):
    rules = {rule.term: rule for rule, _ in patterns(preset).entries}
    severity_of = (lambda term: rules[term].severity if term in rules else None) if preset else None
    result = bench.score(
        findings(corpus, patterns(preset), every), bench.expected(corpus, not every, severity_of)
    )
    assert result["precision"] >= 0.9, result["false"]
    assert result["recall"] >= 0.9, result["missed"]


def test_annotations_agree_with_what_the_glossary_documents(corpus, patterns):
    """Each annotated severity is what its voice makes of the term's documented severity."""
    rules = {rule.term: rule for rule, _ in patterns(None).entries}
    wrong = [
        (name, p)
        for name, places in corpus.items()
        for p in places
        if p["severity"] is not None
        and p["severity"] != bench.derived(p, rules[p["term"]].severity)
    ]
    assert wrong == []


def test_annotated_places_are_where_their_text_is(corpus):
    for name, places in corpus.items():
        lines = (bench.CORPUS / name).read_text(encoding="utf-8").split("\n")
        for p in places:
            line = lines[p["line"] - 1]
            assert line[p["col"] - 1 :].startswith(p["text"]), (name, p)


def test_the_corpus_is_large_and_varied_enough(corpus):
    assert len(corpus) >= 12
    kinds = {p["kind"] for places in corpus.values() for p in places}
    assert kinds == {"use", "speech", "mention", "other-sense"}
    languages = {name.split("-")[0] for name in corpus}
    assert languages == {"ko", "en", "mixed"}

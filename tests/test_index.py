"""The compiled index: rebuilt when the glossary changes, never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nkterms import GlossaryError
from nkterms.cache import build
from nkterms.index import open_index
from nkterms.paths import cache_dir as _cache_dir

# Each test counts and compares the files of a cache of its own.
pytestmark = pytest.mark.usefixtures("fresh_cache")


def cache_dir() -> Path:
    return Path(_cache_dir())


def _index_files():
    return sorted(p.name for p in cache_dir().glob("index-*"))


def test_index_is_reused_until_a_file_changes(good_glossary):
    first = open_index(good_glossary)
    assert first.size() == 5
    assert len(_index_files()) == 1
    built = []
    open_index(good_glossary, on_build=built.append)
    assert built == [], "an unchanged glossary must not be compiled again"
    concept = good_glossary / "concepts" / "defector.yaml"
    concept.write_text(
        concept.read_text(encoding="utf-8").replace("new settler", "new settlers' word"),
        encoding="utf-8",
    )
    os.utime(concept, ns=(1, 1))  # a different mtime even on coarse clocks
    index = open_index(good_glossary, on_build=built.append)
    assert built == [str(good_glossary)]
    assert len(_index_files()) == 1, "the stale index is replaced, not kept beside the new one"
    from nkterms.query import lookup

    assert lookup("new settlers' word", index=index)[0].id == "saeteomin"


def test_a_broken_glossary_keeps_the_previous_index(good_glossary):
    open_index(good_glossary)
    before = {p: p.read_bytes() for p in cache_dir().glob("*")}
    (good_glossary / "concepts" / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        open_index(good_glossary)
    assert {p: p.read_bytes() for p in cache_dir().glob("*")} == before


def test_a_failed_build_leaves_no_file(good_glossary, tmp_path, monkeypatch):
    def explode(db):
        db.execute("CREATE TABLE half(x)")
        raise RuntimeError("interrupted")

    target = tmp_path / "out" / "index.sqlite"
    with pytest.raises(RuntimeError):
        build(target, "stamp", explode)
    assert list(target.parent.iterdir()) == []


def test_an_unwritable_cache_falls_back(good_glossary, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("NKTERMS_CACHE_DIR", str(blocked / "sub"))
    assert open_index(good_glossary).size() == 5


def _concept(root: Path, name: str, numbers) -> None:
    terms = ", ".join(f"{{id: {name}-{i}, lang: en, form: {name} term {i}}}" for i in numbers)
    (root / "concepts" / f"{name}.yaml").write_text(
        f"id: {name}\ncategory: other\nterms: [{terms}]\n", encoding="utf-8"
    )


def test_a_concept_s_terms_are_stored_once_and_each_record_lists_the_others(good_glossary):
    _concept(good_glossary, "wide", range(60))
    _concept(good_glossary, "lone", [7])
    index = open_index(good_glossary)
    stored = index.db.execute("SELECT id, length(data) FROM terms WHERE id IN ('wide-7', 'lone-7')")
    sizes = dict(stored.fetchall())
    # stored, a record is its own size: having 59 siblings does not make wide-7 longer
    assert sizes["wide-7"] == sizes["lone-7"]
    n = index.db.execute("SELECT n FROM terms WHERE id = 'wide-7'").fetchone()[0]
    assert index.bare(n)["concept"] == {"id": "wide"}
    record = index.record(n)
    others = [t["id"] for t in record["concept"]["terms"]]
    assert others == [f"wide-{i}" for i in range(60) if i != 7]
    assert list(record)[-3:] == ["concept", "file", "line"], "the key order --json prints"
    record["concept"]["terms"].clear()
    assert len(index.record(n)["concept"]["terms"]) == 59, "each read is a fresh copy"

"""The compiled index: rebuilt when the glossary changes, never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nkterms import GlossaryError
from nkterms.cache import build
from nkterms.index import open_index
from nkterms.paths import cache_dir as _cache_dir


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

"""When a compiled index is reused and when it is rebuilt: a changed glossary is always seen."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from nkterms import paths
from nkterms.cli import main
from nkterms.index import fingerprint, open_index

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]


def _release(target: Path) -> Path:
    """Lay out the fixture glossary as a wheel ships it: concepts, sources and the schemas."""
    shutil.copytree(DATA / "good", target)
    for schema in ("schema.json", "sources.schema.json"):
        shutil.copy(REPO / "glossary" / schema, target)
    return target


def _lookup(root: Path, query: str, capsys) -> list[str]:
    """Run `nkterms --glossary ROOT lookup QUERY --json` in process; return the matched ids."""
    code = main(["--glossary", str(root), "lookup", query, "--json"])
    ids = [m["id"] for m in json.loads(capsys.readouterr().out)["matches"]]
    assert code == (0 if ids else 1)
    return ids


def _rename_rendering(concept: Path, old: str, new: str) -> None:
    """Edit a concept file in place, as an editor does (same folder, same file)."""
    text = concept.read_text(encoding="utf-8")
    assert old in text
    concept.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.usefixtures("fresh_cache")
def test_an_edited_concept_file_is_seen_by_the_next_lookup(good_glossary, capsys):
    assert _lookup(good_glossary, "new settler", capsys) == ["saeteomin"]
    concept = good_glossary / "concepts" / "defector.yaml"
    _rename_rendering(concept, "new settler", "newcomer from the north")
    stat = concept.stat()  # the same size and time would hide the edit from any stamp
    os.utime(concept, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _lookup(good_glossary, "newcomer from the north", capsys) == ["saeteomin"]
    assert _lookup(good_glossary, "new settler", capsys) == []


@pytest.fixture
def installed(tmp_path, monkeypatch) -> Path:
    """A glossary laid out as inside an installed nkterms (site-packages/nkterms/_data/)."""
    package = tmp_path / "site-packages" / "nkterms"
    monkeypatch.setattr(paths, "_HERE", str(package))
    return _release(package / "_data" / "glossary")


@pytest.mark.usefixtures("fresh_cache")
def test_the_installed_glossary_is_checked_by_three_stats(installed, good_glossary, monkeypatch):
    assert paths.is_installed(installed) and not paths.is_installed(good_glossary)
    open_index(installed)
    seen = []
    real_stat = os.stat

    def counting_stat(path, *args, **kwargs):
        seen.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counting_stat)
    built = []
    assert open_index(installed, on_build=built.append).size() == 5 and built == []
    # is it installed, the folder, concepts/, sources.yaml, and the cached index itself
    assert len(seen) <= 5, seen
    seen.clear()
    fingerprint(good_glossary)
    assert len(seen) > 40, "a checkout's glossary and the code are stamped file by file"


@pytest.mark.usefixtures("fresh_cache")
def test_an_upgrade_that_replaces_the_installed_glossary_is_seen(installed, tmp_path, capsys):
    assert _lookup(installed, "new settler", capsys) == ["saeteomin"]
    upgrade = _release(tmp_path / "wheel" / "glossary")
    _rename_rendering(upgrade / "concepts" / "defector.yaml", "new settler", "newcomer")
    shutil.rmtree(installed)  # pip removes the old version's files, then writes the new ones
    shutil.copytree(upgrade, installed)
    assert _lookup(installed, "newcomer", capsys) == ["saeteomin"]

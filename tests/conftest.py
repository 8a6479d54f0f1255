"""Shared fixtures: one index cache for the whole run, glossaries in temporary folders.

The environment changes only here and through `monkeypatch`, never in module code, so a test
sees the same NKTERMS_* variables whichever modules ran before it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory) -> Path:
    """The index cache every test shares: each glossary state, and the Hanja dictionary, is
    compiled once per run. Safe to share: an index is named after its glossary's folder,
    checked against a fingerprint of its files on every open, and renamed into place whole,
    so the workers of `pytest -n` share one too."""
    if os.environ.get("PYTEST_XDIST_WORKER"):  # beside the workers' own folders
        path = tmp_path_factory.getbasetemp().parent / "cache"
        path.mkdir(exist_ok=True)
        return path
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session", autouse=True)
def _session_environment(session_cache):
    """Point every test, and every process a test starts, at the session cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NKTERMS_CACHE_DIR", str(session_cache))
        patch.delenv("NKTERMS_GLOSSARY", raising=False)
        yield


@pytest.fixture
def fresh_cache(session_cache, tmp_path_factory, monkeypatch) -> Path:
    """An index cache of this test's own, for tests of compiling and reusing indexes: no index
    in it, only a copy of the session's Hanja dictionary (built once a run, not once a test)."""
    from nkterms.dictionary import open_dictionary

    open_dictionary()  # into the session cache, the first time
    path = tmp_path_factory.mktemp("fresh-cache")
    for dictionary in session_cache.glob("dictionary-*.sqlite"):
        shutil.copy2(dictionary, path)
    monkeypatch.setenv("NKTERMS_CACHE_DIR", str(path))
    return path


@pytest.fixture
def good_glossary(tmp_path) -> Path:
    """A copy of the small test glossary, safe to edit."""
    root = tmp_path / "glossary"
    shutil.copytree(DATA / "good", root)
    return root


@pytest.fixture(scope="session")
def shipped() -> Path:
    """The glossary in this checkout."""
    return REPO / "glossary"

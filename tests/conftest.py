"""Shared fixtures: glossaries in temporary folders, and an isolated index cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep compiled indexes out of the user's cache and away from other tests."""
    monkeypatch.setenv("NKTERMS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("NKTERMS_GLOSSARY", raising=False)


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

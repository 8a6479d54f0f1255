"""Where the glossary and the index cache live. Kept light: the cold lookup imports it."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError

CONCEPTS_DIR = "concepts"
SOURCES_FILE = "sources.yaml"


def shipped_root() -> Path:
    """Return the glossary that ships with nkterms (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent
    shipped = here / "_data" / "glossary"
    return shipped if shipped.is_dir() else here.parents[1] / "glossary"


def default_root() -> Path:
    """Return the glossary folder used when none is given: $NKTERMS_GLOSSARY, else the shipped one."""
    if os.environ.get("NKTERMS_GLOSSARY"):
        return Path(os.environ["NKTERMS_GLOSSARY"])
    return shipped_root()


def glossary_files(root: Path) -> list[Path]:
    """Return the files that make up a glossary, sorted, so fingerprints and builds are stable."""
    root = Path(root)
    if not root.is_dir():
        raise UsageError(f"{root}: glossary folder not found: pass --glossary DIR or set NKTERMS_GLOSSARY")
    concepts = root / CONCEPTS_DIR
    files = sorted(concepts.rglob("*.yaml")) if concepts.is_dir() else []
    return [root / SOURCES_FILE, *files]


def cache_dir() -> Path:
    """Return the folder compiled indexes are kept in ($NKTERMS_CACHE_DIR, else the user cache)."""
    if os.environ.get("NKTERMS_CACHE_DIR"):
        return Path(os.environ["NKTERMS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nkterms"

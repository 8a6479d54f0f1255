"""Where the glossary and the index cache live.

Plain os.path, not pathlib: the cold `nkterms lookup` imports this module, and pathlib
(with the re and urllib it pulls in) costs a third of a bare Python start.
"""

from __future__ import annotations

import os

from .errors import UsageError

CONCEPTS_DIR = "concepts"
SOURCES_FILE = "sources.yaml"
_HERE = os.path.dirname(os.path.abspath(__file__))


def shipped_root() -> str:
    """Return the glossary that ships with nkterms (inside the wheel, or the source checkout)."""
    shipped = os.path.join(_HERE, "_data", "glossary")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(_HERE)), "glossary")


def default_root() -> str:
    """Return the glossary folder used when none is given: $NKTERMS_GLOSSARY, else the shipped one."""
    return os.environ.get("NKTERMS_GLOSSARY") or shipped_root()


def glossary_files(root) -> list[str]:
    """Return the files that make up a glossary, sorted, so fingerprints and builds are stable."""
    root = os.fspath(root)
    if not os.path.isdir(root):
        raise UsageError(
            f"{root}: glossary folder not found: pass --glossary DIR or set NKTERMS_GLOSSARY"
        )
    found = []
    for folder, subfolders, names in os.walk(os.path.join(root, CONCEPTS_DIR)):
        subfolders.sort()
        found += [os.path.join(folder, name) for name in names if name.endswith(".yaml")]
    return [os.path.join(root, SOURCES_FILE), *sorted(found)]


def cache_dir() -> str:
    """Return the folder compiled indexes are kept in ($NKTERMS_CACHE_DIR, else the user cache)."""
    if os.environ.get("NKTERMS_CACHE_DIR"):
        return os.environ["NKTERMS_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nkterms")


def locale_dir() -> str:
    """Return the folder of the shipped gettext catalogs, for `gettext.translation("nkterms", ...)`."""
    shipped = os.path.join(_HERE, "_data", "locales")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(_HERE)), "locales")

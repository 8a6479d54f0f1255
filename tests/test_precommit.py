"""The pre-commit hook manifest, read by pre-commit itself: valid, and it hands `nkterms
check` the articles (.txt, .md, .html) of a commit and no other file."""

from __future__ import annotations

from pathlib import Path

import pytest

clientlib = pytest.importorskip("pre_commit.clientlib", reason="pip install pre-commit")
identify = pytest.importorskip("identify.identify", reason="pre-commit's identify")

MANIFEST = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"


def _hook() -> dict:
    (hook,) = clientlib.load_manifest(str(MANIFEST))
    return hook


def test_the_manifest_is_valid_and_runs_nkterms_check():
    hook = _hook()
    assert hook["id"] == "nkterms-check" and hook["entry"] == "nkterms check"
    assert hook["language"] == "python"  # pre-commit installs nkterms from the repository


@pytest.mark.parametrize(
    "name,chosen",
    [
        ("a.txt", True),
        ("b.md", True),
        ("c.markdown", True),
        ("d.html", True),
        ("e.htm", True),
        ("f.py", False),
        ("g.yaml", False),
        ("h.json", False),
    ],
)
def test_the_hook_picks_articles_only(name, chosen):
    hook = _hook()
    tags = identify.tags_from_filename(name) | {"file", "text"}  # a text file, as in a commit
    picked = bool(tags & set(hook["types_or"])) and set(hook["types"]) <= tags
    assert picked == chosen

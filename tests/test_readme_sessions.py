"""Every `$ …` session in the README runs as shown (see tools/readme_sessions.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import readme_sessions  # noqa: E402  (a tool script, not a package)

BLOCKS = readme_sessions.blocks(readme_sessions.README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shell_env(tmp_path_factory) -> dict:
    return readme_sessions.environment(str(tmp_path_factory.mktemp("readme-cache")))


def test_the_readme_has_sessions():
    assert len(BLOCKS) >= 10


def test_an_abbreviation_matches_any_text_and_nothing_else_does():
    shown = ["wrote …/nkterms.tbx (… bytes)"]
    assert readme_sessions.pattern(shown).fullmatch("wrote /tmp/x/nkterms.tbx (1,234 bytes)")
    assert not readme_sessions.pattern(shown).fullmatch("wrote /tmp/x/nkterms.csv (1,234 bytes)")


@pytest.mark.parametrize(
    ("start", "steps"), [(b[0] + 1, b[2]) for b in BLOCKS], ids=[f"README-line-{b[0] + 1}" for b in BLOCKS]
)
def test_readme_session_runs_as_shown(start, steps, shell_env, tmp_path):
    results = readme_sessions.run(steps, shell_env, tmp_path)
    assert readme_sessions.problems(steps, results) == [], f"README.md line {start}"

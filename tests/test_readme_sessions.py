"""Every `$ …` session in the README runs as shown (see tools/readme_sessions.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import readme_sessions  # noqa: E402  (a tool script, not a package)

BLOCKS = readme_sessions.blocks(readme_sessions.README.read_text(encoding="utf-8"))


def test_the_readme_has_sessions():
    assert len(BLOCKS) >= 10


def test_an_abbreviation_matches_any_text_and_nothing_else_does():
    shown = ["wrote …/nkterms.tbx (… bytes)"]
    assert readme_sessions.pattern(shown).fullmatch("wrote /tmp/x/nkterms.tbx (1,234 bytes)")
    assert not readme_sessions.pattern(shown).fullmatch("wrote /tmp/x/nkterms.csv (1,234 bytes)")


def test_the_readme_runs_as_shown(tmp_path, session_cache):
    """Run the README as one terminal session, block after block, in one folder."""
    env = readme_sessions.environment(str(session_cache))
    folder = tmp_path / "session"
    folder.mkdir()
    readme_sessions.prepare(folder)
    found = []
    for start, _end, steps in BLOCKS:
        results = readme_sessions.run(steps, env, folder)
        found += [f"README.md:{start + 1}: {p}" for p in readme_sessions.problems(steps, results)]
    assert found == [], "\n\n".join(found)

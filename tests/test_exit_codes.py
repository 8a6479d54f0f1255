"""One exit-code table for every command (README "Options, environment, exit codes"): 0 done,
1 nothing found or findings at the fail level, 2 usage, input or glossary error with a
`nkterms: error: …` message and never a traceback."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from nkterms.cli import main

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good"
ERROR_LINE = re.compile(r"nkterms: error: \S.*: .+")


def _inputs(tmp_path: Path) -> dict[str, Path]:
    """Bad inputs of every kind, made once per test in its own folder."""
    broken = tmp_path / "broken"
    shutil.copytree(GOOD, broken)
    (broken / "concepts" / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "bad.po").write_text('garbage "\n', encoding="utf-8")
    (tmp_path / "x.mo").write_bytes(b"\xde\x12\x04\x95" + bytes(24))
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "bad.toml").write_text("fail-on = [\n", encoding="utf-8")
    return {"broken": broken, "tmp": tmp_path}


# (id, arguments after `--glossary GOOD` unless they start with "--glossary", exit code,
#  text stderr must hold). {tmp} and {broken} are filled in from _inputs.
CASES = [
    ("no-command", [], 2, "nkterms: error: no command given"),
    ("unknown-command", ["bogus"], 2, "invalid choice: 'bogus'"),
    ("lookup-no-query", ["lookup"], 2, "the following arguments are required: query"),
    ("lookup-limit-0", ["lookup", "--limit", "0", "x"], 2, "at least 1, got '0'"),
    ("lookup-empty", ["lookup", ""], 2, "empty query"),
    ("lookup-not-found", ["lookup", "zzzz"], 1, ""),
    ("lookup-broken-glossary", ["--glossary", "{broken}", "lookup", "x"], 2, "bad.yaml:2:1"),
    ("lookup-missing-glossary", ["--glossary", "{tmp}/none", "lookup", "x"], 2, "not found"),
    ("homophones-empty", ["homophones", ""], 2, "empty word"),
    ("homophones-control", ["homophones", "북\x01향"], 2, "control character"),
    ("homophones-not-korean", ["homophones", "hello"], 1, "is not a Korean word"),
    ("build-into-a-file", ["build", "--output", "{tmp}/a-file"], 2, "is a file"),
    ("build-broken-glossary", ["--glossary", "{broken}", "build", "--check"], 2, "bad.yaml"),
    ("import-missing", ["import", "{tmp}/none.po"], 2, "none.po: no such file"),
    ("import-malformed", ["import", "{tmp}/bad.po"], 2, "bad.po:1:1: unknown keyword"),
    ("import-mo", ["import", "{tmp}/x.mo"], 2, "is a compiled .mo catalog"),
    ("export-bad-format", ["export", "--format", "xls"], 2, "invalid choice: 'xls'"),
    ("export-to-a-folder", ["export", "--format", "csv", "-o", "{tmp}"], 2, "is a folder"),
    ("check-missing-file", ["check", "{tmp}/none.md"], 2, "none.md: file not found"),
    ("check-bad-config", ["check", "--config", "{tmp}/bad.toml", "-"], 2, "bad.toml:"),
    ("check-bad-jobs", ["check", "-j", "0", "-"], 2, "at least 1, got '0'"),
    ("stats-broken-glossary", ["--glossary", "{broken}", "stats"], 2, "bad.yaml:2:1"),
    ("validate-broken-glossary", ["--glossary", "{broken}", "validate"], 2, "bad.yaml:2:1"),
    ("validate-missing-glossary", ["--glossary", "{tmp}/none", "validate"], 2, "not found"),
]


def _run_in_process(argv: list[str], capsys) -> tuple[int, str]:
    """Run the CLI as `run()` does; an exception escaping main() is a traceback a user sees."""
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    except Exception:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"a traceback reaches the user:\n{traceback.format_exc()}")
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "code", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_every_command_follows_the_exit_code_table(args, code, says, tmp_path, capsys, monkeypatch):
    places = {name: str(path) for name, path in _inputs(tmp_path).items()}
    argv = [a.format(**places) for a in args]
    if not argv or argv[0] != "--glossary":
        argv = ["--glossary", str(GOOD), *argv]
    stdin = io.TextIOWrapper(io.BytesIO("탈북자 text\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)  # `check -` reads an article
    got, err = _run_in_process(argv, capsys)
    assert got == code, err
    assert says in err and "Traceback" not in err
    if code == 2 and "validate" not in argv:  # validate lists the problems and is done
        assert any(ERROR_LINE.fullmatch(line) for line in err.splitlines()), err
    if code == 1:
        assert "error" not in err, "exit 1 is no error"


def test_a_bad_po_file_is_not_a_glossary_error(tmp_path, capsys):
    (tmp_path / "bad.po").write_text('msgid ""\nmsgstr "Language: en\\n"\nmsgid "x\n', "utf-8")
    code, err = _run_in_process(
        ["--glossary", str(GOOD), "import", str(tmp_path / "bad.po")], capsys
    )
    assert code == 2
    assert "bad.po:3:" in err and "glossary has" not in err and "nkterms validate" not in err


def test_usage_errors_from_a_real_process_have_the_same_shape():
    """argparse exits by itself: its message, seen by a user, reads like every other error."""
    result = subprocess.run(
        [sys.executable, "-m", "nkterms", "lookup", "--limit", "x", "y"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("usage: nkterms lookup")
    assert ERROR_LINE.fullmatch(lines[-1]) and lines[-1].endswith("see `nkterms lookup --help`")

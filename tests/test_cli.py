"""The command line: output, exit codes, --json, help text, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nkterms.arguments import parser as _parser
from nkterms.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def run(*args: str | bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m nkterms` as a user would, in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "nkterms", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_lookup_prints_the_term_and_its_warning(capsys):
    assert main(["lookup", "bukhyangmin"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("북향민 (北鄕民)  [bukhyangmin]")
    assert "!! MISREADING RISK: 북향민 as 北向民" in out
    assert "RR bukhyangmin · MR pukhyangmin · Yale pukhyangmin" in out
    assert re.search(r"\[1\] [^[]*?https?://", out, re.S), "sources are listed with their addresses"


def test_lookup_json_is_one_document_with_the_documented_shape(capsys):
    assert main(["lookup", "talbukmin", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"query", "matches", "suggestions"}
    assert doc["query"] == "talbukmin"
    first = doc["matches"][0]
    assert (
        first["id"] == "talbungmin" and first["hangul"] == "탈북민" and first["hanja"] == "脫北民"
    )
    assert first["romanizations"]["rr"] == "talbungmin"
    assert isinstance(first["homophones"], list) and isinstance(first["status"], list)
    assert first["matched_by"].startswith("translit") and first["score"] == 1.0


def test_nothing_found_exits_1_with_suggestions(capsys):
    assert main(["lookup", "bukhyangmn"]) == 1
    out = capsys.readouterr().out
    assert "no term matches 'bukhyangmn'; did you mean:" in out
    assert "[bukhyangmin]" in out


def test_nothing_found_json_still_lists_suggestions(capsys):
    assert main(["lookup", "bukhyangmn", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["matches"] == [] and doc["suggestions"][0]["id"] == "bukhyangmin"


def test_validate_passes_on_the_shipped_glossary(capsys):
    assert main(["validate"]) == 0
    assert ": ok," in capsys.readouterr().out


def test_validate_reports_file_line_column_and_exits_2(good_glossary, capsys):
    bad = Path(__file__).parent / "data" / "bad" / "unknown-source.yaml"
    (good_glossary / "concepts" / bad.name).write_bytes(bad.read_bytes())
    assert main(["--glossary", str(good_glossary), "validate"]) == 2
    err = capsys.readouterr().err
    assert (
        f"{good_glossary}/concepts/unknown-source.yaml:11:19: terms[0].status[0].sources[0]" in err
    )


def test_lookup_on_a_broken_glossary_exits_2_without_traceback(good_glossary):
    (good_glossary / "concepts" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = run("--glossary", str(good_glossary), "lookup", "bukhyangmin")
    assert result.returncode == 2
    assert b"broken.yaml:2:1: (document): YAML syntax error" in result.stderr
    assert b"Traceback" not in result.stderr


def test_glossary_from_environment(good_glossary, capsys, monkeypatch):
    monkeypatch.setenv("NKTERMS_GLOSSARY", str(good_glossary))
    assert main(["lookup", "new settler", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["matches"][0]["id"] == "saeteomin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lookup", ""], "empty query"),
        (["lookup", "\x01\x02"], "empty query"),
        (["lookup", "x" * 1_000_000], "characters long"),
        (["--glossary", "/nonexistent/glossary", "lookup", "a"], "glossary folder not found"),
    ],
    ids=["empty", "control-characters", "1MB", "missing-glossary"],
)
def test_bad_input_is_a_clear_usage_error(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_invalid_utf8_on_the_command_line():
    result = run("lookup", os.fsdecode(b"\xff\xfe"))
    assert result.returncode == 2
    assert b"not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr


def test_nfd_input_on_the_command_line():
    import unicodedata

    result = run("lookup", unicodedata.normalize("NFD", "탈북민"), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["matches"][0]["id"] == "talbungmin"


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith(b"nkterms ")


def _commands():
    parser = _parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = _commands()[name]
    assert command.description and len(command.description) > 20
    assert all(a.help for a in command._actions if a.dest != "help")
    assert f"$ nkterms {name}" in README.read_text(encoding="utf-8") or re.search(
        rf"\$ nkterms (--\S+ \S+ )*{name}\b", README.read_text(encoding="utf-8")
    )


def test_a_cold_lookup_on_a_compiled_index_loads_no_heavy_module():
    """Cold start is the CLI's budget: with the index compiled, lookup must not parse YAML,
    validate schemas, romanize, or pull in pathlib / typing / dataclasses, argparse (its
    arguments are parsed without it) or datetime (sqlite3's Python half imports it)."""
    probe = (
        "import sys, io, contextlib\n"
        "from nkterms.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['lookup', 'bukhyangmin'])\n"
        "heavy = {'yaml', 'jsonschema', 'fastjsonschema', 'ko_pron', 'hanja', 'korean_romanizer',\n"
        "         'pathlib', 'typing', 'dataclasses', 'textwrap', 'json', 'argparse', 'gettext',\n"
        "         'datetime'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True
    )  # compile the index
    loaded = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    assert loaded.stdout.strip() == "[]"


def test_limit_must_be_positive(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["lookup", "bukhyangmin", "--limit", "0"])
    assert stopped.value.code == 2
    assert "expected a whole number of at least 1, got '0'" in capsys.readouterr().err


def test_limit_caps_the_matches(capsys):
    assert main(["lookup", "Hana", "--json", "--limit", "1"]) == 0
    assert len(json.loads(capsys.readouterr().out)["matches"]) == 1


QUICK = [
    ["lookup", "bukhyangmin"],
    ["lookup", "new", "settlers", "--json"],
    ["lookup", "--json", "--limit", "3", "탈북민"],
    ["lookup", "x", "--limit", "2", "--limit", "5"],
    ["lookup", ""],
    ["--glossary", "some/dir", "lookup", "x", "--json"],
    ["--glossary", "lookup", "lookup", "x"],
]
SLOW = [  # argparse parses (or refuses) these itself
    ["lookup"],
    ["lookup", "--json"],
    ["lookup", "x", "--json", "y"],
    ["lookup", "x", "--limit", "0"],
    ["lookup", "x", "--limit", "9" * 5000],
    ["lookup", "x", "--limit"],
    ["lookup", "x", "--limit=3"],
    ["lookup", "--js", "x"],
    ["lookup", "-h"],
    ["lookup", "--", "-x"],
    ["lookup", "-5"],
    ["--glossary=d", "lookup", "x"],
    ["--glossary", "--json", "lookup", "x"],
    ["--version", "lookup", "x"],
    ["homophones", "x"],
    [],
]


@pytest.mark.parametrize("argv", QUICK, ids=[" ".join(a) or "empty-word" for a in QUICK])
def test_the_quick_lookup_parse_equals_argparse(argv, monkeypatch):
    from nkterms.cli import _quick_lookup

    monkeypatch.setenv("NKTERMS_GLOSSARY", "from/env")
    assert vars(_quick_lookup(argv)) == vars(_parser().parse_args(argv))


@pytest.mark.parametrize("argv", SLOW, ids=[" ".join(a)[:30] or "nothing" for a in SLOW])
def test_anything_else_is_left_to_argparse(argv):
    from nkterms.cli import _quick_lookup

    assert _quick_lookup(argv) is None

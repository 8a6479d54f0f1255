"""nkterms check: reading input (long lines, encodings, line breaks, unreadable paths, what
folders hold) and writing output (every format streamed), against the small test glossary."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from nkterms.check import files
from nkterms.check.engine import DocumentCheck, Patterns
from nkterms.check.onevoice import Policy, check_article
from nkterms.check.report import FORMATS
from nkterms.check.rules import index_rules
from nkterms.cli import main
from nkterms.index import open_index

GOOD = Path(__file__).parent / "data" / "good"
README = Path(__file__).resolve().parents[1] / "README.md"
# Terms the test glossary reports: each sentence makes findings (the first term of the concept
# starts the consistency note, the English one is contested).
PROSE = (
    "탈북민들은 새터민이라는 말을 싫어한다. North Korean defectors met 북한이탈주민 and 북향민. "
)


@pytest.fixture(scope="module")
def cache(session_cache):
    """The index cache this module's runs share, in process and in subprocesses."""
    return str(session_cache)


@pytest.fixture(scope="module")
def patterns(cache):
    return Patterns(index_rules(open_index(GOOD)))


def check(args, capsysbinary):
    """Run `nkterms --glossary GOOD check ARGS` in process: (exit code, stdout bytes, stderr)."""
    code = main(["--glossary", str(GOOD), "check", *args])
    out = capsysbinary.readouterr()
    return code, out.out, out.err.decode("utf-8", "replace")


def findings(path, patterns, kind="txt", compiled=True, jobs=1):
    """(line, col, term, text) of every finding in a file, read as `nkterms check` reads it."""
    checker = DocumentCheck(patterns, str(path), kind, compiled=compiled)
    return [
        (f.line, f.col, f.term, f.text)
        for found in checker.check_blocks(files.blocks(str(path)), jobs)
        for f in found
    ]


def assert_positions(found, text: str) -> None:
    """Each finding's line and column point at its text in `text` (lines split at LF; the
    finding quotes the text NFC-normalized)."""
    lines = text.split("\n")
    assert found
    for line, col, _, matched in found:
        at = unicodedata.normalize("NFC", lines[line - 1][col - 1 : col + 2 * len(matched)])
        assert at.startswith(matched), (line, col, matched)


# ---- output: every format is streamed, and is one complete document -------------------------


def _documented_json_shape():
    """The fields README's `--format json` table documents, and those of a finding."""
    section = README.read_text(encoding="utf-8").split("`--format json` prints one document:")[1]
    table = section.split("\n\n")[1]
    fields = re.findall(r"^\| `(\w+)` \|", table, re.M)
    finding = re.search(r"list of `\{([^}]*)\}`", table).group(1)
    return fields, [f.strip() for f in finding.split(",")]


def test_json_output_is_one_document_of_the_documented_shape(tmp_path, patterns, capsysbinary):
    (tmp_path / "a.md").write_text(f"# {PROSE}\n\n```\n탈북민\n```\n{PROSE}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(PROSE * 3 + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    code, out, err = check([str(tmp_path), "--format", "json"], capsysbinary)
    doc = json.loads(out.decode("utf-8"))
    fields, finding_fields = _documented_json_shape()
    assert list(doc) == ["version", "files", "findings", "summary", "errors"]
    assert sorted(doc) == sorted(fields)
    assert all(list(f) == finding_fields for f in doc["findings"])
    expected = []
    policy = Policy(patterns)  # an article is checked whole (check/onevoice.py)
    for name, kind in (("a.md", "md"), ("b.txt", "txt")):
        text = (tmp_path / name).read_text(encoding="utf-8")
        found = check_article(policy, text, str(tmp_path / name), kind).findings
        expected += [f.as_dict() for f in found]
    assert len(expected) >= 4 and doc["findings"] == expected
    severities = Counter(f["severity"] for f in expected)
    assert doc["summary"] == {s: severities[s] for s in ("error", "warning", "info")}
    assert doc["version"] == 1 and doc["files"] == 3
    assert doc["errors"] == [
        f"{tmp_path / 'c.txt'}: binary file (it holds NUL bytes): "
        "give a text file (.txt, .md or .html)"
    ]
    assert code == 2 and doc["errors"][0] in err


def _sarif_required(log: dict) -> None:
    """The properties SARIF 2.1.0 requires of what nkterms writes (sarifLog, run, tool,
    toolComponent, result, message, invocation), and the rule each result points at."""
    assert log["version"] == "2.1.0" and isinstance(log["runs"], list)
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        rules = driver.get("rules", [])
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str)
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["level"] in ("none", "note", "warning", "error")
            region = result["locations"][0]["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert region["endColumn"] > region["startColumn"]
        for invocation in run.get("invocations", []):
            assert isinstance(invocation["executionSuccessful"], bool)


def test_sarif_log_is_complete_and_reads_with_a_sarif_reader(tmp_path, capsysbinary):
    from sarif_pydantic import Sarif  # an independent reader of SARIF 2.1.0 (test extra)

    (tmp_path / "my article.md").write_text(PROSE * 2 + "\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe" + "x\n".encode("utf-16-le"))
    code, out, _ = check([str(tmp_path), "--format", "sarif", "--every"], capsysbinary)
    log = json.loads(out.decode("utf-8"))
    _sarif_required(log)
    run = log["runs"][0]
    assert len(run["results"]) >= 4 and code == 2
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/my%20article.md")
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "UTF-16" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    parsed = Sarif.model_validate(log)
    assert parsed.version == "2.1.0" and parsed.runs[0].tool.driver.name == "nkterms"
    assert len(parsed.runs[0].results) == len(run["results"])


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_reports_write_each_block_as_it_comes(fmt, patterns):
    """Memory stays bounded: a block's findings are out before the next block is read."""
    out = io.BytesIO()
    report = FORMATS[fmt](out, 1)
    checker = DocumentCheck(patterns, "a.txt", text_output=report.text_output)
    report.add(checker.feed((PROSE + "\n").encode()))
    written = out.getvalue()
    assert "새터민".encode() in written and "북향민".encode() in written
    report.add(checker.feed((PROSE + "\n").encode()))
    assert len(out.getvalue()) > len(written) * 1.5
    report.close(checker.counts)
    if fmt != "github":
        doc = json.loads(out.getvalue())
        assert doc["version"] in (1, "2.1.0")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_path_that_is_not_unicode_keeps_the_output_valid_json(tmp_path, fmt, capsysbinary):
    name = tmp_path / os.fsdecode(b"\xff-article.txt")
    name.write_text(PROSE + "\n", encoding="utf-8")
    _, out, _ = check([str(name), "--format", fmt], capsysbinary)
    doc = json.loads(out.decode("utf-8"))  # valid UTF-8 and valid JSON
    if fmt == "json":
        assert doc["findings"] and doc["findings"][0]["path"] == str(name)  # "\udcff" escaped
    else:
        result = doc["runs"][0]["results"][0]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("/%FF-article.txt")


# ---- input that cannot be read: a message, exit 2, and the other files still checked --------


def _bad_input(tmp_path: Path, case: str) -> Path:
    if case == "symlink-loop":
        os.symlink(tmp_path / "b", tmp_path / "a")
        os.symlink(tmp_path / "a", tmp_path / "b")
        return tmp_path / "a"
    if case == "path-through-a-file":
        (tmp_path / "article.md").write_text("x\n", encoding="utf-8")
        return tmp_path / "article.md" / "x"
    if case == "broken-link":
        os.symlink(tmp_path / "gone.md", tmp_path / "link.md")
        return tmp_path / "link.md"
    folder = tmp_path / "folder"  # a symlink loop inside a folder
    folder.mkdir()
    os.symlink(folder / "y.md", folder / "x.md")
    os.symlink(folder / "x.md", folder / "y.md")
    return folder


@pytest.mark.parametrize(
    "case, says",
    [
        ("symlink-loop", "a: symbolic link loop: fix or remove the link"),
        ("path-through-a-file", "x: a part of the path is a file, not a folder: check the path"),
        ("broken-link", "link.md: broken symbolic link (to {gone}): fix or remove the link"),
        ("loop-in-folder", "x.md: symbolic link loop: fix or remove the link"),
    ],
    ids=["symlink-loop", "path-through-a-file", "broken-link", "loop-in-folder"],
)
def test_paths_that_cannot_be_read_are_named_and_the_rest_checked(
    tmp_path, case, says, capsysbinary
):
    bad = _bad_input(tmp_path, case)
    good = tmp_path / "good.txt"
    good.write_text(PROSE + "\n", encoding="utf-8")
    code, out, err = check([str(bad), str(good)], capsysbinary)
    assert code == 2
    assert f"{good}:1:" in out.decode()
    assert says.format(gone=tmp_path / "gone.md") in err
    assert "Traceback" not in err
    messages = [line for line in err.splitlines() if not line.startswith("nkterms: compiling")]
    assert messages and all(re.fullmatch(r"nkterms: error: [^:]+: [^:]+: .+", m) for m in messages)


def test_a_folder_that_cannot_be_listed_is_an_error(tmp_path, monkeypatch, capsysbinary):
    # The tests run as root, whom chmod 000 does not stop: refuse the listing instead.
    (tmp_path / "locked").mkdir()
    (tmp_path / "a.md").write_text(PROSE + "\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = check([str(tmp_path)], capsysbinary)
    assert code == 2
    assert (
        f"nkterms: error: {tmp_path / 'locked'}: cannot list this folder (Permission denied): "
        "check its permissions" in err
    )
    assert f"{tmp_path / 'a.md'}:1:" in out.decode()


def test_files_of_kinds_it_cannot_read_are_counted(tmp_path, capsysbinary):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.docx", "b.docx", "c.pdf", ".DS_Store"):
        (docs / name).write_bytes(b"PK\x03\x04")
    code, out, err = check([str(docs)], capsysbinary)
    assert code == 2 and out == b""
    assert (
        f"nkterms: {docs}: skipped 3 files of kinds it cannot read (.docx ×2, .pdf): "
        "convert them to .txt, .md or .html" in err
    )
    assert f"nkterms: error: {docs}: nothing to check" in err
    (docs / "article.md").write_text(PROSE + "\n", encoding="utf-8")
    code, out, err = check([str(docs), "--fail-on", "info"], capsysbinary)
    assert code == 1 and "skipped 3 files" in err and "nothing to check" not in err
    (tmp_path / "empty").mkdir()
    code, _, err = check([str(tmp_path / "empty"), "--format", "json"], capsysbinary)
    assert code == 2 and "empty: nothing to check" in err


# ---- encodings, byte-order marks and line breaks ---------------------------------------------

WIDE = [
    pytest.param("utf-16", "UTF-16 (little-endian, with a byte-order mark)", id="utf-16-bom"),
    pytest.param("utf-16-le", "UTF-16 (little-endian)", id="utf-16le"),
    pytest.param("utf-16-be", "UTF-16 (big-endian)", id="utf-16be"),
    pytest.param("utf-32", "UTF-32 (little-endian, with a byte-order mark)", id="utf-32-bom"),
    pytest.param("utf-32-be", "UTF-32 (big-endian)", id="utf-32be"),
]


@pytest.mark.parametrize("codec, name", WIDE)
def test_utf16_and_utf32_are_named_with_a_command_that_converts_them(
    tmp_path, codec, name, patterns, capsysbinary
):
    text = (PROSE + "\n") * 3
    wide = tmp_path / "article.txt"
    wide.write_bytes(text.encode(codec))
    code, out, err = check([str(wide)], capsysbinary)
    assert code == 2 and out == b""
    assert f"nkterms: error: {wide}: {name} text, not UTF-8: convert it with `iconv -f " in err
    assert "binary" not in err
    if shutil.which("iconv"):  # the advice works as given
        command = re.search(r"`(iconv [^`]+)`", err).group(1)
        subprocess.run(command, shell=True, check=True, cwd=tmp_path)
        converted = tmp_path / "article-utf8.txt"
        (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
        assert converted.read_text(encoding="utf-8").lstrip("\ufeff") == text
        assert findings(converted, patterns) == findings(tmp_path / "plain.txt", patterns)


def test_binary_files_are_still_called_binary(tmp_path, capsysbinary):
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 4)
    code, _, err = check([str(tmp_path / "image.txt")], capsysbinary)
    assert code == 2 and "image.txt: binary file (it holds NUL bytes)" in err


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("kind", ["txt", "md"])
def test_a_utf8_byte_order_mark_does_not_shift_columns(tmp_path, patterns, compiled, kind):
    plain, bom = tmp_path / f"plain.{kind}", tmp_path / f"bom.{kind}"
    plain.write_bytes(f"{PROSE}\n{PROSE}\n".encode())
    bom.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    expected = findings(plain, patterns, kind, compiled)
    assert_positions(expected, plain.read_text(encoding="utf-8"))
    assert findings(bom, patterns, kind, compiled) == expected


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("kind", ["txt", "md"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_cr_lf_and_crlf_each_end_one_line(tmp_path, patterns, compiled, kind, newline):
    lines = ["첫 줄 새터민", "", "x 탈북민, 북향민", "North Korean defectors 북한이탈주민", "끝"]
    path = tmp_path / f"a.{kind}"
    path.write_bytes((newline.join(lines) + newline).encode())
    found = findings(path, patterns, kind, compiled)
    assert_positions(found, "\n".join(lines))
    assert found[-1][0] == 4


def test_a_cr_at_the_end_of_a_block_is_not_split_from_its_lf(tmp_path, patterns, monkeypatch):
    path = tmp_path / "crlf.txt"
    path.write_bytes(("새터민 탈북민 북향민\r\n" * 200).encode())
    expected = findings(path, patterns)
    assert_positions(expected, "새터민 탈북민 북향민\r\n" * 200)
    assert expected[-1][0] == 200
    for size in (7, 16, 33):
        monkeypatch.setattr(files, "BLOCK", size)
        assert not any(b.endswith(b"\r") for b in files.blocks(str(path)))
        assert findings(path, patterns) == expected


# ---- a line longer than a block ---------------------------------------------------------------

LONG_LINES = {
    "txt": "오늘은 "
    + PROSE * 12
    + 'http://x.kr/새터민 the term "North Korean defector" 북\u1112\u1163\u11bc민',
    "md": "앞 `새터민 code` "
    + PROSE * 12
    + " [link](http://x/북향민) <!-- 새터민 --> 북한이탈주민",
    "html": '<p title="새터민">'
    + PROSE * 12
    + "<b>북향민</b><script>var a='새터민'</script> 새터민",
}


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("kind", sorted(LONG_LINES))
def test_a_line_longer_than_a_block_gives_the_same_findings(
    tmp_path, patterns, monkeypatch, kind, compiled
):
    path = tmp_path / f"one-line.{kind}"
    path.write_text(LONG_LINES[kind] + "\n" + PROSE + "\n", encoding="utf-8")
    whole = findings(path, patterns, kind, compiled=False)
    assert len(whole) > 30 and whole[-1][0] == 2
    assert_positions(whole, path.read_text(encoding="utf-8"))
    for size in (9, 40, 101, 1000):
        monkeypatch.setattr(files, "BLOCK", size)
        assert len(list(files.blocks(str(path)))) > len(LONG_LINES[kind].encode()) // (3 * size)
        for jobs in (1, 2):
            assert findings(path, patterns, kind, compiled, jobs) == whole, (size, jobs)


def test_long_lines_are_cut_at_character_boundaries_in_bounded_blocks(tmp_path, monkeypatch):
    path = tmp_path / "one-line.txt"
    data = ("북한이탈주민 " * 5000).encode()
    path.write_bytes(data)
    monkeypatch.setattr(files, "BLOCK", 1000)
    blocks = list(files.blocks(str(path)))
    assert b"".join(blocks) == data and len(blocks) > 10
    assert all(len(b) <= 3 * 1000 for b in blocks)
    for block in blocks:
        block.decode("utf-8")  # none splits a character


def test_a_bad_byte_inside_a_long_line_has_its_column(
    tmp_path, patterns, monkeypatch, capsysbinary
):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"first\n" + "가".encode() * 400 + b"\xff" + b"x" * 50 + b"\n")
    monkeypatch.setattr(files, "BLOCK", 64)
    code, _, err = check([str(path)], capsysbinary)
    assert code == 2 and f"{path}:2:401: not valid UTF-8 (byte 0xff)" in err


# ---- a reader that stops early ------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_article(tmp_path_factory):
    path = tmp_path_factory.mktemp("pipe") / "long.txt"
    path.write_text((PROSE + "\n") * 2000, encoding="utf-8")  # its findings fill a pipe
    return path


def _nkterms(*args: str) -> list[str]:
    return [sys.executable, "-m", "nkterms", "--glossary", str(GOOD), *args]


@pytest.mark.parametrize(
    "args",
    [
        ["lookup", "탈북", "--limit", "100"],
        ["check", "LONG"],
        ["check", "LONG", "--format", "json"],
    ],
    ids=["lookup", "check", "check-json"],
)
def test_a_reader_that_stops_early_ends_the_run_quietly(args, long_article, patterns, tmp_path):
    args = [str(long_article) if a == "LONG" else a for a in args]
    env = dict(os.environ)  # the shared cache: the index is built (by `patterns`)
    command = " ".join(map(_quote, _nkterms(*args)))
    piped = subprocess.run(
        f"{command} 2>{tmp_path / 'err'} | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="bash",
        env=env,
        capture_output=True,
        text=True,
    )
    assert piped.stdout.strip() and (tmp_path / "err").read_text() == ""
    assert piped.returncode in (0, 1)  # 1: the output fitted in the pipe (lookup's, or check's)
    # A reader gone before the first write: the write fails at once, every time.
    closed = subprocess.Popen(
        _nkterms(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    closed.stdout.close()
    assert closed.wait() == 0 and closed.stderr.read() == b""
    closed.stderr.close()


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)

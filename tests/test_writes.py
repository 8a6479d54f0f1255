"""export and build: a place they cannot write is an error with a message (exit 2), and
nothing is left behind."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from nkterms.cli import main

GOOD = Path(__file__).parent / "data" / "good"


def _unwritable(tmp_path: Path, case: str) -> tuple[list[str], str]:
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    if case == "export-to-a-folder":
        return ["export", "--format", "csv", "-o", str(tmp_path)], f"{tmp_path}: is a folder"
    if case == "export-under-a-file":
        target = afile / "out.csv"
        return ["export", "--format", "csv", "-o", str(target)], f"{target}: cannot write here"
    if case == "export-to-a-symlink-loop":
        os.symlink(tmp_path / "l2", tmp_path / "l1")
        os.symlink(tmp_path / "l1", tmp_path / "l2")
        return ["export", "--format", "json", "-o", str(tmp_path / "l1")], "symbolic link loop"
    if case == "build-into-proc":
        return ["build", "--output", "/proc/nkterms-x"], "/proc/nkterms-x: cannot make this folder"
    return ["build", "--output", str(afile)], f"{afile}: is a file, not a folder"


@pytest.mark.parametrize(
    "case",
    [
        "export-to-a-folder",
        "export-under-a-file",
        "export-to-a-symlink-loop",
        "build-into-proc",
        "build-into-a-file",
    ],
)
def test_export_and_build_say_where_they_cannot_write(tmp_path, case, capsys):
    if case == "build-into-proc" and not os.path.isdir("/proc/self"):
        pytest.skip("no /proc here")
    args, says = _unwritable(tmp_path, case)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["--glossary", str(GOOD), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nkterms: error: ") and says in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing left behind


def test_export_through_a_symlink_writes_the_file_it_points_to(tmp_path, capsys):
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    assert (
        main(
            ["--glossary", str(GOOD), "export", "--format", "csv", "-o", str(tmp_path / "link.csv")]
        )
        == 0
    )
    assert (tmp_path / "link.csv").is_symlink() and (tmp_path / "real.csv").stat().st_size > 0


SRC = Path(__file__).resolve().parents[1] / "src" / "nkterms"
# A file opened for writing, or written in one call, anywhere but the atomic writer.
DIRECT_WRITE = re.compile(
    r"""open\([^)]*['"][wax]b?\+?['"]|\.write_(text|bytes)\(|os\.(open|fdopen)\([^)]*O_(WRONLY|RDWR|CREAT)"""
)


def test_every_command_writes_through_the_atomic_writer():
    """atomic.write_bytes / write_text are the only writers (the SQLite cache renames its own
    temporary database into place in cache.build)."""
    direct = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "atomic.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DIRECT_WRITE.search(line) and "devnull" not in line
    ]
    assert direct == []


def test_an_interrupted_import_leaves_the_file_and_no_temp_file(tmp_path, monkeypatch, capsys):
    glossary = tmp_path / "glossary"
    shutil.copytree(GOOD, glossary)
    po = tmp_path / "en.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        'msgctxt "talbungmin"\nmsgid "탈북민"\nmsgstr "someone who left"\n',
        encoding="utf-8",
    )

    def files() -> dict:
        return {p: p.read_bytes() for p in glossary.rglob("*") if p.is_file()}

    def interrupted(src, dst):
        raise KeyboardInterrupt  # Ctrl-C once the temporary file is complete

    before = files()
    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        main(["--glossary", str(glossary), "import", str(po)])
    monkeypatch.undo()
    assert files() == before, "no temp file, no change"
    assert main(["--glossary", str(glossary), "import", str(po)]) == 0
    assert files() != before, "the same import, uninterrupted, writes"

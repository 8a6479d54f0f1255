"""export and build: a place they cannot write is an error with a message (exit 2), and
nothing is left behind."""

from __future__ import annotations

import os
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

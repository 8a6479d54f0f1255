"""`pip install .` gives a working nkterms anywhere: the glossary travels inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_glossary_and_looks_up_from_any_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(dist.glob("nkterms-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "nkterms/_data/glossary/schema.json" in names
    assert "nkterms/_data/glossary/sources.yaml" in names
    assert "nkterms/_data/glossary/concepts/north-korean-defector.yaml" in names
    assert "nkterms/data/unihan.tsv" in names and "nkterms/data/NOTICE" in names
    # nkterms serve's page loads nothing from elsewhere: its assets travel in the wheel
    for asset in ("static/app.js", "static/style.css", "templates/term.html", "openapi.json"):
        assert f"nkterms/serve/{asset}" in names, asset
    compiled = [
        n for n in names if n.startswith("nkterms/_speedups.") and n != "nkterms/_speedups.c"
    ]
    assert len(compiled) == 1 and compiled[0].endswith((".so", ".pyd")), compiled
    assert "-py3-none-any" not in wheel.name  # a platform wheel, since it holds compiled code
    # the command is a wheel script (no pip entry-point wrapper, which imports `re`)
    script = f"nkterms-{wheel.name.split('-')[1]}.data/scripts/nkterms"
    assert script in names
    assert zipfile.ZipFile(wheel).read(script).startswith(b"#!python\n")

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}  # the session's cache: the dictionary is built
    env.pop("NKTERMS_GLOSSARY", None)

    def python(*args: str, check: bool = False) -> subprocess.CompletedProcess:
        """Run this Python on `args` from a folder that is not the checkout."""
        return subprocess.run(
            [sys.executable, *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=check,
        )

    where = python("-c", "import nkterms.paths as p; print(p.default_root())", check=True)
    assert where.stdout.strip() == str(site / "nkterms" / "_data" / "glossary")
    result = python("-m", "nkterms", "lookup", "bukhyangmin")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("북향민 (北鄕民)  [bukhyangmin]")
    # the installed command: a cold lookup imports neither `re` nor argparse (-S: no site
    # hooks of this test environment's other packages; PYTHONPATH still finds the install)
    command = python(
        "-S", "-X", "importtime", str(site / "bin" / "nkterms"), "lookup", "bukhyangmin"
    )
    assert command.returncode == 0, command.stderr
    assert command.stdout == result.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in command.stderr.splitlines()}
    assert "nkterms.query" in imported and not imported & {"re", "argparse"}, imported
    scanner = python(
        "-c",
        "from nkterms.check import kernel; "
        "print(kernel.unicode_tables() is not None, kernel._speedups.__file__)",
        check=True,
    )
    # the kernel and its Unicode tables (package data) are both in the wheel
    assert scanner.stdout.strip().startswith(f"True {site / 'nkterms' / '_speedups.'}")
    site_files = sorted(
        p.relative_to(site) for p in site.rglob("*") if "__pycache__" not in p.parts
    )
    built = python("-m", "nkterms", "build")
    assert built.returncode == 0, built.stderr
    assert (elsewhere / "locales" / "nkterms.pot").is_file(), "./locales, as build --help says"
    assert f"{elsewhere / 'locales'}: " in built.stdout
    after = sorted(p.relative_to(site) for p in site.rglob("*") if "__pycache__" not in p.parts)
    assert after == site_files, "nothing is written into the installed package"
    helped = subprocess.run(
        [sys.executable, "-m", "nkterms", "build", "--help"],
        env={**env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "installed nkterms, ./locales in the current folder" in helped.stdout

"""Run the README's `$ …` sessions; with --update, rewrite the output shown under them.

A session is a plain ``` block whose first line starts with `$ `. The README reads as one
terminal session: every block runs in order, with bash, in one fresh folder holding a copy of
the checkout's glossary/ and locales/, so a file one block writes is there for the next; what
each command prints (stdout and stderr, as a terminal shows them) must match the
lines under it, where `…` stands for text left out. A `$ cat FILE` step shows a file the
session uses: it is written first, so the reader sees exactly the input the output came from.
A block of commands with no output lines only has to run, and a `[term-id]` in a command's
comment must appear in what it prints. tests/test_readme_sessions.py runs every session.

    python tools/readme_sessions.py            # report the sessions that no longer match
    python tools/readme_sessions.py --update   # rewrite them (blocks without `…` only)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
SKIPPED_PROGRAMS = ("python benchmarks/",)  # benchmarks take minutes; run them by hand


def blocks(text: str) -> list[tuple[int, int, list[tuple[str, list[str]]]]]:
    """Return (first line index, end line index, [(command, expected lines)]) per session."""
    lines = text.splitlines()
    found, i = [], 0
    while i < len(lines):
        if lines[i] == "```" and i + 1 < len(lines) and lines[i + 1].startswith("$ "):
            start, steps = i + 1, []
            i += 1
            while lines[i] != "```":
                if lines[i].startswith("$ "):
                    steps.append((lines[i][2:], []))
                else:
                    steps[-1][1].append(lines[i])
                i += 1
            if not any(cmd.startswith(SKIPPED_PROGRAMS) for cmd, _ in steps):
                found.append((start, i, steps))
        i += 1
    return found


def pattern(expected: list[str]) -> re.Pattern:
    """Turn expected lines into a regex in which `…` stands for any text."""
    text = "\n".join(line.rstrip() for line in expected).strip("\n")
    parts = re.split(r"\s*(…)", text)  # "news …" also stands for "news\n  conference …"
    return re.compile("".join(".*?" if p == "…" else re.escape(p) for p in parts), re.S)


def environment(cache: str) -> dict:
    """Return the environment sessions run in: this Python's nkterms first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NKTERMS_CACHE_DIR"] = cache
    env["COLUMNS"] = "100"
    env.pop("NKTERMS_GLOSSARY", None)
    # Build the index once, so no session shows the one-time "compiling the index" line.
    subprocess.run(["nkterms", "lookup", "bukhyangmin"], env=env, capture_output=True, check=True)
    return env


def prepare(folder: Path) -> None:
    """Copy the checkout's glossary/ and locales/ into the folder the sessions run in."""
    for name in ("glossary", "locales"):
        shutil.copytree(README.parent / name, folder / name)


def run(steps: list[tuple[str, list[str]]], env: dict, folder: Path) -> list[tuple[str, int]]:
    """Run a session's commands in `folder`; return (output, exit code) per command."""
    for command, expected in steps:
        cat = re.fullmatch(r"cat (\S+)", command)
        if cat:
            target = folder / cat.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(expected) + "\n", encoding="utf-8")
    results = []
    for command, _expected in steps:
        done = subprocess.run(
            ["bash", "-c", f"{command} 2>&1"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        out = "\n".join(line.rstrip() for line in done.stdout.splitlines()).strip("\n")
        results.append((out, done.returncode))
    return results


def problems(steps, results) -> list[str]:
    """Return what differs between a session as shown and as run."""
    shown = any(expected for _command, expected in steps)
    out = []
    for (command, expected), (got, code) in zip(steps, results, strict=True):
        if shown and not pattern(expected).fullmatch(got):
            out.append(f"`$ {command}` printed:\n{got}\n-- the README shows:\n" + "\n".join(expected))
        if not shown and code != 0:
            out.append(f"`$ {command}` exited {code}:\n{got}")
        for term_id in [] if shown else re.findall(r"#.*?\[([a-z0-9-]+)\]", command):
            if f"[{term_id}]" not in got:
                out.append(f"`$ {command}` did not find [{term_id}]:\n{got}")
    return out


def main(argv: list[str]) -> int:
    update = "--update" in argv
    text = README.read_text(encoding="utf-8")
    lines = text.splitlines()
    stale, edits = 0, []
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as folder:
        env = environment(cache)
        prepare(Path(folder))
        for start, end, steps in blocks(text):
            results = run(steps, env, Path(folder))
            found = problems(steps, results)
            if not found:
                continue
            stale += 1
            abbreviated = any("…" in line for _c, expected in steps for line in expected)
            # A command that fails with an input error (a file the README never shows) is never
            # written into the README as if it were the example's output.
            errors = any(code == 2 or "exit 2" in out for out, code in results)
            if update and not abbreviated and not errors and any(e for _c, e in steps):
                new = []
                for (command, _expected), (got, _code) in zip(steps, results, strict=True):
                    new += [f"$ {command}"] + (got.splitlines() if got else [])
                edits.append((start, end, new))
                print(f"README.md:{start + 1}: updated")
            else:
                print(f"README.md:{start + 1}: differs" + (" (edit by hand)" if update else ""))
                for problem in found:
                    print("  " + problem.replace("\n", "\n  "))
    if update:
        for start, end, new in reversed(edits):
            lines[start:end] = new
        README.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if stale and not update else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Generate src/nkterms/data/unihan.tsv from the Unicode Han Database (Unihan).

Each line: a Han character, its Korean readings (kHangul, comma-separated, may be empty),
and the character it folds to for lookup (empty when it is its own fold). Folding joins
z-variants, and simplified or Japanese forms that have no Korean reading to their
traditional form, so 脱北者 finds 脫北者 and 郷/乡 find 鄕.

Input: Debian's `unicode-data` package (/usr/share/unicode/Unihan_*.txt.bz2) or a folder
given with --unihan. Output is sorted, so running it twice gives the same file.

    apt-get install unicode-data && python tools/gen_hanja_data.py
"""

from __future__ import annotations

import argparse
import bz2
import os
import tempfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "nkterms" / "data" / "unihan.tsv"


def _fields(folder: Path, name: str, wanted: set[str]):
    path = folder / f"Unihan_{name}.txt.bz2"
    opener = bz2.open if path.exists() else open
    path = path if path.exists() else folder / f"Unihan_{name}.txt"
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("U+"):
                code, field, value = line.rstrip("\n").split("\t", 2)
                if field in wanted:
                    yield chr(int(code[2:], 16)), field, value


def _chars(value: str) -> list[str]:
    return [chr(int(item.split("<")[0][2:], 16)) for item in value.split()]


def build(folder: Path) -> list[str]:
    """Return the lines of the data file."""
    readings: dict[str, list[str]] = {}
    for char, _field, value in _fields(folder, "Readings", {"kHangul"}):
        readings[char] = sorted({item.split(":")[0] for item in value.split()})
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
            parent.setdefault(min(ra, rb), min(ra, rb))

    for char, field, value in _fields(folder, "Variants", {"kZVariant", "kTraditionalVariant"}):
        if field == "kTraditionalVariant" and char in readings:
            continue  # 向 has a traditional variant 曏, but Korean reads 向 itself
        for other in _chars(value):
            union(char, other)
    members: dict[str, list[str]] = defaultdict(list)
    for char in set(parent) | set(readings):
        members[find(char)].append(char)
    fold: dict[str, str] = {}
    for group in members.values():
        korean = sorted(c for c in group if c in readings) or sorted(group)
        for c in group:
            if c != korean[0]:
                fold[c] = korean[0]
    chars = sorted(set(readings) | set(fold))
    return [f"{c}\t{','.join(readings.get(c, []))}\t{fold.get(c, '')}" for c in chars]


def main() -> None:
    """Write the data file atomically."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unihan", type=Path, default=Path("/usr/share/unicode"))
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    lines = build(args.unihan)
    fd, tmp = tempfile.mkstemp(dir=args.output.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(tmp, args.output)
    print(f"wrote {len(lines)} characters to {args.output}")


if __name__ == "__main__":
    main()

"""Generate the offline Hanja data in src/nkterms/data/ from Unihan and libhangul.

unihan.tsv (Unicode Han Database): a Han character, its Korean readings (kHangul,
comma-separated, may be empty), the character it folds to for lookup (empty when it is its
own fold), and its English meaning (kDefinition). Folding joins z-variants, and simplified
or Japanese forms that have no Korean reading to their traditional form, so 脱北者 finds
脫北者 and 郷/乡 find 鄕.

hanja_chars.tsv (libhangul hanja.txt, single characters): reading, character, Korean
meaning-and-sound (훈음, e.g. 시골 향), in the file's order (common characters first).

hanja_words.tsv (libhangul hanja.txt, words): reading, Hanja, Korean gloss (often empty),
kept only for 2-4 syllable words written wholly in Han characters that read as their
Hangul (this drops junk lines such as 북향:북香 and unnormalized 녀자).

Input: Debian's `unicode-data` and `libhangul-data` packages, or folders given with
--unihan and --hanja-txt. Output is sorted or in source order, so running it twice gives
the same files.

    apt-get install unicode-data libhangul-data && python tools/gen_hanja_data.py
"""

from __future__ import annotations

import argparse
import bz2
import os
import tempfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "nkterms" / "data"
HANJA_TXT = Path("/usr/share/libhangul/hanja/hanja.txt")


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
    """Return the lines of unihan.tsv."""
    readings: dict[str, list[str]] = {}
    meanings: dict[str, str] = {}
    for char, field, value in _fields(folder, "Readings", {"kHangul", "kDefinition"}):
        if field == "kHangul":
            readings[char] = sorted({item.split(":")[0] for item in value.split()})
        else:
            meanings[char] = value.replace("\t", " ")
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
    return [
        f"{c}\t{','.join(readings.get(c, []))}\t{fold.get(c, '')}\t{meanings.get(c, '') if c in readings else ''}"
        for c in chars
    ]


def build_hanja_txt(path: Path) -> tuple[list[str], list[str]]:
    """Return the lines of hanja_chars.tsv and hanja_words.tsv from libhangul's hanja.txt."""
    import sys

    sys.path.insert(0, str(DATA.parents[1]))
    from nkterms.korean.hanja import is_han, reads_as

    chars, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.count(":") < 2:
            continue
        reading, hanja, gloss = line.split(":", 2)
        gloss = gloss.replace("\t", " ").strip()
        if len(reading) == 1 and len(hanja) == 1 and is_han(hanja):
            chars.append(f"{reading}\t{hanja}\t{gloss}")
        elif (2 <= len(reading) <= 4 and len(hanja) == len(reading)
              and all(is_han(ch) for ch in hanja) and reads_as(hanja, reading)):
            words.append(f"{reading}\t{hanja}\t{gloss}")
    return chars, list(dict.fromkeys(words))


def _write(path: Path, lines: list[str]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    print(f"wrote {len(lines)} lines to {path}")


def main() -> None:
    """Write the data files atomically."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unihan", type=Path, default=Path("/usr/share/unicode"))
    parser.add_argument("--hanja-txt", type=Path, default=HANJA_TXT)
    parser.add_argument("--output", type=Path, default=DATA)
    args = parser.parse_args()
    _write(args.output / "unihan.tsv", build(args.unihan))
    # Readings of the words are checked against the unihan.tsv just written.
    chars, words = build_hanja_txt(args.hanja_txt)
    _write(args.output / "hanja_chars.tsv", chars)
    _write(args.output / "hanja_words.tsv", words)


if __name__ == "__main__":
    main()

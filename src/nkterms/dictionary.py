"""The offline Hanja dictionary: characters by reading, attested words, meanings.

Built from the generated files in data/ (libhangul's hanja.txt and Unihan; see data/NOTICE)
into a cached SQLite file on first use, so a cold `nkterms homophones` only opens it.
"""

from __future__ import annotations

import os
import sys

from .cache import open_cached, stamp_files
from .korean.hanja import meaning

FORMAT = 2
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_FILES = ("hanja_chars.tsv", "hanja_words.tsv", "unihan.tsv", "affixes.tsv")


def _rows(name: str):
    with open(os.path.join(_DATA, name), encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _fill(db) -> None:
    db.executescript("""
        CREATE TABLE chars(reading TEXT, char TEXT, rank INTEGER, ko TEXT, en TEXT, pos INTEGER);
        CREATE TABLE words(reading TEXT, hanja TEXT, gloss TEXT);
        CREATE TABLE affixes(reading TEXT, chars TEXT, en TEXT);
        CREATE TABLE folds(variant TEXT PRIMARY KEY, target TEXT) WITHOUT ROWID;
    """)
    with db:
        seen: dict[str, int] = {}

        def chars():
            # pos: place among the characters of one reading (hanja.txt lists common ones first)
            for rank, (r, c, ko) in enumerate(_rows("hanja_chars.tsv")):
                seen[r] = seen.get(r, -1) + 1
                yield r, c, rank, ko, meaning(c), seen[r]

        db.executemany("INSERT INTO chars VALUES (?, ?, ?, ?, ?, ?)", chars())
        db.executemany("INSERT INTO words VALUES (?, ?, ?)", _rows("hanja_words.tsv"))
        db.executemany("INSERT INTO affixes VALUES (?, ?, ?)", _rows("affixes.tsv"))
        db.executemany(
            "INSERT INTO folds VALUES (?, ?)",
            ((row[0], row[2]) for row in _rows("unihan.tsv") if row[2]),
        )
        db.executescript("""
            CREATE INDEX chars_reading ON chars(reading, rank);
            CREATE INDEX chars_char ON chars(char);
            CREATE INDEX words_reading ON words(reading);
            CREATE INDEX words_hanja ON words(hanja);
        """)


class Dictionary:
    """Read-only queries on the compiled dictionary."""

    def __init__(self, db):
        self.db = db

    def chars(self, reading: str, limit: int = 50) -> list[tuple[str, str, str]]:
        """Return (character, Korean meaning, English meaning) read as `reading`, common first."""
        return self.db.execute(
            "SELECT char, ko, en FROM chars WHERE reading = ? ORDER BY rank LIMIT ?",
            (reading, limit),
        ).fetchall()

    def char(self, char: str, reading: str = "") -> tuple[str, str, str] | None:
        """Return (reading, Korean meaning, English meaning) of one character, or None.

        With `reading`, the entry for that reading is preferred (北 is 북 "north" and 배 "flee").
        """
        return self.db.execute(
            "SELECT reading, ko, en FROM chars WHERE char = ? ORDER BY reading != ?, rank LIMIT 1",
            (char, reading),
        ).fetchone()

    def rarity(self, hanja: str, reading: str) -> int:
        """Return how far down their readings' lists the characters of a spelling come (0 = common)."""
        total = 0
        for char, syllable in zip(hanja, reading, strict=False):
            row = self.db.execute(
                "SELECT min(pos) FROM chars WHERE char = ? AND reading = ?", (char, syllable)
            ).fetchone()
            total += row[0] if row and row[0] is not None else 50
        return total

    def words(self, reading: str) -> list[tuple[str, str]]:
        """Return (Hanja, Korean gloss) of the attested words read as `reading`."""
        return self.db.execute(
            "SELECT hanja, gloss FROM words WHERE reading = ?", (reading,)
        ).fetchall()

    def is_word(self, hanja: str) -> bool:
        """Tell whether a Hanja spelling is an attested word."""
        return (
            self.db.execute("SELECT 1 FROM words WHERE hanja = ? LIMIT 1", (hanja,)).fetchone()
            is not None
        )

    def variants(self, chars) -> dict[str, list[str]]:
        """Return, for each Korean-form Han character given, the variant forms that fold to it."""
        chars = sorted(set(chars))
        out: dict[str, list[str]] = {}
        for start in range(0, len(chars), 500):
            chunk = chars[start : start + 500]
            rows = self.db.execute(
                f"SELECT target, variant FROM folds WHERE target IN ({','.join('?' * len(chunk))}) "
                "ORDER BY target, variant",
                chunk,
            )
            for target, variant in rows:
                out.setdefault(target, []).append(variant)
        return out

    def affix(self, reading: str) -> tuple[str, ...]:
        """Return the characters a final syllable stands for as a productive suffix, if listed."""
        row = self.db.execute("SELECT chars FROM affixes WHERE reading = ?", (reading,)).fetchone()
        return tuple(row[0].split(",")) if row else ()


def open_dictionary(on_build=None) -> Dictionary:
    """Open the compiled dictionary, building it from data/ on first use."""
    stamp = "\n".join(
        [
            f"format={FORMAT}",
            f"python={sys.version_info[:2]}",
            *stamp_files(os.path.join(_DATA, name) for name in _FILES),
            *stamp_files([__file__]),
        ]
    )
    return Dictionary(open_cached(f"dictionary-{FORMAT}.sqlite", stamp, _fill, on_build=on_build))

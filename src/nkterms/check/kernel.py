"""The compiled scanning kernel (nkterms._speedups), given every table as data.

The kernel knows no policy: it is built from the tables below, each taken from the constant
the Python scanner reads (matching.py passes its own, mentions.py, readers.py,
korean.hangul) or generated
from this Python's Unicode data (data/unicode_tables.tsv, tools/gen_unicode_tables.py), and
returns matches (offsets, entry, flags, line, column). What a match means, what a finding
says and how it is written is decided in Python (describe.py, emitter.py, report.py).

Without the extension (no C compiler at install time, or NKTERMS_PURE=1), or when the
Unicode tables were generated from another Unicode version than this Python's, `automaton`
gives None and the Python path does everything.
"""

from __future__ import annotations

import os
import sys
from array import array
from functools import cache

from ..korean.hangul import _SYLLABLE_FIRST, _SYLLABLE_LAST, PARTICLES, PLURAL
from . import mentions
from .readers import MARKER, URL_PREFIXES, URL_STOPS

try:
    if os.environ.get("NKTERMS_PURE"):
        raise ImportError("NKTERMS_PURE is set")
    from .. import _speedups
except ImportError:  # no C compiler at install time: the Python path does everything
    _speedups = None

ASK, SKIP = -2, -1  # Prepared.render's slot values besides an answer's index


@cache
def unicode_tables() -> dict | None:
    """Return the Unicode tables for this Python ({"unsafe", "fold", "word"}: each an
    array("I") of pairs, a then b), or None when the file was generated from another
    Unicode version."""
    import unicodedata

    out: dict = {}
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "unicode_tables.tsv")
    with open(path, encoding="utf-8") as handle:
        handle.readline()  # the comment saying where the file comes from
        _, version, *rows = handle.read().split()  # unicode VERSION, then NAME PAIRS ...
    for name, packed in zip(rows[0::2], rows[1::2], strict=True):
        flat = array("I", bytes.fromhex(packed))  # little-endian uint32 pairs
        if sys.byteorder == "big":
            flat.byteswap()
        out[name] = flat  # flat: the kernel reads pairs from it (no 3,000 tuples to make)
    return out if version == unicodedata.unidata_version else None


def tables(forms: list[str], meta: list[tuple], latin_suffixes=()) -> dict | None:
    """Return every table the kernel is built from (None: no Unicode tables for this Python).
    `forms`, `meta` are matching.Patterns'; `latin_suffixes` matching.LATIN_SUFFIXES."""
    unicode = unicode_tables()
    if unicode is None:
        return None
    return {
        **unicode,
        "forms": forms,
        "kinds": [m[0] for m in meta],
        "not_followed_by": [m[3] for m in meta],
        "near": [m[4] for m in meta],
        "window": [m[5] for m in meta],
        "particles": PARTICLES,
        "plural": PLURAL,
        "syllables": (_SYLLABLE_FIRST, _SYLLABLE_LAST),
        "latin_suffixes": latin_suffixes,
        "quotes": [a + b for a, b in mentions.QUOTES.items()],
        "mention_after": mentions.AFTER,
        "mention_before": mentions.BEFORE,
        "mention_before_quotes": mentions.BEFORE_QUOTES,
        "mention_before_reach": mentions.BEFORE_REACH,
        "url_prefixes": URL_PREFIXES,
        "url_stops": URL_STOPS,
        "marker": MARKER,
    }


def automaton(forms: list[str], meta: list[tuple], latin_suffixes=()):
    """Return the kernel's automaton for these forms, or None when there is no kernel."""
    if _speedups is None:
        return None
    data = tables(forms, meta, latin_suffixes)
    return None if data is None else _speedups.Automaton(data)

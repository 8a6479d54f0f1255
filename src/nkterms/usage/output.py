"""Usage counts as a terminal table, CSV or JSON, and the notes that go with them."""

from __future__ import annotations

import csv
import io
import json

from ..textformat import width

COLUMNS = ("period", "outlet", "concept", "term", "form", "occurrences", "documents", "mentions")
CSV_COLUMNS = (*COLUMNS, "compounds", "share")
_NUMBERS = {"occurrences", "documents", "mentions", "compounds", "share"}


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def table(usage) -> str:
    """Return the rows as an aligned text table, with the share of its concept's uses."""
    head = (*COLUMNS, "share")
    cells = [head]
    for row in usage.rows:
        values = [str(row[c]) for c in COLUMNS]
        cells.append((*values, f"{row['share']:.1%}"))
    sizes = [max(width(line[i]) for line in cells) for i in range(len(head))]
    right = [c in _NUMBERS for c in head]
    lines = [
        "  ".join(_pad(cell, sizes[i], right[i]) for i, cell in enumerate(line)).rstrip()
        for line in cells
    ]
    return "\n".join(lines)


def to_csv(usage) -> str:
    """Return the rows as CSV with a header line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(usage.rows)
    return out.getvalue()


def to_json(usage) -> str:
    """Return the JSON document of the counts."""
    return json.dumps(usage.as_dict(), ensure_ascii=False, indent=2)


def notes(usage) -> list[str]:
    """Return what the reader must know about the counts: documents read, unknown dates and
    unreadable records (the first few by place), files skipped."""
    tally = usage.tally
    out = [f"{tally.total:,} document(s) counted"]
    if tally.unknown:
        out.append(
            f"{tally.unknown:,} document(s) with no or a bad date, counted under 'unknown' "
            "(if the dates are in another field, name it with --date-field):"
        )
        out += [f"  {example}" for example in tally.unknown_examples]
    if tally.errors:
        out.append(f"{tally.errors:,} record(s) could not be read and are not counted:")
        out += [f"  {example}" for example in tally.error_examples]
    if usage.run.get("skipped_files"):
        out.append(f"{usage.run['skipped_files']:,} file(s) of other kinds in folders skipped")
    return out

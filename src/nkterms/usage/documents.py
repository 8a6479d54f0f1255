"""Read the documents of one shard: text, kind, date and outlet, or why a record is unusable.

Runs inside the workers. A record that cannot be read becomes a Document with `error` set (the
place and what is wrong), so it is counted and reported, never dropped silently.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import namedtuple

from ..check.files import kind_of
from .inputs import Shard, open_binary

#: ref names the document in messages ("path" or "path: byte N"); error is None when usable.
Document = namedtuple("Document", "ref text kind date outlet error", defaults=(None,))
#: Which fields of a JSON Lines or Parquet record hold what, the kind of the text field, and the
#: outlet of documents that name none.
Fields = namedtuple(
    "Fields", "date outlet text kind default_outlet", defaults=("date", "outlet", "text", "txt", "")
)

_META = re.compile(
    r"<meta\s+(?:name|property)=[\"']([^\"']+)[\"']\s+content=[\"']([^\"']*)[\"']", re.I
)
_HTML_KEYS = {
    "date": "date",
    "article:published_time": "date",
    "dc.date": "date",
    "outlet": "outlet",
    "og:site_name": "outlet",
}


def read_shard(shard: Shard, fields: Fields):
    """Yield the Documents of a shard, in file order. A file that breaks off (a truncated
    .gz, a damaged Parquet file) ends the shard with a Document naming what went wrong."""
    if shard.kind == "files":
        for path in shard.paths:
            yield read_article(path, fields)
        return
    try:
        if shard.kind == "parquet":
            yield from _parquet(shard, fields)
        else:
            yield from _jsonl(shard, fields)
    except (OSError, EOFError, zlib.error, ValueError) as err:
        # pyarrow's errors derive from these too (ArrowInvalid is a ValueError)
        yield Document(shard.path, "", fields.kind, None, "", f"cannot be read to the end ({err})")


def read_article(path: str, fields: Fields) -> Document:
    """Read one article file; its date and outlet come from front matter or HTML meta tags."""
    kind = kind_of(path)
    try:
        with open_binary(path) as handle:
            text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Document(
            path, "", kind, None, "", f"not valid UTF-8 at byte {err.start}: save as UTF-8"
        )
    except OSError as err:
        return Document(path, "", kind, None, "", f"cannot be read ({err.strerror or err})")
    meta, body = front_matter(text) if kind != "html" else (_html_meta(text), text)
    outlet = meta.get(fields.outlet) or meta.get("outlet") or fields.default_outlet
    return Document(path, body, kind, meta.get(fields.date) or meta.get("date"), outlet)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---` front matter (its `key: value` lines) from the body, which keeps its lines
    blank in its place so the body's line numbers stay the file's.

    >>> front_matter("---\\ndate: 2005-03-07\\noutlet: '한겨레'\\n---\\n본문")
    ({'date': '2005-03-07', 'outlet': '한겨레'}, '\\n\\n\\n\\n본문')
    """
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and not key.startswith((" ", "\t", "#")):
                    meta[key.strip()] = value.strip().strip("\"'")
            return meta, "\n" * end + "\n" + "\n".join(lines[end + 1 :])
    return {}, text


def _html_meta(text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for name, content in _META.findall(text[:20000]):
        key = _HTML_KEYS.get(name.lower(), name)
        meta.setdefault(key, content)
    return meta


def _lines(shard: Shard):
    """Yield (byte offset, line) of the records starting in the shard's byte range."""
    with open_binary(shard.path) as raw:
        if shard.kind == "jsonl.gz":
            with gzip.open(raw) as handle:
                yield from _numbered(handle, 0, None)
            return
        if shard.start:  # the line holding the byte before the range is the shard before's
            raw.seek(shard.start - 1)
            raw.readline()
        yield from _numbered(raw, raw.tell(), shard.end)


def _numbered(handle, at: int, end: int | None):
    while end is None or at < end:
        line = handle.readline()
        if not line:
            break
        yield at, line
        at += len(line)


def _jsonl(shard: Shard, fields: Fields):
    for at, line in _lines(shard):
        if not line.strip():
            continue
        ref = f"{shard.path}: byte {at}"
        try:
            record = json.loads(line)
        except (UnicodeDecodeError, ValueError) as err:
            yield Document(
                ref,
                "",
                fields.kind,
                None,
                "",
                f"not a JSON record ({err}): fix the line or remove it",
            )
            continue
        yield _record(ref, record, fields)


def _record(ref: str, record, fields: Fields) -> Document:
    if not isinstance(record, dict):
        return Document(ref, "", fields.kind, None, "", "not a JSON object: one object a line")
    text = record.get(fields.text)
    if not isinstance(text, str):
        what = "no" if text is None else "a non-text"
        return Document(
            ref,
            "",
            fields.kind,
            None,
            "",
            f"{what} {fields.text!r} field: name the text field with --text-field",
        )
    outlet = record.get(fields.outlet)
    outlet = str(outlet) if outlet not in (None, "") else fields.default_outlet
    return Document(ref, text, fields.kind, record.get(fields.date), outlet)


def _parquet(shard: Shard, fields: Fields):
    import pyarrow.parquet as pq

    with open_binary(shard.path) as handle:
        table = pq.ParquetFile(handle).read_row_group(shard.start)
    names = set(table.column_names)
    columns = [c for c in (fields.text, fields.date, fields.outlet) if c in names]
    number = 0
    for batch in table.select(columns).to_batches(4096):
        for row in batch.to_pylist():
            yield _record(f"{shard.path}: row group {shard.start}, row {number}", row, fields)
            number += 1

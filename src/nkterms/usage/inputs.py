"""An archive's inputs, cut into shards a worker reads by itself (so no document text passes
through the process that plans the work, and memory stays bounded whatever the archive's size).

A shard is a byte range of a plain JSON Lines file, a whole compressed one, a Parquet row group,
or a batch of article files (.txt, .md, .html). Paths may be local or anything fsspec opens
(s3://…, gcs://…, memory://…), for which fsspec must be installed (it comes with the `dask`
extra).
"""

from __future__ import annotations

import os
from collections import namedtuple

from ..check.readers import KINDS
from ..errors import InputError, UsageError

#: kind is "jsonl" (bytes [start, end) of a plain file), "jsonl.gz" (the whole file),
#: "parquet" (row group `start`) or "files" (`paths`, article files).
Shard = namedtuple("Shard", "kind path start end paths", defaults=(0, None, ()))

ARCHIVES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz", ".parquet")


def remote(path: str) -> bool:
    """Tell whether a path names a file system other than the local one (s3://, memory://)."""
    return "://" in path and not path.startswith("file://")


def _fs(path: str):
    """Return (fsspec file system, path in it) for a remote path."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(
            f"{path}: reading this path needs fsspec: pip install 'nkterms[dask]'"
        ) from None
    return fsspec.core.url_to_fs(path)


def open_binary(path: str):
    """Open a local or fsspec path for reading bytes."""
    if remote(path):
        fs, inner = _fs(path)
        return fs.open(inner, "rb")
    return open(path.removeprefix("file://"), "rb")


def _kind_of(name: str) -> str | None:
    low = name.lower()
    for suffix in ARCHIVES:
        if low.endswith(suffix):
            return (
                "parquet"
                if suffix == ".parquet"
                else ("jsonl.gz" if low.endswith(".gz") else "jsonl")
            )
    return "file" if os.path.splitext(low)[1] in KINDS else None  # an article


class Plan:
    """What to read: the shards of every input, listed as they are needed."""

    def __init__(self, inputs: list[str], shard_bytes: int = 16 << 20, batch: int = 256):
        self.inputs, self.shard_bytes, self.batch = inputs, shard_bytes, batch
        self.skipped = 0  # files in folders of kinds nothing here reads
        for path in inputs:
            if not self._exists(path):
                raise InputError(f"{path}: no such file or folder: check the path")
            if not self._isdir(path) and _kind_of(path) is None:
                raise InputError(
                    f"{path}: not an archive nkterms reads: give a folder of .txt/.md/.html "
                    "files, JSON Lines (.jsonl, .jsonl.gz) or Parquet (.parquet)"
                )

    def _exists(self, path: str) -> bool:
        if remote(path):
            fs, inner = _fs(path)
            return fs.exists(inner)
        return os.path.exists(path.removeprefix("file://"))

    def _isdir(self, path: str) -> bool:
        if remote(path):
            fs, inner = _fs(path)
            return fs.isdir(inner)
        return os.path.isdir(path.removeprefix("file://"))

    def __iter__(self):
        """Yield the shards, input by input, files in name order."""
        for path in self.inputs:
            if self._isdir(path):
                yield from self._folder(path)
            else:
                yield from self._file(path, _kind_of(path))

    def _folder(self, root: str):
        articles: list[str] = []
        for path in self._walk(root):
            kind = _kind_of(path)
            if kind is None:
                self.skipped += 1
            elif kind != "file":
                yield from self._file(path, kind)
            else:
                articles.append(path)
                if len(articles) == self.batch:
                    yield Shard("files", root, paths=tuple(articles))
                    articles = []
        if articles:
            yield Shard("files", root, paths=tuple(articles))

    def _walk(self, root: str):
        """Yield every file under a folder, sorted, one folder listing at a time."""
        if remote(root):
            fs, inner = _fs(root)
            protocol = root.split("://", 1)[0]
            for name in sorted(fs.find(inner)):
                yield f"{protocol}://{name}" if "://" not in name else name
            return
        for folder, dirs, files in os.walk(root.removeprefix("file://")):
            dirs.sort()
            for name in sorted(files):
                yield os.path.join(folder, name)

    def _file(self, path: str, kind: str):
        if kind == "jsonl.gz":
            yield Shard(kind, path)
        elif kind == "parquet":
            yield from (Shard(kind, path, group) for group in range(_row_groups(path)))
        else:
            size = _size(path)
            for start in range(0, max(size, 1), self.shard_bytes):
                yield Shard(kind, path, start, min(start + self.shard_bytes, size))


def _size(path: str) -> int:
    if remote(path):
        fs, inner = _fs(path)
        return fs.size(inner)
    return os.path.getsize(path.removeprefix("file://"))


def _row_groups(path: str) -> int:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            f"{path}: reading Parquet needs pyarrow, which is not installed: pip install pyarrow"
        ) from None
    with open_binary(path) as handle:
        try:
            return pq.ParquetFile(handle).num_row_groups
        except Exception as err:  # pyarrow raises its own ArrowInvalid and OSError kinds
            raise InputError(
                f"{path}: not a readable Parquet file ({err}): check the file"
            ) from err

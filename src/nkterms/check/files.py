"""Which files to check, and reading them in bounded memory, block by block."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator

from ..errors import InputError
from .readers import KINDS

BLOCK = 1 << 20  # bytes per block: a 1 GB file is checked about 1 MB at a time
_BOM = b"\xef\xbb\xbf"


class Selection:
    """The files to check, what folders held that cannot be checked, and folders not read.

    (A plain class: `dataclasses` imports `inspect`, 10 ms on every cold start.)"""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.skipped: dict[str, Counter] = {}  # folder -> extension -> count
        self.errors: list[str] = []

    def notes(self) -> list[str]:
        """Say, per folder, how many files of which kinds were left out and how to fix that."""
        out = []
        for folder, kinds in self.skipped.items():
            count = sum(kinds.values())
            named = [f"{k} ×{n}" if n > 1 else k for k, n in kinds.most_common(6)]
            if len(kinds) > 6:
                named[-1] = "…"
            out.append(
                f"{folder}: skipped {count} file{'s' if count > 1 else ''} of kinds it cannot "
                f"read ({', '.join(named)}): convert them to .txt, .md or .html"
            )
        return out


def expand(paths: list[str]) -> Selection:
    """Return the files to check: files as given, folders searched for .txt .md .html.

    A folder's other files are counted by extension (hidden files and folders aside), and a
    folder that cannot be listed is an error, so nothing is left out without a word.
    """
    selection = Selection()

    def unreadable(err: OSError) -> None:
        selection.errors.append(
            f"{err.filename}: cannot list this folder ({err.strerror}): check its permissions"
        )

    for path in paths:
        if path == "-" or not os.path.isdir(path):
            selection.files.append(path)
            continue
        skipped: Counter = Counter()
        for folder, subfolders, names in os.walk(path, onerror=unreadable):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(names):
                extension = os.path.splitext(name)[1].lower()
                if extension in KINDS:
                    selection.files.append(os.path.join(folder, name))
                elif not name.startswith("."):
                    skipped[extension or "(no extension)"] += 1
        if skipped:
            selection.skipped[path] = skipped
    return selection


def kind_of(path: str, forced: str | None = None) -> str:
    """Return txt, md or html for a path."""
    return forced or KINDS.get(os.path.splitext(path)[1].lower(), "txt")


_OPEN_ERRORS = {
    errno.ENOENT: "file not found: check the path",
    errno.EISDIR: "is a folder: give a file, or the folder alone to check the articles in it",
    errno.EACCES: "permission denied: check the file's permissions",
    errno.EPERM: "permission denied: check the file's permissions",
    errno.ELOOP: "symbolic link loop: fix or remove the link",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.ENAMETOOLONG: "name too long: check the path",
}


def _open(path: str):
    """Open a file to read bytes, or stdin for "-"; raise InputError saying why it cannot be."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")  # noqa: SIM115 (closed by blocks())
    except OSError as err:
        why = _OPEN_ERRORS.get(err.errno, f"cannot read it ({err.strerror}): check the path")
        if err.errno == errno.ENOENT and os.path.islink(path):
            why = f"broken symbolic link (to {os.readlink(path)}): fix or remove the link"
        raise InputError(f"{path}: {why}") from err


def blocks(path: str) -> Iterator[bytes]:
    """Yield the file's bytes in blocks; raise InputError for unreadable input.

    A block ends after a line break (LF, CRLF or a lone CR), so none splits a character or a
    CRLF; only a line longer than BLOCK is cut inside, at a character boundary (the checker
    reads across such cuts). A UTF-8 byte-order mark is dropped, so columns count from after
    it. Decoding (and the check that the text is UTF-8) is the checker's.
    """
    handle = _open(path)
    try:
        data = _read(handle, path)
        _refuse_other_encodings(path, data)
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
        pending = b""
        while data:
            data = pending + data
            cut = _last_break(data)
            if not cut and len(data) >= BLOCK:  # a line longer than a block
                cut = _char_boundary(data)
            pending = data[cut:]
            if cut:
                yield data[:cut]
            data = _read(handle, path)
        if pending:
            yield pending
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _ends_line(block: bytes) -> bool:
    return block.endswith((b"\n", b"\r"))


def with_context(blocks: Iterable[bytes], size: int) -> Iterator[tuple[bytes, bytes, bool]]:
    """Yield (block, after, inside) for each block: `after` holds up to `size` bytes of what
    follows a block that ends inside a line (b"" after a line break), and `inside` tells that
    the block starts inside a line. At most a block or two are held ahead."""
    source, queue, inside = iter(blocks), deque(), False
    while True:
        if not queue:
            block = next(source, None)
            if block is None:
                return
            queue.append(block)
        block, after = queue.popleft(), b""
        if not _ends_line(block):
            have = sum(map(len, queue))
            while have < size and not (queue and (b"\n" in queue[-1] or b"\r" in queue[-1])):
                more = next(source, None)
                if more is None:
                    break
                queue.append(more)
                have += len(more)
            after = b"".join(queue)[:size]
        yield block, after, inside
        inside = not _ends_line(block)


def _read(handle, path: str) -> bytes:
    try:
        return handle.read(BLOCK)
    except OSError as err:
        raise InputError(f"{path}: cannot read it ({err.strerror}): check the path") from err


def _last_break(data: bytes) -> int:
    """Where the last whole line of `data` ends (0: none). A CR as the last byte may be the
    first half of a CRLF, so it waits for the next block."""
    return max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1


def _char_boundary(data: bytes) -> int:
    """A cut near the end of `data` that splits no UTF-8 sequence and no CRLF: before the
    last character (it starts the next block)."""
    end = len(data) - 1 if data.endswith(b"\r") else len(data)
    if end and data[end - 1] < 0x80:
        return end
    for back in range(1, 5):  # a UTF-8 sequence has at most three continuation bytes
        if end - back > 0 and not 0x80 <= data[end - back] <= 0xBF:
            return end - back
    return end  # not UTF-8 here: the checker says so


_WIDE = (  # byte-order mark, encoding, the name iconv knows it by
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with a byte-order mark)", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with a byte-order mark)", "UTF-32"),
    (b"\xff\xfe", "UTF-16 (little-endian, with a byte-order mark)", "UTF-16"),
    (b"\xfe\xff", "UTF-16 (big-endian, with a byte-order mark)", "UTF-16"),
)
_NO_BOM = (  # codec, encoding, iconv's name, which bytes are NUL in ASCII characters
    ("utf-32-le", "UTF-32 (little-endian)", "UTF-32LE", slice(3, None, 4)),
    ("utf-32-be", "UTF-32 (big-endian)", "UTF-32BE", slice(0, None, 4)),
    ("utf-16-le", "UTF-16 (little-endian)", "UTF-16LE", slice(1, None, 2)),
    ("utf-16-be", "UTF-16 (big-endian)", "UTF-16BE", slice(0, None, 2)),
)
_SPACE = re.compile(r"\s")  # text has spaces or line breaks; binary data that decodes rarely
_CONTROLS = frozenset(map(chr, range(32))) - set("\t\n\r\f\v\x1b")


def wide_encoding(head: bytes) -> tuple[str, str] | None:
    """Name the encoding of text in UTF-16 or UTF-32, and how iconv calls it, or return None.

    Found by the byte-order mark, else by the NUL bytes such text has (ASCII characters in
    UTF-16 are half NUL): the start must then decode as text with spaces or line breaks and
    without control characters.

    >>> wide_encoding("탈북자\\n".encode("utf-16"))[1], wide_encoding("a b\\n".encode("utf-16-be"))
    ('UTF-16', ('UTF-16 (big-endian)', 'UTF-16BE'))
    >>> wide_encoding(b"\\x00\\x01\\x02\\x03"), wide_encoding("탈북자".encode())
    (None, None)
    """
    for bom, name, iconv in _WIDE:
        if head.startswith(bom):
            return name, iconv
    sample = head[: min(len(head), 8192) // 4 * 4]
    if b"\0" not in sample:
        return None
    for codec, name, iconv, ascii_nul in _NO_BOM:
        # Most NUL bytes sit where ASCII characters have theirs (all of them, for UTF-32).
        nul = sample[ascii_nul].count(0)
        if codec.startswith("utf-32"):
            if nul < len(sample) // 4:
                continue
        elif nul <= (sample.count(0) - nul) * 4:
            continue
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError as err:  # a pair of surrogates cut by the sample's end
            if err.start < len(sample) - 4:
                continue
            text = sample[: err.start].decode(codec)
        if "\0" not in text and not _CONTROLS.intersection(text) and _SPACE.search(text):
            return name, iconv
    return None


def _refuse_other_encodings(path: str, head: bytes) -> None:
    """Raise InputError for UTF-16 / UTF-32 text (named, with the command that converts it)
    and for binary files."""
    import shlex

    wide = wide_encoding(head)
    if wide:
        name, iconv = wide
        if path == "-":
            fix = f"convert it with `iconv -f {iconv} -t UTF-8 | nkterms check -`"
        else:
            root, extension = os.path.splitext(path)
            target = f"{root}-utf8{extension or '.txt'}"
            fix = (
                f"convert it with `iconv -f {iconv} -t UTF-8 {shlex.quote(path)} > "
                f"{shlex.quote(target)}` and check {target}"
            )
        raise InputError(f"{path}: {name} text, not UTF-8: {fix}")
    if b"\0" in head[:8192]:
        raise InputError(
            f"{path}: binary file (it holds NUL bytes): give a text file (.txt, .md or .html)"
        )

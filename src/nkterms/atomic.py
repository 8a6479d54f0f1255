"""One atomic writer for every file nkterms writes: a temporary file beside the target, renamed
over it only once it is complete, and removed whatever goes wrong.

A reader never sees a half-written file, and a failed or interrupted write leaves the previous
file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_bytes(target: str | os.PathLike, data: bytes, mode: int = 0o644) -> None:
    """Write `data` to `target` atomically; raise InputError when the target cannot be written.

    A symbolic link is followed: the file it points to is replaced, not the link.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_bytes(folder / "a.txt", b"one")
    >>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'one', ['a.txt'])
    """
    link, target = Path(target), Path(os.path.realpath(target))
    if target.is_symlink():  # realpath stops at a link it cannot follow: a loop
        raise InputError(f"{link}: symbolic link loop: fix or remove the link")
    if target.is_dir():
        raise InputError(f"{target}: is a folder: give a file name to write to")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(
            f"{target}: cannot write here ({err.strerror}): choose another path"
        ) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise InputError(
                f"{target}: cannot write here ({err.strerror}): choose another path"
            ) from err
        raise


def write_text(target: str | os.PathLike, text: str, mode: int = 0o644) -> None:
    """Write `text` as UTF-8 (newlines as given) to `target` atomically."""
    write_bytes(target, text.encode("utf-8"), mode)

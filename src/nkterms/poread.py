"""Read a translator's .po file at least as strictly as GNU `msgfmt --check`, then with babel.

babel's reader, like polib's, is lenient: it reads an unterminated string with its last
character cut off, keeps one of two duplicate entries, and passes unknown escapes through. So the
file is first read by GNU gettext's grammar (`posyntax`) and checked as `msgfmt --check` checks
it (duplicates, header, plural forms, line breaks, format flags), then parsed by babel, and the
two readings must agree entry for entry before anything is imported.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from .errors import PoFileError
from .posyntax import Entry, fail, parse

_MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
_FORMAT_FLAG = re.compile(r"(?!no-)[a-z0-9+-]+-format")
_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*")


@dataclass(frozen=True)
class PoFile:
    """A .po file read and checked: its entries (the header and obsolete ones included)."""

    path: str
    entries: list[Entry]
    header: Entry

    def field(self, name: str) -> tuple[str, int, int] | None:
        """Return a header field's value and the line and column of its string, or None."""
        text, offset = self.header.msgstr, 0
        for row in text.split("\n"):
            key, colon, value = row.partition(":")
            if colon and key.strip().lower() == name.lower():
                return (value.strip(), *self._place(offset))
            offset += len(row) + 1
        return None

    def _place(self, offset: int) -> tuple[int, int]:
        """Return the line and column of the msgstr string holding character `offset`."""
        for line, col, piece in self.header.pieces:
            if offset < len(piece):
                return line, col
            offset -= len(piece)
        return self.header.msgstr_at

    def messages(self) -> list[Entry]:
        """Return the entries a translator translates: neither the header nor obsolete ones."""
        return [e for e in self.entries if not e.obsolete and e is not self.header]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError as err:
        raise PoFileError(
            f"{path}: is a folder: give the .po file(s) in it, "
            "e.g. locales/en/LC_MESSAGES/nkterms.po"
        ) from err
    except FileNotFoundError as err:
        raise PoFileError(f"{path}: no such file: check the path") from err
    except OSError as err:
        raise PoFileError(f"{path}: cannot read it ({err.strerror}): check the path") from err


def decode(path, data: bytes) -> str:
    """Return the text of a .po file; refuse anything but UTF-8, naming the first bad byte."""
    if data[:4] in _MO_MAGIC:
        raise PoFileError(f"{path}: is a compiled .mo catalog: give the .po file it was made from")
    if data.startswith(codecs.BOM_UTF8):
        raise fail(
            path,
            1,
            1,
            "the file starts with a byte-order mark, which GNU msgfmt refuses",
            "save it as UTF-8 without BOM",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        start = data.rfind(b"\n", 0, err.start) + 1
        col = len(data[start : err.start].decode("utf-8", "replace")) + 1
        raise fail(
            path,
            data.count(b"\n", 0, err.start) + 1,
            col,
            f"byte 0x{data[err.start]:02x} is not UTF-8",
            "convert the file with `msgconv --to-code=UTF-8` (nkterms reads UTF-8 catalogs)",
        ) from err


def _name(e: Entry) -> str:
    """Return how an entry is named in messages: its msgctxt and msgid, or "the header"."""
    if e.msgid == "" and e.context is None:
        return 'the header entry (msgid "")'
    return (
        f"msgctxt {e.context!r} msgid {e.msgid!r}"
        if e.context is not None
        else f"msgid {e.msgid!r}"
    )


def _entry_problems(path, entries: list[Entry]) -> list[str]:
    """Return what msgfmt --check refuses in the entries, one message per problem."""
    problems, seen = [], {}
    for e in entries:
        where = f"{path}:{e.line}:{e.col}"
        key = (e.context, e.msgid)
        if key in seen:
            problems.append(
                f"{where}: {_name(e)} is there twice (first at line {seen[key]}): keep one of them"
            )
        seen.setdefault(key, e.line)
        if e.obsolete:
            continue
        if e.plural is not None:
            problems.append(f"{where}: a plural entry: nkterms catalogs have none: remove it")
        elif e.msgid == "" and e.context is not None:
            problems.append(
                f"{where}: an empty msgid with a msgctxt, which babel reads as the header: remove it"
            )
        flags = sorted(f for f in e.flags if _FORMAT_FLAG.fullmatch(f))
        if flags:
            problems.append(
                f"{where}: flag {flags[0]!r}: glossary renderings are not format strings: "
                "remove the flag"
            )
        if e.msgid and e.msgstr and not e.fuzzy:
            for end, name in ((0, "begin"), (-1, "end")):
                if (e.msgid[end] == "\n") != (e.msgstr[end] == "\n"):
                    problems.append(
                        f"{where}: msgid and msgstr do not both {name} with a line break (\\n): "
                        "make them agree"
                    )
    return problems


def _plural_problem(value: str) -> str | None:
    """Return what is wrong with a Plural-Forms value, as msgfmt checks it, or None."""
    match = _PLURAL_FORMS.fullmatch(value)
    if not match:
        return f"Plural-Forms {value!r} does not read 'nplurals=N; plural=EXPRESSION;'"
    count = int(match.group(1))
    import gettext  # cold start: only a header with Plural-Forms needs the C expression parser

    try:
        plural = gettext.c2py(match.group(2))
    except (ValueError, RecursionError) as err:
        return f"invalid plural expression {match.group(2)!r} ({err})"
    for n in range(1001):
        try:
            form = plural(n)
        except ZeroDivisionError:
            return f"the plural expression divides by zero for n = {n}"
        if not 0 <= form < count:
            return f"the plural expression gives {form} for n = {n}, but nplurals = {count}"
    return None


def _header_problems(po: PoFile, text: str) -> list[str]:
    problems = []
    content_type = po.field("Content-Type")
    if content_type and not text.isascii():
        match = re.search(r"charset=([^\s;]+)", content_type[0])
        charset = match.group(1) if match else ""
        if charset.lower() not in ("utf-8", "utf8"):
            problems.append(
                f"{po.path}:{content_type[1]}:{content_type[2]}: the header says "
                f"charset={charset or '(none)'} but the file is UTF-8: set charset=UTF-8"
            )
    plural_forms = po.field("Plural-Forms")
    if plural_forms and (problem := _plural_problem(plural_forms[0])):
        problems.append(
            f"{po.path}:{plural_forms[1]}:{plural_forms[2]}: {problem}: write it as the .pot "
            "does, e.g. nplurals=2; plural=(n != 1);"
        )
    return problems


def _babel(path, text: str, obsolete: set[int]):
    """Return babel's catalog of the text, obsolete lines left out (they are not imported)."""
    from babel.messages.pofile import PoFileError as BabelError
    from babel.messages.pofile import read_po

    lines = ["" if n in obsolete else raw for n, raw in enumerate(text.split("\n"), 1)]
    try:
        return read_po(io.StringIO("\n".join(lines)), abort_invalid=True)
    except BabelError as err:
        raise fail(
            path, err.lineno + 1, 1, f"babel cannot read this: {err}", "fix the line"
        ) from err
    except (ValueError, LookupError) as err:
        raise fail(path, 1, 1, f"babel cannot read the header: {err}", "fix the header") from err


def _agree(po: PoFile, catalog) -> None:
    """Refuse the file unless babel reads every entry as the strict reader does."""
    ours = po.messages()
    theirs = [m for m in catalog if m.id]
    pairs = zip_longest(ours, theirs)
    for k, (mine, babel) in enumerate(pairs):
        a = mine and (mine.context, mine.msgid, mine.msgstr, mine.fuzzy)
        b = babel and (babel.context, babel.id, babel.string, babel.fuzzy)
        if a != b:
            at = mine or (ours[-1] if ours else po.header)
            raise fail(
                po.path,
                at.line,
                at.col,
                f"entry {k + 1} reads {a!r} by gettext's rules but {b!r} by babel",
                "write the entry one keyword per line, as `nkterms build` does",
            )


def read(path: str | os.PathLike) -> PoFile:
    """Read and check a .po file; a problem raises PoFileError with its line and column."""
    path = Path(path)
    text = decode(path, _read_bytes(path))
    entries, obsolete = parse(path, text)
    header = next(
        (e for e in entries if not e.obsolete and e.msgid == "" and e.context is None), None
    )
    problems = _entry_problems(path, entries)
    if header is None or not header.msgstr:  # msgfmt takes an empty header for none at all
        line, col = (header.line, header.col) if header else (1, 1)
        problems.insert(
            0,
            f'{path}:{line}:{col}: no header entry (msgid "" with Language and Content-Type): '
            "start the file from nkterms.pot with `msginit`, or export it again from your tool",
        )
    else:
        problems += _header_problems(PoFile(str(path), entries, header), text)
    if problems:
        raise PoFileError("\n".join(problems))
    po = PoFile(str(path), entries, header)
    _agree(po, _babel(path, text, obsolete))
    return po

"""The PO grammar of GNU gettext, read strictly: lines to tokens to entries, with positions.

Stricter than msgfmt in layout (one keyword or string per line, a space after each keyword, no
escape that babel would read differently), never looser: every file msgfmt refuses is refused
here with `path:line:col: what is wrong: how to fix`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import PoFileError

# Escapes that msgfmt and babel decode alike; msgfmt also takes \' \? octal and hex, which
# babel would keep as written, so those are refused rather than read two ways.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPES.update({"\\": "\\", '"': '"'})
_C_ONLY_ESCAPES = "'?01234567x"
_SPACE = " \t\f\v"
_PLAIN = re.compile(r'[^"\\\0]+')  # string characters that stand for themselves
# babel splits a keyword from its string at the first space, so a space (not a tab) must follow.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(\[(0|[1-9][0-9]*)\])? +(?=\")")


@dataclass
class Entry:
    """One entry of a .po file: its strings, flags and where each keyword is."""

    line: int = 0
    col: int = 1
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    msgstr: str | None = None
    plurals: list[str] = field(default_factory=list)
    flags: frozenset[str] = frozenset()
    obsolete: bool = False
    msgstr_at: tuple[int, int] = (0, 0)
    pieces: list[tuple[int, int, str]] = field(default_factory=list)  # msgstr strings, placed

    @property
    def fuzzy(self) -> bool:
        """Return whether the translator marked the entry for review."""
        return "fuzzy" in self.flags

    @property
    def complete(self) -> bool:
        """Return whether the entry has its msgid and its msgstr(s)."""
        return self.msgid is not None and (self.msgstr is not None or bool(self.plurals))


def fail(path, line: int, col: int, what: str, fix: str) -> PoFileError:
    """Return the error for a problem at `path:line:col`, worded `what: fix`."""
    return PoFileError(f"{path}:{line}:{col}: {what}: {fix}")


def _string(path, number: int, line: str, start: int) -> tuple[str, int]:
    """Decode the quoted string opening at `line[start]`; return it and the index after it."""
    out, j = [], start + 1
    while j < len(line):
        plain = _PLAIN.match(line, j)
        if plain:
            out.append(plain.group())
            j = plain.end()
            continue
        ch = line[j]
        if ch == '"':
            return "".join(out), j + 1
        if ch == "\\":
            esc = line[j + 1 : j + 2]
            if esc in _ESCAPES:
                out.append(_ESCAPES[esc])
                j += 2
                continue
            if esc and esc in _C_ONLY_ESCAPES:
                raise fail(
                    path,
                    number,
                    j + 1,
                    f"escape '\\{esc}…': octal, hex, \\' and \\? escapes are read as written "
                    "by babel and polib",
                    "write the character itself",
                )
            if esc:
                raise fail(
                    path,
                    number,
                    j + 1,
                    f"invalid escape '\\{esc}'",
                    'write \\\\ for a backslash, \\" for a quote, \\n for a line break',
                )
            break
        # C tools end a string at NUL: msgfmt would compile a shorter one.
        raise fail(path, number, j + 1, "the control character NUL inside a string", "remove it")
    raise fail(
        path,
        number,
        start + 1,
        "string not closed before the end of the line",
        'end it with " on the same line; continue a long text on a new line that starts with "',
    )


def _rest(path, number: int, line: str, j: int) -> None:
    """Refuse anything after a string on its line but spaces."""
    while j < len(line) and line[j] in _SPACE:
        j += 1
    if j == len(line):
        return
    if line[j] == "#":
        raise fail(path, number, j + 1, "a comment after a string", "put it on its own line")
    if line[j] == "\r":
        raise fail(
            path,
            number,
            j + 1,
            "a carriage return inside a line",
            "save the file with LF or CRLF line endings",
        )
    raise fail(
        path,
        number,
        j + 1,
        f"unexpected text {line[j : j + 20]!r} after the closing quote",
        'put each keyword on its own line, and escape a quote inside a string as \\"',
    )


@dataclass(frozen=True)
class _Line:
    number: int
    col: int
    prefix: str  # "" or "#~" (obsolete), "#|" / "#~|" (previous msgid), "#" (a comment)
    keyword: str = ""  # "" for a string that continues the previous keyword
    index: int | None = None  # N of msgstr[N]
    text: str = ""


def _lex(path, number: int, raw: str) -> _Line | None:
    """Return the token on one physical line, or None for a blank line."""
    line = raw[:-1] if raw.endswith("\r") else raw
    i = len(line) - len(line.lstrip(_SPACE))
    if i == len(line):
        return None
    if line[i] == "\r":
        raise fail(
            path,
            number,
            i + 1,
            "a carriage return inside a line",
            "save the file with LF or CRLF line endings",
        )
    if line[i] == "#" and line.endswith("\\"):  # gettext joins the next line to it
        raise fail(
            path,
            number,
            len(line),
            "a comment ends with a backslash, which gettext reads as joining the next line",
            "remove the backslash or add a space after it",
        )
    prefix = ""
    if line[i] == "#":
        prefix = next((p for p in ("#~|", "#~", "#|") if line.startswith(p, i)), "#")
        if prefix == "#":
            return _Line(number, i + 1, "#", text=line[i:])
        i += len(prefix)
        while i < len(line) and line[i] in _SPACE:
            i += 1
        if i == len(line):
            return _Line(number, i + 1, "#", text=line)
    if line[i] == '"':
        text, end = _string(path, number, line, i)
        _rest(path, number, line, end)
        return _Line(number, i + 1, prefix, text=text)
    match = _KEYWORD.match(line, i)
    if match is None:
        word = re.match(r"[^\s\"]*", line[i:]).group(0) or line[i]
        if word in ("msgctxt", "msgid", "msgid_plural", "msgstr") or word.startswith("msgstr["):
            raise fail(
                path,
                number,
                i + 1,
                f"{word} is not followed by a space and a quoted string",
                f'write {word} "…" on one line',
            )
        raise fail(
            path,
            number,
            i + 1,
            f"unknown keyword {word!r}",
            "a line holds msgctxt, msgid, msgstr or a quoted string, or starts with #",
        )
    text, end = _string(path, number, line, match.end())
    _rest(path, number, line, end)
    index = int(match.group(3)) if match.group(3) is not None else None
    return _Line(number, i + 1, prefix, match.group(1), index, text)


class _Reader:
    """Assemble lexed lines into entries by the PO grammar, as msgfmt's parser does."""

    def __init__(self, path):
        self.path = path
        self.entries: list[Entry] = []
        self.cur: Entry | None = None
        self.last = ""  # the keyword a string line continues; "" when none may follow
        self.flags: set[str] = set()
        self.previous = ""  # the last keyword of "#|" lines (the msgid before a change)
        self.previous_obsolete = False
        self.previous_at: _Line | None = None

    def _fail(self, at: _Line | Entry, what: str, fix: str) -> PoFileError:
        line = at.number if isinstance(at, _Line) else at.line
        return fail(self.path, line, at.col, what, fix)

    def _close(self) -> None:
        """End the entry in progress: it must have its msgstr."""
        cur, self.cur, self.last = self.cur, None, ""
        if cur is None:
            return
        if cur.msgid is None:
            raise self._fail(cur, "msgctxt with no msgid after it", 'add msgid "…" and msgstr "…"')
        if not cur.complete:
            raise self._fail(
                cur,
                f"msgid {cur.msgid!r} has no msgstr",
                'add a msgstr line after it (msgstr "" leaves it untranslated)',
            )
        self.entries.append(cur)

    def feed(self, tok: _Line) -> None:
        """Take the next non-blank line."""
        if tok.prefix in ("#|", "#~|"):
            self._close()
            self._previous(tok)
            return
        if self.previous == "msgctxt":
            raise self._fail(
                self.previous_at, "#| msgctxt with no #| msgid after it", 'add #| msgid "…"'
            )
        if self.previous and tok.prefix == "#":
            raise self._fail(
                tok,
                "a comment between the previous msgid (#| lines) and its entry",
                "move it above the #| lines",
            )
        if self.previous and self.previous_obsolete != (tok.prefix == "#~"):
            raise self._fail(tok, "inconsistent use of #~", "write #~| before an obsolete entry")
        self.previous = ""
        if tok.prefix == "#":
            self._close()
            if tok.text.startswith("#,"):
                self.flags.update(self._flags(tok))
        elif tok.keyword:
            self._keyword(tok)
        else:
            self._continue(tok)

    def _previous(self, tok: _Line) -> None:
        """Take a `#|` line: [msgctxt] msgid [msgid_plural], each with its strings."""
        allowed = {"": "msgctxt msgid", "msgctxt": "msgid", "msgid": "msgid_plural"}
        if not tok.keyword and self.previous:
            return
        if tok.keyword not in allowed.get(self.previous, "").split() or tok.index is not None:
            raise self._fail(
                tok,
                f"{tok.prefix} {tok.keyword or 'string'} out of place",
                f"{tok.prefix} lines hold [msgctxt], msgid and [msgid_plural], in that order",
            )
        obsolete = tok.prefix == "#~|"
        if self.previous and self.previous_obsolete != obsolete:
            raise self._fail(tok, "inconsistent use of #~", "write #~| or #|, not both")
        self.previous, self.previous_obsolete, self.previous_at = tok.keyword, obsolete, tok

    def _flags(self, tok: _Line) -> set[str]:
        """Return the flags of a `#,` line, which gettext and babel must split alike."""
        rest = tok.text[2:]
        gnu = {f for f in re.split(r"[\n \t\r\f\v,]+", rest) if f}
        babel = {f.strip() for f in rest.split(",")} - {""}
        if gnu != babel:
            raise self._fail(
                tok,
                f"flags {rest.strip()!r} are split one way by gettext, another by babel",
                "separate flags with commas, e.g. #, fuzzy, no-c-format",
            )
        return gnu

    def _start(self, tok: _Line) -> Entry:
        if self.cur is not None:
            self._close()
        self.cur = Entry(tok.number, tok.col, flags=frozenset(self.flags))
        self.cur.obsolete = tok.prefix == "#~"
        self.flags = set()
        return self.cur

    def _keyword(self, tok: _Line) -> None:
        kw, cur = tok.keyword, self.cur
        if kw == "msgctxt" or (kw == "msgid" and (cur is None or cur.msgid is not None)):
            cur = self._start(tok)
        elif kw != "msgid" and (cur is None or cur.msgid is None):
            raise self._fail(tok, f"{kw} with no msgid before it", f'add msgid "…" before {kw}')
        if cur.obsolete != (tok.prefix == "#~"):
            raise self._fail(
                tok, "inconsistent use of #~", "mark every line of the entry #~, or none"
            )
        if kw == "msgctxt":
            cur.context = tok.text
        elif kw == "msgid":
            cur.msgid, cur.line, cur.col = tok.text, tok.number, tok.col
        elif kw == "msgid_plural":
            if cur.plural is not None or cur.msgstr is not None or cur.plurals:
                raise self._fail(tok, "msgid_plural out of place", "it follows msgid, once")
            cur.plural = tok.text
        elif tok.index is None:
            self._msgstr(tok, cur)
        else:
            if cur.plural is None or tok.index != len(cur.plurals):
                raise self._fail(
                    tok,
                    f"msgstr[{tok.index}] out of place",
                    "msgstr[0], msgstr[1], … follow msgid_plural, in order",
                )
            cur.plurals.append(tok.text)
        self.last = kw

    def _msgstr(self, tok: _Line, cur: Entry) -> None:
        if cur.plural is not None:
            raise self._fail(
                tok, "msgstr in an entry with msgid_plural", "write msgstr[0], msgstr[1], …"
            )
        if cur.msgstr is not None:
            raise self._fail(tok, "a second msgstr in one entry", "remove one of them")
        cur.msgstr, cur.msgstr_at = tok.text, (tok.number, tok.col)
        cur.pieces = [(tok.number, tok.col, tok.text)]

    def _continue(self, tok: _Line) -> None:
        cur = self.cur
        if cur is None or not self.last:
            raise self._fail(
                tok, "a string with no keyword before it", "start it with msgid or msgstr"
            )
        if cur.obsolete != (tok.prefix == "#~"):
            raise self._fail(
                tok, "inconsistent use of #~", "mark every line of the entry #~, or none"
            )
        if self.last == "msgctxt":
            cur.context += tok.text
        elif self.last == "msgid":
            cur.msgid += tok.text
        elif self.last == "msgid_plural":
            cur.plural += tok.text
        elif self.last == "msgstr" and not cur.plurals:
            cur.msgstr += tok.text
            cur.pieces.append((tok.number, tok.col, tok.text))
        else:
            cur.plurals[-1] += tok.text

    def finish(self) -> list[Entry]:
        """Return the entries, once the last one is complete."""
        self._close()
        if self.previous:
            raise self._fail(
                self.previous_at,
                "the file ends after a previous msgid (#| lines)",
                "add the entry it belongs to, or remove them",
            )
        return self.entries


def parse(path, text: str) -> tuple[list[Entry], set[int]]:
    """Return the entries of a .po file's text and the numbers of its obsolete (#~) lines."""
    reader = _Reader(path)
    obsolete = set()
    for number, raw in enumerate(text.split("\n"), 1):
        tok = _lex(path, number, raw)
        if tok is not None:
            reader.feed(tok)
            if tok.prefix.startswith("#~"):
                obsolete.add(number)
    return reader.finish(), obsolete

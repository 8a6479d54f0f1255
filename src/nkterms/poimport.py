"""`nkterms import`: merge translators' msgstr edits from .po files back into the glossary YAML."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from . import schema
from .atomic import write_text
from .catalogs import languages
from .errors import EditError, GlossaryError, InputError, NktermsError, PoFileError, UsageError
from .glossary import Glossary
from .paths import shipped_root
from .poread import PoFile, read
from .posyntax import Entry, fail
from .yamledit import set_rendering
from .yamlpos import read_documents

# The glossary schema's pattern for a rendering's language key (BCP 47, as catalogs name them).
_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?")
_SOURCE_LANGUAGE = "ko"


@dataclass(frozen=True)
class Change:
    """One rendering to set: where the term is, the old and new text, and the .po entry."""

    path: str
    line: int
    term: str
    lang: str
    old: str | None
    new: str
    where: str = ""  # the .po file and line the new text comes from
    sources: tuple[str, ...] = ()  # the sources of the old rendering, which the new one lacks

    def __str__(self) -> str:
        old = repr(self.old) if self.old is not None else "(none)"
        note = ""
        if self.sources:
            note = f" (was sourced by {', '.join(self.sources)}; now a translator's rendering)"
        return f"{self.path}:{self.line}: {self.term}: {self.lang}: {old} -> {self.new!r}{note}"

    def as_dict(self) -> dict:
        """Return the change as a JSON-ready mapping."""
        return {**asdict(self), "sources": list(self.sources)}


@dataclass(frozen=True)
class Skipped:
    """A .po entry not applied: where, which term, what kind of reason, and the reason."""

    where: str
    term: str
    reason: str
    kind: str = ""  # "fuzzy", "unknown-term" or "msgid-changed"

    def __str__(self) -> str:
        return f"{self.where}: {self.term}: not applied: {self.reason}"

    def as_dict(self) -> dict:
        """Return the skipped entry as a JSON-ready mapping."""
        return asdict(self)


def _tag(value: str) -> str | None:
    """Return the BCP 47 tag of a Language value CLDR knows (`pt_BR` → `pt-BR`), else None."""
    from babel import Locale, UnknownLocaleError

    written = value.replace("_", "-")
    try:
        tag = str(Locale.parse(value.replace("-", "_"))).replace("_", "-")
    except (ValueError, UnknownLocaleError):
        return None
    # Locale.parse expands some codes ("und" → en_US): keep only a tag that is what was written.
    return tag if tag.lower() == written.lower() and _TAG.fullmatch(tag) else None


def language(po: PoFile, known: list[str]) -> str:
    """Return the language of a .po file (its Language header, else its LC_MESSAGES folder)."""
    found = po.field("Language")
    if found and found[0]:
        value, line, col = found
    else:
        parts = Path(po.path).resolve().parts
        if len(parts) < 3 or parts[-2] != "LC_MESSAGES":
            raise fail(
                po.path,
                po.header.line,
                po.header.col,
                "the PO file names no language",
                'add a Language header line, e.g. "Language: en\\n"',
            )
        value, (line, col) = parts[-3], po.header.msgstr_at
    tag = value.replace("_", "-") if value.replace("_", "-") in known else _tag(value)
    has = ", ".join(known) or "none yet"
    if tag is not None and tag.split("-")[0] == _SOURCE_LANGUAGE:
        raise fail(
            po.path,
            line,
            col,
            f"Language {value!r} is the glossary's source language, so the file has no renderings",
            f"set Language to the language of the msgstr texts (the glossary has {has})",
        )
    if tag is None:
        raise fail(
            po.path,
            line,
            col,
            f"Language {value!r} is not a language the glossary has ({has})",
            "set the Language header to one of them, or to a language code CLDR knows",
        )
    return tag


def _text_problem(text: str) -> str | None:
    """Return why `text` cannot be a rendering (a rendering is one line of text), or None."""
    for ch in text:
        if ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
            return f"msgstr holds a line break ({ch!r}), and a rendering is one line"
        if unicodedata.category(ch) == "Cc":
            return f"msgstr holds the control character U+{ord(ch):04X}"
    return None


def _consider(glossary: Glossary, po: PoFile, entry: Entry, lang: str):
    """Return the Change an entry asks for, the Skipped it is, or None (untranslated)."""
    where = f"{po.path}:{entry.line}"
    term_id = entry.context or ""
    if entry.fuzzy and entry.msgstr:
        return Skipped(
            where,
            term_id or "(no msgctxt)",
            f"fuzzy {entry.msgstr!r} (marked for review): check it, remove the fuzzy flag, "
            "and import again",
            "fuzzy",
        )
    try:
        term = glossary.term(term_id)
    except KeyError:
        term = None
    if term is None or term.lang != _SOURCE_LANGUAGE:
        return Skipped(where, term_id or "(no msgctxt)", "unknown term id", "unknown-term")
    if entry.msgid != term.form:
        return Skipped(
            where,
            term_id,
            f"msgid {entry.msgid!r} no longer matches the glossary's {term.form!r}: "
            "build the catalogs again",
            "msgid-changed",
        )
    if not entry.msgstr or entry.fuzzy:
        return None
    if problem := _text_problem(entry.msgstr):
        raise fail(
            po.path, *entry.msgstr_at, problem, "write the rendering on one line, without it"
        )
    current = next((r for r in term.renderings if r.lang == lang), None)
    return Change(
        term.path,
        term.line,
        term_id,
        lang,
        current.text if current else None,
        entry.msgstr,
        where,
        tuple(current.sources) if current else (),
    )


def plan(glossary: Glossary, po_files: list[Path]) -> tuple[list[Change], list[Skipped]]:
    """Compare .po files with the glossary; return the changes to make and the entries skipped.

    A malformed file, a language the glossary cannot take, a rendering that is not one line of
    text, or two files that set one rendering differently raise PoFileError.
    """
    known = languages(glossary)
    wanted: dict[tuple[str, str], Change] = {}
    skipped: list[Skipped] = []
    for po_path in po_files:
        po = read(po_path)
        lang = language(po, known)
        for entry in po.messages():
            item = _consider(glossary, po, entry, lang)
            if isinstance(item, Skipped):
                skipped.append(item)
            elif item is not None:
                first = wanted.setdefault((item.term, lang), item)
                if first.new != item.new:
                    raise PoFileError(
                        f"{item.where}: {item.term} in {lang} is {item.new!r} here but "
                        f"{first.new!r} at {first.where}: import one of the two files"
                    )
    return [c for c in wanted.values() if c.old != c.new], skipped


def _apply_file(path: str, text: str, changes: list[Change]) -> str:
    lines = text.split("\n")
    docs, problems = read_documents(text, path)
    if problems:
        raise GlossaryError(problems)
    ends = [d.line - 1 for d in docs[1:]] + [len(lines)]
    edits = []
    for change in changes:
        for doc, end in zip(docs, ends, strict=True):
            for t, term in enumerate(doc.data.get("terms", [])):
                if term.get("id") == change.term:
                    edits.append((doc.positions[("terms", t)][0], doc, t, change, end))
    for _line, doc, t, change, end in sorted(edits, key=lambda e: -e[0]):
        lines = set_rendering(doc, lines, t, change.lang, change.new, end)
    return "\n".join(lines)


def _verify(path: str, text: str, changes: list[Change]) -> None:
    """Refuse an edit that breaks the file or does not read back as exactly the new text."""
    docs, problems = read_documents(text, path)
    for doc in docs:
        problems += schema.check(doc, Path(shipped_root()) / "schema.json")
    if problems:  # an edit must never leave a broken file: refuse them all
        # The file on disk is valid, so this is the import's failure, not the glossary's.
        raise EditError(
            f"{path}: the edit would leave the file invalid ({problems[0]}): set it by hand"
        )
    found = {
        (term.get("id"), lang): rendering
        for doc in docs
        for term in doc.data.get("terms", [])
        for lang, rendering in (term.get("renderings") or {}).items()
    }
    for change in changes:
        got = found.get((change.term, change.lang), {})
        if got.get("text") != change.new or got.get("basis") != "translator":
            raise EditError(
                f"{path}: {change.term}: {change.lang}: the edit reads back as "
                f"{got.get('text')!r}, not {change.new!r}: set it by hand"
            )


def _refuse_installed(paths) -> None:
    shipped = Path(shipped_root()).resolve()
    if "_data" not in shipped.parts:  # a source checkout: its glossary is the one to edit
        return
    for path in paths:
        if Path(path).resolve().is_relative_to(shipped):
            raise UsageError(
                f"{path}: is the glossary installed with nkterms, which an upgrade replaces: "
                "import into a checkout with `nkterms --glossary DIR import …`"
            )


def _write_all(results: dict[str, str], originals: dict[str, str]) -> None:
    """Write every file, or, when one write fails, put back the ones already written."""
    done = []
    try:
        for path, text in results.items():
            write_text(path, text)
            done.append(path)
    except NktermsError as err:
        lost = []
        for path in done:
            try:
                write_text(path, originals[path])
            except NktermsError:
                lost.append(path)
        if lost:
            raise InputError(
                f"{err}; and {', '.join(lost)} could not be put back: restore them from version "
                "control"
            ) from err
        raise


def apply(changes: list[Change], dry_run: bool = False) -> list[str]:
    """Edit the YAML files (unless `dry_run`); return a unified diff of every edit.

    Every file is edited and checked before any is written; a failed write puts back the
    files written before it.
    """
    by_file: dict[str, list[Change]] = {}
    for change in changes:
        by_file.setdefault(change.path, []).append(change)
    if not dry_run:
        _refuse_installed(by_file)
    originals, results = {}, {}
    for path, file_changes in sorted(by_file.items()):
        originals[path] = Path(path).read_text(encoding="utf-8")
        results[path] = _apply_file(path, originals[path], file_changes)
        _verify(path, results[path], file_changes)
    diff = []
    for path, new_text in results.items():
        diff += difflib.unified_diff(
            originals[path].splitlines(True), new_text.splitlines(True), path, path
        )
    if not dry_run:
        _write_all(results, originals)
    return diff

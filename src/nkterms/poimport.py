"""`nkterms import`: merge translators' msgstr edits from .po files back into the glossary YAML."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import GlossaryError, Problem
from .glossary import Glossary
from .yamlpos import read_documents


@dataclass(frozen=True)
class Change:
    """One rendering to set: where the term is, and the old and new text."""

    path: str
    line: int
    term: str
    lang: str
    old: str | None
    new: str
    note: str = ""

    def __str__(self) -> str:
        old = repr(self.old) if self.old is not None else "(none)"
        return (
            f"{self.path}:{self.line}: {self.term}: {self.lang}: {old} -> {self.new!r}{self.note}"
        )


@dataclass(frozen=True)
class Skipped:
    """A .po entry not applied, and why."""

    where: str
    term: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.term}: not applied: {self.reason}"


def _language(catalog, path: Path) -> str:
    if catalog.locale is not None:
        return str(catalog.locale).replace("_", "-")
    parts = path.resolve().parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3].replace("_", "-")
    raise GlossaryError(
        [
            Problem(
                str(path),
                1,
                1,
                "",
                "the PO file names no language",
                "add a 'Language:' header line, e.g. \"Language: en\\n\"",
            )
        ]
    )


def read(path: Path):
    """Read a .po file with babel; a malformed file raises GlossaryError with its line."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with open(path, "rb") as handle:
            return read_po(handle, abort_invalid=True)
    except PoFileError as err:
        raise GlossaryError(
            [
                Problem(
                    str(path),
                    err.lineno or 1,
                    1,
                    "",
                    f"invalid PO file: {err}",
                    "fix the entry, or export the file again from your tool",
                )
            ]
        ) from err
    except (UnicodeDecodeError, ValueError) as err:
        raise GlossaryError(
            [
                Problem(
                    str(path), 1, 1, "", f"unreadable PO file: {err}", "save it as UTF-8 gettext PO"
                )
            ]
        ) from err
    except FileNotFoundError as err:
        raise GlossaryError(
            [Problem(str(path), 1, 1, "", "file not found", "check the path")]
        ) from err


def plan(glossary: Glossary, po_files: list[Path]) -> tuple[list[Change], list[Skipped]]:
    """Compare the .po files with the glossary; return the changes to make and what is skipped."""
    changes: list[Change] = []
    skipped: list[Skipped] = []
    for po_path in po_files:
        catalog = read(Path(po_path))
        lang = _language(catalog, Path(po_path))
        for message in catalog:
            if not message.id:
                continue
            where = f"{po_path}:{message.lineno}"
            term_id = message.context or ""
            try:
                term = glossary.term(term_id)
            except KeyError:
                skipped.append(Skipped(where, term_id or "(no msgctxt)", "unknown term id"))
                continue
            if message.id != term.form:
                skipped.append(
                    Skipped(
                        where,
                        term_id,
                        f"msgid {message.id!r} no longer matches the "
                        f"glossary's {term.form!r}: build the catalogs again",
                    )
                )
                continue
            if not message.string:
                continue
            current = next((r for r in term.renderings if r.lang == lang), None)
            if current is not None and current.text == message.string:
                continue
            note = ""
            if current is not None and current.sources:
                note = (
                    f" (was sourced by {', '.join(current.sources)}; now a translator's rendering)"
                )
            changes.append(
                Change(
                    term.path,
                    term.line,
                    term_id,
                    lang,
                    current.text if current else None,
                    message.string,
                    note,
                )
            )
    return changes, skipped


def _apply_file(path: str, changes: list[Change]) -> str:
    from .yamledit import set_rendering

    text = Path(path).read_text(encoding="utf-8")
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


def apply(changes: list[Change], dry_run: bool = False) -> list[str]:
    """Edit the YAML files (unless `dry_run`); return a unified diff of every edit."""
    from . import schema
    from .atomic import write_text
    from .paths import shipped_root

    by_file: dict[str, list[Change]] = {}
    for change in changes:
        by_file.setdefault(change.path, []).append(change)
    results = {}
    for path, file_changes in sorted(by_file.items()):
        new_text = _apply_file(path, file_changes)
        docs, problems = read_documents(new_text, path)
        for doc in docs:
            problems += schema.check(doc, Path(shipped_root()) / "schema.json")
        if problems:  # an edit must never leave a broken file: refuse them all
            raise GlossaryError(problems)
        results[path] = new_text
    diff = []
    for path, new_text in results.items():
        old_text = Path(path).read_text(encoding="utf-8")
        diff += difflib.unified_diff(
            old_text.splitlines(True), new_text.splitlines(True), path, path
        )
    if not dry_run:
        for path, new_text in results.items():
            write_text(path, new_text)
    return diff

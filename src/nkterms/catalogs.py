"""gettext catalogs of the glossary: a .pot template and a .po/.mo pair per language.

msgctxt is the term id, msgid the Korean form, msgstr the recommended rendering in the
catalog's language (empty when there is none: gettext then falls back to the msgid).
Extracted comments carry what a translator needs to choose well; flags follow Weblate's
glossary semantics. References name the glossary file without a line number: with line
numbers, importing one translation (which can add a line to the YAML) would change the
reference of every entry below it, and the msgctxt already names the term. babel serializes; fixed dates and sorted entries make builds
byte-identical, and every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from .atomic import write_bytes
from .build import records
from .errors import InputError
from .glossary import Glossary
from .model import STATUS_TBX, Term
from .records import TermCore

DOMAIN = "nkterms"
# A fixed date: the catalogs change only when the glossary does.
_EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


class _Catalog(Catalog):
    """A babel Catalog whose header names nkterms rather than the babel version that wrote it."""

    def _headers(self):
        return [
            (k, "nkterms" if k == "Generated-By" else v) for k, v in Catalog.mime_headers.fget(self)
        ]

    mime_headers = property(_headers, Catalog.mime_headers.fset)


def gettext_language(lang: str) -> str:
    """Map a BCP 47 tag to the gettext locale name used in folder names.

    >>> gettext_language("zh-Hans"), gettext_language("en")
    ('zh_Hans', 'en')
    """
    return lang.replace("-", "_")


def languages(glossary: Glossary) -> list[str]:
    """Return the languages Korean terms have renderings in, sorted (BCP 47 tags)."""
    return sorted({r.lang for t in glossary.terms() if t.lang == "ko" for r in t.renderings})


def _comments(term: Term) -> list[str]:
    rom = term.romanization
    out = []
    if term.hanja:
        out.append(f"Hanja: {term.hanja}")
    spelled = [
        f"{name.upper() if name != 'yale' else 'Yale'} {value}"
        for name, value in rom.systems().items()
    ]
    if rom.press:
        spelled.append("press " + ", ".join(rom.press))
    if spelled:
        out.append("Romanization: " + "; ".join(spelled))
    if term.gloss:
        out.append(f"Gloss: {term.gloss}")
    for status in term.status:
        when = " ".join(
            f"{w} {v}" for w, v in (("since", status.since), ("until", status.until)) if v
        )
        cite = f" [{', '.join(status.sources)}]" if status.sources else " [unverified]"
        out.append(f"Status: {status.value} ({status.by}){' ' + when if when else ''}{cite}")
    if term.connotation:
        users = f" ({', '.join(term.connotation.users)})" if term.connotation.users else ""
        out.append(f"Connotation: {term.connotation.polarity}{users}")
    for h in term.homophones:
        reading = h.hanja or h.hangul
        out.append(
            f"WARNING homophone: {reading}" + (f" '{h.gloss}'" if h.gloss else "") + " (curated)"
        )
    if term.usage:
        out.append(f"Usage: {term.usage}")
    return out


def _flags(record: TermCore, lang: str | None) -> tuple[str, ...]:
    term, current, flags = record.term, record.current, []
    if current and STATUS_TBX[current.value] == "deprecatedTerm-admn-sts":
        flags.append("forbidden")  # Weblate: a term not to use
    rendering = next((r.text for r in term.renderings if r.lang == lang), None)
    spellings = {
        s.casefold() for s in (*term.romanization.systems().values(), *term.romanization.press)
    }
    if rendering and rendering.casefold() in spellings:
        flags.append("read-only")  # Weblate: a name kept as it is (Hanawon)
    return tuple(flags)


def _locator(glossary: Glossary):
    """Return a function giving a term's catalog location (each file resolved once)."""
    root = Path(glossary.root)
    resolved_root = root.resolve()
    shown: dict[str, str] = {}

    def location(term: Term) -> tuple[str, int]:
        if term.path not in shown:
            try:
                rel = Path(term.path).resolve().relative_to(resolved_root)
            except ValueError:
                rel = Path(term.path)
            shown[term.path] = f"{root.name}/{rel.as_posix()}"
        return shown[term.path], term.line

    return location


def catalog(glossary: Glossary, lang: str | None) -> Catalog:
    """Return the catalog for one language (BCP 47), or the template when `lang` is None."""
    cat = _Catalog(
        locale=gettext_language(lang) if lang else None,
        domain=DOMAIN,
        project="nkterms",
        version="glossary",
        header_comment="# nkterms glossary catalog: generated from glossary/ "
        "by `nkterms build`; edit msgstr, then `nkterms import`.\n# Glossary data: CC BY-SA 4.0.",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
        fuzzy=False,
        last_translator="nkterms contributors",
        language_team="nkterms",
        msgid_bugs_address="nkterms maintainers (the project issue tracker)",
    )
    korean = sorted((r for r in records(glossary) if r.term.lang == "ko"), key=lambda r: r.id)
    location = _locator(glossary)
    for record in korean:
        term = record.term
        rendering = next((r.text for r in term.renderings if r.lang == lang), "") if lang else ""
        cat.add(
            term.form,
            rendering,
            locations=[location(term)],
            flags=_flags(record, lang),
            auto_comments=_comments(term),
            context=term.id,
        )
    return cat


def render(glossary: Glossary) -> dict[str, bytes]:
    """Return every catalog file's relative path and bytes, without writing anything."""
    files: dict[str, bytes] = {}
    out = io.BytesIO()
    write_po(out, catalog(glossary, None), width=76, include_lineno=False)
    files[f"{DOMAIN}.pot"] = out.getvalue()
    for lang in languages(glossary):
        cat = catalog(glossary, lang)
        po, mo = io.BytesIO(), io.BytesIO()
        write_po(po, cat, width=76, include_lineno=False)
        write_mo(mo, cat)
        folder = f"{gettext_language(lang)}/LC_MESSAGES"
        files[f"{folder}/{DOMAIN}.po"] = po.getvalue()
        files[f"{folder}/{DOMAIN}.mo"] = mo.getvalue()
    return files


def outdated(files: dict[str, bytes], output: Path) -> list[str]:
    """Return the relative paths whose file under `output` is missing or differs."""
    stale = []
    for rel, data in sorted(files.items()):
        path = Path(output) / rel
        try:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(rel)
        except OSError:  # unreadable: writing it says why, with the path
            stale.append(rel)
    return stale


def write(files: dict[str, bytes], output: Path) -> list[str]:
    """Write the files that changed, each atomically; return their relative paths.

    Raises InputError when `output` is not a folder or cannot be made one."""
    if Path(output).exists() and not Path(output).is_dir():
        raise InputError(f"{output}: is a file, not a folder: give a folder to write into")
    try:
        Path(output).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(
            f"{output}: cannot make this folder ({err.strerror}): choose another place"
        ) from err

    changed = outdated(files, output)
    for rel in changed:
        write_bytes(Path(output) / rel, files[rel])
    return changed

"""Read and validate a glossary folder into the model, keeping file:line:col for every error."""

from __future__ import annotations

import errno
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .documents import check_dates, check_document
from .errors import GlossaryError, Problem
from .korean.romanize import generated, remember
from .model import Concept, Connotation, Homophone, Rendering, Romanization, Source, Status, Term
from .paths import SOURCES_FILE, default_root, glossary_files, shipped_root
from .yamlpos import Document, read_documents


@dataclass
class Glossary:
    """A loaded glossary: concepts, their terms, the source registry and review warnings."""

    root: Path
    concepts: tuple[Concept, ...]
    sources: dict[str, Source]
    warnings: list[Problem] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def terms(self) -> list[Term]:
        """Return every term of every concept, in file order."""
        return [term for concept in self.concepts for term in concept.terms]

    def term(self, term_id: str) -> Term:
        """Return the term with this id, or raise KeyError."""
        if "terms" not in self._cache:
            self._cache["terms"] = {term.id: term for term in self.terms()}
        return self._cache["terms"][term_id]

    def concept(self, concept_id: str) -> Concept:
        """Return the concept with this id, or raise KeyError."""
        if "concepts" not in self._cache:
            self._cache["concepts"] = {concept.id: concept for concept in self.concepts}
        return self._cache["concepts"][concept_id]


def _schema_file(name: str) -> Path:
    # Always the shipped schema: the code relies on its shape, whatever glossary is read.
    return Path(shipped_root()) / name


def _read(path: Path, shown: str) -> tuple[list[Document], list[Problem]]:
    try:
        if path.exists() and not path.is_file():  # a FIFO would block the read for ever
            return [], [Problem(shown, 0, 0, "", "not a regular file", "replace it with a file")]
        data = path.read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        if path.is_symlink():
            return [], [Problem(shown, 0, 0, "", "broken symbolic link", _FIX_LINK)]
        return [], [Problem(shown, 1, 1, "", "file not found", f"create {path.name}")]
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = err.start - data.rfind(b"\n", 0, err.start)
        return [], [Problem(shown, line, col, "", "not valid UTF-8", "save the file as UTF-8")]
    except OSError as err:  # a link loop (ELOOP), no permission
        if err.errno == errno.ELOOP:
            return [], [Problem(shown, 0, 0, "", "symbolic link loop", _FIX_LINK)]
        what = f"cannot read the file: {err.strerror}"
        return [], [Problem(shown, 0, 0, "", what, "make it readable, or move it away")]
    return read_documents(text, shown)


_FIX_LINK = "point the link at a readable file, or remove it"


def _claim_kwargs(data: dict) -> dict:
    return {"sources": tuple(data.get("sources", ())), "verified": data.get("verified", True)}


def _term(data: dict, concept: str, path: str, line: int) -> Term:
    rom = data.get("romanization", {})
    return Term(
        id=data["id"],
        lang=data["lang"],
        form=data["form"],
        concept=concept,
        hanja=data.get("hanja", ""),
        hanja_basis=data.get("hanja_basis", ""),
        origin=data.get("origin", ""),
        pos=data.get("pos", ""),
        gloss=data.get("gloss", ""),
        romanization=Romanization(
            rr=rom.get("rr", ""),
            mr=rom.get("mr", ""),
            yale=rom.get("yale", ""),
            translit=rom.get("translit", ""),
            press=tuple(rom.get("press", ())),
            reason=dict(rom.get("reason", {})),
        ),
        renderings=tuple(
            Rendering(lang=lang, text=r["text"], basis=r.get("basis", ""), **_claim_kwargs(r))
            for lang, r in sorted(data.get("renderings", {}).items())
        ),
        status=tuple(
            Status(
                value=s["value"],
                by=s["by"],
                since=s.get("since"),
                until=s.get("until"),
                note=s.get("note", ""),
                **_claim_kwargs(s),
            )
            for s in data.get("status", ())
        ),
        connotation=(
            Connotation(
                polarity=c["polarity"],
                users=tuple(c.get("users", ())),
                note=c.get("note", ""),
                **_claim_kwargs(c),
            )
            if (c := data.get("connotation"))
            else None
        ),
        homophones=tuple(
            Homophone(
                hangul=h["hangul"],
                hanja=h.get("hanja", ""),
                gloss=h.get("gloss", ""),
                note=h.get("note", ""),
                **_claim_kwargs(h),
            )
            for h in data.get("homophones", ())
        ),
        homographs=tuple(data.get("homographs", ())),
        reviewed_readings=tuple(data.get("reviewed_readings", ())),
        context=data.get("context"),
        usage=data.get("usage", ""),
        path=path,
        line=line,
    )


def _load_sources(root: Path, problems: list[Problem]) -> dict[str, Source]:
    shown = str(root / SOURCES_FILE)
    docs, found = _read(root / SOURCES_FILE, shown)
    problems.extend(found)
    sources: dict[str, Source] = {}
    for doc in docs:
        errors = schema.check(doc, _schema_file("sources.schema.json"))
        problems.extend(errors)
        if errors or not isinstance(doc.data, dict):
            continue
        for key, entry in doc.data.items():
            problems.extend(check_dates(doc, (key,), entry, ("published", "accessed")))
            sources[key] = Source(
                id=key,
                title=entry["title"],
                publisher=entry.get("publisher", ""),
                url=entry.get("url", ""),
                published=entry.get("published"),
                accessed=entry.get("accessed"),
                lang=entry.get("lang", ""),
            )
    return sources


def _unique(items, what: str, problems: list[Problem]) -> None:
    seen: dict[str, tuple[str, int, int]] = {}
    for key, path, line, col in items:
        if key in seen:
            other = seen[key]
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    "id",
                    f"duplicate {what} id {key!r}",
                    f"it is also used at {other[0]}:{other[1]}:{other[2]}; rename one",
                )
            )
        else:
            seen[key] = (path, line, col)


#: Below this many bytes of concept files, reading them in worker processes costs more than it saves.
PARALLEL_BYTES = 4_000_000


def _read_concepts(path: str, sources: dict[str, Source]) -> tuple:
    """Read and check one concept file: (concepts, concept ids, term ids, problems, romanizations).

    The romanizations ko-pron generated while checking are returned so the build reuses them
    (a worker process's caches die with it).
    """
    concepts: list[Concept] = []
    concept_ids, term_ids, problems = [], [], []
    docs, found = _read(Path(path), path)
    problems.extend(found)
    if not docs and not found:
        problems.append(_empty(path))
    for doc in docs:
        errors = schema.check(doc, _schema_file("schema.json"))
        if not errors:
            errors = check_document(doc, sources)
        problems.extend(errors)
        if errors:
            continue
        data = doc.data
        concept_ids.append((data["id"], doc.path, *doc.where(("id",))))
        terms = []
        for t, term in enumerate(data["terms"]):
            line, col = doc.where(("terms", t, "id"))
            term_ids.append((term["id"], doc.path, line, col))
            terms.append(_term(term, data["id"], doc.path, line))
        concepts.append(_concept(data, tuple(terms), doc))
    forms = [t.form for c in concepts for t in c.terms if t.lang == "ko"]
    return concepts, concept_ids, term_ids, problems, generated(forms)


def _concept(data: dict, terms: tuple[Term, ...], doc: Document) -> Concept:
    definition = data.get("definition", {})
    return Concept(
        id=data["id"],
        category=data["category"],
        terms=terms,
        definition=definition.get("text", ""),
        definition_sources=tuple(definition.get("sources", ())),
        note=data.get("note", ""),
        path=doc.path,
        line=doc.line,
    )


def _read_all(paths: list[str], sources: dict[str, Source], jobs: int | None) -> list[tuple]:
    """Read the concept files, in worker processes when there are many bytes and several CPUs."""
    if jobs is None:
        size = sum(os.stat(p).st_size for p in paths if os.path.isfile(p))
        # forking a process that runs other threads (a server) can deadlock the child
        alone = threading.active_count() == 1
        jobs = min(os.cpu_count() or 1, len(paths)) if size >= PARALLEL_BYTES and alone else 1
    if jobs <= 1 or len(paths) < 2:
        return [_read_concepts(path, sources) for path in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_read_concepts, paths, [sources] * len(paths)))


def read_glossary(
    root: Path | str | None = None, jobs: int | None = None
) -> tuple[Glossary | None, list[Problem]]:
    """Read a glossary folder; return it (None when it has errors) and every problem found.

    `jobs` worker processes read the concept files (None: as many as CPUs for a large
    glossary, else one); the result is the same whatever the number.
    """
    root = Path(root if root is not None else default_root())
    problems: list[Problem] = []
    files = glossary_files(root, problems)
    sources = _load_sources(root, problems)
    concepts: list[Concept] = []
    concept_ids, term_ids = [], []
    for found, ids, terms, file_problems, romanized in _read_all(files[1:], sources, jobs):
        concepts += found
        concept_ids += ids
        term_ids += terms
        problems += file_problems
        remember(romanized)
    _unique(concept_ids, "concept", problems)
    _unique(term_ids, "term", problems)
    _check_homographs(concepts, term_ids, problems)
    errors = [p for p in problems if p.severity == "error"]
    glossary = None if errors else Glossary(root, tuple(concepts), sources)
    return glossary, problems


def _empty(path: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "",
        "the file holds no concept (it is empty or only comments)",
        "write the concept (id, category, terms) or delete the file",
    )


def _check_homographs(concepts: list[Concept], term_ids, problems: list[Problem]) -> None:
    known = {key for key, *_ in term_ids}
    for concept in concepts:
        for term in concept.terms:
            for other in term.homographs:
                if other not in known:
                    problems.append(
                        Problem(
                            term.path,
                            term.line,
                            1,
                            "homographs",
                            f"unknown term id {other!r}",
                            "fix the id or remove it",
                        )
                    )


def load(root: Path | str | None = None) -> Glossary:
    """Load and check a glossary folder; raise GlossaryError listing every error found."""
    glossary, problems = read_glossary(root)
    if glossary is None:
        raise GlossaryError([p for p in problems if p.severity == "error"])
    glossary.warnings = [p for p in problems if p.severity != "error"]
    return glossary

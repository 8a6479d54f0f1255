"""The one place the web server calls nkterms' engines: every JSON document it serves is
made here, by the same library calls the CLI's `--json` output comes from (the checker is
the library `Checker`, one per language choice, built once and shared by all threads).
"""

from __future__ import annotations

import io
import json
import threading

from ..errors import UsageError

LANGS = ("auto", "ko", "en", "other")  # as `check --lang`; "other" (the library's word) = "en"
KINDS = ("txt", "md", "html")
_BOM = "\ufeff"


class Backend:
    """Lookups, homophones, checks and downloads over one glossary, shared by all threads.

    The SQLite index is opened once per thread (a connection may not cross threads); the
    loaded glossary, the house config and the checker's compiled patterns are built once.
    """

    def __init__(self, glossary: str | None = None, config: str | None = None):
        from ..check.config import load_config
        from ..glossary import load
        from ..paths import default_root

        self.root = glossary or default_root()
        self.glossary = load(self.root)  # raises GlossaryError before the server starts
        self.config = load_config(path=config)
        self._local = threading.local()
        self._lock, self._files_lock = threading.Lock(), threading.Lock()
        self._checkers: dict[str, object] = {}
        self._files: dict[str, tuple[bytes, str]] = {}
        for lang in ("auto", "ko", "other"):  # built now (0.2 s): no check waits for one
            self.checker(lang)

    @property
    def index(self):
        """This thread's connection to the compiled index."""
        index = getattr(self._local, "index", None)
        if index is None:
            from ..index import open_index

            index = self._local.index = open_index(self.root)
        return index

    def lookup(self, query: str, limit: int = 10) -> dict:
        """Return the document `nkterms lookup --json QUERY` prints."""
        from ..query import search

        matches, suggestions = search(query, index=self.index, limit=limit)
        return {
            "query": query,
            "matches": [m.as_dict() for m in matches],
            "suggestions": [s.as_dict() for s in suggestions],
        }

    def homophones(self, word: str, limit: int = 12) -> dict:
        """Return the document `nkterms homophones --json WORD` prints.

        Raises UsageError for a word the CLI refuses (exit 2) and LookupError for one it has
        nothing to say about (exit 1)."""
        from ..ambiguity import check_word, homophones
        from ..dictionary import open_dictionary

        check_word(word)
        try:
            return homophones(word, index=self.index, dictionary=open_dictionary(), limit=limit)
        except UsageError as err:
            raise LookupError(str(err)) from err

    def term(self, term_id: str) -> dict:
        """Return a term's record as `lookup --json` shows it; raise KeyError if unknown."""
        from ..keys import ID

        rows = self.index.terms_with_key(term_id, ID)
        if not rows:
            raise KeyError(term_id)
        return self.index.record(rows[0][0])

    def concept(self, concept_id: str) -> dict:
        """Return a concept with its definition, sources and every term; KeyError if unknown."""
        from ..build import records
        from ..records import concept_data

        concept = self.glossary.concept(concept_id)
        # each term's status as its record holds it (derived once per loaded glossary)
        current = {r.id: r.current for r in records(self.glossary) if r.term.concept == concept.id}
        return concept_data(concept, self.glossary.sources, current)

    def checker(self, lang: str):
        """The shared Checker for `lang` (auto, ko, en or other, as `check --lang`: en and
        other both mean every language but Korean), built on first use."""
        if lang not in LANGS:
            raise UsageError(f"lang {lang!r}: use one of {', '.join(LANGS)}")
        lang = "other" if lang == "en" else lang
        built = self._checkers.get(lang)
        if built is not None:  # the common case: no lock, so checks never wait on each other
            return built
        with self._lock:
            if lang not in self._checkers:
                from ..check.checker import Checker

                # as `nkterms check` does by default: one voice per article (every=False)
                self._checkers[lang] = Checker(self.root, self.config, lang=lang)
            return self._checkers[lang]

    def check(self, text: str, kind: str = "txt", lang: str = "auto", path: str = "-") -> dict:
        """Return the document `nkterms check --format json --kind KIND --lang LANG` prints
        for `text` given on stdin (path "-") or as a file named `path`."""
        from ..check.report import SEVERITY_NAMES, JsonReport

        if kind not in KINDS:
            raise UsageError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
        result = self.checker(lang).check(text.removeprefix(_BOM), kind, path)
        out = io.BytesIO()
        document = JsonReport(out, 1)  # the writer of `check --format json`
        document.add(result.findings)
        for error in result.errors:
            document.error(error)
        document.close(tuple(result.counts[name] for name in SEVERITY_NAMES))
        return json.loads(out.getvalue())

    def download(self, name: str) -> tuple[bytes, str]:
        """Return (bytes, media type) of one of `downloads()`, built from the running glossary;
        raise KeyError for any other name."""
        return self._downloads()[name]

    def downloads(self) -> list[str]:
        """Return the names `download` serves, in a stable order."""
        return sorted(self._downloads())

    def _downloads(self) -> dict[str, tuple[bytes, str]]:
        with self._files_lock:  # its own lock: rendering takes seconds, checks go on meanwhile
            if not self._files:
                self._files = _render_downloads(self.glossary)
            return self._files


def _render_downloads(glossary) -> dict[str, tuple[bytes, str]]:
    """Every download: the gettext catalogs, TBX v3 and 2008, CSV (English) and JSON."""
    from ..catalogs import render
    from ..interchange.csvfile import to_csv
    from ..interchange.jsonfile import to_json
    from ..interchange.tbx import tbx_2008, tbx_v3

    media = {
        ".po": "text/x-gettext-translation; charset=utf-8",
        ".pot": "text/x-gettext-translation; charset=utf-8",
        ".mo": "application/x-gettext-translation",
    }
    files = {
        rel.replace("/LC_MESSAGES/", "/").replace("/", "-"): (data, media[rel[rel.rfind(".") :]])
        for rel, data in render(glossary).items()
    }
    files["nkterms.tbx"] = (tbx_v3(glossary), "application/x-tbx+xml")
    files["nkterms-2008.tbx"] = (tbx_2008(glossary), "application/x-tbx+xml")
    files["nkterms.csv"] = (to_csv(glossary).encode("utf-8"), "text/csv; charset=utf-8")
    files["nkterms.json"] = (to_json(glossary).encode("utf-8"), "application/json")
    return files

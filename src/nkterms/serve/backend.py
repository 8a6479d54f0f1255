"""The one place the web server calls nkterms' engines: every JSON document it serves is
made here, by the same library functions the CLI's `--json` output comes from.

The checker's library API (`nkterms.Checker`) is being built; until it lands this module
drives check/engine and check/report as `nkterms check` does, so switching is a change here
and nowhere else.
"""

from __future__ import annotations

import io
import json
import threading

from ..errors import InputError, UsageError

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
        self._lock = threading.Lock()
        self._patterns: dict[str, object] = {}
        self._files: dict[str, tuple[bytes, str]] = {}
        for lang in ("auto", "ko", "en"):  # compile now: the first check must not pay for it
            self.patterns(lang)

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
        from ..records import concept_record

        return concept_record(self.glossary.concept(concept_id), self.glossary.sources)

    def patterns(self, lang: str):
        """The checker's compiled patterns for `lang` (auto, ko, en or other), as `check --lang`:
        en (or other) means the terms of every language but Korean."""
        lang = "en" if lang == "other" else lang
        with self._lock:
            if lang not in self._patterns:
                from ..check.config import house_rules
                from ..check.engine import Patterns

                chosen = house_rules(self.index, self.config)
                if lang != "auto":
                    chosen = [r for r in chosen if (r.lang == "ko") == (lang == "ko")]
                patterns = Patterns(chosen)
                patterns.automaton, patterns.compiled  # noqa: B018 (built once, under the lock)
                self._patterns[lang] = patterns
            return self._patterns[lang]

    def check(self, text: str, kind: str = "txt", lang: str = "auto", path: str = "-") -> dict:
        """Return the document `nkterms check --format json --kind KIND --lang LANG` prints
        for `text` given on stdin (path "-") or as a file named `path`."""
        from ..check.engine import Checker
        from ..check.report import JsonReport

        if kind not in KINDS:
            raise UsageError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
        if lang not in LANGS:
            raise UsageError(f"lang {lang!r}: use one of {', '.join(LANGS)}")
        out = io.BytesIO()
        report = JsonReport(out, 1)
        checker = Checker(
            self.patterns(lang), path, kind, self.config.get("romanization", ""), text_output=False
        )
        data = text.removeprefix(_BOM).encode("utf-8", "surrogatepass")
        try:
            for found in checker.check_blocks([data] if data else []):
                report.add(found)
        except InputError as err:
            report.error(str(err))
        report.close(checker.counts)
        return json.loads(out.getvalue())

    def download(self, name: str) -> tuple[bytes, str]:
        """Return (bytes, media type) of one of `downloads()`, built from the running glossary;
        raise KeyError for any other name."""
        with self._lock:
            if not self._files:
                self._files = _render_downloads(self.glossary)
            return self._files[name]

    def downloads(self) -> list[str]:
        """Return the names `download` serves, in a stable order."""
        with self._lock:
            if not self._files:
                self._files = _render_downloads(self.glossary)
            return sorted(self._files)


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

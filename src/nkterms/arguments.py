"""The `nkterms` command line's arguments: every command, option and help text.

argparse rather than click: click's import alone costs more than twice a bare Python start,
and `nkterms lookup` is measured cold against `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import sys


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


class _Parser(argparse.ArgumentParser):
    """argparse with the message shape of every other nkterms error, and exit code 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"nkterms: error: {message}: see `{self.prog} --help`\n")


def _formatter(prog: str) -> argparse.HelpFormatter:
    # argparse makes a formatter for every add_argument, and the default one imports shutil
    # for the terminal width: os.get_terminal_size gives it without that import.
    try:
        width = (
            int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.stdout.fileno()).columns
        )
    except (ValueError, OSError):
        width = 80
    return argparse.HelpFormatter(prog, width=max(width - 2, 40))


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `nkterms` command line."""
    parser = _Parser(
        prog="nkterms",
        formatter_class=_formatter,
        description="A sourced glossary of the vocabulary around North Korean defectors.",
        epilog="Exit codes: 0 ok; 1 nothing found, or findings at the fail level; 2 usage, input "
        "or glossary error.",
    )
    parser.add_argument(
        "--glossary",
        metavar="DIR",
        default=os.environ.get("NKTERMS_GLOSSARY"),
        help="glossary folder to use (default: $NKTERMS_GLOSSARY, else the shipped one)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="nkterms")

    lookup = commands.add_parser(
        "lookup",
        formatter_class=_formatter,
        help="find a term by id, Hangul, Hanja, any romanization or rendering",
        description="Find a term from any spelling: id, Hangul (particles allowed), Hanja "
        "(variant forms allowed), RR / McCune-Reischauer / Yale / press romanizations, "
        "renderings in other languages. Typos get ranked suggestions.",
        epilog="Examples: nkterms lookup bukhyangmin; nkterms lookup 탈북민들이; "
        'nkterms lookup 脱北者; nkterms lookup "new settlers" --json',
    )
    lookup.add_argument(
        "query", nargs="+", help="the spelling to look up (several words are joined)"
    )
    lookup.add_argument("--json", action="store_true", help="print one JSON document")
    lookup.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N matches (default 10)"
    )
    lookup.set_defaults(run="lookup")

    homophones = commands.add_parser(
        "homophones",
        formatter_class=_formatter,
        help="list the other readings of a Korean word: Hanja homophones, homographs, senses",
        description="List how else a Korean word can be read: Hanja spellings with the same "
        "sound (attested words first, with per-character meanings), glossary homographs, one "
        "Hanja word with several senses, and romanization collisions. Curated notes come first. "
        "Works on any word, in Hangul or Hanja, not only glossary terms.",
        epilog="Examples: nkterms homophones 북향민; nkterms homophones 北向民; "
        "nkterms homophones 월남 --json",
    )
    homophones.add_argument("word", nargs="+", help="the word, in Hangul or Hanja")
    homophones.add_argument("--json", action="store_true", help="print one JSON document")
    homophones.add_argument(
        "--limit", type=_positive, default=12, metavar="N", help="at most N dictionary readings"
    )
    homophones.set_defaults(run="homophones")

    build = commands.add_parser(
        "build",
        formatter_class=_formatter,
        help="write the gettext catalogs (.pot, and .po/.mo per language) from the glossary",
        description="Write locales/nkterms.pot and locales/<lang>/LC_MESSAGES/nkterms.po and .mo "
        "for every language the glossary has renderings in. msgctxt is the term id, msgid the "
        "Korean form, msgstr the rendering. Builds are byte-identical; each file is written "
        "atomically and only when it changed.",
        epilog="Examples: nkterms build; nkterms build --check (exit 1 naming every stale file)",
    )
    build.add_argument(
        "--output",
        metavar="DIR",
        help="catalog folder (default: locales/ beside the glossary folder, <repo>/locales for "
        "<repo>/glossary; for the glossary shipped in an installed nkterms, ./locales in the "
        "current folder, never the installed package)",
    )
    build.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file is out of date"
    )
    build.set_defaults(run="build")

    importer = commands.add_parser(
        "import",
        formatter_class=_formatter,
        help="merge translators' msgstr edits from .po files back into the glossary YAML",
        description="Read translated .po files and set each changed msgstr as the term's rendering "
        "in the file's language (its Language header), editing only the lines concerned (comments "
        "and formatting stay). Fuzzy entries, and entries whose msgctxt is unknown or whose msgid "
        "no longer matches, are reported on stderr, not applied. A malformed file (anything GNU "
        "msgfmt --check refuses) is refused with its line and column, and nothing is written.",
        epilog="Example: nkterms --glossary glossary import --dry-run en.po",
    )
    importer.add_argument("files", nargs="+", metavar="FILE.po", help="translated PO files")
    importer.add_argument("--dry-run", action="store_true", help="show the diff; write nothing")
    importer.add_argument(
        "--json", action="store_true", help="print one JSON document (changes, skipped, diff)"
    )
    importer.set_defaults(run="import")

    export = commands.add_parser(
        "export",
        formatter_class=_formatter,
        help="write the whole glossary as TBX (v3 or 2008), CSV or JSON",
        description="Export every concept and term: TBX v3 (ISO 30042:2019, TBX-Basic), TBX 2008 "
        "(martif, as Weblate and translate-toolkit read it), CSV in translate-toolkit's layout "
        "(one row per Korean term, the rendering in --lang as target), or JSON. What a format "
        "cannot hold goes into its notes or comments, never silently dropped.",
        epilog="Examples: nkterms export --format tbx -o nkterms.tbx; nkterms export --format csv --lang ja",
    )
    export.add_argument(
        "--format", required=True, choices=["tbx", "tbx2008", "csv", "json"], help="output format"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="file to write atomically (default: stdout)"
    )
    export.add_argument(
        "--lang", default="en", metavar="LANG", help="target language of the CSV (default en)"
    )
    export.set_defaults(run="export")

    check = commands.add_parser(
        "check",
        formatter_class=_formatter,
        help="flag the terms in an article that need care (Korean particles understood)",
        description="Read articles (plain text, Markdown or HTML; Korean, English or mixed) and report "
        "each occurrence of a glossary term that needs care: deprecated or contested designations, "
        "loaded renderings, homophone risks, several designations of one group in one text, and "
        "romanizations that differ from the house style. Code, URLs and front matter are skipped; "
        "<!-- nkterms-disable [ids] --> / <!-- nkterms-enable --> and nkterms-disable-next-line "
        "suppress findings.",
        epilog="Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or "
        "input error. Example: nkterms check draft.md --format json",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="FILE|DIR|-",
        help="files, folders (.txt .md .html) or - for stdin",
    )
    check.add_argument(
        "--format",
        choices=["text", "json", "sarif", "github"],
        default="text",
        help="output format (default text)",
    )
    check.add_argument(
        "--fail-on",
        choices=["info", "warning", "error"],
        default=None,
        help="lowest severity that makes the exit code 1 (default warning)",
    )
    check.add_argument(
        "--lang",
        choices=["ko", "en", "auto"],
        default="auto",
        help="check Korean terms, other-language terms, or both (default)",
    )
    check.add_argument(
        "--kind", choices=["txt", "md", "html"], help="read every input as this format"
    )
    voice = check.add_mutually_exclusive_group()
    voice.add_argument(
        "--every",
        action="store_true",
        help="report every occurrence (default: the first of each term in each voice: its own "
        "use, quoted speech, a mention; the rest are counted in the summary)",
    )
    voice.add_argument(
        "--first-only",
        action="store_true",
        help="report each term once per file (what the default does for articles; kept for "
        "inputs over 2 MB, which are streamed)",
    )
    check.add_argument(
        "--preset",
        choices=["unification-ministry", "legal-term", "defector-groups"],
        help="a named house style (the config's `preset`; see the README for each one's sources)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=min(4, os.cpu_count() or 1),
        metavar="N",
        help="threads that scan a large file's blocks ahead (default: the CPUs, at most 4; "
        "1 scans on the main thread only); findings come out in the same order either way",
    )
    check.add_argument(
        "--config", metavar="FILE", help="house style file (default nkterms.toml or pyproject.toml)"
    )
    check.set_defaults(run="check")

    stats = commands.add_parser(
        "stats",
        formatter_class=_formatter,
        help="count concepts and terms, and measure sourcing and catalog coverage",
        description="Report concepts and terms per language and category, the share of Korean terms "
        "with Hanja and with each romanization, of claims with sources, unverified claims, and "
        "catalog coverage per language (translated / Korean terms).",
        epilog="Example: nkterms stats --json",
    )
    stats.add_argument("--json", action="store_true", help="print one JSON document")
    stats.set_defaults(run="stats")

    validate = commands.add_parser(
        "validate",
        formatter_class=_formatter,
        help="check the glossary: YAML, schema, ids, sources, Hanja, romanizations",
        description="Check every glossary file; errors read path:line:col: field: problem: fix.",
    )
    validate.add_argument("--json", action="store_true", help="print one JSON document")
    validate.set_defaults(run="validate")
    _serve_parser(commands)
    _usage_parser(commands)
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {text!r}")
    return int(text)


def _serve_parser(commands) -> None:
    serve = commands.add_parser(
        "serve",
        formatter_class=_formatter,
        help="serve the web page and HTTP API (needs: pip install 'nkterms[web]')",
        description="Serve a search page, term cards, 'check my text', browse and downloads, "
        "and a JSON API (/api/lookup, /api/homophones, /api/check, /api/terms/ID, "
        "/api/concepts/ID, /api/health; described at /api/openapi.json) that answers with the "
        "same documents as --json. Read-only; binds 127.0.0.1 unless --host says otherwise.",
        epilog="Example: nkterms serve --port 8080   (then open http://127.0.0.1:8080)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (0.0.0.0: every interface)"
    )
    serve.add_argument("--port", type=_port, default=8080, help="TCP port (default 8080)")
    serve.add_argument(
        "--threads", type=_positive, default=8, help="worker threads of the server (default 8)"
    )
    serve.add_argument(
        "--max-bytes",
        type=_positive,
        default=2 * 1024 * 1024,
        metavar="N",
        help="largest request body accepted; bigger ones get 413 (default 2 MB)",
    )
    serve.add_argument(
        "--config",
        metavar="FILE",
        help="house style file for checks (default: nkterms.toml or pyproject.toml here, as check)",
    )
    serve.set_defaults(run="serve")


def _usage_parser(commands) -> None:
    """`nkterms usage`: term counts over a news archive."""
    usage = commands.add_parser(
        "usage",
        formatter_class=_formatter,
        help="count how an archive uses each term, per year, month or outlet (local pool or Dask)",
        description="Count every glossary term (or the chosen ones) in an archive, as the checker "
        "matches them (particles, no hits inside other words, Hanja and romanized forms, longest "
        "first): occurrences, documents and mentions (quoted words) per period and outlet. "
        "Inputs: folders of .txt/.md/.html files (date and outlet from front matter or HTML meta "
        "tags), JSON Lines (.jsonl, .jsonl.gz) and Parquet files, local or any fsspec path. A "
        "document with no or a bad date is counted under 'unknown' and named on stderr.",
        epilog="Exit codes: 0 counted, 1 no term found, 2 usage error or unreadable records. "
        "Example: nkterms usage archive.jsonl.gz --by year --by outlet --concept "
        "north-korean-defector --plot usage.png",
    )
    usage.add_argument("inputs", nargs="+", metavar="INPUT", help="archive files or folders")
    usage.add_argument(
        "--by",
        action="append",
        choices=["year", "month", "outlet"],
        help="group the counts (repeatable; default: year)",
    )
    usage.add_argument(
        "--concept", action="append", default=[], metavar="ID", help="count this concept's terms"
    )
    usage.add_argument(
        "--term", action="append", default=[], metavar="ID", help="count this term (repeatable)"
    )
    usage.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output (default table)"
    )
    usage.add_argument(
        "--plot",
        metavar="FILE",
        help="also draw FILE.png or FILE.svg: one line per term of a concept over time "
        "(needs matplotlib: pip install 'nkterms[plot]')",
    )
    usage.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: a process pool (default); dask: dask.bag on a LocalCluster or --scheduler "
        "(pip install 'nkterms[dask]')",
    )
    usage.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the CPUs); with --engine dask, the LocalCluster's workers",
    )
    usage.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing Dask scheduler (tcp://host:8786) instead of a LocalCluster; "
        "implies --engine dask",
    )
    for field in ("date", "outlet", "text"):
        usage.add_argument(
            f"--{field}-field",
            default=field,
            metavar="NAME",
            help=f"the record field (or front matter key) holding the {field} (default {field})",
        )
    usage.add_argument(
        "--kind",
        choices=["txt", "md", "html"],
        default="txt",
        help="how to read the text field of JSON Lines and Parquet records (default txt)",
    )
    usage.add_argument(
        "--outlet", default="", metavar="NAME", help="the outlet of documents that name none"
    )
    usage.set_defaults(run="usage")

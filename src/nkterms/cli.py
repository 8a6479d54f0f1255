"""The `nkterms` command line: parse, make one library call, format, exit.

argparse rather than click: click's import alone costs more than twice a bare Python start,
and `nkterms lookup` is measured cold against `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import sys

from .errors import GlossaryError, NktermsError, UsageError


class Exit:
    """Exit codes: 0 found / clean, 1 nothing found / findings, 2 usage or input error.

    Plain ints, not an IntEnum: `enum` is one more import on every cold start.
    """

    OK = 0
    NOT_FOUND = 1
    ERROR = 2


def _building(root) -> None:
    print(f"nkterms: compiling the index of {root} (once per change)…", file=sys.stderr)


def cmd_lookup(args) -> int:
    """nkterms lookup QUERY: find a term by any spelling."""
    from .index import open_index
    from .query import search

    query = " ".join(args.query)
    index = open_index(args.glossary, on_build=_building)
    matches, suggestions = search(query, index=index, limit=args.limit)
    if args.json:
        import json

        doc = {
            "query": query,
            "matches": [m.as_dict() for m in matches],
            "suggestions": [s.as_dict() for s in suggestions],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        from .textformat import match_text, suggestions_text

        if matches:
            print("\n\n".join(match_text(m) for m in matches))
        else:
            print(suggestions_text(query, suggestions))
    return Exit.OK if matches else Exit.NOT_FOUND


def cmd_homophones(args) -> int:
    """nkterms homophones WORD: list the other readings of a Korean word."""
    from .ambiguity import homophones
    from .dictionary import open_dictionary
    from .index import open_index

    index = open_index(args.glossary, on_build=_building)
    try:
        result = homophones(
            " ".join(args.word), index=index, dictionary=open_dictionary(), limit=args.limit
        )
    except UsageError as err:  # empty or not Korean: nothing to report (exit 1, as issue 3 asks)
        print(f"nkterms: {err}", file=sys.stderr)
        return Exit.NOT_FOUND
    if args.json:
        import json

        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        from .textformat import homophones_text

        print(homophones_text(result))
    return Exit.OK


def _locales_dir(args) -> str:
    if args.output:
        return args.output
    from .paths import default_root, shipped_root

    root = os.path.abspath(args.glossary or default_root())
    if root == os.path.abspath(shipped_root()) and "_data" in root.split(os.sep):
        return os.path.join(os.getcwd(), "locales")  # never write into an installed package
    # Catalogs live beside the glossary folder: <repo>/locales for <repo>/glossary.
    return os.path.join(os.path.dirname(root), "locales")


def cmd_build(args) -> int:
    """nkterms build: write (or with --check, compare) the gettext catalogs."""
    from pathlib import Path

    from .catalogs import outdated, render, write
    from .glossary import load

    files = render(load(args.glossary))
    output = Path(_locales_dir(args))
    if args.check:
        stale = outdated(files, output)
        for rel in stale:
            print(f"{output / rel}: out of date: run `nkterms build`", file=sys.stderr)
        print(f"{output}: {len(files) - len(stale)} of {len(files)} files up to date")
        return Exit.NOT_FOUND if stale else Exit.OK
    changed = write(files, output)
    for rel in changed:
        print(f"wrote {output / rel}")
    print(f"{output}: {len(changed)} file(s) written, {len(files) - len(changed)} unchanged")
    return Exit.OK


def cmd_import(args) -> int:
    """nkterms import FILE.po...: merge translators' msgstr edits into the glossary."""
    from pathlib import Path

    from .glossary import load
    from .poimport import apply, plan

    glossary = load(args.glossary)
    changes, skipped = plan(glossary, [Path(p) for p in args.files])
    diff = apply(changes, dry_run=args.dry_run)
    for item in skipped:
        print(item, file=sys.stderr)
    if args.dry_run:
        sys.stdout.writelines(diff)
    for change in changes:
        print(("would set " if args.dry_run else "set ") + str(change))
    print(
        f"{len(changes)} rendering(s) {'to change' if args.dry_run else 'changed'}, "
        f"{len(skipped)} entr{'y' if len(skipped) == 1 else 'ies'} not applied"
    )
    return Exit.OK


def cmd_export(args) -> int:
    """nkterms export --format F: the whole glossary as TBX v3, TBX 2008, CSV or JSON."""
    from .glossary import load

    glossary = load(args.glossary)
    if args.format == "tbx":
        from .interchange.tbx import tbx_v3 as convert
    elif args.format == "tbx2008":
        from .interchange.tbx import tbx_2008 as convert
    elif args.format == "csv":
        from .interchange.csvfile import to_csv

        def convert(g):
            return to_csv(g, lang=args.lang)
    else:
        from .interchange.jsonfile import to_json as convert
    data = convert(glossary)
    data = data.encode("utf-8") if isinstance(data, str) else data
    if not args.output or args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return Exit.OK
    from pathlib import Path

    from .catalogs import write

    target = Path(args.output).resolve()
    write({target.name: data}, target.parent)
    print(f"wrote {target} ({len(data):,} bytes)", file=sys.stderr)
    return Exit.OK


def cmd_check(args) -> int:
    """nkterms check FILE...: report the glossary terms in articles that need care."""
    from .check.config import load_config
    from .check.engine import Checker, Patterns
    from .check.files import InputError, blocks, expand, kind_of
    from .check.report import github_line, json_document, sarif_document, text_line
    from .check.rules import SEVERITIES, index_rules
    from .index import open_index

    config = load_config(path=args.config)
    fail_on = args.fail_on or config.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise UsageError(f"fail-on must be one of {', '.join(SEVERITIES)}, got {fail_on!r}")
    index = open_index(args.glossary, on_build=_building)
    chosen = index_rules(index, prefer=config.get("prefer"), ignore=set(config.get("ignore", ())))
    if args.lang != "auto":
        chosen = [r for r in chosen if (r.lang == "ko") == (args.lang == "ko")]
    patterns = Patterns(chosen)
    paths = expand(args.paths or ["-"])
    findings, errors = [], []
    show_progress = len(paths) > 1 and sys.stderr.isatty()
    for number, path in enumerate(paths, 1):
        checker = Checker(
            patterns,
            path,
            kind_of(path, args.kind),
            config.get("romanization", ""),
            first_only=args.first_only,
        )
        try:
            for block in blocks(path):
                found = checker.block(block)
                findings += found
                if args.format == "text":
                    for finding in found:
                        print(text_line(finding))
                elif args.format == "github":
                    for finding in found:
                        print(github_line(finding))
        except InputError as err:
            errors.append(str(err))
            print(f"nkterms: {err}", file=sys.stderr)
        if show_progress:
            print(f"\rchecked {number}/{len(paths)} files", end="", file=sys.stderr, flush=True)
    if show_progress:
        print(file=sys.stderr)
    if args.format == "json":
        print(json_document(findings, len(paths), errors))
    elif args.format == "sarif":
        from . import __version__

        print(sarif_document(findings, __version__))
    if errors:
        return Exit.ERROR
    threshold = SEVERITIES.index(fail_on)
    failing = any(SEVERITIES.index(f.severity) >= threshold for f in findings)
    return Exit.NOT_FOUND if failing and not args.exit_zero else Exit.OK


def cmd_stats(args) -> int:
    """nkterms stats: coverage and sourcing of the glossary."""
    from .glossary import load
    from .stats import stats, stats_text

    data = stats(load(args.glossary))
    if args.json:
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(stats_text(data))
    return Exit.OK


def cmd_validate(args) -> int:
    """nkterms validate: check the glossary files."""
    from .validation import validate

    problems = validate(args.glossary)
    errors = [p for p in problems if p.severity == "error"]
    if args.json:
        import json

        print(
            json.dumps(
                {"ok": not errors, "problems": [p.as_dict() for p in problems]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            print(
                f"{problem} [{problem.severity}]" if problem.severity != "error" else problem,
                file=sys.stderr,
            )
        from .paths import default_root

        root = args.glossary or default_root()
        verdict = "ok" if not errors else f"{len(errors)} error(s)"
        print(f"{root}: {verdict}, {len(problems) - len(errors)} warning(s)")
    return Exit.ERROR if errors else Exit.OK


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkterms",
        formatter_class=_formatter,
        description="A sourced glossary of the vocabulary around North Korean defectors.",
        epilog="Exit codes: 0 ok, 1 nothing found, 2 usage or glossary error.",
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
    lookup.set_defaults(run=cmd_lookup)

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
    homophones.set_defaults(run=cmd_homophones)

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
        "--output", metavar="DIR", help="catalog folder (default: locales/ beside the glossary)"
    )
    build.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file is out of date"
    )
    build.set_defaults(run=cmd_build)

    importer = commands.add_parser(
        "import",
        formatter_class=_formatter,
        help="merge translators' msgstr edits from .po files back into the glossary YAML",
        description="Read translated .po files and set each changed msgstr as the term's rendering "
        "in the file's language, editing only the lines concerned (comments and formatting stay). "
        "Entries whose msgctxt is unknown or whose msgid no longer matches are reported, not applied.",
        epilog="Example: nkterms import --dry-run locales/en/LC_MESSAGES/nkterms.po",
    )
    importer.add_argument("files", nargs="+", metavar="FILE.po", help="translated PO files")
    importer.add_argument("--dry-run", action="store_true", help="show the diff; write nothing")
    importer.set_defaults(run=cmd_import)

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
    export.set_defaults(run=cmd_export)

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
    check.add_argument("--first-only", action="store_true", help="report each term once per file")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "--config", metavar="FILE", help="house style file (default nkterms.toml or pyproject.toml)"
    )
    check.set_defaults(run=cmd_check)

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
    stats.set_defaults(run=cmd_stats)

    validate = commands.add_parser(
        "validate",
        formatter_class=_formatter,
        help="check the glossary: YAML, schema, ids, sources, Hanja, romanizations",
        description="Check every glossary file; errors read path:line:col: field: problem: fix.",
    )
    validate.add_argument("--json", action="store_true", help="print one JSON document")
    validate.set_defaults(run=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"nkterms {__version__}")
        return Exit.OK
    if args.command is None:
        parser.print_help()
        return Exit.ERROR
    try:
        return args.run(args)
    except GlossaryError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(
            f"nkterms: the glossary has {len(err.problems)} error(s); "
            "run `nkterms validate` after fixing them",
            file=sys.stderr,
        )
        return Exit.ERROR
    except UsageError as err:
        print(f"nkterms: error: {err}", file=sys.stderr)
        return Exit.ERROR
    except NktermsError as err:  # pragma: no cover - every error has a subclass above
        print(f"nkterms: error: {err}", file=sys.stderr)
        return Exit.ERROR


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

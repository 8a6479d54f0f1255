"""The `nkterms` command line: parse (see `arguments`), make one library call, format, exit.

Each `cmd_*` function imports the library modules it calls inside itself, for cold start: a
`nkterms lookup` must not pay for the checker, the catalogs, PyYAML or the web extra.
"""

import os
import sys

from .errors import GlossaryError, NktermsError, UsageError


class Exit:
    """The exit codes of every command (the README's table).

    0: done (found, valid, written, nothing at the fail level). 1: nothing found, or findings
    at or above the fail level, or stale catalogs for `build --check`. 2: a usage, input or
    glossary error, with a message on stderr (`nkterms: error: …`) and never a traceback;
    argparse exits 2 for usage errors itself. 130: interrupted.
    Plain ints, not an IntEnum: `enum` is one more import on every cold start.
    """

    OK = 0
    NOT_FOUND = 1  # also: findings at the fail level, stale files
    ERROR = 2
    INTERRUPTED = 130


def _error(message: str) -> None:
    """Print an error in the one shape every command uses."""
    print(f"nkterms: error: {message}", file=sys.stderr)


def _emit(args, data, render) -> None:
    """Print `data` as one JSON document with --json, else as `render(data)` text."""
    if args.json:
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render(data))


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
    from .ambiguity import check_word, homophones
    from .dictionary import open_dictionary
    from .index import open_index

    word = " ".join(args.word)
    check_word(word)  # a control character or a whole text: exit 2
    if not word.strip():  # as `lookup ""`: a usage error, not a word with no other reading
        raise UsageError("empty word: give a Korean word, e.g. `nkterms homophones 북향민`")
    index = open_index(args.glossary, on_build=_building)
    try:
        result = homophones(word, index=index, dictionary=open_dictionary(), limit=args.limit)
    except UsageError as err:  # not Korean: no reading to list, so nothing found (exit 1)
        print(f"nkterms: {err}", file=sys.stderr)
        return Exit.NOT_FOUND
    from .textformat import homophones_text

    _emit(args, result, homophones_text)
    return Exit.OK


def _locales_dir(args) -> str:
    if args.output:
        return args.output
    from .paths import default_root, is_installed

    root = os.path.abspath(args.glossary or default_root())
    if is_installed(root):
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
    if args.json:
        import json

        doc = {
            "dry_run": args.dry_run,
            "changes": [c.as_dict() for c in changes],
            "skipped": [s.as_dict() for s in skipped],
            "diff": "".join(diff),
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return Exit.OK
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
    from .atomic import write_bytes

    write_bytes(args.output, data)
    print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return Exit.OK


def cmd_check(args) -> int:
    """nkterms check FILE...: report the glossary terms in articles that need care."""
    from .check.checker import Checker
    from .check.config import load_config
    from .check.files import expand
    from .check.report import FORMATS
    from .check.rules import SEVERITIES

    house = load_config(path=args.config)
    if args.preset:
        house["preset"] = args.preset  # the option wins over the config's own
    fail_on = args.fail_on or house.get("fail-on", "warning")  # both checked against SEVERITIES
    lang = {"en": "other"}.get(args.lang, args.lang)
    checker = Checker(args.glossary, house, lang=lang, every=args.every, on_build=_building)
    checker.first_only = args.first_only  # for inputs streamed (over the article size)
    selection = expand(args.paths or ["-"])
    report = FORMATS[args.format](sys.stdout.buffer, len(selection.files))
    for note in selection.notes():
        print(f"nkterms: {note}", file=sys.stderr)
    for error in selection.errors:
        _input_error(report, error)
    if not selection.files:
        _input_error(
            report,
            f"{' '.join(args.paths)}: nothing to check: give .txt, .md or .html files "
            "(or folders holding them)",
        )
    counts, speech = _check_files(args, checker, selection.files, report)
    report.close(counts)
    if report.errors:
        return Exit.ERROR
    counts = [a - b for a, b in zip(counts, speech, strict=True)]  # quoted speech never fails
    failing = any(counts[SEVERITIES.index(fail_on) :])
    return Exit.NOT_FOUND if failing and not args.exit_zero else Exit.OK


def _input_error(report, message: str) -> None:
    report.error(message)
    _error(message)


def _check_files(args, checker, paths: list[str], report) -> tuple[list[int], list[int]]:
    """Write each file's findings into the report as they come; return the findings per
    severity (info, warning, error), and those of them in quoted speech. A file that cannot
    be read is named; the others are still checked."""
    from .errors import InputError

    counts, speech = [0, 0, 0], [0, 0, 0]
    show_progress = len(paths) > 1 and sys.stderr.isatty()
    for number, path in enumerate(paths, 1):
        stream = checker.iter_file(path, args.kind, jobs=args.jobs, text_output=report.text_output)
        try:
            for found in stream:
                report.add(found)
        except InputError as err:
            _input_error(report, str(err))
        counts = [a + b for a, b in zip(counts, stream.counts, strict=True)]
        speech = [a + b for a, b in zip(speech, stream.speech, strict=True)]
        if show_progress:
            print(f"\rchecked {number}/{len(paths)} files", end="", file=sys.stderr, flush=True)
    if show_progress:
        print(file=sys.stderr)
    return counts, speech


def cmd_stats(args) -> int:
    """nkterms stats: coverage and sourcing of the glossary."""
    from .glossary import load
    from .stats import stats, stats_text

    _emit(args, stats(load(args.glossary)), stats_text)
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


class _Arguments:
    """Parsed arguments, as argparse's Namespace holds them."""

    def __init__(self, **values):
        self.__dict__.update(values)


def _quick_lookup(argv: list[str]) -> _Arguments | None:
    """Parse `[--glossary DIR] lookup WORD... [--json] [--limit N]` without argparse, or
    return None for anything else (argparse then parses it, errors and help included).

    argparse's import and parser, with the gettext look-ups it makes for every help text, cost
    a third of a bare Python start, and `nkterms lookup` is measured cold. tests/test_cli.py
    holds this to argparse's result for the same arguments.
    """
    glossary = os.environ.get("NKTERMS_GLOSSARY")
    if argv[:1] == ["--glossary"] and len(argv) > 2 and not argv[1].startswith("-"):
        glossary, argv = argv[1], argv[2:]
    if argv[:1] != ["lookup"]:
        return None
    words: list[str] = []
    values = {"json": False, "limit": 10}
    ended = False  # argparse takes one run of words: a word after an option is an error
    rest = iter(argv[1:])
    for token in rest:
        if token == "--json":
            values["json"], ended = True, bool(words)
        elif token == "--limit":
            number = next(rest, "")
            try:
                values["limit"] = int(number) if number.isdigit() else 0
            except ValueError:  # more digits than int() takes
                return None
            if values["limit"] < 1:
                return None
            ended = bool(words)
        elif token.startswith("-") or ended:
            return None
        else:
            words.append(token)
    if not words:
        return None
    return _Arguments(
        glossary=glossary, version=False, command="lookup", run="lookup", query=words, **values
    )


def cmd_usage(args) -> int:
    """nkterms usage INPUT...: count how an archive uses each term, per period and outlet."""
    from .usage.archive import count_usage
    from .usage.documents import Fields
    from .usage.output import notes

    fields = Fields(args.date_field, args.outlet_field, args.text_field, args.kind, args.outlet)
    usage = count_usage(
        args.inputs,
        glossary=args.glossary,
        by=args.by or ["year"],
        concepts=args.concept,
        terms=args.term,
        engine="dask" if args.scheduler else args.engine,
        jobs=args.jobs,
        scheduler=args.scheduler,
        fields=fields,
        progress=_progress() if sys.stderr.isatty() else None,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _print_usage(args, usage)
    for line in notes(usage):
        print(f"nkterms: {line}", file=sys.stderr)
    if usage.tally.errors:
        return Exit.ERROR
    return Exit.OK if usage.rows else Exit.NOT_FOUND


def _print_usage(args, usage) -> None:
    """Print the counts in the chosen format; draw the chart when asked."""
    from .usage import output

    render = {"table": output.table, "csv": output.to_csv, "json": output.to_json}[args.format]
    text = render(usage)
    if text:
        print(text.rstrip("\n"))
    if args.plot:
        from .usage.plot import plot

        concept = args.concept[0] if len(args.concept) == 1 else None
        font, warnings = plot(usage, args.plot, concept)
        for warning in warnings:
            print(f"nkterms: warning: {warning}", file=sys.stderr)
        print(f"nkterms: wrote {args.plot} (font: {font or 'none with Hangul'})", file=sys.stderr)


def _progress():
    """Return a callback printing documents read and documents per second on stderr."""
    import time

    started = time.perf_counter()

    def show(documents: int) -> None:
        rate = documents / max(time.perf_counter() - started, 1e-9)
        print(
            f"\r{documents:,} documents, {rate:,.0f} documents/s",
            end="",
            file=sys.stderr,
            flush=True,
        )

    return show


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _quick_lookup(argv)
    if args is None:
        from .arguments import parser as make_parser

        parser = make_parser()
        args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"nkterms {__version__}")
        return Exit.OK
    if args.command is None:
        parser.error("no command given")  # exits 2, as argparse does for every usage error
    try:
        return globals()[f"cmd_{args.run}"](args)
    except GlossaryError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        _error(
            f"the glossary has {len(err.problems)} error(s): fix them, then run `nkterms validate`"
        )
        return Exit.ERROR
    except NktermsError as err:  # usage and input errors: the message names the place and fix
        _error(str(err))
        return Exit.ERROR


def _quiet_closed_pipe() -> None:
    """Point stdout at /dev/null once its reader has gone (`nkterms … | head -1`).

    Python would otherwise print a BrokenPipeError traceback while flushing at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    """Console-script entry point; a reader that closes the pipe early ends the run quietly."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_closed_pipe()
        code = Exit.OK
    except KeyboardInterrupt:
        print("nkterms: interrupted", file=sys.stderr)
        code = Exit.INTERRUPTED
    sys.exit(code)


def cmd_serve(args) -> int:
    """nkterms serve: the web page and HTTP API, until interrupted."""
    try:
        # Imported here, not at the top: Flask and waitress would slow every other command's
        # cold start, and they come only with the `web` extra.
        import flask  # noqa: F401
        import waitress  # noqa: F401
    except ImportError as err:
        raise UsageError(
            f"nkterms serve needs {err.name}: install it with: pip install 'nkterms[web]'"
        ) from err
    from .serve import create_app, serve

    app = create_app(args.glossary, args.config, max_bytes=args.max_bytes)
    print(f"nkterms: serving on http://{args.host}:{args.port} (Ctrl-C stops)", file=sys.stderr)
    try:
        serve(app, host=args.host, port=args.port, threads=args.threads)
    except OSError as err:  # the port is taken, or the address is not this machine's
        raise UsageError(
            f"{args.host}:{args.port}: cannot listen ({err.strerror or err}): "
            "choose another --port or --host"
        ) from err
    return Exit.OK

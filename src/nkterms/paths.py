"""Where the glossary and the index cache live.

Plain os.path, not pathlib: the cold `nkterms lookup` imports this module, and pathlib
(with the re and urllib it pulls in) costs a third of a bare Python start.
"""

import os

from .errors import Problem, UsageError

CONCEPTS_DIR = "concepts"
SOURCES_FILE = "sources.yaml"
_HERE = os.path.dirname(os.path.abspath(__file__))


def shipped_root() -> str:
    """Return the glossary that ships with nkterms (inside the wheel, or the source checkout)."""
    shipped = os.path.join(_HERE, "_data", "glossary")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(_HERE)), "glossary")


def is_installed(root) -> bool:
    """Return True for the glossary inside an installed nkterms, which is read-only: an install
    or upgrade replaces it whole, and nkterms never writes into it (a checkout's is not)."""
    shipped = os.path.join(_HERE, "_data", "glossary")
    return os.path.isdir(shipped) and os.path.realpath(root) == os.path.realpath(shipped)


def default_root() -> str:
    """Return the glossary folder used when none is given: $NKTERMS_GLOSSARY, else the shipped one."""
    return os.environ.get("NKTERMS_GLOSSARY") or shipped_root()


def glossary_files(root, problems: list | None = None) -> list[str]:
    """Return the files that make up a glossary, sorted, so fingerprints and builds are stable.

    Linked folders are followed, each real folder once. What cannot be walked (no concepts/
    folder, a link loop, a folder that cannot be read) is appended to `problems` as a Problem.
    """
    root = os.fspath(root)
    if not os.path.isdir(root):
        raise UsageError(
            f"{root}: glossary folder not found: pass --glossary DIR or set NKTERMS_GLOSSARY"
        )
    report = problems.append if problems is not None else (lambda problem: None)
    concepts = os.path.join(root, CONCEPTS_DIR)
    if not os.path.isdir(concepts):
        report(_folder_problem(concepts, "concepts folder not found", _MISSING))
        return [os.path.join(root, SOURCES_FILE)]
    found = _concept_files(concepts, report)
    if not found and problems is not None:
        report(_folder_problem(concepts, "no concept files (*.yaml) in the folder", _EMPTY))
    return [os.path.join(root, SOURCES_FILE), *sorted(found)]


_MISSING = f"create {CONCEPTS_DIR}/ with one .yaml file per concept (see docs/glossary-format.md)"
_EMPTY = "add one .yaml file per concept (see docs/glossary-format.md)"


def _folder_problem(path: str, message: str, fix: str) -> Problem:
    return Problem(path, 0, 0, "", message, fix)


def _concept_files(concepts: str, report) -> list[str]:
    """Walk the concepts folder, following links but entering each real folder once."""

    def unreadable(err: OSError) -> None:
        report(_folder_problem(err.filename, f"cannot read the folder: {err.strerror}", _FIX_READ))

    seen = {os.path.realpath(concepts): concepts}
    found = []
    for folder, subfolders, names in os.walk(concepts, onerror=unreadable, followlinks=True):
        keep = []
        # Real folders before links, so a link to a sibling is the one reported.
        for name in sorted(subfolders, key=lambda n: (os.path.islink(os.path.join(folder, n)), n)):
            path = os.path.join(folder, name)
            real = os.path.realpath(path)
            if real in seen:
                report(_read_twice(path, seen[real]))
                continue
            seen[real] = path
            keep.append(name)
        subfolders[:] = keep
        found += [os.path.join(folder, name) for name in names if name.endswith(".yaml")]
    return found


def _read_twice(path: str, first: str) -> Problem:
    """Report a folder reached a second time: a link loop, or two ways to one folder."""
    if path.startswith(first + os.sep):
        return _folder_problem(path, f"symbolic link loop: leads back to {first}", _FIX_LOOP)
    if os.path.islink(path):
        return _folder_problem(path, f"links to {first}, read already", _FIX_LOOP)
    return _folder_problem(path, f"read already through the link {first}", f"remove {first}")


_FIX_READ = "make it readable, or move it out of the glossary"
_FIX_LOOP = "remove the link: each folder is read once"


def cache_dir() -> str:
    """Return the folder compiled indexes are kept in ($NKTERMS_CACHE_DIR, else the user cache)."""
    if os.environ.get("NKTERMS_CACHE_DIR"):
        return os.environ["NKTERMS_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nkterms")


def locale_dir() -> str:
    """Return the folder of the shipped gettext catalogs, for `gettext.translation("nkterms", ...)`."""
    shipped = os.path.join(_HERE, "_data", "locales")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(_HERE)), "locales")

"""Errors raised by nkterms; the CLI turns them into messages and exit codes.

Every error a user can cause is one of these (the CLI exits 2 for each):

    NktermsError
    ├── UsageError        an argument or option that cannot be used (a bad house config too)
    │   └── EditError     an import the glossary's YAML cannot take by editing lines
    ├── InputError        a file given to a command cannot be read, used or written
    │   └── PoFileError   a translator's .po file is malformed: the glossary is not at fault
    └── GlossaryError     glossary files with errors, each a Problem with file, line, column
"""


class NktermsError(Exception):
    """Base class of every error nkterms raises on purpose."""


class UsageError(NktermsError):
    """The caller asked for something that cannot be done (an empty query, a missing folder)."""


class InputError(NktermsError):
    """A file given to a command cannot be read or used (missing, a folder, binary, not UTF-8).

    The message names the path (and the line and column where there is one) and the fix.
    """


class PoFileError(InputError):
    """A translator's .po file is malformed or cannot be imported; the glossary is not at fault."""


class EditError(UsageError):
    """An import that cannot be made by editing the glossary's lines; nothing was written.

    Not a GlossaryError: the glossary on disk is valid; the edit is what cannot be made.
    """


class GlossaryError(NktermsError):
    """One or more problems in glossary files, each with its file, line and column."""

    def __init__(self, problems: "list[Problem]"):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problem:
    """One finding about a glossary file: where, what is wrong, and how to fix it.

    >>> str(Problem("glossary/x.yaml", 3, 5, "terms[0].id", "duplicate id 'a'", "rename one"))
    "glossary/x.yaml:3:5: terms[0].id: duplicate id 'a': rename one"

    Line 0 means the problem has no place inside the path (a folder, an unreadable file):

    >>> str(Problem("glossary/concepts", 0, 0, "", "concepts folder not found", "create it"))
    'glossary/concepts: concepts folder not found: create it'
    """

    __slots__ = ("path", "line", "col", "field", "message", "fix", "severity")

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        field: str,
        message: str,
        fix: str = "",
        severity: str = "error",
    ):
        self.path, self.line, self.col = path, line, col
        self.field, self.message, self.fix, self.severity = field, message, fix, severity

    def __str__(self) -> str:
        if self.line:
            where = (
                f"{self.path}:{self.line}:{self.col}: {self.field or '(document)'}: {self.message}"
            )
        else:
            where = f"{self.path}: {self.message}"
        return f"{where}: {self.fix}" if self.fix else where

    def __repr__(self) -> str:
        return f"Problem({str(self)!r}, severity={self.severity!r})"

    def as_dict(self) -> dict:
        """Return the problem as a JSON-ready mapping."""
        return {name: getattr(self, name) for name in self.__slots__}


def did_you_mean(word: str, known) -> str:
    """Return "did you mean 'x'? " for the closest of `known` to a misspelt `word`, or "".

    >>> did_you_mean("bukhyangmn", ["bukhyangmin", "talbungmin"])
    "did you mean 'bukhyangmin'? "
    """
    from difflib import get_close_matches  # here: only a misspelt id needs it (cold start)

    near = get_close_matches(word, list(known), 1)
    return f"did you mean {near[0]!r}? " if near else ""

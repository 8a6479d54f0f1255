"""nkterms: a sourced glossary of the vocabulary around North Korean defectors.

>>> import nkterms
>>> [m.id for m in nkterms.lookup("talbukmin")][:1]
['talbungmin']
"""

__all__ = [
    "Checker",
    "EditError",
    "Finding",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Match",
    "NktermsError",
    "Hit",
    "PoFileError",
    "Problem",
    "Report",
    "UsageError",
    "__version__",
    "check",
    "homophones",
    "load",
    "lookup",
    "validate",
]

# Submodules load on first use: `nkterms lookup` starts cold and every import counts.
_EXPORTS = {
    "Glossary": "glossary",
    "load": "glossary",
    "validate": "validation",
    "homophones": "ambiguity",
    "lookup": "query",
    "Match": "query",
    "NktermsError": "errors",
    "GlossaryError": "errors",
    "UsageError": "errors",
    "InputError": "errors",
    "PoFileError": "errors",
    "EditError": "errors",
    "Problem": "errors",
    "Checker": "check.checker",
    "Report": "check.checker",
    "Hit": "check.checker",
    "Finding": "check.engine",
}

TYPE_CHECKING = False  # typing costs milliseconds at every cold start
if TYPE_CHECKING:  # pragma: no cover
    from . import check
    from .ambiguity import homophones
    from .check.checker import Checker, Hit, Report
    from .check.engine import Finding
    from .errors import (
        EditError,
        GlossaryError,
        InputError,
        NktermsError,
        PoFileError,
        Problem,
        UsageError,
    )
    from .glossary import Glossary, load
    from .query import Match, lookup
    from .validation import validate


def __getattr__(name: str):
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("nkterms")
        except PackageNotFoundError:  # running from a source tree
            return "0+unknown"
    if name == "check":  # the subpackage, callable: see check/__init__.py
        from importlib import import_module

        return import_module(".check", __name__)
    if name in _EXPORTS:
        from importlib import import_module

        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nkterms' has no attribute {name!r}")

"""The article checker: find the glossary terms in a text that need care, Korean particles and all.

This package is also the shortcut `nkterms.check(text, kind="txt", lang="auto", glossary=None,
config=None) -> Report` (see checker.check): importing a subpackage sets it as an attribute of
its parent, so a function of that name in `nkterms` would be replaced by this module as soon
as anything imported `nkterms.check.…`. The module itself is made callable instead.

>>> import nkterms
>>> nkterms.check("새터민이라는 말", lang="ko").findings[0].term
'saeteomin'
"""

import sys
import types

from .checker import Checker, FileCheck, Hit, Report, check
from .engine import DocumentCheck, Finding, check_text

__all__ = [
    "Checker",
    "DocumentCheck",
    "FileCheck",
    "Finding",
    "Hit",
    "Report",
    "check",
    "check_text",
]

cache_clear = check.cache_clear


class _CallableModule(types.ModuleType):
    def __call__(self, text, kind="txt", lang="auto", glossary=None, config=None):
        """Check a text with a cached Checker (see checker.check)."""
        return check(text, kind, lang, glossary, config)


sys.modules[__name__].__class__ = _CallableModule

"""Glossary file paths as the exports show them."""

from __future__ import annotations

import os
from pathlib import Path


def relative_to(base: Path):
    """Return a function giving a path relative to `base` in POSIX form, so an export is the
    same on any machine (each file resolved once: a file holds a thousand terms)."""
    shown: dict[str, str] = {}

    def relative(path: str) -> str:
        if not path:
            return path
        if path not in shown:
            resolved = Path(path).resolve()
            try:
                shown[path] = resolved.relative_to(base).as_posix()
            except ValueError:
                shown[path] = Path(os.path.relpath(resolved, base)).as_posix()
        return shown[path]

    return relative

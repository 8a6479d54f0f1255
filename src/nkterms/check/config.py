"""House preferences: `nkterms.toml`, or `[tool.nkterms]` in pyproject.toml, in the current folder.

[tool.nkterms]
fail-on = "warning"            # info | warning | error
romanization = "rr"            # rr | mr: romanized terms not in this system are noted
ignore = ["talbukja"]          # term ids never reported
[tool.nkterms.prefer]          # concept id = the designation the house uses
north-korean-defector = "bukhanitaljumin"
"""

from __future__ import annotations

import os

from ..errors import UsageError


def load_config(folder: str = ".", path: str | None = None) -> dict:
    """Return the house configuration, or {} when there is none."""
    candidates = (
        [path]
        if path
        else [os.path.join(folder, "nkterms.toml"), os.path.join(folder, "pyproject.toml")]
    )
    for candidate in candidates:
        if not candidate or not os.path.isfile(candidate):
            if path:
                raise UsageError(f"{path}: configuration file not found")
            continue
        if candidate.endswith("pyproject.toml") and not path:
            with open(candidate, "rb") as handle:
                if b"[tool.nkterms" not in handle.read():
                    continue  # a project's own pyproject.toml without our section
        import tomllib  # only when there is a file to read: the import costs a cold start

        try:
            with open(candidate, "rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as err:
            raise UsageError(f"{candidate}: invalid TOML: {err}") from err
        section = (
            data.get("tool", {}).get("nkterms") if candidate.endswith("pyproject.toml") else data
        )
        if section is None:
            continue
        unknown = set(section) - {"fail-on", "romanization", "ignore", "prefer"}
        if unknown:
            raise UsageError(
                f"{candidate}: unknown setting {sorted(unknown)[0]!r}: "
                "use fail-on, romanization, ignore or prefer"
            )
        return dict(section)
    return {}

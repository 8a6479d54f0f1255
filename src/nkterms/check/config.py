"""House preferences: `nkterms.toml`, or `[tool.nkterms]` in pyproject.toml, in the current folder.

[tool.nkterms]
fail-on = "warning"            # info | warning | error
romanization = "rr"            # rr | mr: romanized terms not in this system are noted
ignore = ["talbukja"]          # term ids never reported
preset = "legal-term"          # a named house style (PRESETS); [prefer] entries win over it
[tool.nkterms.prefer]          # concept id = the designation the house uses (or a list of
north-korean-defector = "bukhanitaljumin"   # term ids, one a language)

A setting the checker does not know, a value it cannot use or an id the glossary does not
hold is refused with its place (path:line:col: what is wrong: how to fix): a house style that
is silently ignored would let every article through.
"""

from __future__ import annotations

import os
import re
from collections import namedtuple

from ..errors import UsageError, did_you_mean
from .rules import index_rules, rule_records, rules

SETTINGS = ("fail-on", "romanization", "ignore", "prefer", "preset")

#: A named house style: whose usage it follows, the designations it prefers (concept id ->
#: term ids, one a language) and the glossary's source ids for that usage (the sources of
#: the statuses the glossary records for those terms; tests/test_presets.py checks that).
Preset = namedtuple("Preset", "about prefer sources")
PRESETS = {
    "unification-ministry": Preset(
        "the Ministry of Unification from 2026: 북향민, in English North Korean-born citizen",
        {"north-korean-defector": ("bukhyangmin", "en-north-korean-born-citizen")},
        (
            "newspim-2025-12-30-bukhyangmin",
            "seoul-2025-12-31-bukhyangmin",
            "khan-2026-03-05-north-korean-born-citizens",
        ),
    ),
    "legal-term": Preset(
        "the term of the Republic of Korea's 1997 statute: 북한이탈주민",
        {"north-korean-defector": ("bukhanitaljumin",)},
        ("law-go-kr-bukhan-italjumin-act",),
    ),
    "defector-groups": Preset(
        "the name the defector organisations that opposed the 2025 rename keep: 탈북민",
        {"north-korean-defector": ("talbungmin",)},
        ("kmib-2025-12-23-bukhyangmin", "news1-2025-10-01-rally", "news1-2025-12-29-64-groups"),
    ),
}
_CHOICES = {
    "fail-on": ("info", "warning", "error"),
    "romanization": ("rr", "mr"),
    "preset": tuple(PRESETS),
}
_CHOICES_ARE = {
    "fail-on": "a severity",
    "romanization": "a system the checker knows (rr: Revised Romanization; mr: McCune-Reischauer)",
    "preset": "a house style the checker knows",
}
_EXAMPLES = {
    "fail-on": 'fail-on = "warning"',
    "romanization": 'romanization = "rr"',
    "ignore": 'ignore = ["talbukja"]',
    "prefer": '[prefer] with lines such as north-korean-defector = "bukhanitaljumin"',
    "preset": 'preset = "legal-term"',
}


class House(dict):
    """The house settings as read (a dict keyed by their TOML names), and where each stands."""

    def __init__(self, data: dict, path: str = "", positions=None, root: tuple = ()):
        super().__init__(data)
        self.path, self.positions, self.root = path, positions, root

    def where(self, *keys, value: bool = True) -> str:
        """Return `path:line:col` of a setting (its value, or its key with value=False)."""
        found = None
        if self.positions is not None:
            at = (*self.root, *keys)
            found = self.positions.value(at) if value else self.positions.key(at)
        return f"{self.path}:{found[0]}:{found[1]}" if found else self.path

    def problem(self, keys: tuple, what: str, fix: str, value: bool = True) -> str:
        """Return one problem in the error shape, placed at a setting."""
        return f"{self.where(*keys, value=value)}: {what}: {fix}"


def load_config(folder: str = ".", path: str | None = None) -> House:
    """Return the house configuration (empty when there is none), its settings checked.

    Raises UsageError naming the place of each setting that cannot be used."""
    names = ("nkterms.toml", "pyproject.toml")  # named as the user would, in messages
    candidates = (
        [path] if path else [os.path.join(folder, n) if folder != "." else n for n in names]
    )
    for candidate in candidates:
        if not candidate or not os.path.isfile(candidate):
            if path:
                raise UsageError(f"{path}: configuration file not found: check the path")
            continue
        with open(candidate, "rb") as handle:
            raw = handle.read()
        pyproject = os.path.basename(candidate) == "pyproject.toml"
        if pyproject and b"[tool.nkterms" not in raw:
            continue  # a project's own pyproject.toml without our section
        house = _parse(candidate, raw, pyproject)
        if house is not None:
            return house
    return House({})


def _parse(candidate: str, raw: bytes, pyproject: bool) -> House | None:
    # only when there is a file to read: both imports cost a cold start
    import tomllib

    from ..tomlpos import Positions

    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some editors write, is no setting
        data = tomllib.loads(text)
    except UnicodeDecodeError as err:
        raise UsageError(f"{candidate}: not valid UTF-8: save the file as UTF-8") from err
    except tomllib.TOMLDecodeError as err:
        raise UsageError(_syntax_error(candidate, text, str(err))) from err
    root = ("tool", "nkterms") if pyproject else ()
    section = data.get("tool", {}).get("nkterms") if pyproject else data
    if section is None:
        return None
    house = House(section, candidate, Positions(text), root)
    problems = shape_problems(house)
    if problems:
        raise UsageError("\n".join(problems))
    return house


def _syntax_error(candidate: str, text: str, message: str) -> str:
    """Turn tomllib's "what (at line L, column C)" into the error shape.

    >>> _syntax_error("h.toml", "a = [\\n", "Invalid value (at end of document)")
    'h.toml:2:1: invalid TOML: Invalid value: fix the syntax'
    """
    what, _, where = message.partition(" (at ")
    found = re.match(r"line (\d+), column (\d+)", where)
    if found:
        line, col = int(found[1]), int(found[2])
    else:  # at the end of the document
        line, col = text.count("\n") + 1, len(text) - text.rfind("\n")
    return f"{candidate}:{line}:{col}: invalid TOML: {what}: fix the syntax"


def _either(choices) -> str:
    """Say a list of choices in words.

    >>> _either(["a", "b", "c"]), _either(["a"])
    ('a, b or c', 'a')
    """
    return " or ".join([", ".join(choices[:-1]), choices[-1]] if choices[1:] else choices)


def shape_problems(house: House) -> list[str]:
    """Return what is wrong with the settings themselves (ids are checked against the glossary
    by `id_problems`)."""
    problems = []
    for key, value in house.items():
        if key not in SETTINGS:
            fix = did_you_mean(key, SETTINGS) + "the settings are " + _either(SETTINGS)
            problems.append(house.problem((key,), f"unknown setting {key!r}", fix, value=False))
        elif key in _CHOICES and value not in _CHOICES[key]:
            choices = _either([f'"{c}"' for c in _CHOICES[key]])
            what = f"{key} {value!r} is not {_CHOICES_ARE[key]}"
            problems.append(house.problem((key,), what, f"use {choices}"))
        elif key == "ignore" and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            problems.append(
                house.problem((key,), "ignore must be a list of term ids", _EXAMPLES[key])
            )
        elif key == "prefer" and not (isinstance(value, dict) and all(map(_ids, value.values()))):
            problems.append(
                house.problem((key,), "prefer must map concept ids to term ids", _EXAMPLES[key])
            )
    return problems


def _ids(value) -> bool:
    """Whether a `prefer` value is a term id or a list of them."""
    return isinstance(value, str) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
    )


def preferred(house: House) -> dict[str, tuple[str, ...]]:
    """Return the house's designations: its preset's, with its own [prefer] entries over them.

    >>> preferred(House({"preset": "legal-term", "prefer": {"hanawon": "hanawon"}}))
    {'north-korean-defector': ('bukhanitaljumin',), 'hanawon': ('hanawon',)}
    """
    out = dict(PRESETS[house["preset"]].prefer) if house.get("preset") in PRESETS else {}
    for concept, terms in (house.get("prefer") or {}).items():
        out[concept] = (terms,) if isinstance(terms, str) else tuple(terms)
    return out


def id_problems(house: House, records: list[dict]) -> list[str]:
    """Return the `prefer` and `ignore` entries that name no concept or term of the glossary
    (`records` are the index's rule records: id, lang, form, concept)."""
    terms = {r["id"]: r for r in records}
    concepts: dict[str, list[str]] = {}
    for r in records:
        concepts.setdefault(r["concept"]["id"], []).append(r["id"])
    problems = []
    for number, term in enumerate(house.get("ignore", ())):
        if term not in terms:
            problems.append(
                house.problem(
                    ("ignore", number),
                    f"ignore: no term {term!r} in the glossary",
                    did_you_mean(term, terms) + "use the [term-id] nkterms check prints",
                )
            )
    own = house.get("prefer") or {}
    for concept, chosen in preferred(house).items():
        where = ("prefer", concept) if concept in own else ("preset",)
        label = "prefer" if concept in own else f"preset {house.get('preset')}"
        if concept not in concepts:
            problems.append(
                house.problem(
                    where,
                    f"{label}: no concept {concept!r} in the glossary",
                    did_you_mean(concept, concepts)
                    + "use a concept id (nkterms lookup TERM --json shows it under concept.id)",
                    value=concept not in own,
                )
            )
            continue
        for term in chosen:
            if term in concepts[concept]:
                continue
            what = (
                f"{label}: {term!r} is a term of {terms[term]['concept']['id']}, not of {concept}"
                if term in terms
                else f"{label}: no term {term!r} in the glossary"
            )
            problems.append(
                house.problem(
                    where,
                    what,
                    did_you_mean(term, concepts[concept])
                    + "use one of "
                    + ", ".join(f"{t} ({terms[t]['form']})" for t in concepts[concept]),
                )
            )
    return problems


def house_rules(index, house: House):
    """Return the checker's rules under a house style, its ids checked against the glossary.

    Raises UsageError naming the place of each unknown id."""
    prefer, ignore = preferred(house), set(house.get("ignore") or ())
    if not prefer and not ignore:
        return index_rules(index)
    records = rule_records(index)
    problems = id_problems(house, records)
    if problems:
        raise UsageError("\n".join(problems))
    return rules(records, prefer, ignore)

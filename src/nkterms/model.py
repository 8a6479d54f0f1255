"""The glossary's data model: frozen records, no I/O.

A concept (one meaning) holds terms in several languages; a term carries its forms,
romanizations, scoped and dated statuses, connotation and curated homophones, and every
claim names the sources it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

#: Status values, in the order a reader should weigh them, with their TBX administrative status.
STATUS_TBX = {
    "legal": "preferredTerm-admn-sts",
    "recommended": "preferredTerm-admn-sts",
    "preferred": "preferredTerm-admn-sts",
    "common": "admittedTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "proposed": "admittedTerm-admn-sts",
    "contested": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
    "historical": "supersededTerm-admn-sts",
}


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the source registry."""

    id: str
    title: str
    publisher: str = ""
    url: str = ""
    published: str | None = None
    accessed: str | None = None
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Status:
    """Who says what about a term, since when, citing what."""

    value: str
    by: str = ""
    since: str | None = None
    until: str | None = None
    note: str = ""
    sources: tuple[str, ...] = ()
    verified: bool = True

    @property
    def current(self) -> bool:
        """Whether the status still holds (it has no end date)."""
        return self.until is None


@dataclass(frozen=True, slots=True)
class Connotation:
    """How a term sounds, to whom, with the sources that say so."""

    polarity: str
    users: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Homophone:
    """A curated other reading of a term (北鄕民 read as 北向民)."""

    hangul: str
    hanja: str = ""
    gloss: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Rendering:
    """The recommended rendering of a term in another language."""

    lang: str
    text: str
    basis: str = ""
    sources: tuple[str, ...] = ()
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Romanization:
    """Curated romanizations of a Korean term; `reason` explains departures from ko-pron."""

    rr: str = ""
    mr: str = ""
    yale: str = ""
    translit: str = ""
    press: tuple[str, ...] = ()
    reason: dict[str, str] = field(default_factory=dict)

    def systems(self) -> dict[str, str]:
        """Return the filled-in systems, keyed rr / mr / yale / translit."""
        pairs = (("rr", self.rr), ("mr", self.mr), ("yale", self.yale), ("translit", self.translit))
        return {name: value for name, value in pairs if value}


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a concept, in one language."""

    id: str
    lang: str
    form: str
    concept: str
    hanja: str = ""
    hanja_basis: str = ""  # "dictionary": composed from the Hanja word list, no page cited
    origin: str = ""
    pos: str = ""
    gloss: str = ""
    romanization: Romanization = field(default_factory=Romanization)
    renderings: tuple[Rendering, ...] = ()
    status: tuple[Status, ...] = ()
    connotation: Connotation | None = None
    homophones: tuple[Homophone, ...] = ()
    homographs: tuple[str, ...] = ()
    reviewed_readings: tuple[str, ...] = ()
    context: dict | None = field(default=None, compare=False)
    usage: str = ""
    path: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Concept:
    """One meaning, holding its terms in several languages."""

    id: str
    category: str
    terms: tuple[Term, ...]
    definition: str = ""
    definition_sources: tuple[str, ...] = ()
    note: str = ""
    path: str = ""
    line: int = 0


def _pickle_by_fields(cls: type) -> None:
    """Pickle `cls` as a call with its field values, in order.

    A large glossary's concept files are read in worker processes and every term crosses back
    pickled; the slots state that dataclasses pickle by default is rebuilt in Python one
    attribute at a time (a 100,000-term build spent 3 s of CPU pickling and unpickling).
    """
    values = attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))


for _cls in (Source, Status, Connotation, Homophone, Rendering, Romanization, Term, Concept):
    _pickle_by_fields(_cls)


def holding(statuses: tuple[Status, ...]) -> tuple[Status, ...]:
    """Return the statuses that still hold, or all of them when none does."""
    return tuple(s for s in statuses if s.current) or tuple(statuses)


def current_status(statuses: tuple[Status, ...]) -> Status | None:
    """Return the most recent status that still holds, or the latest one.

    The one place a term's current status is decided: `build.derive` stores it in the term's
    `records.TermCore`, which lookup, catalogs, exports, stats and the checker's rules read.

    >>> current_status((Status("common", since="2001"), Status("superseded", since="2026")))
    Status(value='superseded', by='', since='2026', until=None, note='', sources=(), verified=True)
    """
    return max(holding(statuses), key=lambda s: s.since or "") if statuses else None

"""Count how an archive uses the glossary's terms: plan the shards, run an engine, shape rows."""

from __future__ import annotations

import os
import time
from functools import cached_property

from ..check.rules import rule_records
from ..errors import UsageError, did_you_mean
from ..index import open_index
from .dask_engine import run_dask, warm_up
from .documents import Fields
from .inputs import Plan, remote
from .local import run_local
from .matching import spec_of
from .periods import UNKNOWN
from .tally import Job, Tally

BY = ("year", "month", "outlet")


class Usage:
    """The counts of an archive: rows, documents per period and outlet, what was unknown or
    unreadable, and how the work went (engine, workers' peak memory, seconds)."""

    def __init__(self, tally: Tally, terms: dict, statuses: dict, by: tuple, run: dict):
        self.tally, self.terms, self.statuses, self.by, self.run = tally, terms, statuses, by, run

    @cached_property
    def rows(self) -> list[dict]:
        """One dict per (period, outlet, concept, term) with uses, mentions or both, sorted
        (made once: the table, the chart and the exit code all read them)."""
        concept_uses: dict[tuple, int] = {}
        for (when, outlet, term), row in self.tally.counts.items():
            key = (when, outlet, self.terms[term]["concept"])
            concept_uses[key] = concept_uses.get(key, 0) + row[0]
        out = []
        for (when, outlet, term), (uses, docs, mentions, compounds) in self.tally.counts.items():
            info = self.terms[term]
            whole = concept_uses[(when, outlet, info["concept"])]
            out.append(
                {
                    "period": when,
                    "outlet": outlet,
                    "concept": info["concept"],
                    "term": term,
                    "form": info["form"],
                    "occurrences": uses,
                    "documents": docs,
                    "mentions": mentions,
                    "compounds": compounds,
                    "share": round(uses / whole, 4) if whole else 0.0,
                }
            )
        out.sort(
            key=lambda r: (
                r["period"] == UNKNOWN,
                r["period"],
                r["outlet"],
                r["concept"],
                r["term"],
            )
        )
        return out

    def as_dict(self) -> dict:
        """Return the JSON document of `nkterms usage --format json`."""
        documents = [
            {"period": when, "outlet": outlet, "documents": n}
            for (when, outlet), n in sorted(self.tally.documents.items())
        ]
        return {
            "by": list(self.by),
            "documents": self.tally.total,
            "unknown_dates": self.tally.unknown,
            "unknown_date_examples": self.tally.unknown_examples,
            "unreadable": self.tally.errors,
            "unreadable_examples": self.tally.error_examples,
            "per_group": documents,
            "rows": self.rows,
        }


def select_terms(records: list[dict], concepts=(), terms=()) -> set[str] | None:
    """Return the term ids to count (None: every term); raise UsageError for an unknown id."""
    if not concepts and not terms:
        return None
    by_concept: dict[str, list[str]] = {}
    for record in records:
        by_concept.setdefault(record["concept"]["id"], []).append(record["id"])
    known = {record["id"] for record in records}
    chosen: set[str] = set()
    for concept in concepts:
        if concept not in by_concept:
            raise UsageError(_unknown("concept", concept, by_concept))
        chosen.update(by_concept[concept])
    for term in terms:
        if term not in known:
            raise UsageError(_unknown("term", term, known))
        chosen.add(term)
    return chosen


def _unknown(what: str, name: str, known) -> str:
    return (
        f"--{what} {name}: no {what} '{name}' in the glossary: {did_you_mean(name, known)}"
        f"use a {what} id (nkterms lookup TERM --json shows it)"
    )


def statuses(records: list[dict]) -> dict[str, list[dict]]:
    """Return, per term id, its dated statuses: value, by, since, until (glossary dates)."""
    out: dict[str, list[dict]] = {}
    for record in records:
        for claim in record.get("status") or ():
            if claim.get("since") or claim.get("until"):
                out.setdefault(record["id"], []).append(
                    {k: claim.get(k) for k in ("value", "by", "since", "until")}
                )
    return out


def count_usage(
    inputs: list[str],
    *,
    glossary=None,
    by=("year",),
    concepts=(),
    terms=(),
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    fields: Fields | None = None,
    progress=None,
    shard_bytes: int = 16 << 20,
) -> Usage:
    """Count every term of the glossary (or the chosen ones) over the archive at `inputs`.

    `by` holds "year" or "month" and/or "outlet"; `engine` is "local" (a process pool of
    `jobs` workers) or "dask" (`scheduler`: None for a LocalCluster of `jobs` workers,
    "synchronous", or a scheduler address). `progress(documents)` is called as shards finish.
    """
    by = _check_by(by)
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: unknown engine: use local or dask")
    if engine == "dask":
        warm_up(scheduler)  # the workers' fork server imports while the glossary loads
    records = rule_records(open_index(glossary))
    chosen = select_terms(records, concepts, terms)
    time_by = next((b for b in by if b != "outlet"), None)
    spec, _ = spec_of(glossary)  # built here once: a bad glossary fails before any work
    job = Job(spec, fields or Fields(), time_by, "outlet" in by, chosen)
    if engine == "dask":  # workers elsewhere cannot resolve this folder's relative paths
        inputs = [p if remote(p) else os.path.abspath(p) for p in inputs]
    plan = Plan(list(inputs), shard_bytes=shard_bytes)
    tally, run = _run(plan, job, engine, jobs, scheduler, progress)
    info = {
        r["id"]: {"concept": r["concept"]["id"], "form": r["form"], "lang": r["lang"]}
        for r in records
    }
    return Usage(tally, info, statuses(records), by, run)


def _run(plan: Plan, job: Job, engine: str, jobs: int, scheduler, progress):
    """Run an engine over the plan; return the tally and how the run went."""
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    seen = [0]

    def done(tally: Tally, pid: int, peak: int, seconds: float) -> None:
        peaks[pid] = max(peaks.get(pid, 0), peak)
        cpu[pid] = cpu.get(pid, 0.0) + seconds
        seen[0] += tally.total + tally.errors
        if progress is not None:
            progress(seen[0])

    started = time.perf_counter()
    if engine == "dask":
        tally = run_dask(plan, job, done, scheduler, jobs)
    else:
        tally = run_local(plan, job, jobs, done)
    run = {"engine": engine, "workers": len(peaks), "peak_kib": peaks, "cpu_seconds": cpu}
    run["skipped_files"] = plan.skipped
    run["seconds"] = time.perf_counter() - started
    return tally, run


def _check_by(by) -> tuple[str, ...]:
    by = tuple(dict.fromkeys(by or ()))
    for item in by:
        if item not in BY:
            raise UsageError(f"--by {item}: not a grouping: use year, month or outlet")
    if "year" in by and "month" in by:
        raise UsageError("--by year --by month: choose one period: year or month")
    return by

"""The local engine: the standard library's process pool, one matcher built per worker."""

from __future__ import annotations

import os
import resource
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .matching import matcher_for
from .tally import Job, Tally, count_shard

_JOB: Job | None = None  # this worker's job, set once by the pool's initializer


def measured(shard, job: Job) -> tuple[Tally, int, int, float]:
    """Count a shard; return its tally, this process's id, its peak memory (KiB) and the
    CPU seconds counting the shard took."""
    started = time.process_time()
    tally = count_shard(shard, job)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return tally, os.getpid(), peak, time.process_time() - started


def _start(job: Job) -> None:
    global _JOB
    _JOB = job

    matcher_for(job.spec)  # build the automaton now, not inside the first shard


def _count(shard):
    return measured(shard, _JOB)


def run_local(plan, job: Job, jobs: int, done) -> Tally:
    """Count every shard of `plan` on `jobs` worker processes (in this process for 1).

    `done(tally, pid, peak, cpu)` is called in this process as each shard finishes. At most two
    shards per worker are in flight, so memory stays bounded whatever the archive's size."""
    total = Tally()
    if jobs == 1:
        for shard in plan:
            result = measured(shard, job)
            total.merge(result[0])
            done(*result)
        return total
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(job,)) as pool:
        pending: set = set()
        for shard in plan:
            pending.add(pool.submit(_count, shard))
            if len(pending) >= 2 * jobs:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                _collect(finished, total, done)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            _collect(finished, total, done)
    return total


def _collect(finished, total: Tally, done) -> None:
    for future in finished:
        result = future.result()
        total.merge(result[0])
        done(*result)

"""The Dask engine: the same shard function on `dask.bag`, on a LocalCluster, an existing
cluster (`tcp://host:8786`), or Dask's synchronous scheduler (tests, debugging).

Needs `pip install 'nkterms[dask]'` (dask[bag], distributed, fsspec). Each worker builds its
matcher once (matching.matcher_for caches it per process) and reads its shards itself, through
fsspec, so the inputs may be any path every worker can open.
"""

from __future__ import annotations

import pickle
from functools import lru_cache
from itertools import islice

from ..errors import UsageError
from .local import measured
from .tally import Job, Tally


@lru_cache(maxsize=2)
def _job(payload: bytes) -> Job:
    return pickle.loads(payload)


def measured_payload(shard, payload: bytes):
    """Count a shard with the pickled job (see _bag); return (tally, pid, peak, cpu)."""
    return measured(shard, _job(payload))


def _bag(shards: list, payload: bytes):
    """A bag of the shards' (tally, pid, peak, cpu), one partition a shard.

    The job travels pickled: as a plain object Dask would hash its hundreds of rules for
    every graph (0.17 s each) and walk them as a task spec on every run."""
    import dask.bag as db

    return db.from_sequence(shards, npartitions=len(shards)).map(measured_payload, payload)


def _require(cluster: bool) -> None:
    try:
        import dask.bag  # noqa: F401

        if cluster:
            import distributed  # noqa: F401
    except ImportError as err:
        raise UsageError(
            f"--engine dask needs {err.name}, which is not installed: pip install 'nkterms[dask]'"
        ) from None


def run_dask(plan, job: Job, done, scheduler: str | None = None, workers: int = 2) -> Tally:
    """Count every shard of `plan` on Dask; `done(tally, pid, peak, cpu)` as each shard finishes.

    `scheduler` is None (a LocalCluster of `workers` processes), "synchronous", or the
    address of a running scheduler."""
    _require(scheduler != "synchronous")
    total = Tally()
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    if scheduler == "synchronous":
        shards = iter(plan)
        while batch := list(islice(shards, 64)):
            for result in _bag(batch, payload).compute(scheduler="sync"):
                total.merge(result[0])
                done(*result)
        return total
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler is None:
            cluster = _local_cluster(LocalCluster, workers)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="20s")
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise UsageError(
            f"--scheduler {scheduler}: cannot reach the Dask scheduler ({err}): "
            "check the address (tcp://host:8786) and that the scheduler runs"
        ) from err
    try:
        _stream(client, plan, payload, total, done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return total


#: A LocalCluster's workers run only our shard tasks, which report their own CPU and memory, so
#: the worker's sampling profiler (a stack walk every 10 ms), its GIL monitor and its 100 ms
#: memory polls are pure overhead here. A cluster given with --scheduler keeps its own settings.
LEAN = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _local_cluster(local_cluster, workers: int):
    """Start a LocalCluster of `workers` single-threaded worker processes, without the
    diagnostics nobody reads during a count."""
    import dask

    with dask.config.set(LEAN):
        return local_cluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)


def _stream(client, plan, payload: bytes, total: Tally, done) -> None:
    """Keep two shards per worker in flight; merge each as it finishes (bounded memory)."""
    from distributed import as_completed

    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    shards = iter(plan)
    running = as_completed()

    def submit(count: int) -> None:
        for shard in islice(shards, count):
            running.add(client.compute(_bag([shard], payload).to_delayed()[0]))

    submit(window)
    for future in running:
        for result in future.result():
            total.merge(result[0])
            done(*result)
        future.release()
        submit(1)

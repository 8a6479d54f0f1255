"""The Dask engine: the same shard function as the local engine, one Dask task a shard, on a
LocalCluster, an existing cluster (`tcp://host:8786`), or, through `dask.bag`, on Dask's
synchronous scheduler (tests, debugging).

Needs `pip install 'nkterms[dask]'` (dask[bag], distributed, fsspec). Each worker builds its
matcher once (matching.matcher_for caches it per process) and reads its shards itself, through
fsspec, so the inputs may be any path every worker can open.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
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
    """Count a shard with the pickled job; return (tally, pid, peak, cpu).

    The job travels pickled: as a plain object Dask would tokenize it for every graph."""
    return measured(shard, _job(payload))


def _bag(shards: list, payload: bytes):
    """A bag of the shards' (tally, pid, peak, cpu), one partition a shard."""
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
#: memory polls are pure overhead here; so is the 20 ms tick that times the event loop, which
#: woke a worker's loop thread to take the GIL from the counting thread: 300-800 voluntary
#: context switches a 32,000-document task, 11-19 with a 1 s tick. A cluster given with
#: --scheduler keeps its own settings.
LEAN = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


#: What the fork server imports once; each LocalCluster worker is then a fork of it. Spawned,
#: every worker started a new Python and imported Dask and nkterms itself: 0.45 s of CPU and
#: 10 MB more a worker, and 0.5-1 s before two workers could take a task.
PRELOAD = ["distributed", "nkterms.usage.dask_engine"]
#: Set in the fork server as distributed sets them before spawning a worker (one BLAS thread,
#: memory given back to the system, one hash seed on every worker); the user's settings win.
WORKER_ENV = {
    "PYTHONHASHSEED": "6640",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MALLOC_TRIM_THRESHOLD_": "65536",
}


def _forks() -> bool:
    return "forkserver" in multiprocessing.get_all_start_methods()


def warm_up(scheduler: str | None) -> None:
    """Start the fork server a LocalCluster's workers will fork from, so it imports Dask and
    nkterms while this process plans the input (no-op for another scheduler, or where
    there is no fork server)."""
    if scheduler is not None or not _forks() or importlib.util.find_spec("distributed") is None:
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    added = {k: v for k, v in WORKER_ENV.items() if k not in os.environ}
    os.environ.update(added)  # the server starts with this process's environment
    try:
        forkserver.ensure_running()
    finally:
        for key in added:
            os.environ.pop(key, None)


def _local_cluster(local_cluster, workers: int):
    """Start a LocalCluster of `workers` single-threaded worker processes, forked from the
    warmed fork server, without the diagnostics nobody reads during a count."""
    import dask

    config = dict(LEAN)
    if _forks():
        warm_up(None)  # a no-op when count_usage started it
        config["distributed.worker.multiprocessing-method"] = "forkserver"
        import distributed.utils

        # distributed would otherwise import pandas and lz4 here, if installed, only to name
        # them as preloads of a fork server that already runs
        distributed.utils._forkserver_preload_set = True
    with dask.config.set(config):
        return local_cluster(
            n_workers=workers,
            threads_per_worker=1,
            dashboard_address=None,
            # no dashboard; its health and metrics routes on a free local port, not on 8787,
            # which another cluster may hold (a warning on the terminal)
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            # a fork has the server's environment: give it this process's as it is now (a
            # cache folder, cloud credentials set since the server started)
            env=dict(os.environ),
        )


def _stream(client, plan, payload: bytes, total: Tally, done) -> None:
    """Keep two shards per worker in flight, one task each; merge each as it finishes (bounded
    memory).

    A task per shard, not a one-partition bag: the bag's graph adds an alias task after the
    shard's, and on a one-thread worker that alias waits behind the next shard, so every
    result came back one shard late and the worker idled while the next was sent."""
    from distributed import as_completed

    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    shards = iter(plan)
    running = as_completed()

    def submit(count: int) -> None:
        for shard in islice(shards, count):
            running.add(client.submit(measured_payload, shard, payload, pure=False))

    submit(window)
    for future in running:
        result = future.result()
        total.merge(result[0])
        done(*result)
        future.release()
        submit(1)

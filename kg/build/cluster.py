"""Cluster: a corpus build's extraction on a Dask distributed cluster.

``kg build INPUT... --scheduler tcp://HOST:PORT`` hands each report that
the cache does not hold to a running cluster (``dask scheduler`` and
``dask worker`` processes, or one made by dask-jobqueue, dask-kubernetes
or a cloud provider) and writes its results into the same per-report
cache a local build uses, so the outputs are the same bytes, an
interrupted build resumes where it stopped, and a rebuild with nothing
changed contacts no one.

- The report's bytes travel with the task: workers need not share the
  client's file system, only the same version of this package (checked:
  each result carries the pipeline's fingerprint).
- A worker plugin loads the word tables and the gazetteer once per worker
  process, when the worker joins; tasks find them loaded.
- A worker that dies mid-task: the scheduler runs the task elsewhere (up
  to ``distributed.scheduler.allowed-failures`` times); a report that
  cannot be extracted is reported and skipped, as in a local build.
- At most a few tasks per worker thread are in flight, so a corpus of
  100,000 reports does not sit in the client's memory at once.

Needs the optional ``distributed`` package: ``pip install ".[dask]"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.errors import ClusterError, InputError, KGError
from kg.ingest import read_source
from kg.resources import fingerprint

PLUGIN_NAME = "govreport-kg-tables"
IN_FLIGHT_PER_THREAD = 4


def _client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--scheduler needs Dask's distributed package", "pip install '.[dask]' in the project (or: pip install distributed)") from None
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}",
                           "start one with 'dask scheduler' and workers with 'dask worker ADDRESS', or check the address") from None


def _plugin():
    from distributed import WorkerPlugin

    class WordTables(WorkerPlugin):
        """Loads the extraction's tables once, as the worker joins."""

        name = PLUGIN_NAME

        def setup(self, worker) -> None:
            from kg.build.cache import warm

            warm()

    return WordTables()


def extract_on_cluster(todo: list[tuple[str, str, str]], cache_dir: str, address: str) -> Iterator:
    """Extract the reports of ``todo`` (path, name, cache key) on the
    cluster at ``address``; yield each one's :class:`~kg.build.DocResult`
    as it is written into the cache, in the order they finish."""
    from distributed import as_completed

    from kg.build.cache import extract_entry, file_size, store_entry
    from kg.build.results import DocResult, one_line

    client = _client(address)
    try:
        client.register_plugin(_plugin(), name=PLUGIN_NAME)
        threads = max(1, sum(client.nthreads().values()))
        queue = sorted(todo, key=lambda t: -file_size(t[0]))  # longest first: no worker left with a long one at the end
        meta = {}
        results: list = []

        def submit_next():
            """The next readable report's task (an unreadable one is a result at once)."""
            while queue:
                path, name, key = queue.pop(0)
                try:
                    data = read_source(Path(path)).data
                except KGError as exc:
                    results.append(DocResult(name=name, path=path, key="", error=one_line(exc)))
                    continue
                future = client.submit(extract_entry, name, data, key=f"kg-extract-{key}", pure=False, retries=1)
                meta[future.key] = (path, name, key)
                return future
            return None

        first = [f for f in (submit_next() for _ in range(threads * IN_FLIGHT_PER_THREAD)) if f is not None]
        yield from results
        results.clear()
        if not first:
            return
        pending = as_completed(first, loop=client.loop)
        mine = fingerprint()
        for future in pending:
            path, name, key = meta.pop(future.key)
            try:
                entry = future.result()
            except Exception as exc:  # noqa: BLE001 - a task that failed on the cluster fails its report only
                reason = " ".join(str(exc).split())[:200] or type(exc).__name__
                yield DocResult(name=name, path=path, key="", error=f"extraction failed on the cluster: {reason}")
            else:
                if entry.fingerprint != mine:
                    raise ClusterError(
                        f"a worker of {address} runs another version of govreport-kg (pipeline {entry.fingerprint}, here {mine})",
                        "install the same version on the workers as here",
                    )
                yield store_entry(entry, path, name, key, cache_dir)
            future.release()
            following = submit_next()
            if following is not None:
                pending.add(following)
            yield from results
            results.clear()
    finally:
        client.close()


def check_address(address: str) -> str:
    """A scheduler address as Dask takes it (``tcp://host:port``, ``tls://``,
    ``ws://``, ``ucx://``), or an :class:`InputError`."""
    if "://" not in address or not address.split("://", 1)[1]:
        raise InputError(f"malformed scheduler address {address}", "give it as dask prints it, e.g. tcp://127.0.0.1:8786")
    return address

"""Worker processes: extraction in a pool that dies with its build, longest
reports first, or on a Dask cluster.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator, Optional

from kg.build.cache import file_size, process_document, warm
from kg.build.results import DocResult
from kg.processes import die_with_parent

# --- one document (runs in a worker) ------------------------------------------


def worker_start(parent: int) -> None:
    die_with_parent(parent)
    warm()



def run_extraction(paths: list[Path], names: list[str], keys: list[str], hits: list, cache_dir: str, jobs: int,
         scheduler: Optional[str] = None) -> Iterator[DocResult]:
    """Results for every report: cached ones (``hits``) at once, the others
    extracted (on the Dask cluster at ``scheduler``, else in a pool of
    ``jobs`` processes when there is more than one)."""
    todo = []
    for p, n, k, hit in zip(paths, names, keys, hits):
        if hit is not None:
            yield hit
        else:
            todo.append((str(p), n, k))
    if scheduler and todo:
        from kg.build.cluster import extract_on_cluster

        yield from extract_on_cluster(todo, cache_dir, scheduler)
        return
    if jobs <= 1 or len(todo) <= 1:
        for p, n, k in todo:
            yield process_document(p, n, k, cache_dir)
        return
    # longest reports first, so no worker is left with a long one at the end
    todo.sort(key=lambda t: -file_size(t[0]))
    # warm up before the pool starts: forked workers share the loaded
    # dictionaries; where workers are spawned, the initializer loads them
    warm()
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=worker_start, initargs=(os.getpid(),)) as pool:
        paths_, names_, keys_ = zip(*todo)
        yield from pool.map(process_document, paths_, names_, keys_, [cache_dir] * len(todo), chunksize=1)



def fork(fn):
    import multiprocessing as mp

    try:
        ctx = mp.get_context("fork")
    except ValueError:  # no fork on this platform: do it in this process
        return None
    proc = ctx.Process(target=with_parent, args=(fn, os.getpid()))
    proc.start()
    return proc


def with_parent(fn, parent: int) -> None:
    import sys

    die_with_parent(parent)
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the main process says it failed; here one line why
        print(f"Error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)



def default_jobs() -> int:
    return os.cpu_count() or 1

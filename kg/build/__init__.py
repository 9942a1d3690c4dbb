"""Build: reports in, graph files out; incremental and parallel.

Each document is extracted on its own (in a pool of worker processes with
``jobs`` > 1) into a cache entry keyed by the SHA-256 of its bytes and the
pipeline's fingerprint: its facts and provenance as N-Triples, its evidence
sentences and its counts. A rebuild reuses the entries of unchanged
documents, so only new or changed documents are extracted, and removed ones
simply drop out. The outputs are assembled as the documents come in, and
each is written whole or not at all. The store (``output/store``) is an
index of graph.trig, made by the first query after a build, or at once
with ``store=True``.

>>> result = build([sample_report_path()], "output")     # doctest: +SKIP
>>> [Path(f).name for f in result.files]                  # doctest: +SKIP
['graph.ttl', 'graph.trig', 'graph.html']
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Optional

from kg.build.cache import CACHE, from_cache, prune_cache
from kg.build.inputs import document_names, source_key
from kg.build.publish import (
    Collected,
    OutputLock,
    Staging,
    cleanup_empty,
    file_hash,
    manifest_of,
    manifest_path,
    published,
    read_manifest,
    remove_leftovers,
    write_outputs,
)
from kg.build.results import BuildResult, DocResult, StoreSync
from kg.build.sync import sync_remote
from kg.build.inputs import sample_report_path
from kg.build.workers import default_jobs, run_extraction
from kg.errors import InputError
from kg.extract.resolve import document_iri
from kg.ingest import find_reports
from kg.model import ENTITY_TYPES
from kg.outputs import write_text

__all__ = ["BuildResult", "DocResult", "OutputLock", "Progress", "StoreSync", "build", "default_jobs", "sample_report_path"]

# --- the whole build -----------------------------------------------------------


Progress = Callable[[int, int, int, float], None]
"""Called with (documents done, documents in all, characters done, seconds)
before the first document and after each."""


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "output",
    html: bool = True,
    store: bool = False,
    remote: Optional[str] = None,
    jobs: int = 1,
    progress: Optional[Progress] = None,
    upload: Optional[Callable[[int, int], None]] = None,
    scheduler: Optional[str] = None,
) -> BuildResult:
    """Extract every report in ``inputs`` (reusing cached ones) and write the
    graph files, with ``store`` the embedded store (``out_dir/store``; else
    the first query indexes graph.trig into it) and, given ``remote``, each
    document's named graph into a Graph Store HTTP Protocol endpoint
    (``upload`` hears how many of the graphs that travel are through).
    With ``scheduler`` (a Dask scheduler's address) the reports the cache
    does not hold are extracted on that cluster (:mod:`kg.build.cluster`); the
    outputs are the same bytes.

    A report that cannot be read is reported in ``failures`` and skipped;
    when no report can be read, the first failure is raised and nothing is
    written."""
    problems: list[str] = []
    paths = find_reports(list(inputs), problems)
    if not paths:
        raise InputError(problems[0] if problems else "no reports to build", "check the folders' permissions")
    names = document_names(paths)
    out = Path(out_dir)
    cache_dir = out / CACHE
    cache_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):
        return _build(paths, names, problems, out, cache_dir, html, store, remote, jobs, progress, upload, scheduler)



def _build(paths, names, problems, out: Path, cache_dir: Path, html: bool, store: bool, remote, jobs: int, progress,
           upload=None, scheduler=None) -> BuildResult:
    remove_leftovers(out)
    docs: list[DocResult] = []
    started = time.perf_counter()
    chars = 0
    manifest = manifest_path(out)
    # each report's bytes are hashed once, here
    keys = [source_key(str(p), n) for p, n in zip(paths, names)]
    hits = [from_cache(str(cache_dir), k, str(p)) if k else None for p, k in zip(paths, keys)]
    if not remote:
        if all(hits):
            wanted = manifest_of(hits, html)
            if published(out, read_manifest(manifest), wanted):
                # nothing changed since the last build: its outputs stand
                files = [out / n for n in wanted["outputs"]]
                if store:
                    from kg.graph.store import index_build, needs_index

                    if needs_index(out / "store"):
                        index_build(out)
                    files.append(out / "store")
                return _result(hits, files, tuple(problems))
    staging = Staging(out)
    collected = Collected(cache_dir, html)
    if progress:
        progress(0, len(paths), 0, 0.0)
    try:
        for result in run_extraction(paths, names, keys, hits, str(cache_dir), jobs, scheduler):
            docs.append(result)
            chars += result.chars
            if not result.error:
                # while the workers go on: the document's part of the outputs
                collected.add(result)
            if progress:
                progress(len(docs), len(paths), chars, time.perf_counter() - started)
        order = {n: i for i, n in enumerate(names)}
        docs.sort(key=lambda d: order[d.name])
        failures = tuple(problems) + tuple(f"{d.name}: {d.error}" for d in docs if d.error)
        good = [d for d in docs if not d.error]
        if not good:
            staging.discard()
            cleanup_empty(out)
            first = next(d for d in docs if d.error)
            message, _, hint = first.error.partition(" (hint: ")
            raise InputError(message, hint.rstrip(")"))
        # the manifest goes first and comes back last: outputs published in
        # part (a build killed between two renames) have none, and the next
        # build writes them all again
        try:
            manifest.unlink()
        except FileNotFoundError:
            pass
        files, synced = _assemble(good, staging, cache_dir, collected, remote=remote, jobs=jobs, upload=upload)
        done = manifest_of(good, html)
        done["hashes"] = {n: file_hash(out / n) for n in done["outputs"]}
        write_text(manifest, json.dumps(done, ensure_ascii=False, indent=1, sort_keys=True))
    finally:
        staging.discard()
    if store:
        from kg.graph.store import index_build

        index_build(out)
        files.insert(len(files) - (1 if remote else 0), out / "store")
    prune_cache(cache_dir, {d.key for d in good})
    return _result(docs, files, failures, synced)


def _result(docs: list[DocResult], files: list, failures: tuple, synced: Optional[StoreSync] = None) -> BuildResult:
    good = [d for d in docs if not d.error]
    totals = Counter()
    for d in good:
        totals.update(d.entities)
    return BuildResult(
        documents=tuple(d.name for d in good),
        entities={t: totals.get(t, 0) for t in ENTITY_TYPES},
        relations=sum(d.relations for d in good),
        flags=tuple(f"{d.name}: {f}" for d in good for f in d.flags),
        files=tuple(str(f) for f in files),
        docs=tuple(docs),
        failures=failures,
        synced=synced,
    )



def _assemble(docs: list[DocResult], staging: Staging, cache_dir: Path, collected: Collected, remote: Optional[str], jobs: int = 1, upload=None) -> tuple[list, Optional[StoreSync]]:
    docs = sorted(docs, key=lambda d: document_iri(d.name))
    names = write_outputs(docs, staging.folder, cache_dir, collected, parallel=jobs > 1)
    synced = sync_remote(docs, cache_dir, remote, upload) if remote else None
    files = staging.publish(names)
    return files + ([remote] if remote else []), synced

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

import hashlib
import json
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import pyoxigraph as ox

from kg.errors import InputError, KGError
from kg.ingest import document_from_bytes, find_reports, read_source
from kg.model import ENTITY_TYPES
from kg.outputs import write_text
from kg.extract.resolve import document_iri
from kg.resources import fingerprint, sample_report
from kg.graph.store import PREFIXES as PREFIX_MAP

CACHE = ".cache"


@dataclass(frozen=True)
class DocResult:
    """One document's part of a build (kept in the cache)."""

    name: str
    path: str
    key: str
    title: str = ""
    chars: int = 0
    entities: dict = field(default_factory=dict)
    relations: int = 0
    figures: int = 0
    flags: tuple = ()
    rules: dict = field(default_factory=dict)
    """Mentions and relations found by each rule."""
    reused: bool = False
    error: str = ""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: per-document results, totals, files written."""

    documents: tuple[str, ...]
    entities: dict[str, int]
    relations: int
    flags: tuple[str, ...]
    files: tuple[str, ...]
    docs: tuple[DocResult, ...] = ()
    failures: tuple[str, ...] = ()
    synced: Optional["StoreSync"] = None

    @property
    def by_rule(self) -> dict[str, int]:
        """Mentions and relations per rule id, over all documents."""
        totals: Counter = Counter()
        for d in self.docs:
            totals.update(d.rules)
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def extracted(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.docs if not d.reused)

    @property
    def reused(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.docs if d.reused)


@dataclass(frozen=True)
class StoreSync:
    """What a build did to a remote store: graphs sent (new or changed),
    removed (their reports gone from the build) and left as they were."""

    sent: int
    removed: int
    unchanged: int


def sample_report_path() -> Path:
    """The bundled Hengyang report as a real file path."""
    from importlib.resources import as_file

    with as_file(sample_report()) as path:
        return Path(path)


def _names(paths: list[Path]) -> list[str]:
    """Document names, unique in the build: the file name, and where file
    names repeat, as many of the folders above it as tell them apart
    (a/x/report.txt and b/x/report.txt). The same files get the same
    names on any machine, wherever the corpus lies.

    >>> _names([Path("/m/a/x/r.txt"), Path("/m/b/x/r.txt"), Path("/m/c.txt")])
    ['a/x/r.txt', 'b/x/r.txt', 'c.txt']
    """
    parts = [p.parts for p in paths]
    depth = [1] * len(paths)
    while True:
        names = ["/".join(pp[-d:]) for pp, d in zip(parts, depth)]
        counts = Counter(names)
        clash = [i for i, n in enumerate(names) if counts[n] > 1 and depth[i] < len(parts[i])]
        if not clash:
            return names
        for i in clash:
            depth[i] += 1


# --- one document (runs in a worker) ------------------------------------------


def die_with_parent(parent: Optional[int] = None) -> None:
    """Make this (worker) process die when the process that started it
    dies, killed or not: a worker left behind would hold the caller's pipe
    open (``kg build … | cat`` would never end). Linux only; elsewhere the
    pool's own shutdown is all there is."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the watch was set


def _worker_start(parent: int) -> None:
    die_with_parent(parent)
    _warm()


def _warm() -> None:
    """Before the workers fork (or as each starts, where they are spawned):
    the extraction's modules, the word tables and the gazetteer, loaded once."""
    from kg.extract import pipeline
    from kg.graph import rdf  # noqa: F401
    from kg.knowledge.gazetteer import gazetteer
    from kg.knowledge.lexicon import word_tags
    from kg.extract.segment import word_table

    gazetteer()
    word_table()
    word_tags()


def _cache_key(data: bytes, name: str) -> str:
    return hashlib.sha256(data).hexdigest() + "-" + fingerprint() + "-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def _from_cache(cache_dir: str, key: str, path: str) -> Optional[DocResult]:
    summary = (Path(cache_dir) / key).with_suffix(".json")
    if not summary.exists():
        return None
    return _doc_result(json.loads(summary.read_text(encoding="utf-8")), path, reused=True)


def _doc_result(summary: dict, path: str, reused: bool) -> DocResult:
    """A document's result from its cache entry's summary."""
    return DocResult(**{**summary, "flags": tuple(summary.get("flags", ())), "path": path, "reused": reused})


def source_key(path: str, name: str) -> str:
    """A report's cache key, from its bytes; "" when it cannot be read
    (or is past the size limit: process_document then says why)."""
    try:
        return _cache_key(read_source(Path(path)).data, name)
    except KGError:
        return ""


@dataclass(frozen=True)
class Entry:
    """One report extracted, as its cache entry: its files (suffix → text)
    and its summary (the ``.json`` file, less the cache key): what a
    worker, here or on a cluster, sends back. ``error`` instead when the
    report cannot be read; ``fingerprint`` is the pipeline's that made it
    (a worker with another version of the package gives other bytes)."""

    files: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    error: str = ""
    fingerprint: str = ""


def extract_entry(name: str, data: bytes) -> Entry:
    """Extract one report from its bytes, touching no file: the task that
    runs in a worker process or on a cluster's worker."""
    try:
        doc = document_from_bytes(name, data)
    except KGError as exc:
        return Entry(error=_one_line(exc), fingerprint=fingerprint())
    from kg.extract.pipeline import extract
    from kg.graph.rdf import NTRIPLES, fact_triples, ntriples, provenance_ntriples

    ex = extract(doc)
    counts = Counter(e.type for e in ex.entities)
    by_rule = Counter(m.rule for e in ex.entities for m in e.mentions)
    by_rule.update(r.rule for r in ex.relations)
    summary = {
        "name": name, "key": "", "title": doc.title, "chars": len(doc.text),
        "entities": {t: counts.get(t, 0) for t in ENTITY_TYPES}, "relations": len(ex.relations),
        "figures": len(ex.figures), "flags": list(ex.flags), "rules": dict(sorted(by_rule.items())), "error": "",
    }
    files = {
        ".facts.nt": ntriples(fact_triples(ex, NTRIPLES)),
        ".prov.nt": provenance_ntriples(ex),
        ".evidence.json": json.dumps(_evidence(ex), ensure_ascii=False, sort_keys=True),
    }
    return Entry(files=files, summary=summary, fingerprint=fingerprint())


def store_entry(entry: Entry, path: str, name: str, key: str, cache_dir: str) -> DocResult:
    """Write an extracted report into the cache (the summary last: its
    presence says the entry is whole) and give its result."""
    if entry.error:
        return DocResult(name=name, path=path, key="", error=entry.error)
    base = Path(cache_dir) / key
    for suffix, text in entry.files.items():
        write_text(base.with_suffix(suffix), text)
    summary = {**entry.summary, "key": key}
    write_text(base.with_suffix(".json"), json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return _doc_result(summary, path, reused=False)


def process_document(path: str, name: str, key: str, cache_dir: str) -> DocResult:
    """Extract one report (whose cache ``key`` the caller has computed)
    into the cache."""
    try:
        source = read_source(Path(path))
    except KGError as exc:
        return DocResult(name=name, path=path, key="", error=_one_line(exc))
    key = key or _cache_key(source.data, name)  # unreadable when the caller tried
    return store_entry(extract_entry(name, source.data), path, name, key, cache_dir)


def _evidence(ex, limit: int = 5) -> dict:
    """For each entity, up to ``limit`` sentences naming it, with offsets."""
    doc = ex.document
    out = {}
    for e in ex.entities:
        items, seen = [], set()
        for m in e.mentions:
            s = doc.sentences[m.sentence]
            if s.index in seen:
                continue
            seen.add(s.index)
            text = doc.text[s.start : s.end]
            items.append({"doc": doc.name, "text": text, "start": m.start - s.start, "end": m.end - s.start})
            if len(items) >= limit:
                break
        out[e.iri] = items
    return out


def _one_line(exc: KGError) -> str:
    return exc.message + (f" (hint: {exc.hint})" if exc.hint else "")


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
    names = _names(paths)
    out = Path(out_dir)
    cache_dir = out / CACHE
    cache_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):
        return _build(paths, names, problems, out, cache_dir, html, store, remote, jobs, progress, upload, scheduler)


class OutputLock:
    """One build at a time in an output folder: a second one says which
    process holds it, instead of the two overwriting each other."""

    def __init__(self, out: Path):
        self.path = out / CACHE / "lock"
        self.file = None

    def __enter__(self) -> "OutputLock":
        import fcntl

        self.file = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.file.seek(0)
            holder = self.file.read().strip() or "another process"
            self.file.close()
            raise KGError(
                f"another build (process {holder}) is writing {self.path.parent.parent}",
                "wait for it to finish, or build into another folder with -o",
            ) from None
        self.file.seek(0)
        self.file.truncate()
        self.file.write(str(os.getpid()))
        self.file.flush()
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()  # closing releases the lock


def _build(paths, names, problems, out: Path, cache_dir: Path, html: bool, store: bool, remote, jobs: int, progress,
           upload=None, scheduler=None) -> BuildResult:
    _remove_leftovers(out)
    docs: list[DocResult] = []
    started = time.perf_counter()
    chars = 0
    manifest = _manifest_path(out)
    # each report's bytes are hashed once, here
    keys = [source_key(str(p), n) for p, n in zip(paths, names)]
    hits = [_from_cache(str(cache_dir), k, str(p)) if k else None for p, k in zip(paths, keys)]
    if not remote:
        if all(hits):
            wanted = _manifest(hits, html)
            if _published(out, _read_manifest(manifest), wanted):
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
        for result in _run(paths, names, keys, hits, str(cache_dir), jobs, scheduler):
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
            _cleanup_empty(out)
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
        done = _manifest(good, html)
        done["hashes"] = {n: _file_hash(out / n) for n in done["outputs"]}
        write_text(manifest, json.dumps(done, ensure_ascii=False, indent=1, sort_keys=True))
    finally:
        staging.discard()
    if store:
        from kg.graph.store import index_build

        index_build(out)
        files.insert(len(files) - (1 if remote else 0), out / "store")
    _prune_cache(cache_dir, {d.key for d in good})
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


def _manifest_path(out: Path) -> Path:
    return out / CACHE / "manifest.json"


def _manifest(docs: list[DocResult], html: bool) -> dict:
    """What the outputs were built from: each document's name and the
    SHA-256 of its bytes (with the pipeline's fingerprint), and which
    outputs (the store knows for itself which graph.trig it indexes)."""
    outputs = ["graph.ttl", "graph.trig"] + (["graph.html"] if html else [])
    return {"documents": {d.name: d.key for d in sorted(docs, key=lambda d: d.name)}, "outputs": outputs}


def _published(out: Path, found: dict, wanted: dict) -> bool:
    """Whether the outputs in ``out`` are whole and are those ``wanted``:
    the manifest of their build says so, and each file is as it was
    published."""
    if {k: v for k, v in found.items() if k != "hashes"} != wanted:
        return False
    hashes = found.get("hashes", {})
    return all(hashes.get(n) == _file_hash(out / n) for n in wanted["outputs"])


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def _read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remove_leftovers(out: Path) -> None:
    """Staging folders and temporary files a killed build left behind."""
    import shutil

    for p in list(out.glob(".staging-*")) + list(out.glob(".store.*")):
        shutil.rmtree(p, ignore_errors=True)
    for p in (out / CACHE).glob(".*.tmp"):
        try:
            p.unlink()
        except OSError:
            pass


def _cleanup_empty(out: Path) -> None:
    cache = out / CACHE
    if [p.name for p in cache.iterdir()] == ["lock"]:
        (cache / "lock").unlink()  # a build that made nothing leaves nothing
    for p in (cache, out):
        try:
            p.rmdir()
        except OSError:
            return


def _run(paths: list[Path], names: list[str], keys: list[str], hits: list, cache_dir: str, jobs: int,
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
    todo.sort(key=lambda t: -_size(t[0]))
    # warm up before the pool starts: forked workers share the loaded
    # dictionaries; where workers are spawned, the initializer loads them
    _warm()
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_worker_start, initargs=(os.getpid(),)) as pool:
        paths_, names_, keys_ = zip(*todo)
        yield from pool.map(process_document, paths_, names_, keys_, [cache_dir] * len(todo), chunksize=1)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Drop cache entries of documents no longer in the build."""
    for f in cache_dir.iterdir():
        key = f.name.split(".", 1)[0]
        bookkeeping = f.name in ("manifest.json", "lock") or f.name.startswith(("remote-", "."))
        if key not in keep and not bookkeeping:
            try:
                f.unlink()
            except OSError:
                pass


def _doc_ntriples(d: DocResult, cache_dir: Path) -> bytes:
    """One document's named graph as N-Triples: its facts, then its
    provenance, in the (deterministic) order the extraction wrote them."""
    entry = cache_dir / d.key
    return entry.with_suffix(".facts.nt").read_bytes() + entry.with_suffix(".prov.nt").read_bytes()


class Staging:
    """The folder a build writes its outputs into before moving them in: a
    build killed before the end leaves the previous outputs as they were."""

    def __init__(self, out: Path):
        import tempfile

        self.out = out
        self.folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))

    def publish(self, names: list[str]) -> list[Path]:
        """Move the finished outputs over the previous ones."""
        files = []
        for name in names:
            target = self.out / name
            os.replace(self.folder / name, target)
            files.append(target)
        return files

    def discard(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


class Collected:
    """What the union file and the page need of each document, read from
    the cache as the document comes in."""

    def __init__(self, cache_dir: Path, html: bool):
        self.cache_dir = cache_dir
        self.html = html
        self.facts: dict[str, ox.Triple] = {}  # N-Triples line → the triple
        self.evidence: dict[str, dict] = {}
        self.network = None  # made with the first document: the workers have started by then

    def add(self, d: DocResult) -> None:
        entry = self.cache_dir / d.key
        text = entry.with_suffix(".facts.nt").read_text(encoding="utf-8")
        # N-Triples ends lines with \n only; a literal may hold U+2028 or U+0085
        lines = [line + "\n" for line in text.split("\n")[:-1]]
        triples = list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        if len(triples) != len(lines):  # one triple per line, as rdf.ntriples writes them
            raise KGError(f"the cache entry of {d.name} is damaged", f"delete {self.cache_dir} and build again")
        if self.html and self.network is None:
            from kg.web.page import NetworkBuilder

            self.network = NetworkBuilder()
        for line, triple in zip(lines, triples):
            if line not in self.facts:
                self.facts[line] = triple
                if self.network is not None:
                    self.network.add(triple, line)  # as in the sorted union
        if self.html:
            self.evidence[d.name] = json.loads(entry.with_suffix(".evidence.json").read_text(encoding="utf-8"))

    def union(self) -> list[ox.Triple]:
        """The union of the facts, without provenance, each once, in the
        order of their N-Triples lines."""
        return [self.facts[line] for line in sorted(self.facts)]


def _assemble(docs: list[DocResult], staging: Staging, cache_dir: Path, collected: Collected, remote: Optional[str], jobs: int = 1, upload=None) -> tuple[list, Optional[StoreSync]]:
    docs = sorted(docs, key=lambda d: document_iri(d.name))
    names = _write_outputs(docs, staging.folder, cache_dir, collected, parallel=jobs > 1)
    synced = _write_remote(docs, cache_dir, remote, upload) if remote else None
    files = staging.publish(names)
    return files + ([remote] if remote else []), synced


def _write_outputs(docs: list[DocResult], folder: Path, cache_dir: Path, collected: Collected, parallel: bool = False) -> list[str]:
    html = collected.html

    def graph_files() -> None:
        _write_trig(docs, folder / "graph.trig", cache_dir)
        ox.serialize(collected.union(), output=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)

    # with a core to spare, a second process writes the TriG and Turtle
    # files while this one makes the page
    helper = _fork(graph_files) if html and parallel else None
    if helper is None:
        graph_files()
    if html:
        _page(docs, collected.network.graph(), folder, collected.evidence)
    if helper is not None:
        helper.join()
        if helper.exitcode != 0:
            raise KGError("writing graph.ttl and graph.trig failed (the line above says why)", "free some disk space, or run again with --jobs 1")
    return ["graph.ttl", "graph.trig"] + (["graph.html"] if html else [])


def _write_trig(docs: list[DocResult], path: Path, cache_dir: Path) -> None:
    """Each document's named graph, from the cache's N-Triples bytes."""
    from kg.graph.store import write_trig

    write_trig(path, ((document_iri(d.name), _doc_ntriples(d, cache_dir)) for d in docs))


def _fork(fn):
    import multiprocessing as mp

    try:
        ctx = mp.get_context("fork")
    except ValueError:  # no fork on this platform: do it in this process
        return None
    proc = ctx.Process(target=_with_parent, args=(fn, os.getpid()))
    proc.start()
    return proc


def _with_parent(fn, parent: int) -> None:
    import sys

    die_with_parent(parent)
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the main process says it failed; here one line why
        print(f"Error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)


def _write_remote(docs: list[DocResult], cache_dir: Path, remote: str, progress: Optional[Callable[[int, int], None]] = None) -> StoreSync:
    """Make the store at ``remote`` follow the build: the graphs of new and
    changed reports go up, those of reports gone from the build come down,
    unchanged ones do not travel (a record in the cache says what this
    output folder put there)."""
    from kg.graph.store import RemoteStore

    target = RemoteStore(remote)
    record_path = cache_dir / f"remote-{hashlib.sha1(remote.encode('utf-8')).hexdigest()[:16]}.json"
    record = _read_manifest(record_path)
    sent: dict[str, str] = dict(record.get("graphs", {}))
    if sent:
        # a graph the record has but the server lost (a wiped or new server) goes up again
        held = target.graphs()
        sent = {iri: key for iri, key in sent.items() if iri in held}
    now = {document_iri(d.name): d for d in docs}
    changed = [(iri, _doc_ntriples(d, cache_dir)) for iri, d in now.items() if sent.get(iri) != d.key]
    removed = sorted(iri for iri in sent if iri not in now)
    steps = len(changed) + len(removed)

    through_count = 0

    def through(iri: str) -> None:
        nonlocal through_count
        if iri in now:
            sent[iri] = now[iri].key
        else:
            sent.pop(iri, None)
        through_count += 1
        if progress:
            progress(through_count, steps)

    if progress:
        progress(0, steps)
    try:
        target.follow(changed, removed, through)
    finally:
        # what went through is recorded even when the rest failed: the next build sends only what is left
        write_text(record_path, json.dumps({"store": remote, "graphs": sent}, ensure_ascii=False, indent=1, sort_keys=True))
    return StoreSync(sent=len(changed), removed=len(removed), unchanged=len(now) - len(changed))


def _page(docs: list[DocResult], network, out: Path, evidence_by_doc: dict[str, dict]) -> Path:
    from kg.web.page import render_html

    evidence: dict[str, list] = {}
    for d in docs:
        for iri, items in evidence_by_doc[d.name].items():
            have = evidence.setdefault(iri, [])
            have.extend(items[: max(0, 5 - len(have))])
    title = (docs[0].title or docs[0].name) if len(docs) == 1 else f"{len(docs)} 份报告"
    page = render_html(network, title=title or "知识图谱", evidence=evidence)
    return write_text(out / "graph.html", page)


def default_jobs() -> int:
    return os.cpu_count() or 1

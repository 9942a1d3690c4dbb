"""Stores: where SPARQL queries run.

The embedded store is pyoxigraph (Rust, on-disk or in memory): a graph file
is bulk-loaded into memory, a build's ``output/store/`` folder is opened
read-only, after :func:`index_build` has brought it up to date with the
build's graph.trig (report by report). A remote store is any SPARQL 1.1
endpoint, written to through the Graph Store HTTP Protocol.

>>> store = open_store("output/graph.trig")            # doctest: +SKIP
>>> bool(store.query("ASK { ?s a kgo:Document }", prefixes=PREFIXES))  # doctest: +SKIP
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.graph.rdf import PREFIX_IRIS, RDF_IRI

PREFIXES = {**PREFIX_IRIS, "rdf": RDF_IRI}

STORE_MARKER = "kg-store"


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def store_folder(path: Path) -> Optional[Path]:
    """The database inside a build's store folder; None for a file.

    Raises :class:`InputError` for a missing path or a folder that is no store."""
    if not path.exists():
        raise InputError(f"{path} does not exist", "build a graph first with 'kg build', or give a graph file or store folder")
    if not path.is_dir():
        return None
    if not (path / STORE_MARKER).exists():
        raise InputError(f"{path} is a folder but not a store", "give a graph file, or the store/ folder a build wrote")
    return path / "db"


def open_store(source: str | Path) -> "ox.Store | RemoteStore":
    """A store to query: a graph file (loaded into memory), a persisted store
    folder (opened read-only; a build's ``store/`` is indexed first when
    missing or older than its graph.trig) or an http(s) URL (a remote
    endpoint)."""
    if is_url(str(source)):
        return RemoteStore(str(source))
    path = Path(up_to_date(source))
    db = store_folder(path)
    if db is None:
        from kg.graph.graphio import load_store

        return load_store(path)
    try:
        return ox.Store.read_only(str(db))
    except (OSError, RuntimeError, ValueError) as exc:
        first = " ".join(str(exc).split())[:200]
        raise StoreError(f"cannot open the store {source}: {first}", "rebuild it with 'kg build --index'") from None


def up_to_date(source: str | Path, note: Optional[Callable[[str], None]] = None) -> str:
    """Where to query ``source``: itself, once a build's store that is
    missing or older than its graph.trig has been indexed; the graph.trig
    (to load in memory) when that store cannot be written. ``note`` hears
    what is being done."""
    if is_url(str(source)) or not needs_index(source):
        return str(source)
    path = Path(source)
    trig = path.parent / "graph.trig"
    if note:
        note(f"Indexing {trig} into {path} (once per build) ...")
    try:
        index_build(path.parent)
    except OSError as exc:
        if note:
            note(f"Cannot write {path} ({exc.strerror}); querying {trig.name} in memory")
        return str(trig)
    return str(source)


def _in_graph(ntriples: str, graph_iri: str) -> str:
    """N-Triples lines as N-Quads lines of one named graph (a line break
    inside a literal is always escaped, so " .\\n" only ends a line)."""
    return ntriples.replace(" .\n", f" <{graph_iri}> .\n")


class StoreLoader:
    """Loads documents into a store in a thread of its own.

    pyoxigraph's bulk loader lets go of the interpreter lock, so one
    report is indexed while this process reads the next; a short queue
    keeps memory bounded when the loader falls behind."""

    def __init__(self, db: ox.Store):
        import queue
        import threading

        self.db = db
        self.error: Optional[BaseException] = None
        self.queue: "queue.Queue[Optional[bytes]]" = queue.Queue(maxsize=4)
        self.thread = threading.Thread(target=self._run, name="kg-store-loader", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            data = self.queue.get()
            if data is None:
                return
            if self.error is None:
                try:
                    # lenient: the text is ours, made by rdf.NTRIPLES from
                    # IRIs resolve.py encoded; checking it again costs a fifth
                    self.db.bulk_load(input=data, format=ox.RdfFormat.N_QUADS, lenient=True)
                except BaseException as exc:  # reported by finish()
                    self.error = exc

    def add(self, graph_iri: str, ntriples: str) -> None:
        """The document's triples into its named graph and into the
        default graph, the union (the store keeps each quad once)."""
        if self.error is None:
            self.queue.put((_in_graph(ntriples, graph_iri) + ntriples).encode("utf-8"))

    def finish(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise StoreError(f"loading the store failed: {self.error}", "run the command again")

    def abandon(self) -> None:
        import queue

        try:
            self.queue.put_nowait(None)
        except queue.Full:
            pass


def create_store(folder: str | Path) -> ox.Store:
    """A new, empty on-disk store in ``folder``."""
    Path(folder).mkdir(parents=True)
    return ox.Store(str(Path(folder) / "db"))


# --- a build's store: the index of its graph.trig, made when first needed ------


def source_stamp(trig: Path) -> str:
    """What identifies one version of a build's graph.trig."""
    st = trig.stat()
    return f"source: {trig.name} {st.st_size} {st.st_mtime_ns}"


def needs_index(folder: str | Path) -> bool:
    """Whether ``folder`` is a build's ``store/`` that is missing or older
    than the build's ``graph.trig`` beside it (then :func:`index_build`
    makes it)."""
    folder = Path(folder)
    trig = folder.parent / "graph.trig"
    if folder.name != "store" or not trig.is_file() or not (folder.parent / ".cache").is_dir():
        return False
    try:
        lines = (folder / STORE_MARKER).read_text(encoding="utf-8").splitlines()
    except OSError:
        return True
    return source_stamp(trig) not in lines


def write_trig(path: Path, graphs: Iterable[tuple[str, bytes]]) -> None:
    """A build's graph.trig: one ``<iri> {`` block per report holding its
    N-Triples lines as they are (valid TriG, nothing parsed or encoded
    again), the format :func:`trig_blocks` reads back."""
    with open(path, "wb") as f:
        f.write(b"# one named graph per report: its facts, then their provenance\n")
        for iri, ntriples in graphs:
            f.write(f"<{iri}> {{\n".encode("utf-8"))
            f.write(ntriples)
            f.write(b"}\n")


def trig_blocks(trig: Path) -> Iterator[tuple[str, str]]:
    """(graph IRI, N-Triples) for each named graph of a graph.trig that
    :func:`write_trig` wrote."""
    iri, lines = None, []
    with open(trig, encoding="utf-8") as f:
        for line in f:
            if iri is None:
                if line.endswith("> {\n") and line.startswith("<"):
                    iri, lines = line[1:-4], []
            elif line == "}\n":
                yield iri, "".join(lines)
                iri = None
            else:
                lines.append(line)
    if iri is not None:
        raise StoreError(f"{trig} is cut short inside the graph of {iri}", "build again to write it whole")


def _digest(ntriples: str) -> str:
    return hashlib.sha1(ntriples.encode("utf-8")).hexdigest()


def _marker_text(stamp: str, graphs: dict[str, str]) -> str:
    """The marker: what the store indexes, graph by graph (IRI and digest)."""
    lines = ["pyoxigraph store written by kg", stamp] + [f"graph {d} {iri}" for iri, d in sorted(graphs.items())]
    return "\n".join(lines) + "\n"


def _indexed_graphs(folder: Path) -> Optional[dict[str, str]]:
    """The graphs a store's marker says it holds, or None (no marker)."""
    try:
        text = (folder / STORE_MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    graphs = {}
    for line in text.splitlines():
        if line.startswith("graph "):
            _, digest, iri = line.split(" ", 2)
            graphs[iri] = digest
    return graphs


@dataclass(frozen=True)
class IndexChange:
    """What :func:`index_build` did: a whole new store, or the named graphs
    it dropped, replaced and added in the store that was there."""

    whole: bool
    removed: int = 0
    replaced: int = 0
    added: int = 0


def index_build(out: str | Path) -> IndexChange:
    """Index a build's graph.trig into ``out/store``: each report's named
    graph and their union as the default graph.

    When the store holds most of the reports already, only the graphs of
    changed, new and removed reports are dropped or loaded (the union
    keeps a triple another report still states); else a new store is made
    in a staging folder and moved in whole. A store being updated carries
    no marker until it is done, so one left half-updated is made anew."""
    out = Path(out)
    trig = out / "graph.trig"
    _check_against_manifest(out, trig)
    stamp = source_stamp(trig)
    folder = out / "store"
    old = _indexed_graphs(folder) if (folder / "db").is_dir() else None
    if old:
        digests: dict[str, str] = {}
        todo: list[tuple[str, str]] = []  # only what changed is held in memory
        for iri, ntriples in trig_blocks(trig):
            digests[iri] = d = _digest(ntriples)
            if old.get(iri) != d:
                todo.append((iri, ntriples))
                if len(todo) > len(old) // 2:
                    break  # most of it changed: a new store is quicker
        else:
            removed = [iri for iri in old if iri not in digests]
            if len(removed) + len(todo) <= len(digests) // 2:
                return _update(folder, stamp, digests, old, removed, todo)
    return _index_whole(out, stamp)


def _check_against_manifest(out: Path, trig: Path) -> None:
    """A build's graph.trig holds the graph of every document its manifest
    names (a file cut short or edited would be indexed in part)."""
    from kg.extract.resolve import document_iri

    try:
        manifest = json.loads((out / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # not a build's folder: nothing to check against
    wanted = {document_iri(name) for name in manifest.get("documents", {})}
    found = {iri for iri, _ in trig_blocks(trig)}
    missing = sorted(wanted - found)
    if missing:
        raise StoreError(
            f"{trig} lacks {len(missing)} of the {len(wanted)} documents its build wrote (first: {missing[0]})",
            "build again to write it whole",
        )


def _update(folder: Path, stamp: str, digests: dict, old: dict, removed: list, todo: list) -> IndexChange:
    replaced = [iri for iri, _ in todo if iri in old]
    (folder / STORE_MARKER).unlink()
    db = ox.Store(str(folder / "db"))
    for iri in removed + replaced:
        _drop_graph(db, iri)
    for iri, ntriples in todo:
        db.bulk_load(input=(_in_graph(ntriples, iri) + ntriples).encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
    db.flush()
    del db
    (folder / STORE_MARKER).write_text(_marker_text(stamp, digests), encoding="utf-8")
    return IndexChange(False, len(removed), len(replaced), len(todo) - len(replaced))


def _drop_graph(db: ox.Store, iri: str) -> None:
    """Drop a report's graph, and from the union what no other report states."""
    db.update(
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{iri}>) }} }}"
    )
    db.update(f"DROP SILENT GRAPH <{iri}>")


def _index_whole(out: Path, stamp: str) -> IndexChange:
    """A new store from the whole graph.trig, streamed report by report."""
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=".store.", dir=out))
    digests: dict[str, str] = {}
    try:
        db = create_store(staging / "store")
        loader = StoreLoader(db)
        try:
            for iri, ntriples in trig_blocks(out / "graph.trig"):
                digests[iri] = _digest(ntriples)
                loader.add(iri, ntriples)
        finally:
            loader.finish()
        db.flush()
        del db, loader
        (staging / "store" / STORE_MARKER).write_text(_marker_text(stamp, digests), encoding="utf-8")
        swap_in(staging / "store", out / "store")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return IndexChange(True, added=len(digests))


def swap_in(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``, replacing what was there."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _leave_union(iri: str) -> str:
    """The update that takes out of the default graph the triples only the
    document graph ``iri`` states."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{iri}>) }} }}"
    )


def _answer_types() -> tuple[str, ...]:
    """What an endpoint may answer a query with: the registry's results
    and RDF media types (and their aliases), and plain text."""
    from kg.graph.formats import formats

    return tuple(t for family in ("results", "rdf") for f in formats(family) for t in (f.media_type, *f.media_aliases)) + ("text/plain",)


def _beside(url: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``url`` with its last path part swapped by the first of ``pairs``
    (ending, replacement) it ends in; ``url`` itself when none."""
    u = url.rstrip("/")
    for ending, replacement in pairs:
        if u.endswith(ending):
            return u[: -len(ending)] + replacement
    return u


@dataclass
class RemoteStore:
    """A SPARQL 1.1 endpoint, with its Graph Store endpoint.

    ``url`` may be either: Oxigraph's ``/store`` or ``/query``, Fuseki's
    ``/DATASET/data`` or ``/DATASET/query``, GraphDB's
    ``/repositories/REPO/rdf-graphs/service`` or ``/repositories/REPO``.
    """

    url: str
    timeout: float = 60.0

    def __post_init__(self) -> None:
        import urllib.parse

        try:
            parts = urllib.parse.urlsplit(self.url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
        except ValueError:
            ok = False
        if not ok:
            raise StoreError(f"malformed URL {self.url}", "give an http(s) URL such as http://127.0.0.1:7878/query")

    @property
    def query_url(self) -> str:
        return _beside(self.url, (("/store", "/query"), ("/data", "/query"), ("/rdf-graphs/service", "")))

    @property
    def store_url(self) -> str:
        return _beside(self.url, (("/query", "/store"), ("/sparql", "/data")))

    @property
    def update_url(self) -> str:
        """The SPARQL 1.1 Update endpoint beside the Graph Store one."""
        return _beside(self.store_url, (("/store", "/update"), ("/data", "/update"), ("/rdf-graphs/service", "/statements")))

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 Update on the server."""
        import urllib.parse
        import urllib.request

        data = urllib.parse.urlencode({"update": text}).encode("utf-8")
        req = urllib.request.Request(
            self.update_url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST"
        )
        self._request(req)

    def graphs(self) -> set[str]:
        """The IRIs of the server's named graphs."""
        answer = json.loads(self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "application/sparql-results+json"))
        return {b["g"]["value"] for b in answer["results"]["bindings"] if b.get("g", {}).get("type") == "uri"}

    def follow(self, changed: list[tuple[str, bytes]], removed: list[str],
               done: Callable[[str], None] = lambda iri: None) -> None:
        """Make the server hold each changed document's graph (PUT) and
        none of the removed ones, its default graph following: the union
        of the documents' graphs, each triple once, as in the embedded
        store, so the saved questions give the same rows on it.

        The union is kept on the server by SPARQL Update: a graph's
        triples that no other graph states leave the default graph before
        the graph is replaced or dropped; the new graph's triples join it
        after. ``done`` hears of each graph as it is through."""
        for iri in removed:
            self.update(_leave_union(iri) + f"; DROP SILENT GRAPH <{iri}>")
            done(iri)
        for iri, ntriples in changed:
            self.update(_leave_union(iri))
            self.put_graph(iri, ntriples)
            self.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
            done(iri)

    def _request(self, req, answers: tuple[str, ...] = ()) -> bytes:
        """The body of the answer; with ``answers``, the media types it
        must be of (an HTML page where SPARQL results were asked for is an
        error, not a result)."""
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                kind = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if answers and kind not in answers:
                    raise StoreError(
                        f"{req.full_url} answered {kind or 'with no Content-Type'}, not SPARQL results",
                        "is the URL a SPARQL endpoint? Oxigraph's is /query, Fuseki's /DATASET/query",
                    )
                return resp.read()
        except ValueError as exc:
            raise StoreError(f"malformed URL {req.full_url}: {exc}", "give an http(s) URL such as http://127.0.0.1:7878/query") from None
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            detail = body[0][:200] if body else exc.reason
            raise StoreError(f"{req.full_url} answered {exc.code}: {detail}", "check the query and the store URL") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach {req.full_url}: {reason}", "is the store running? check host and port") from None

    def query(self, text: str, accept: str) -> bytes:
        import urllib.parse
        import urllib.request

        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if f"{p}:" in text)
        data = urllib.parse.urlencode({"query": prologue + text}).encode("utf-8")
        req = urllib.request.Request(
            self.query_url,
            data=data,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            method="POST",
        )
        return self._request(req, answers=_answer_types())

    def put_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Replace one named graph (Graph Store HTTP Protocol PUT)."""
        import urllib.parse
        import urllib.request

        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
        req = urllib.request.Request(url, data=ntriples, headers={"Content-Type": "application/n-triples"}, method="PUT")
        self._request(req)


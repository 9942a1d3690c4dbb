"""A build's store folder: the index of its graph.trig (pyoxigraph on disk),
made when first needed and brought up to date report by report.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

import pyoxigraph as ox

from kg.errors import InputError, StoreError

STORE_MARKER = "kg-store"


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

"""Stores: where SPARQL queries run.

The embedded store is pyoxigraph (Rust, on-disk or in memory): a graph file
is bulk-loaded into memory, a build's ``output/store/`` folder is opened
read-only. A remote store is any SPARQL 1.1 endpoint, written to through
the Graph Store HTTP Protocol.

>>> store = open_store("output/graph.trig")            # doctest: +SKIP
>>> bool(store.query("ASK { ?s a kgo:Document }", prefixes=PREFIXES))  # doctest: +SKIP
True
"""

from __future__ import annotations

import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

import pyoxigraph as ox

from .errors import InputError, StoreError
from .rdf import PREFIXES as _RDFLIB_PREFIXES

PREFIXES = {prefix: str(ns) for prefix, ns in _RDFLIB_PREFIXES.items()}
PREFIXES["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".n3": ox.RdfFormat.N3,
}
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


def load_graph_file(store: ox.Store, path: Path) -> ox.Store:
    """Load a graph file (format from its extension) into ``store``, each
    document's triples also into the union default graph."""
    fmt = FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the RDF format of {path.name}", "use a file ending in " + ", ".join(sorted(FILE_FORMATS)))
    try:
        store.bulk_extend(with_union(ox.parse(path=str(path), format=fmt)))
    except (SyntaxError, ValueError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path.name} is not valid {fmt.name}: {first[:200]}", "check the file, or rebuild it with 'kg build'") from None
    return store


def open_store(source: str | Path) -> "ox.Store | RemoteStore":
    """A store to query: a graph file (loaded into memory), a persisted store
    folder (opened read-only) or an http(s) URL (a remote endpoint)."""
    if is_url(str(source)):
        return RemoteStore(str(source))
    path = Path(source)
    db = store_folder(path)
    if db is None:
        return load_graph_file(ox.Store(), path)
    try:
        return ox.Store.read_only(str(db))
    except OSError as exc:
        raise StoreError(f"cannot open the store {source}: {exc}", "rebuild it with 'kg build'") from None


def with_union(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and its triple once more in the default graph.

    The default graph of our stores is the union of the documents' graphs,
    without duplicates: a query joins each fact once however many reports
    state it (a store's own union-default-graph mode repeats a triple for
    every graph holding it, and joins multiply)."""
    for q in quads:
        yield q
        if not isinstance(q.graph_name, ox.DefaultGraph):
            yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())


def create_store(folder: str | Path) -> ox.Store:
    """A new, empty on-disk store in ``folder`` (see :func:`seal_store`)."""
    Path(folder).mkdir(parents=True)
    return ox.Store(str(Path(folder) / "db"))


def seal_store(store: ox.Store, folder: str | Path) -> None:
    """Flush the store and mark its folder as one a build wrote."""
    store.flush()
    (Path(folder) / STORE_MARKER).write_text("pyoxigraph store written by kg build\n", encoding="utf-8")


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


@dataclass
class RemoteStore:
    """A SPARQL 1.1 endpoint, with its Graph Store endpoint.

    ``url`` may be either: Oxigraph's ``/store`` or ``/query``, Fuseki's
    ``/DATASET/data`` or ``/DATASET/query``, GraphDB's
    ``/repositories/REPO/rdf-graphs/service`` or ``/repositories/REPO``.
    """

    url: str
    timeout: float = 60.0

    @property
    def query_url(self) -> str:
        u = self.url.rstrip("/")
        for gsp, query in (("/store", "/query"), ("/data", "/query"), ("/rdf-graphs/service", "")):
            if u.endswith(gsp):
                return u[: -len(gsp)] + query
        return u

    @property
    def store_url(self) -> str:
        u = self.url.rstrip("/")
        if u.endswith("/query"):
            return u[: -len("/query")] + "/store"
        if u.endswith("/sparql"):
            return u[: -len("/sparql")] + "/data"
        return u

    def _request(self, req: urllib.request.Request) -> bytes:
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            detail = body[0][:200] if body else exc.reason
            raise StoreError(f"{req.full_url} answered {exc.code}: {detail}", "check the query and the store URL") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach {req.full_url}: {reason}", "is the store running? check host and port") from None

    def query(self, text: str, accept: str) -> bytes:
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if f"{p}:" in text)
        data = urllib.parse.urlencode({"query": prologue + text}).encode("utf-8")
        req = urllib.request.Request(
            self.query_url,
            data=data,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            method="POST",
        )
        return self._request(req)

    def put_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Replace one named graph (Graph Store HTTP Protocol PUT)."""
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
        req = urllib.request.Request(url, data=ntriples, headers={"Content-Type": "application/n-triples"}, method="PUT")
        self._request(req)

    def delete_graph(self, graph_iri: str) -> None:
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
        try:
            self._request(urllib.request.Request(url, method="DELETE"))
        except StoreError as exc:
            if " 404" not in exc.message:
                raise

"""Graph files as quads: parsed by pyoxigraph in the format their suffix
names (the registry in :mod:`kg.graph.formats`), into a store whose
default graph is the union of the documents' graphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional

import pyoxigraph as ox

from kg.errors import InputError
from kg.graph.formats import for_path

KGO_SOURCE_FILE = "https://w3id.org/govreport-kg/ontology#sourceFile"
KGO_DOCUMENT = "https://w3id.org/govreport-kg/ontology#Document"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def read_quads(path: str | Path) -> Iterator[ox.Quad]:
    """The quads of a graph file; an :class:`InputError` with a hint for a
    missing file, a folder, an unknown suffix or a file that does not parse."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path} does not exist", "build a graph first with 'kg build', or check the path")
    if p.is_dir():
        raise InputError(f"{path} is a folder, not a graph file", "give a .ttl, .trig, .nt or .nq file, or a build's store/ folder")
    fmt = for_path(p, "rdf")

    def quads() -> Iterator[ox.Quad]:
        try:
            yield from ox.parse(path=str(p), format=fmt.native)
        except (SyntaxError, ValueError, OSError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"{p.name} is not valid {fmt.native.name}: {first[:200]}", "check the file, or rebuild it with 'kg build'") from None

    return quads()


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


def load_store(path: str | Path, store: Optional[ox.Store] = None) -> ox.Store:
    """A graph file in a pyoxigraph store (in memory unless one is given),
    each document's triples also in the union default graph."""
    store = ox.Store() if store is None else store
    store.bulk_extend(with_union(read_quads(path)))
    return store

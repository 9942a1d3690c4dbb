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

from pathlib import Path
from typing import Callable, Optional

import pyoxigraph as ox

from kg.errors import StoreError
from kg.graph.index import (
    STORE_MARKER,
    IndexChange,
    create_store,
    index_build,
    needs_index,
    store_folder,
    write_trig,
)
from kg.graph.rdf import PREFIXES
from kg.graph.remote import RemoteStore


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))



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
        from kg.graph.quads import load_store

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

__all__ = [
    "PREFIXES", "STORE_MARKER", "IndexChange", "RemoteStore", "create_store", "index_build", "is_url", "needs_index",
    "open_store", "store_folder", "up_to_date", "write_trig",
]

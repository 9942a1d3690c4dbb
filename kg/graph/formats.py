"""Formats: one registry of what the tool reads and writes.

Each :class:`Format` has a name (what ``--format`` takes, in any case),
the media type it is served and asked for as, the file suffixes it is
known by, and what reads and writes it. Three families:

- ``rdf``: graph files and the answers of CONSTRUCT and DESCRIBE;
- ``results``: the answers of SELECT and ASK;
- ``network``: the entity network, for Gephi, igraph or networkx.

The CLI, the endpoint, the stores and the exports all look formats up
here, in the manner of rdflib's plugin table: a writer named by a dotted
path is imported only when used.

>>> for_path("output/graph.trig").name
'trig'
>>> named("GEXF", "network").suffixes
('.gexf',)
>>> negotiate("text/csv;q=0.5, application/sparql-results+json", "results").name
'json'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pyoxigraph as ox

from kg.errors import FormatError, InputError

FAMILIES = ("rdf", "results", "network")


@dataclass(frozen=True)
class Format:
    """One format: ``native`` is pyoxigraph's own format object (rdf and
    results); ``writer`` a dotted path ``module:function`` (network)."""

    name: str
    family: str
    media_type: str
    suffixes: tuple[str, ...] = ()
    media_aliases: tuple[str, ...] = ()
    native: Any = None
    datasets: bool = False  # holds named graphs
    writer: str = ""

    @property
    def content_type(self) -> str:
        """The Content-Type header to answer with."""
        return self.media_type + ("; charset=utf-8" if self.media_type.startswith("text/") else "")

    @property
    def write(self) -> Callable:
        module, _, name = self.writer.partition(":")
        if not module:
            raise FormatError(f"nothing writes {self.name}", "choose another format")
        return getattr(importlib.import_module(module), name)


_REGISTRY: list[Format] = []


def register(fmt: Format) -> Format:
    """Add a format (a later one of the same family and name replaces it)."""
    if fmt.family not in FAMILIES:
        raise ValueError(f"unknown format family {fmt.family}")
    _REGISTRY[:] = [f for f in _REGISTRY if (f.family, f.name) != (fmt.family, fmt.name)] + [fmt]
    return fmt


for _fmt in (
    Format("turtle", "rdf", "text/turtle", (".ttl", ".turtle"), native=ox.RdfFormat.TURTLE),
    Format("trig", "rdf", "application/trig", (".trig",), native=ox.RdfFormat.TRIG, datasets=True),
    Format("nt", "rdf", "application/n-triples", (".nt",), native=ox.RdfFormat.N_TRIPLES),
    Format("nq", "rdf", "application/n-quads", (".nq",), native=ox.RdfFormat.N_QUADS, datasets=True),
    Format("rdfxml", "rdf", "application/rdf+xml", (".rdf", ".owl"), native=ox.RdfFormat.RDF_XML),
    Format("jsonld", "rdf", "application/ld+json", (".jsonld",), native=ox.RdfFormat.JSON_LD, datasets=True),
    Format("n3", "rdf", "text/n3", (".n3",), native=ox.RdfFormat.N3),
    Format("json", "results", "application/sparql-results+json", (".srj", ".json"), ("application/json",),
           native=ox.QueryResultsFormat.JSON),
    Format("xml", "results", "application/sparql-results+xml", (".srx", ".xml"), ("application/xml", "text/xml"),
           native=ox.QueryResultsFormat.XML),
    Format("csv", "results", "text/csv", (".csv",), native=ox.QueryResultsFormat.CSV),
    Format("tsv", "results", "text/tab-separated-values", (".tsv",), native=ox.QueryResultsFormat.TSV),
    Format("graphml", "network", "application/graphml+xml", (".graphml",), writer="kg.graph.export:write_graphml"),
    Format("gexf", "network", "application/gexf+xml", (".gexf",), writer="kg.graph.export:write_gexf"),
):
    register(_fmt)


def formats(family: str) -> list[Format]:
    """The family's formats, in the order they were registered."""
    return [f for f in _REGISTRY if f.family == family]


def names(family: str) -> list[str]:
    return [f.name for f in formats(family)]


def named(name: str, family: str) -> Format:
    """The format called ``name`` (any case); a :class:`FormatError` naming
    the family's formats when there is none."""
    for f in formats(family):
        if f.name == name.strip().lower():
            return f
    what = {"rdf": "RDF format", "results": "results format", "network": "export format"}[family]
    raise FormatError(f"unknown {what} '{name}'", "use " + _or(names(family)))


def for_path(path: str | Path, family: str = "rdf") -> Format:
    """The format a file's suffix says; an :class:`InputError` when it says none."""
    suffix = Path(path).suffix.lower()
    for f in formats(family):
        if suffix in f.suffixes:
            return f
    known = sorted(s for f in formats(family) for s in f.suffixes)
    raise InputError(f"cannot tell the format of {Path(path).name}", "use a file ending in " + ", ".join(known))


def for_media_type(media: str, family: str) -> Optional[Format]:
    media = media.split(";")[0].strip().lower()
    for f in formats(family):
        if media == f.media_type or media in f.media_aliases:
            return f
    return None


def negotiate(accept: str, family: str, offered: Optional[list[str]] = None) -> Optional[Format]:
    """The format an HTTP Accept header prefers among the family's (or the
    ``offered`` names), by quality, then order; the first one for ``*/*``
    or no header; None when nothing acceptable is offered."""
    choices = [f for f in formats(family) if offered is None or f.name in offered]
    if not choices:
        return None
    if not accept or not accept.strip() or accept.strip() == "*/*":
        return choices[0]
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(ranked):
        if media in ("*/*", "application/*", "text/*"):
            return choices[0]
        f = for_media_type(media, family)
        if f is not None and f in choices:
            return f
    return None


def _or(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else "".join(items)


def query_answer_formats() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What ``kg query`` answers in: (SELECT and ASK: our table and the
    results formats; CONSTRUCT and DESCRIBE: two of the RDF formats)."""
    return ("table", *names("results")), ("turtle", "nt")

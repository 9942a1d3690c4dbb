"""Query: SPARQL over a graph file, results in the standard formats.

>>> ds = load_dataset("output/graph.ttl")                  # doctest: +SKIP
>>> print(format_result(run_query(ds, "ASK { ?s ?p ?o }"), "json"))  # doctest: +SKIP
{"head": {}, "boolean": true}
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import unquote

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import Result

from .errors import FormatError, InputError, QueryError
from .rdf import PREFIXES, bind

GRAPH_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}
RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml")
GRAPH_RESULT_FORMATS = ("turtle", "nt")


def load_dataset(path: str | Path) -> Dataset:
    """Parse a graph file (format from its extension) into a Dataset whose
    default graph is the union of its named graphs."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path} does not exist", "build a graph first with 'kg build', or check the path")
    if p.is_dir():
        raise InputError(f"{path} is a folder, not a graph file", "give a .ttl, .trig, .nt or .nq file")
    fmt = GRAPH_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the RDF format of {p.name}",
            "use a file ending in " + ", ".join(sorted(GRAPH_FORMATS)),
        )
    ds = bind(Dataset(default_union=True))
    try:
        ds.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parse errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{p.name} is not valid {fmt}: {first[:200]}", "check the file, or rebuild it with 'kg build'") from None
    return ds


def run_query(ds: Dataset, text: str) -> Result:
    if not text.strip():
        raise QueryError("the query is empty", "give a SPARQL query, e.g. 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")
    try:
        return ds.query(text, initNs=PREFIXES)
    except Exception as exc:
        msg = " ".join(str(exc).split())
        raise QueryError(f"malformed SPARQL: {msg[:300]}", "check the query's syntax; prefixes kgo:, kgr:, rdfs:, skos:, nif:, prov: are predefined") from None


def format_result(result: Result, fmt: str = "table") -> str:
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("table", "turtle"):
            g = bind(result.graph)
            return g.serialize(format="turtle")
        if fmt == "nt":
            return result.graph.serialize(format="nt")
        raise FormatError(
            f"unknown format '{fmt}' for a {result.type} query", "use turtle or nt"
        )
    if fmt not in RESULT_FORMATS:
        raise FormatError(f"unknown format '{fmt}'", "use one of " + ", ".join(RESULT_FORMATS))
    if fmt == "table":
        return _table(result)
    if fmt == "tsv":
        return _tsv(result)
    data = result.serialize(format=fmt)
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return text


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: terms in N-Triples/Turtle syntax."""
    if result.type == "ASK":
        return "?_askResult\n" + ("true" if result.askAnswer else "false") + "\n"
    names = [str(v) for v in result.vars]
    lines = ["\t".join("?" + n for n in names)]
    for row in result:
        lines.append("\t".join(_nt(row[i]) if row[i] is not None else "" for i in range(len(names))))
    return "\n".join(lines) + "\n"


def _nt(term) -> str:
    if isinstance(term, (URIRef, BNode, Literal)):
        return term.n3()
    return str(term)


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in PREFIXES.items():
            if s.startswith(str(ns)):
                return f"{prefix}:{unquote(s[len(str(ns)):])}"
        return s
    return str(term)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def _table(result: Result) -> str:
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    names = [str(v) for v in result.vars]
    rows = [[_short(row[i]).replace("\n", " ") for i in range(len(names))] for row in result]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    sep = "  "
    out = [sep.join(_pad(n, w) for n, w in zip(names, widths)).rstrip()]
    out.append(sep.join("-" * w for w in widths))
    for r in rows:
        out.append(sep.join(_pad(c, w) for c, w in zip(r, widths)).rstrip())
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)

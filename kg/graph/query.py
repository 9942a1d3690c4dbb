"""Query: SPARQL on a store, results in the standard formats.

Queries run on pyoxigraph (a graph file loaded in memory, or a build's
persisted store) or on a remote SPARQL endpoint. The default graph is the
union of the named graphs, and the project's prefixes are predefined.

>>> from kg.graph.store import open_store
>>> store = open_store("output/graph.trig")               # doctest: +SKIP
>>> print(format_result(run_query(store, "ASK { ?d a kgo:Document }"), "table"))  # doctest: +SKIP
true
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox

from kg.errors import FormatError, InputError, QueryError
from kg.graph.formats import named, query_answer_formats
from kg.graph.store import PREFIXES, RemoteStore

# what --format takes: our table, the registry's results formats (SELECT,
# ASK) and two of its RDF formats (CONSTRUCT, DESCRIBE)
RESULT_FORMATS, GRAPH_RESULT_FORMATS = query_answer_formats()
ALL_FORMATS = RESULT_FORMATS + GRAPH_RESULT_FORMATS


@dataclass
class QueryResult:
    """A query's answer: ``kind`` is 'select', 'ask' or 'graph'."""

    kind: str
    value: Any
    raw: bytes = b""
    raw_format: str = ""


def read_query_file(path: str) -> str:
    """A query file's text, in any encoding a report may have (UTF-8,
    GB18030, UTF-16)."""
    from kg.ingest import decode

    p = Path(path)
    try:
        with open(p, "rb") as f:
            data = f.read(1_000_001)
        if len(data) > 1_000_000:
            raise InputError(f"query file {path} is larger than 1 MB", "give a SPARQL query file")
    except FileNotFoundError:
        raise InputError(f"query file {path} does not exist", "check the path of the .rq file") from None
    except OSError as exc:
        raise InputError(f"cannot read query file {path}: {exc.strerror}", "check the file's permissions") from None
    return decode(data, path)[0]


# what a question about the sentences behind the facts names: the
# statements, their spans and their offsets
PROVENANCE_TERMS = ("rdf:Statement", "prov:", "nif:", "kgo:rule", "kgo:modality",
                    "http://www.w3.org/ns/prov#", "http://persistence.uni-leipzig.org/nlp2rdf/", "22-rdf-syntax-ns#Statement")


def provenance_missing(store, text: str) -> bool:
    """Whether ``text`` asks about provenance that ``store`` does not hold:
    a graph.ttl is the union of the facts without it, and such a question
    answers nothing there.

    >>> provenance_missing(ox.Store(), "SELECT * WHERE { ?s a rdf:Statement }")
    True
    """
    if isinstance(store, RemoteStore) or not any(term in text for term in PROVENANCE_TERMS):
        return False
    return not bool(store.query("ASK { ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }",
                                use_default_graph_as_union=True))


def run_query(store, text: str, fmt: str = "table", allow_service: bool = False) -> QueryResult:
    """Run a query on a store (embedded or remote); a query that nests too
    deeply, or calls out (SERVICE) without ``allow_service``, is refused."""
    from kg.graph.sparql import admit

    if not text.strip():
        raise QueryError("the query is empty", "give a SPARQL query, e.g. 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")
    if admit(text, allow_service=allow_service).is_update:
        raise QueryError("updates are refused: kg query only reads", "ask a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if isinstance(store, RemoteStore):
        return _run_remote(store, text, fmt)
    try:
        result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=False)
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())
        raise QueryError(
            f"malformed SPARQL: {msg[:300]}",
            "check the query's syntax; prefixes kgo:, kgr:, rdf:, rdfs:, skos:, nif:, prov: are predefined",
        ) from None
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}", "check the store") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", result)
    if isinstance(result, ox.QueryTriples):
        return QueryResult("graph", result)
    return QueryResult("select", result)


def _run_remote(store: RemoteStore, text: str, fmt: str) -> QueryResult:
    want = named(fmt, "rdf" if fmt in GRAPH_RESULT_FORMATS else "results").media_type if fmt != "table" else "application/sparql-results+json"
    accept = f"{want}, application/sparql-results+json;q=0.9, text/turtle;q=0.8"
    data = store.query(text, accept)
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        kind = "ask" if isinstance(parsed, ox.QueryBoolean) else "select"
        return QueryResult(kind, parsed)
    if fmt != "table":
        # the endpoint answered in the format asked for: pass it through
        return QueryResult("raw", None, raw=data, raw_format=fmt)
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    return QueryResult("graph", triples)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if fmt not in ALL_FORMATS:
        raise FormatError(f"unknown format '{fmt}'", "use table, json, csv, tsv, xml, turtle or nt")
    if result.kind == "raw":
        return result.raw.decode("utf-8")
    if result.kind == "graph":
        if fmt in RESULT_FORMATS:
            raise FormatError(f"unknown format '{fmt}' for a CONSTRUCT or DESCRIBE query", "use turtle or nt")
        rdf_fmt = named(fmt, "rdf").native
        triples = sorted(result.value, key=str)
        prefixes = PREFIXES if rdf_fmt == ox.RdfFormat.TURTLE else None
        return ox.serialize(triples, format=rdf_fmt, prefixes=prefixes).decode("utf-8")
    if fmt in GRAPH_RESULT_FORMATS:
        raise FormatError(f"unknown format '{fmt}' for a SELECT or ASK query", "use table, json, csv, tsv or xml")
    if fmt == "table":
        if result.kind == "ask":
            return "true" if bool(result.value) else "false"
        return _table(result.value)
    return result.value.serialize(format=named(fmt, "results").native).decode("utf-8")


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        s = term.value
        for prefix, ns in PREFIXES.items():
            if s.startswith(ns):
                return f"{prefix}:{unquote(s[len(ns):])}"
        return s
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def _table(solutions) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[_short(row[n]).replace("\n", " ") for n in names] for row in solutions]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    out = ["  ".join(_pad(n, w) for n, w in zip(names, widths)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        out.append("  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip())
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


# --- saved questions ---------------------------------------------------------


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    text: str


def saved_queries() -> dict[str, SavedQuery]:
    """The documented questions shipped in ``data/queries/*.rq``.

    Each file opens with comment lines: the first is its title, the rest
    its description."""
    out = {}
    from kg.resources import data_root

    folder = data_root().joinpath("queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("# ").rstrip())
        name = entry.name[:-3]
        out[name] = SavedQuery(name, comments[0] if comments else name, " ".join(c for c in comments[1:] if c), text)
    return out


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise InputError(f"no saved question named '{name}'", "list them with 'kg saved'")
    return queries[name]

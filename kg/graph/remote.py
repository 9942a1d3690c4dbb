"""A remote store: any SPARQL 1.1 endpoint, queried through the Protocol and
written to through the Graph Store HTTP Protocol.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from kg.errors import StoreError
from kg.graph.rdf import PREFIXES


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

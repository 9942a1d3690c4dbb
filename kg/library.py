"""The library face: what a notebook calls.

``kg.extract`` reads one report's text and gives its entities, with the
offsets of every mention in the text passed in, and the relations between
them with their evidence sentence::

    >>> import kg
    >>> text = "衡阳市人民代表大会常务委员会工作报告\\n制定《衡阳市文明行为促进条例》。"
    >>> report = kg.extract(text, name="hengyang.txt")
    >>> regulation = next(e for e in report.entities if e.type == "Regulation")
    >>> regulation.name, [(m.start, m.end, m.text) for m in regulation.mentions]
    ('衡阳市文明行为促进条例', [(21, 34, '《衡阳市文明行为促进条例》')])
    >>> text[21:34]
    '《衡阳市文明行为促进条例》'
    >>> [(r.subject, r.predicate, r.object) for r in report.relations if r.predicate == "enacted"]
    [('衡阳市人民代表大会常务委员会', 'enacted', '衡阳市文明行为促进条例')]

``kg.open`` opens what ``kg build`` wrote (the output folder, its store
folder or any graph file) for SPARQL and for networkx::

    >>> graph = kg.open("output")                                          # doctest: +SKIP
    >>> rows = graph.query("SELECT ?name WHERE { ?r a kgo:Regulation ; rdfs:label ?name }")  # doctest: +SKIP
    >>> rows[0]["name"]                                                    # doctest: +SKIP
    '中华人民共和国国旗法'
    >>> rows.to_dataframe().shape                                          # doctest: +SKIP
    (45, 1)
    >>> graph.to_networkx().number_of_nodes()                              # doctest: +SKIP
    163
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError, QueryError
from kg.extract.report import Entity, Mention, Relation, Report, extract, extract_file

__all__ = ["Entity", "Graph", "Mention", "Relation", "Report", "Rows", "extract", "extract_file", "open"]

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


class Rows(list):
    """A SELECT's answer: one dict a row, variable → string (an IRI's full
    text, a literal's lexical form; unbound variables left out)."""

    def __init__(self, rows, columns: tuple[str, ...]):
        super().__init__(rows)
        self.columns = columns

    def to_dataframe(self) -> "pd.DataFrame":
        """The rows as a pandas DataFrame (``pip install "govreport-kg[pandas]"``)."""
        try:
            import pandas as pd
        except ImportError:
            raise InputError("to_dataframe needs pandas", 'pip install "govreport-kg[pandas]"') from None
        return pd.DataFrame(list(self), columns=list(self.columns))


class Graph:
    """A built graph opened for questions: a build's output folder, its
    ``store/`` folder, a graph file, or a SPARQL endpoint's URL."""

    def __init__(self, source: str | Path):
        from kg.graph.store import is_url

        self.source = str(source) if is_url(str(source)) else str(_graph_source(Path(source)))
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from kg.graph.store import open_store

            self._store = open_store(self.source)
        return self._store

    def query(self, sparql: str) -> Rows | bool:
        """A SELECT's rows (:class:`Rows`) or an ASK's answer; the prefixes
        ``kg query`` knows (kgo:, kgr:, rdfs: ...) are predefined."""
        from kg.graph.query import run_query

        result = run_query(self.store, sparql)
        if result.kind == "ask":
            return bool(result.value)
        if result.kind != "select":
            raise QueryError("Graph.query answers SELECT and ASK", "run CONSTRUCT and DESCRIBE with 'kg query'")
        columns = tuple(v.value for v in result.value.variables)
        rows = [{c: row[c].value for c in columns if row[c] is not None} for row in result.value]
        return Rows(rows, columns)

    def to_networkx(self) -> "nx.MultiDiGraph":
        """The entity network: entities as nodes (label, type, class ...),
        stated relations as edges (predicate)."""
        from kg.graph.graphio import load_graph
        from kg.graph.network import entity_network

        return entity_network(load_graph(self.source))

    def __repr__(self) -> str:
        return f"kg.Graph({self.source!r})"


def open(source: str | Path = "output") -> Graph:  # noqa: A001  (kg.open, as the README says)
    """Open a build's output folder, a store folder, a graph file or an endpoint URL."""
    return Graph(source)


def _graph_source(path: Path) -> Path:
    """A build's output folder stands for its graph.trig (which the store indexes)."""
    if path.is_dir() and not (path / "kg-store").exists():
        for name in ("graph.trig", "graph.ttl"):
            if (path / name).exists():
                return path / "store" if name == "graph.trig" else path / name
        raise InputError(f"{path} holds no graph", "build one with 'kg build' into it, or give a graph file")
    if not path.exists():
        raise InputError(f"{path} does not exist", "give a build's output folder, a store folder or a graph file")
    return path

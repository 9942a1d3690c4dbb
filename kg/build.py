"""Build: reports in, graph files out.

>>> result = build([sample_report_path()], "output")     # doctest: +SKIP
>>> result.files                                          # doctest: +SKIP
['output/graph.ttl', 'output/graph.trig', 'output/graph.html']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .ingest import find_reports, load_document
from .model import ENTITY_TYPES, Extraction
from .outputs import write_text
from .pipeline import extract
from .rdf import facts_graph, to_dataset
from .render import render_html
from .serialize import ntriples, oxigraph_quads, trig, turtle
from .store import RemoteStore, write_store
from .resources import sample_report


@dataclass(frozen=True)
class BuildResult:
    """What a build did: counts per type, relations, flags, files written."""

    documents: tuple[str, ...]
    entities: dict[str, int]
    relations: int
    flags: tuple[str, ...]
    files: tuple[str, ...]
    extractions: tuple[Extraction, ...] = field(default=(), repr=False)


def sample_report_path() -> Path:
    """The bundled Hengyang report as a real file path."""
    from importlib.resources import as_file

    with as_file(sample_report()) as path:
        return Path(path)


def _provenance(ds):
    from rdflib import Graph

    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "output",
    html: bool = True,
    store: bool = True,
    remote: Optional[str] = None,
) -> BuildResult:
    """Extract every report in ``inputs`` and write the graph files, the
    embedded store (``out_dir/store``) and, given ``remote``, each
    document's named graph into a Graph Store HTTP Protocol endpoint."""
    paths = find_reports(list(inputs))
    extractions = [extract(load_document(p)) for p in paths]
    out = Path(out_dir)
    ds = to_dataset(extractions)
    facts = facts_graph(extractions)
    files = [
        write_text(out / "graph.ttl", turtle(facts)),
        write_text(out / "graph.trig", trig(ds)),
    ]
    if html:
        title = extractions[0].document.title if len(extractions) == 1 else f"{len(extractions)} 份报告"
        # the page shows evidence, so it reads facts and provenance together
        union = facts + _provenance(ds)
        files.append(write_text(out / "graph.html", render_html(union, title=title or "知识图谱")))
    if store:
        files.append(write_store(oxigraph_quads(ds), out / "store"))
    if remote:
        target = RemoteStore(remote)
        for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
            if len(g) and not str(g.identifier).startswith("urn:x-rdflib:"):
                target.put_graph(str(g.identifier), ntriples(g))
        files.append(remote)
    counts = Counter(e.type for ex in extractions for e in ex.entities)
    return BuildResult(
        documents=tuple(ex.document.name for ex in extractions),
        entities={t: counts.get(t, 0) for t in ENTITY_TYPES},
        relations=sum(len(ex.relations) for ex in extractions),
        flags=tuple(f"{ex.document.name}: {f}" for ex in extractions for f in ex.flags),
        files=tuple(str(f) for f in files),
        extractions=tuple(extractions),
    )

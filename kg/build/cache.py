"""The document cache: one report extracted into its entry (facts and
provenance as N-Triples, evidence, counts), read back on a rebuild, pruned
of reports gone.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from kg.build.inputs import cache_key
from kg.build.results import DocResult, one_line
from kg.errors import KGError
from kg.ingest import document_from_bytes, read_source
from kg.model import ENTITY_TYPES
from kg.outputs import write_text
from kg.resources import fingerprint
from kg.web.evidence import evidence_window

CACHE = ".cache"


def warm() -> None:
    """Before the workers fork (or as each starts, where they are spawned):
    the extraction's modules, the word tables and the gazetteer, loaded once."""
    import kg.extract.pipeline  # noqa: F401  (loaded before the fork)
    import kg.graph.rdf  # noqa: F401
    from kg.extract.words import word_table, word_tags
    from kg.knowledge.gazetteer import gazetteer

    gazetteer()
    word_table()
    word_tags()



def from_cache(cache_dir: str, key: str, path: str) -> Optional[DocResult]:
    summary = (Path(cache_dir) / key).with_suffix(".json")
    if not summary.exists():
        return None
    return doc_result(json.loads(summary.read_text(encoding="utf-8")), path, reused=True)


def doc_result(summary: dict, path: str, reused: bool) -> DocResult:
    """A document's result from its cache entry's summary."""
    return DocResult(**{**summary, "flags": tuple(summary.get("flags", ())), "path": path, "reused": reused})



@dataclass(frozen=True)
class Entry:
    """One report extracted, as its cache entry: its files (suffix → text)
    and its summary (the ``.json`` file, less the cache key): what a
    worker, here or on a cluster, sends back. ``error`` instead when the
    report cannot be read; ``fingerprint`` is the pipeline's that made it
    (a worker with another version of the package gives other bytes)."""

    files: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    error: str = ""
    fingerprint: str = ""


def extract_entry(name: str, data: bytes) -> Entry:
    """Extract one report from its bytes, touching no file: the task that
    runs in a worker process or on a cluster's worker."""
    try:
        doc = document_from_bytes(name, data)
    except KGError as exc:
        return Entry(error=one_line(exc), fingerprint=fingerprint())
    from kg.extract.pipeline import extract
    from kg.graph.rdf import NTRIPLES, fact_triples, ntriples, provenance_ntriples

    ex = extract(doc)
    counts = Counter(e.type for e in ex.entities)
    by_rule = Counter(m.rule for e in ex.entities for m in e.mentions)
    by_rule.update(r.rule for r in ex.relations)
    summary = {
        "name": name, "key": "", "title": doc.title, "chars": len(doc.text),
        "entities": {t: counts.get(t, 0) for t in ENTITY_TYPES}, "relations": len(ex.relations),
        "figures": len(ex.figures), "flags": list(ex.flags), "rules": dict(sorted(by_rule.items())), "error": "",
    }
    files = {
        ".facts.nt": ntriples(fact_triples(ex, NTRIPLES)),
        ".prov.nt": provenance_ntriples(ex),
        ".evidence.json": json.dumps(_evidence(ex), ensure_ascii=False, sort_keys=True),
    }
    return Entry(files=files, summary=summary, fingerprint=fingerprint())


def store_entry(entry: Entry, path: str, name: str, key: str, cache_dir: str) -> DocResult:
    """Write an extracted report into the cache (the summary last: its
    presence says the entry is whole) and give its result."""
    if entry.error:
        return DocResult(name=name, path=path, key="", error=entry.error)
    base = Path(cache_dir) / key
    for suffix, text in entry.files.items():
        write_text(base.with_suffix(suffix), text)
    summary = {**entry.summary, "key": key}
    write_text(base.with_suffix(".json"), json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return doc_result(summary, path, reused=False)


def process_document(path: str, name: str, key: str, cache_dir: str) -> DocResult:
    """Extract one report (whose cache ``key`` the caller has computed)
    into the cache."""
    try:
        source = read_source(Path(path))
    except KGError as exc:
        return DocResult(name=name, path=path, key="", error=one_line(exc))
    key = key or cache_key(source.data, name)  # unreadable when the caller tried
    return store_entry(extract_entry(name, source.data), path, name, key, cache_dir)


def _evidence(ex, limit: int = 5) -> dict:
    """For each entity, up to ``limit`` sentences naming it, with offsets."""
    doc = ex.document
    out = {}
    for e in ex.entities:
        items, seen = [], set()
        for m in e.mentions:
            s = doc.sentences[m.sentence]
            if s.index in seen:
                continue
            seen.add(s.index)
            text, start, end = evidence_window(doc.text[s.start : s.end], m.start - s.start, m.end - s.start)
            items.append({"doc": doc.name, "text": text, "start": start, "end": end})
            if len(items) >= limit:
                break
        out[e.iri] = items
    return out



def file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Drop cache entries of documents no longer in the build."""
    for f in cache_dir.iterdir():
        key = f.name.split(".", 1)[0]
        bookkeeping = f.name in ("manifest.json", "lock") or f.name.startswith(("remote-", "."))
        if key not in keep and not bookkeeping:
            try:
                f.unlink()
            except OSError:
                pass


def doc_ntriples(d: DocResult, cache_dir: Path) -> bytes:
    """One document's named graph as N-Triples: its facts, then its
    provenance, in the (deterministic) order the extraction wrote them."""
    entry = cache_dir / d.key
    return entry.with_suffix(".facts.nt").read_bytes() + entry.with_suffix(".prov.nt").read_bytes()

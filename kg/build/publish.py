"""Publishing a build's files: one build at a time in a folder, outputs
staged and moved in whole, a manifest that says what was published.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyoxigraph as ox

from kg.build.cache import CACHE, doc_ntriples
from kg.build.results import DocResult
from kg.build.workers import fork
from kg.errors import KGError
from kg.extract.resolve import document_iri
from kg.graph.store import PREFIXES as PREFIX_MAP
from kg.outputs import write_text


class OutputLock:
    """One build at a time in an output folder: a second one says which
    process holds it, instead of the two overwriting each other."""

    def __init__(self, out: Path):
        self.path = out / CACHE / "lock"
        self.file = None

    def __enter__(self) -> "OutputLock":
        import fcntl

        self.file = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.file.seek(0)
            holder = self.file.read().strip() or "another process"
            self.file.close()
            raise KGError(
                f"another build (process {holder}) is writing {self.path.parent.parent}",
                "wait for it to finish, or build into another folder with -o",
            ) from None
        self.file.seek(0)
        self.file.truncate()
        self.file.write(str(os.getpid()))
        self.file.flush()
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()  # closing releases the lock



def manifest_path(out: Path) -> Path:
    return out / CACHE / "manifest.json"


def manifest_of(docs: list[DocResult], html: bool) -> dict:
    """What the outputs were built from: each document's name and the
    SHA-256 of its bytes (with the pipeline's fingerprint), and which
    outputs (the store knows for itself which graph.trig it indexes)."""
    outputs = ["graph.ttl", "graph.trig"] + (["graph.html"] if html else [])
    return {"documents": {d.name: d.key for d in sorted(docs, key=lambda d: d.name)}, "outputs": outputs}


def published(out: Path, found: dict, wanted: dict) -> bool:
    """Whether the outputs in ``out`` are whole and are those ``wanted``:
    the manifest of their build says so, and each file is as it was
    published."""
    if {k: v for k, v in found.items() if k != "hashes"} != wanted:
        return False
    hashes = found.get("hashes", {})
    return all(hashes.get(n) == file_hash(out / n) for n in wanted["outputs"])


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remove_leftovers(out: Path) -> None:
    """Staging folders and temporary files a killed build left behind."""
    import shutil

    for p in list(out.glob(".staging-*")) + list(out.glob(".store.*")):
        shutil.rmtree(p, ignore_errors=True)
    for p in (out / CACHE).glob(".*.tmp"):
        try:
            p.unlink()
        except OSError:
            pass


def cleanup_empty(out: Path) -> None:
    cache = out / CACHE
    if [p.name for p in cache.iterdir()] == ["lock"]:
        (cache / "lock").unlink()  # a build that made nothing leaves nothing
    for p in (cache, out):
        try:
            p.rmdir()
        except OSError:
            return



class Staging:
    """The folder a build writes its outputs into before moving them in: a
    build killed before the end leaves the previous outputs as they were."""

    def __init__(self, out: Path):
        import tempfile

        self.out = out
        self.folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))

    def publish(self, names: list[str]) -> list[Path]:
        """Move the finished outputs over the previous ones."""
        files = []
        for name in names:
            target = self.out / name
            os.replace(self.folder / name, target)
            files.append(target)
        return files

    def discard(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


class Collected:
    """What the union file and the page need of each document, read from
    the cache as the document comes in."""

    def __init__(self, cache_dir: Path, html: bool):
        self.cache_dir = cache_dir
        self.html = html
        self.facts: dict[str, ox.Triple] = {}  # N-Triples line → the triple
        self.evidence: dict[str, dict] = {}
        self.network = None  # made with the first document: the workers have started by then

    def add(self, d: DocResult) -> None:
        entry = self.cache_dir / d.key
        text = entry.with_suffix(".facts.nt").read_text(encoding="utf-8")
        # N-Triples ends lines with \n only; a literal may hold U+2028 or U+0085
        lines = [line + "\n" for line in text.split("\n")[:-1]]
        triples = list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        if len(triples) != len(lines):  # one triple per line, as rdf.ntriples writes them
            raise KGError(f"the cache entry of {d.name} is damaged", f"delete {self.cache_dir} and build again")
        if self.html and self.network is None:
            from kg.web.page import NetworkBuilder

            self.network = NetworkBuilder()
        for line, triple in zip(lines, triples):
            if line not in self.facts:
                self.facts[line] = triple
                if self.network is not None:
                    self.network.add(triple, line)  # as in the sorted union
        if self.html:
            self.evidence[d.name] = json.loads(entry.with_suffix(".evidence.json").read_text(encoding="utf-8"))

    def union(self) -> list[ox.Triple]:
        """The union of the facts, without provenance, each once, in the
        order of their N-Triples lines."""
        return [self.facts[line] for line in sorted(self.facts)]



def write_outputs(docs: list[DocResult], folder: Path, cache_dir: Path, collected: Collected, parallel: bool = False) -> list[str]:
    html = collected.html

    def graph_files() -> None:
        _write_trig(docs, folder / "graph.trig", cache_dir)
        ox.serialize(collected.union(), output=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)

    # with a core to spare, a second process writes the TriG and Turtle
    # files while this one makes the page
    helper = fork(graph_files) if html and parallel else None
    if helper is None:
        graph_files()
    if html:
        _page(docs, collected.network.graph(), folder, collected.evidence)
    if helper is not None:
        helper.join()
        if helper.exitcode != 0:
            raise KGError("writing graph.ttl and graph.trig failed (the line above says why)", "free some disk space, or run again with --jobs 1")
    return ["graph.ttl", "graph.trig"] + (["graph.html"] if html else [])


def _write_trig(docs: list[DocResult], path: Path, cache_dir: Path) -> None:
    """Each document's named graph, from the cache's N-Triples bytes."""
    from kg.graph.store import write_trig

    write_trig(path, ((document_iri(d.name), doc_ntriples(d, cache_dir)) for d in docs))



def _page(docs: list[DocResult], network, out: Path, evidence_by_doc: dict[str, dict]) -> Path:
    from kg.web.page import render_html

    evidence: dict[str, list] = {}
    for d in docs:
        for iri, items in evidence_by_doc[d.name].items():
            have = evidence.setdefault(iri, [])
            have.extend(items[: max(0, 5 - len(have))])
    title = (docs[0].title or docs[0].name) if len(docs) == 1 else f"{len(docs)} 份报告"
    page = render_html(network, title=title or "知识图谱", evidence=evidence)
    return write_text(out / "graph.html", page)

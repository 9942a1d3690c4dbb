"""The reports a build reads: their document names (unique across folders)
and the keys their cache entries go by.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from kg.errors import KGError
from kg.ingest import read_source
from kg.ingest.files import readable_name
from kg.resources import fingerprint, sample_report


def sample_report_path() -> Path:
    """The bundled Hengyang report as a real file path."""
    from importlib.resources import as_file

    with as_file(sample_report()) as path:
        return Path(path)


def document_names(paths: list[Path]) -> list[str]:
    """Document names, unique in the build: the file name, and where file
    names repeat, as many of the folders above it as tell them apart
    (a/x/report.txt and b/x/report.txt). The same files get the same
    names on any machine, wherever the corpus lies.

    >>> document_names([Path("/m/a/x/r.txt"), Path("/m/b/x/r.txt"), Path("/m/c.txt")])
    ['a/x/r.txt', 'b/x/r.txt', 'c.txt']
    """
    parts = [tuple(readable_name(part) for part in p.parts) for p in paths]
    depth = [1] * len(paths)
    while True:
        names = ["/".join(pp[-d:]) for pp, d in zip(parts, depth)]
        counts = Counter(names)
        clash = [i for i, n in enumerate(names) if counts[n] > 1 and depth[i] < len(parts[i])]
        if not clash:
            return names
        for i in clash:
            depth[i] += 1



def cache_key(data: bytes, name: str) -> str:
    return hashlib.sha256(data).hexdigest() + "-" + fingerprint() + "-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def source_key(path: str, name: str) -> str:
    """A report's cache key, from its bytes; "" when it cannot be read
    (or is past the size limit: process_document then says why)."""
    try:
        return cache_key(read_source(Path(path)).data, name)
    except KGError:
        return ""

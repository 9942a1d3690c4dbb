"""Keeping a remote store in step with the build: each report's named graph
sent when new or changed, dropped when its report is gone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Optional

from kg.build.cache import doc_ntriples
from kg.build.publish import read_manifest
from kg.build.results import DocResult, StoreSync
from kg.extract.resolve import document_iri
from kg.outputs import write_text


def sync_remote(docs: list[DocResult], cache_dir: Path, remote: str, progress: Optional[Callable[[int, int], None]] = None) -> StoreSync:
    """Make the store at ``remote`` follow the build: the graphs of new and
    changed reports go up, those of reports gone from the build come down,
    unchanged ones do not travel (a record in the cache says what this
    output folder put there)."""
    from kg.graph.store import RemoteStore

    target = RemoteStore(remote)
    record_path = cache_dir / f"remote-{hashlib.sha1(remote.encode('utf-8')).hexdigest()[:16]}.json"
    record = read_manifest(record_path)
    sent: dict[str, str] = dict(record.get("graphs", {}))
    if sent:
        # a graph the record has but the server lost (a wiped or new server) goes up again
        held = target.graphs()
        sent = {iri: key for iri, key in sent.items() if iri in held}
    now = {document_iri(d.name): d for d in docs}
    changed = [(iri, doc_ntriples(d, cache_dir)) for iri, d in now.items() if sent.get(iri) != d.key]
    removed = sorted(iri for iri in sent if iri not in now)
    steps = len(changed) + len(removed)

    through_count = 0

    def through(iri: str) -> None:
        nonlocal through_count
        if iri in now:
            sent[iri] = now[iri].key
        else:
            sent.pop(iri, None)
        through_count += 1
        if progress:
            progress(through_count, steps)

    if progress:
        progress(0, steps)
    try:
        target.follow(changed, removed, through)
    finally:
        # what went through is recorded even when the rest failed: the next build sends only what is left
        write_text(record_path, json.dumps({"store": remote, "graphs": sent}, ensure_ascii=False, indent=1, sort_keys=True))
    return StoreSync(sent=len(changed), removed=len(removed), unchanged=len(now) - len(changed))

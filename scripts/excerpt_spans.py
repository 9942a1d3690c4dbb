"""Where the annotated excerpts lie in the provincial reports.

    python scripts/excerpt_spans.py [SHARED]   (default: ../shared)

The tuning excerpts (SHARED/corpus/*.txt) and the check excerpts
(SHARED/corpus/check/*.txt) are parts of the 26 provincial reports. The
vocabulary guard counts a rule word's attestations outside them, so it
needs their places: this writes tests/data/excerpt_spans.json, report file
→ [[start, end], ...] character offsets. Offsets only, no text: the check
set's texts never enter the project.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tests" / "data" / "excerpt_spans.json"
ANCHOR = 60  # characters each end of an excerpt is found by


def spans(report: str, excerpt: str) -> list[int] | None:
    body = excerpt.strip()
    start = report.find(body[:ANCHOR])
    if start < 0:
        return None
    end = report.find(body[-ANCHOR:], start)
    return [start, end + ANCHOR] if end >= 0 else [start, len(report)]


def main(shared: Path) -> None:
    reports = {p.name: p.read_text(encoding="utf-8") for p in sorted((shared / "corpus" / "provincial").glob("*.txt"))}
    excerpts = sorted((shared / "corpus").glob("*-gov-*.txt")) + sorted((shared / "corpus" / "check").glob("*.txt"))
    out: dict[str, list] = {name: [] for name in reports}
    missing = []
    for path in excerpts:
        text = path.read_text(encoding="utf-8")
        found = [(name, s) for name, r in reports.items() if (s := spans(r, text))]
        if not found:
            missing.append(path.name)
        for name, s in found:
            out[name].append(s)
    for name in out:
        out[name].sort()
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{sum(len(v) for v in out.values())} excerpts placed in {sum(1 for v in out.values() if v)} reports; not found: {missing or 'none'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared")

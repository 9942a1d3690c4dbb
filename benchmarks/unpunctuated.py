"""A report without punctuation (a bad PDF conversion) at growing sizes:
build time against bare jieba, page and evidence size, peak memory.

    python benchmarks/unpunctuated.py [CORPUS_DIR]

The text is the provincial reports with every punctuation mark and line
break removed, cut to 50k, 100k, 200k and 400k characters; each build runs
in a fresh process.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEP = r"""
import resource, sys, time
from pathlib import Path
from kg.build import build
t = time.perf_counter()
build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "tests" / "data" / "provincial"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    text = re.sub(r"[\s，。；：、！？“”《》（）()【】,.;:!?\"'…—-]", "", text)
    import jieba

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    print(f"{'chars':>8} {'build s':>8} {'jieba s':>8} {'ratio':>6} {'page MB':>8} {'evidence MB':>12} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (50_000, 100_000, 200_000, 400_000):
            src = Path(tmp) / f"r{n}.txt"
            src.write_text(text[:n], encoding="utf-8")
            t = time.perf_counter()
            list(tok.cut(text[:n]))
            bare = time.perf_counter() - t
            out = Path(tmp) / f"out{n}"
            seconds, peak = subprocess.run([sys.executable, "-c", STEP, str(src), str(out)], capture_output=True, text=True, check=True).stdout.split()
            page = (out / "graph.html").stat().st_size / 1e6
            evidence = sum(p.stat().st_size for p in (out / ".cache").glob("*.evidence.json")) / 1e6
            print(f"{n:>8,} {float(seconds):>8.1f} {bare:>8.1f} {float(seconds) / bare:>6.1f} {page:>8.1f} {evidence:>12.2f} {int(peak):>8}")


if __name__ == "__main__":
    main()

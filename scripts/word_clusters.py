"""Word clusters for the tagger, learned from unannotated report text.

    python scripts/word_clusters.py      (needs numpy and scipy)

The CRF (kg/extract/tagger.py) reads each word's cluster and its
neighbours' beside the characters: words used alike fall together (加快,
推进, 力促; 铁路, 高铁), so what the tagger learned from one verb or head
carries over to another it never saw in the annotated reports.

The text is the 26 provincial reports of tests/data/provincial with every
annotated excerpt cut out (the tuning set's and the check set's, by
tests/data/excerpt_spans.json), cut into words by the tagger's own
segmenter. Each word seen three times or more is described by the words
around it (one and two to the left and right, positive pointwise mutual
information, reduced to 50 dimensions by a truncated SVD) and the words
are grouped by k-means into 64 clusters. Fixed seeds: the same table
every run. It is written to kg/extract/models/word_clusters.tsv (word, tab,
cluster); retrain the tagger (kg train) after making it anew.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "kg" / "extract" / "models" / "word_clusters.tsv"
CLUSTERS = 64
DIMENSIONS = 50
LEAST_COUNT = 3
CONTEXT_WORDS = 3000


def reports_outside_excerpts() -> tuple[str, ...]:
    """The 26 reports with every annotated excerpt cut out, as the vocabulary
    guard reads them (tests/test_rule_vocabulary.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_rule_vocabulary import reports_outside_gold

    return reports_outside_gold()


def sentences(reports: tuple[str, ...]) -> list[list[str]]:
    sys.path.insert(0, str(ROOT))
    from kg.extract.segment import cut

    return [["<s>", *cut(line), "</s>"] for r in reports for line in r.split("\n") if line.strip()]


def clusters(sents: list[list[str]]) -> dict[str, int]:
    import numpy as np
    from scipy.cluster.vq import kmeans2
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    freq = Counter(w for s in sents for w in s)
    # words in the order they first occur, context words by count (ties: first occurrence)
    vocab = [w for w, c in freq.items() if c >= LEAST_COUNT and w not in ("<s>", "</s>")]
    index = {w: i for i, w in enumerate(vocab)}
    context = [w for w, _ in freq.most_common(CONTEXT_WORDS)]
    cindex = {w: i for i, w in enumerate(context)}
    rows, cols, vals = [], [], []
    for s in sents:
        for k in range(1, len(s) - 1):
            if s[k] not in index:
                continue
            for slot, offset in enumerate((-1, 1, -2, 2)):
                if 0 <= k + offset < len(s) and s[k + offset] in cindex:
                    rows.append(index[s[k]])
                    cols.append(cindex[s[k + offset]] + slot * len(context))
                    vals.append(1.0 if abs(offset) == 1 else 0.5)
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(vocab), 4 * len(context))).tocsr()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(1)).ravel()
    col_sums = np.asarray(matrix.sum(0)).ravel()
    counts = matrix.tocoo()
    # PPMI with the context distribution smoothed (power 0.75)
    pmi = np.log(counts.data * total / (row_sums[counts.row] * col_sums[counts.col] ** 0.75 * col_sums.sum() ** 0.25))
    pmi[pmi < 0] = 0
    ppmi = coo_matrix((pmi, (counts.row, counts.col)), shape=counts.shape).tocsr()
    u, s, _ = svds(ppmi, k=DIMENSIONS, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    _, labels = kmeans2(vectors, CLUSTERS, minit="++", seed=0, iter=30)
    return dict(zip(vocab, (int(x) for x in labels)))


def main() -> None:
    table = {w: c for w, c in clusters(sentences(reports_outside_excerpts())).items() if w.strip()}
    lines = [f"# word clusters: scripts/word_clusters.py ({len(table)} words, {CLUSTERS} clusters)"]
    lines += [f"{w}\t{c}" for w, c in sorted(table.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(table)} words in {CLUSTERS} clusters")


if __name__ == "__main__":
    main()

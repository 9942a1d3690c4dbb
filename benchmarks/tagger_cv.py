"""The tagger judged honestly: 5-fold cross-validation by document.

    python benchmarks/tagger_cv.py [SHARED] [--folds 5] [--types Project,...] [--by province]

The tuning set's reports are dealt into folds by name (or, ``--by
province``, with every report of one province in the same fold, so that no
fold's model has read another excerpt of a report it is scored on: the
check set's six provinces are none of the tuning set's); each fold is built
and scored by a model trained on the other four only, once with the rules
alone and once with rules + model. Prints pooled precision, recall and F1
(core five, all eight, relations) and per type, as ``kg evaluate`` scores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def province_folds(names: list[str], text_dirs: list[Path], k: int) -> list[list[str]]:
    """The reports dealt into k folds by the province each is about (as
    the pipeline's locality reads it), the largest province first, each
    into the fold that holds fewest reports."""
    from kg.extract.pipeline import Pipeline
    from kg.ingest import load_document

    locality = Pipeline.from_config(["locality"])
    groups: dict[str, list[str]] = {}
    for name in names:
        path = next(d / f"{name}.txt" for d in text_dirs if (d / f"{name}.txt").is_file())
        place = locality.run(load_document(path))["locality"]
        key = place.province.code if place.province else name
        groups.setdefault(key, []).append(name)
    folds: list[list[str]] = [[] for _ in range(k)]
    for key in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        min(folds, key=len).extend(groups[key])
    return [sorted(f) for f in folds]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", nargs="?", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--types", default="Project")
    ap.add_argument("--threshold", type=float, default=0.75)
    ap.add_argument("--thresholds", default="", help="per type, e.g. Project=0.75,Organization=0.9")
    ap.add_argument("--by", choices=("document", "province"), default="document")
    args = ap.parse_args()
    shared = Path(args.shared)
    gold_dir = shared / "annotation" / "gold"
    text_dirs = [shared / "corpus", shared / "corpus" / "openings"]

    from kg.extract.pipeline import Pipeline, default_config
    from kg.extract.training import examples, train
    from kg.graph.evaluate import evaluate, load_gold
    from rdflib import Graph

    from kg.graph.rdf import bind, fact_triples

    def graph_of(ex):
        g = bind(Graph())
        for triple in fact_triples(ex):
            g.add(triple)
        return g

    from kg.ingest import load_document

    items = examples(gold_dir, text_dirs)
    names = [i.name for i in items]
    folds = [names[k :: args.folds] for k in range(args.folds)]
    if args.by == "province":
        folds = province_folds(names, text_dirs, args.folds)
    rules = Pipeline.from_config([n for n in default_config() if n != "recognize.tagger"])
    totals = {"rules": Counter(), "rules + model": Counter()}
    with tempfile.TemporaryDirectory() as tmp:
        for k, held in enumerate(folds):
            model = Path(tmp) / f"fold{k}.crfsuite"
            train([i for i in items if i.name not in held], model)
            names_with = [n for n in default_config() if n != "recognize.tagger"]
            at = names_with.index("recognize.named-phrases") + 1
            with_model = Pipeline.from_config(names_with[:at] + ["recognize.tagger"] + names_with[at:])
            # the tagger component reads its model from settings: rebuild it on this fold's file
            from kg.extract.components import build_component

            comps = list(with_model.components)
            comps[at] = build_component("recognize.tagger", with_model.knowledge, rank=at, model=str(model),
                                        types=args.types.split(","),
                                        threshold={k: float(v) for k, v in (x.split("=") for x in args.thresholds.split(","))}
                                        if args.thresholds else args.threshold)
            with_model = Pipeline(comps, with_model.knowledge)
            for name in held:
                text = next(d / f"{name}.txt" for d in text_dirs if (d / f"{name}.txt").is_file())
                doc = load_document(text)
                gold = load_gold(gold_dir / f"{name}.json")
                for label, pipeline in (("rules", rules), ("rules + model", with_model)):
                    ev = evaluate(gold, graph_of(pipeline(doc)))
                    scores = {**ev.per_type, "core": ev.core, "all": ev.all, "relations": ev.relations}
                    for key, score in scores.items():
                        totals[label].update({(key, "tp"): score.tp, (key, "predicted"): score.predicted, (key, "gold"): score.gold})
            print(f"fold {k + 1}/{args.folds} done", file=sys.stderr)
    keys = sorted({key for c in totals.values() for key, _ in c})
    print(f"{'':14s}" + "".join(f"{label:>30s}" for label in totals))
    for key in keys:
        row = f"{key:14s}"
        for c in totals.values():
            tp, pr, go = c[(key, "tp")], c[(key, "predicted")], c[(key, "gold")]
            p, r = (tp / pr if pr else 0), (tp / go if go else 0)
            f = 2 * p * r / (p + r) if p + r else 0
            row += f"{p:10.3f}{r:10.3f}{f:10.3f}"
        print(row)


if __name__ == "__main__":
    main()

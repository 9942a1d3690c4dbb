"""Print what a build misses and adds against a gold file (for development).

    python scripts/diff_gold.py tests/data/gold/beijing-2026-gov-p5k.json output/graph.ttl
"""

import sys

from kg.graph.evaluate import load_gold, norm, predicted_entities
from kg.graph.graphio import load_graph


def main(gold_path, graph_path):
    gold = load_gold(gold_path)
    g = load_graph(graph_path, gold.get("document", ""))
    preds = predicted_entities(g)
    all_pred_names = {(t, n) for t, names in preds.values() for n in names}
    print("== missed (non-optional gold)")
    for e in gold["entities"]:
        if e.get("optional"):
            continue
        names = {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
        if not any((e["type"], n) in all_pred_names for n in names):
            other = [t for t, n in all_pred_names if n in names]
            print(f"  {e['type']:12} {e['name']}  {e.get('aliases', [])}  {('as ' + ','.join(other)) if other else ''}")
    gold_names = {}
    for e in gold["entities"]:
        for n in {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}:
            gold_names.setdefault(n, set()).add(e["type"])
    print("== predicted, not in gold")
    for s, (t, names) in sorted(preds.items(), key=lambda x: x[1][0]):
        if not any(n in gold_names for n in names):
            print(f"  {t:12} {sorted(names)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])

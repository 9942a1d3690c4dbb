"""Evaluate: score a built graph against a gold annotation file.

Implements the scoring rules of the annotation schema exactly: entity
matching by any name (label or alternative label, with 《》“”"" and white
space removed) and top-level type, each gold entity matched at most once,
optional gold entities left out of both counts; relations match when
subject and object match and the predicate (or a super-property) has the
gold predicate's name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import GoldError
from kg.graph.vocabulary import top_predicate, top_type
from kg.model import CORE_TYPES, ENTITY_TYPES, PREDICATES

STRIP = re.compile(r"[《》“”\"\s]")


def norm(name: str) -> str:
    return STRIP.sub("", name)


@dataclass(frozen=True)
class Score:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class Evaluation:
    document: str
    per_type: dict[str, Score]
    core: Score
    all: Score
    relations: Score
    per_predicate: dict[str, Score]

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "entities": {t: s.as_dict() for t, s in self.per_type.items()},
            "core": self.core.as_dict(),
            "all": self.all.as_dict(),
            "relations": self.relations.as_dict(),
            "predicates": {p: s.as_dict() for p, s in self.per_predicate.items()},
        }


def load_gold(path: str | Path) -> dict:
    p = Path(path)
    if not p.exists():
        raise GoldError(f"gold file {path} does not exist", "give a gold JSON file in the annotation schema's format")
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"gold file {path} is not valid JSON ({exc})", "check the file against the annotation schema") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise GoldError(f"gold file {path} has no 'entities' list", "check the file against the annotation schema")
    for i, e in enumerate(gold["entities"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("id", "type", "name")):
            raise GoldError(f"gold file {path}: entity {i + 1} lacks an id, type or name", "check the file against the annotation schema")
        if not isinstance(e.get("aliases", []), list):
            raise GoldError(f"gold file {path}: the aliases of {e['id']} are not a list", "check the file against the annotation schema")
    ids = {e["id"] for e in gold["entities"]}
    relations = gold.get("relations", [])
    if not isinstance(relations, list):
        raise GoldError(f"gold file {path}: 'relations' is not a list", "check the file against the annotation schema")
    for i, r in enumerate(relations):
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("subject", "predicate", "object")):
            raise GoldError(f"gold file {path}: relation {i + 1} lacks a subject, predicate or object", "check the file against the annotation schema")
        if r["subject"] not in ids or r["object"] not in ids:
            raise GoldError(f"gold file {path}: relation {i + 1} names an entity the file does not have", "check the file against the annotation schema")
    return gold


def predicted_entities(graph: Graph) -> dict[URIRef, tuple[str, frozenset[str]]]:
    out = {}
    for s, cls in graph.subject_objects(predicate=URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")):
        t = top_type(cls)
        if t is None or not isinstance(s, URIRef):
            continue
        names = {norm(str(l)) for l in graph.objects(s, RDFS.label)}
        names |= {norm(str(l)) for l in graph.objects(s, SKOS.altLabel)}
        names.discard("")
        out[s] = (t, frozenset(names))
    return out


def evaluate(gold: dict, graph: Graph) -> Evaluation:
    gold_entities = gold.get("entities", [])
    gnames = {e["id"]: {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])} for e in gold_entities}
    gtype = {e["id"]: e["type"] for e in gold_entities}
    optional = {e["id"] for e in gold_entities if e.get("optional")}
    preds = predicted_entities(graph)

    # match: each prediction to one gold entity, each gold entity at most once
    matched_gold: dict[URIRef, str] = {}
    used: set[str] = set()
    ignored: set[URIRef] = set()
    for s in sorted(preds):
        t, names = preds[s]
        candidates = [gid for gid in gnames if gtype[gid] == t and names & gnames[gid]]
        free = [gid for gid in candidates if gid not in used and gid not in optional]
        if free:
            matched_gold[s] = free[0]
            used.add(free[0])
            continue
        if any(names & gnames[gid] for gid in optional):
            ignored.add(s)
        elif candidates:
            matched_gold[s] = ""  # a second prediction for an already-matched gold entity

    per_type = {}
    for t in ENTITY_TYPES:
        per_type[t] = _entity_score(t, preds, matched_gold, ignored, gtype, optional)
    core = _sum(per_type[t] for t in CORE_TYPES)
    all_ = _sum(per_type.values())

    # relations
    gold_rels = gold.get("relations", [])
    gold_set = set()
    for r in gold_rels:
        if r["subject"] in optional or r["object"] in optional:
            continue
        gold_set.add((r["subject"], r["predicate"], r["object"]))
    predicted_rels = set()
    for s, p, o in graph:
        name = top_predicate(p)
        if name is None or s not in preds or o not in preds:
            continue
        predicted_rels.add((s, name, o))
    tp = 0
    counted = 0
    hit: set[tuple] = set()
    per_pred_tp: dict[str, int] = {}
    per_pred_n: dict[str, int] = {}
    for s, p, o in sorted(predicted_rels):
        if s in ignored or o in ignored:
            continue
        gs, go = matched_gold.get(s), matched_gold.get(o)
        key = (gs, p, go)
        counted += 1
        per_pred_n[p] = per_pred_n.get(p, 0) + 1
        if gs and go and key in gold_set and key not in hit:
            hit.add(key)
            tp += 1
            per_pred_tp[p] = per_pred_tp.get(p, 0) + 1
    gold_by_pred: dict[str, int] = {}
    for _, p, _ in gold_set:
        gold_by_pred[p] = gold_by_pred.get(p, 0) + 1
    per_predicate = {
        p: Score(per_pred_tp.get(p, 0), per_pred_n.get(p, 0), gold_by_pred.get(p, 0))
        for p in PREDICATES
        if per_pred_n.get(p) or gold_by_pred.get(p)
    }
    return Evaluation(
        document=gold.get("document", ""),
        per_type=per_type,
        core=core,
        all=all_,
        relations=Score(tp, counted, len(gold_set)),
        per_predicate=per_predicate,
    )


def _entity_score(t, preds, matched_gold, ignored, gtype, optional) -> Score:
    predicted = [s for s, (pt, _) in preds.items() if pt == t and s not in ignored]
    tp = sum(1 for s in predicted if matched_gold.get(s))
    gold = sum(1 for gid, gt in gtype.items() if gt == t and gid not in optional)
    return Score(tp, len(predicted), gold)


def _sum(scores) -> Score:
    scores = list(scores)
    return Score(sum(s.tp for s in scores), sum(s.predicted for s in scores), sum(s.gold for s in scores))


def format_table(ev: Evaluation) -> str:
    lines = [f"document: {ev.document}", f"{'':14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]

    def row(name: str, s: Score) -> str:
        return f"{name:14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.predicted:6d}{s.gold:6d}"

    for t, s in ev.per_type.items():
        lines.append(row(t, s))
    lines.append(row("core five", ev.core))
    lines.append(row("all eight", ev.all))
    lines.append(row("relations", ev.relations))
    for p, s in ev.per_predicate.items():
        lines.append(row("  " + p, s))
    return "\n".join(lines)

"""The scorer follows the schema's rules exactly."""

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.graph.evaluate import evaluate
from kg.graph.rdf import KGO

R = "https://example.org/"


def graph(entities, relations=()):
    g = Graph()
    for iri, cls, label, aliases in entities:
        s = URIRef(R + iri)
        g.add((s, RDF.type, KGO[cls]))
        g.add((s, RDFS.label, Literal(label, lang="zh")))
        for a in aliases:
            g.add((s, SKOS.altLabel, Literal(a, lang="zh")))
    for s, p, o in relations:
        g.add((URIRef(R + s), KGO[p], URIRef(R + o)))
    return g


GOLD = {
    "document": "t.txt",
    "entities": [
        {"id": "E1", "type": "Organization", "name": "株洲市人民代表大会常务委员会", "aliases": ["市人大常委会"]},
        {"id": "E2", "type": "Place", "name": "株洲市", "aliases": ["株洲"]},
        {"id": "E3", "type": "Regulation", "name": "株洲市城市绿化条例", "aliases": []},
        {"id": "E4", "type": "Policy", "name": "两院", "aliases": [], "optional": True},
    ],
    "relations": [
        {"subject": "E1", "predicate": "locatedIn", "object": "E2"},
        {"subject": "E1", "predicate": "enacted", "object": "E3"},
    ],
}


def test_entity_matching_by_alias_subclass_and_marks():
    g = graph(
        [
            ("a", "LegislativeBody", "市人大常委会", []),  # alias match, subclass climbs to Organization
            ("b", "City", "株洲", []),
            ("c", "LocalRegulation", "《株洲市城市绿化条例》", []),  # 《》 removed before comparing
            ("d", "Organization", "两院", []),  # optional: left out whatever its type
            ("e", "Person", "张三", []),  # a false positive
        ],
        [("a", "locatedIn", "b"), ("a", "drafts", "c")],
    )
    ev = evaluate(GOLD, g)
    assert (ev.all.tp, ev.all.predicted, ev.all.gold) == (3, 4, 3)
    assert (ev.core.tp, ev.core.predicted, ev.core.gold) == (3, 4, 3)
    assert (ev.relations.tp, ev.relations.predicted, ev.relations.gold) == (1, 2, 2)


def test_each_gold_entity_matches_once():
    g = graph([("a", "Place", "株洲市", []), ("b", "Place", "株洲", [])])
    ev = evaluate(GOLD, g)
    assert (ev.per_type["Place"].tp, ev.per_type["Place"].predicted) == (1, 2)


def test_wrong_type_does_not_match():
    g = graph([("a", "Place", "市人大常委会", [])])
    ev = evaluate(GOLD, g)
    assert ev.all.tp == 0 and ev.all.predicted == 1

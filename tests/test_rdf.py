"""The graph contract: round trip, determinism, provenance, encodings."""

from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import build
from kg.graph.rdf import ITSRDF, KGO, NIF


def test_turtle_round_trip_is_isomorphic(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl")
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert isomorphic(g, again)


def test_same_input_same_bytes(built, sample_path, tmp_path):
    out, _ = built
    build([sample_path], tmp_path)
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_every_entity_has_one_label_and_a_type(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl")
    entities = set(g.subjects(KGO.mentionedIn, None))
    assert len(entities) > 100
    for e in entities:
        assert len(list(g.objects(e, RDFS.label))) == 1
        assert next(g.objects(e, RDFS.label)).language == "zh"
        assert len(list(g.objects(e, RDF.type))) == 1


def test_document_node(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl")
    doc = next(g.subjects(RDF.type, KGO.Document))
    assert str(g.value(doc, KGO.sourceFile)) == "hengyang-2021.txt"
    assert len(str(g.value(doc, KGO.sha256))) == 64
    assert str(g.value(doc, KGO.speaker)) == "段志刚"
    assert str(g.value(doc, URIRef("http://purl.org/dc/terms/date"))) == "2021-01-19"


def test_trig_has_one_named_graph_with_provenance(built):
    out, _ = built
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    named = [g for g in ds.graphs() if len(g) and g.identifier != URIRef("urn:x-rdflib:default")]
    assert len(named) == 1
    g = named[0]
    text = str(next(g.objects(None, NIF.isString)))
    mentions = list(g.subjects(ITSRDF.taIdentRef, None))
    assert len(mentions) > 200
    for m in mentions:
        b, e = int(g.value(m, NIF.beginIndex)), int(g.value(m, NIF.endIndex))
        assert text[b:e] == str(g.value(m, NIF.anchorOf))
    statements = list(g.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        sentence = g.value(st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        b, e = int(g.value(sentence, NIF.beginIndex)), int(g.value(sentence, NIF.endIndex))
        assert text[b:e] == str(g.value(sentence, NIF.anchorOf))


def test_other_encodings_give_the_same_graph(sample_path, tmp_path, built):
    out, _ = built
    original = Graph().parse(out / "graph.ttl")
    text = Path(sample_path).read_text(encoding="utf-8")
    for enc in ("gb18030", "utf-16"):
        folder = tmp_path / enc
        src = folder / "in" / "hengyang-2021.txt"
        src.parent.mkdir(parents=True)
        src.write_bytes(text.encode(enc))
        build([src], folder / "out", html=False)
        g = Graph().parse(folder / "out" / "graph.ttl")
        # only the hash of the bytes and the encoding differ
        for s, p, o in list(g.triples((None, KGO.sha256, None))) + list(g.triples((None, KGO.encoding, None))):
            g.remove((s, p, o))
        ref = Graph()
        for t in original:
            if t[1] not in (KGO.sha256, KGO.encoding):
                ref.add(t)
        assert isomorphic(g, ref), enc


def test_provenance_as_text_is_the_provenance_triples(sample_path):
    """A build writes provenance straight as N-Triples text; the lines are
    exactly those of the triples, in the same order."""
    from kg.ingest import load_document
    from kg.extract.pipeline import extract
    from kg.graph.rdf import NTRIPLES, ntriples, provenance_ntriples, provenance_triples

    ex = extract(load_document(sample_path))
    assert provenance_ntriples(ex) == ntriples(provenance_triples(ex, NTRIPLES))

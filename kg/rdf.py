"""RDF: extractions to an rdflib Dataset on our ontology.

Each document gets one named graph (its IRI) holding its facts and their
provenance: NIF strings for the document, its sentences and every mention,
and an ``rdf:Statement`` per relation with ``prov:wasDerivedFrom`` its
sentence. The union of the facts (without the provenance) is what the
Turtle file carries.

Reads: ``Extraction``. Writes: triples of rdflib terms.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .model import Extraction
from .resolve import BASE, document_iri, entity_iri

KGO = Namespace("https://w3id.org/govreport-kg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
KGR = Namespace(BASE)

PREFIXES = {
    "kgo": KGO,
    "kgr": KGR,
    "rdfs": RDFS,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "xsd": XSD,
}


def bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def fact_triples(ex: Extraction) -> Iterable[tuple]:
    """The facts of one document: entities, relations, the document node."""
    doc = ex.document
    d = URIRef(document_iri(doc.name))
    yield d, RDF.type, KGO.Document
    yield d, KGO.sourceFile, Literal(doc.name)
    yield d, KGO.sha256, Literal(doc.sha256)
    yield d, KGO.encoding, Literal(doc.encoding)
    if doc.title:
        yield d, DCTERMS.title, _zh(doc.title)
    if doc.date:
        yield d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)
    if doc.meeting:
        yield d, KGO.meeting, _zh(doc.meeting)
    if doc.speaker:
        yield d, KGO.speaker, _zh(doc.speaker)
    for e in ex.entities:
        s = URIRef(e.iri)
        yield s, RDF.type, KGO[e.subclass or e.type]
        yield s, RDFS.label, _zh(e.name)
        for alias in e.aliases:
            yield s, SKOS.altLabel, _zh(alias)
        if e.code:
            yield s, KGO.divisionCode, Literal(e.code)
            parent = _parent_division(e.code)
            if parent:
                yield s, KGO.parentDivision, URIRef(entity_iri("Place", "", parent))
        if e.note.startswith("likely "):
            yield s, KGO.likelyCorrection, _zh(e.note[len("likely ") :])
        yield s, KGO.mentionedIn, d
        if e.subclass == "WorkReport":
            yield d, KGO.reportEntity, s
    for r in ex.relations:
        yield URIRef(r.subject), KGO[r.predicate], URIRef(r.object)
    body = _reporting_body(ex)
    for f in ex.figures:
        node = _figure_iri(d, f)
        yield node, RDF.type, KGO.StatedFigure
        yield node, KGO.measure, _zh(f.what)
        if "." in f.value or f.unit == "%":
            # canonical xsd:decimal lexical form, so a round trip keeps the bytes
            value = f.value if "." in f.value else f.value + ".0"
            yield node, RDF.value, Literal(value, datatype=XSD.decimal)
        else:
            yield node, RDF.value, Literal(f.value, datatype=XSD.integer)
        yield node, KGO.unit, _zh(f.unit)
        if f.year:
            yield node, KGO.year, Literal(str(f.year), datatype=XSD.gYear)
        yield node, KGO.statedIn, d
        if body:
            yield node, KGO.about, URIRef(body)


def _parent_division(code: str) -> str:
    from .gazetteer import gazetteer

    d = gazetteer().by_code.get(code)
    return d.parent if d and d.parent.isdigit() else ""


def _figure_iri(d: URIRef, f) -> URIRef:
    return URIRef(f"{d}#figure={f.start},{f.end}")


def _reporting_body(ex: Extraction) -> str:
    report = next((e for e in ex.entities if e.subclass == "WorkReport"), None)
    if report is None:
        return ""
    return next((r.object for r in ex.relations if r.subject == report.iri and r.predicate == "issuedBy"), "")


def provenance_triples(ex: Extraction) -> Iterable[tuple]:
    """NIF strings for document, sentences and mentions; reified relations."""
    doc = ex.document
    d = URIRef(document_iri(doc.name))
    yield d, RDF.type, NIF.Context
    yield d, NIF.isString, Literal(doc.text)
    yield d, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)
    yield d, NIF.endIndex, Literal(len(doc.text), datatype=XSD.nonNegativeInteger)
    for s in doc.sentences:
        node = _span(d, s.start, s.end)
        yield node, RDF.type, NIF.Sentence
        yield from _offsets(node, d, doc.text, s.start, s.end)
        if s.year:
            yield node, KGO.year, Literal(str(s.year), datatype=XSD.gYear)
        if s.modality:
            yield node, KGO.modality, Literal(s.modality)
    for e in ex.entities:
        for m in e.mentions:
            node = _span(d, m.start, m.end)
            yield node, RDF.type, NIF.Phrase
            yield from _offsets(node, d, doc.text, m.start, m.end)
            yield node, ITSRDF.taIdentRef, URIRef(e.iri)
            yield node, KGO.rule, Literal(m.rule)
    for f in ex.figures:
        node = _figure_iri(d, f)
        yield from _offsets(node, d, doc.text, f.start, f.end)
        sentence = doc.sentences[f.sentence]
        yield node, PROV.wasDerivedFrom, _span(d, sentence.start, sentence.end)
    for r in ex.relations:
        sentence = doc.sentences[r.sentence]
        st = URIRef(f"{BASE}statement/{_statement_id(r.subject, r.predicate, r.object, r.role)}")
        yield st, RDF.type, RDF.Statement
        yield st, RDF.subject, URIRef(r.subject)
        yield st, RDF.predicate, KGO[r.predicate]
        yield st, RDF.object, URIRef(r.object)
        yield st, PROV.wasDerivedFrom, _span(d, sentence.start, sentence.end)
        yield st, KGO.rule, Literal(r.rule)
        if r.role:
            yield st, KGO.role, _zh(r.role)
        if r.year:
            yield st, KGO.year, Literal(str(r.year), datatype=XSD.gYear)
        if r.modality:
            yield st, KGO.modality, Literal(r.modality)


def _statement_id(s: str, p: str, o: str, role: str) -> str:
    return hashlib.sha1(f"{s} {p} {o} {role}".encode("utf-8")).hexdigest()[:20]


def _span(d: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{d}#char={start},{end}")


def _offsets(node, d, text, start, end):
    yield node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)
    yield node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)
    yield node, NIF.anchorOf, Literal(text[start:end])
    yield node, NIF.referenceContext, d


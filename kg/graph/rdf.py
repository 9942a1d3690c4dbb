"""RDF: extractions to an rdflib Dataset on our ontology.

Each document gets one named graph (its IRI) holding its facts and their
provenance: NIF strings for the document, its sentences and every mention,
and an ``rdf:Statement`` per relation with ``prov:wasDerivedFrom`` its
sentence. The union of the facts (without the provenance) is what the
Turtle file carries.

Reads: ``Extraction``. Writes: triples of rdflib terms, or N-Triples text.

The rdflib names (``KGO``, ``NIF``, ``ITSRDF``, ``KGR``, ``PREFIXES``,
``RDFLIB``) are made when first imported: a build writes N-Triples text
and never needs rdflib, whose import alone costs 70 ms in each process.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

from kg.extract.resolve import BASE, document_iri, entity_iri
from kg.model import Extraction

KGO_IRI = "https://w3id.org/govreport-kg/ontology#"
NIF_IRI = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITSRDF_IRI = "http://www.w3.org/2005/11/its/rdf#"
RDF_IRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_IRI = "http://www.w3.org/2000/01/rdf-schema#"
XSD_IRI = "http://www.w3.org/2001/XMLSchema#"
PREFIX_IRIS = {
    "kgo": KGO_IRI,
    "kgr": BASE,
    "rdfs": RDFS_IRI,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": NIF_IRI,
    "itsrdf": ITSRDF_IRI,
    "xsd": XSD_IRI,
}
PREFIXES = {**PREFIX_IRIS, "rdf": RDF_IRI}
"""Every prefix a query may use without declaring it."""


def _rdflib_names() -> dict:
    names = globals()
    if "KGO" not in names:
        from rdflib import Namespace, URIRef

        spaces = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}
        names.update(
            KGO=spaces["kgo"], NIF=spaces["nif"], ITSRDF=spaces["itsrdf"], KGR=spaces["kgr"],
            PREFIXES=spaces, RDFLIB=Terms(URIRef, _rdflib_literal),
        )
    return names


def __getattr__(name: str):
    if name in ("KGO", "NIF", "ITSRDF", "KGR", "PREFIXES", "RDFLIB"):
        return _rdflib_names()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bind(g):
    """An rdflib graph with our prefixes bound."""
    for prefix, ns in _rdflib_names()["PREFIXES"].items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


class Terms:
    """How RDF terms are made: rdflib's (the library's API) or N-Triples
    text (what a build writes: no objects made, nothing to serialize).

    The triples are the same whichever is used."""

    def __init__(self, iri, literal):
        self.iri = iri
        self._literal = literal

    def lit(self, value, lang: str | None = None, datatype: str | None = None):
        return self._literal(str(value), lang, datatype)


def _rdflib_literal(value, lang, datatype):
    from rdflib import Literal, URIRef

    return Literal(value, lang=lang, datatype=URIRef(datatype) if datatype else None)


# N-Triples string escapes: ECHAR for these, UCHAR for other controls
_NT_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_NT_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def _nt_iri(iri: str) -> str:
    return f"<{iri}>"


_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')


def _nt_literal(value: str, lang, datatype) -> str:
    # most text needs no escape, and finding that out is quicker than translate
    text = value.translate(_NT_ESCAPES) if _NEEDS_ESCAPE.search(value) else value
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


NTRIPLES = Terms(_nt_iri, _nt_literal)
"""Terms as N-Triples text: what a build writes, with no objects made."""


def ntriples(triples: Iterable[tuple]) -> str:
    """Triples of :data:`NTRIPLES` terms as N-Triples lines, each once, in
    the (deterministic) order given.

    >>> ntriples([("<http://a>", "<http://b>", _nt_literal('say "hi"\\n', "zh", None))] * 2)
    '<http://a> <http://b> "say \\\\"hi\\\\"\\\\n"@zh .\\n'
    """
    return "".join(dict.fromkeys(f"{s} {p} {o} .\n" for s, p, o in triples))


class _V:
    """Vocabulary IRIs as plain strings."""

    TYPE = RDF_IRI + "type"
    VALUE = RDF_IRI + "value"
    STATEMENT = RDF_IRI + "Statement"
    SUBJECT, PREDICATE, OBJECT = RDF_IRI + "subject", RDF_IRI + "predicate", RDF_IRI + "object"
    LABEL = RDFS_IRI + "label"
    ALT = PREFIX_IRIS["skos"] + "altLabel"
    TITLE, DATE = PREFIX_IRIS["dcterms"] + "title", PREFIX_IRIS["dcterms"] + "date"
    DERIVED = PREFIX_IRIS["prov"] + "wasDerivedFrom"
    INT, DEC, YEAR, NNI, DATE_T = (XSD_IRI + t for t in ("integer", "decimal", "gYear", "nonNegativeInteger", "date"))


def _k(local: str) -> str:
    return f"{KGO_IRI}{local}"


def _n(local: str) -> str:
    return f"{NIF_IRI}{local}"


def fact_triples(ex: Extraction, terms: Terms | None = None) -> Iterable[tuple]:
    """The facts of one document: entities, relations, the document node
    (rdflib terms unless ``terms`` says otherwise)."""
    terms = terms or _rdflib_names()["RDFLIB"]
    I, L = terms.iri, terms.lit  # noqa: E741
    zh = lambda text: L(text, lang="zh")  # noqa: E731
    doc = ex.document
    d = I(document_iri(doc.name))
    a = I(_V.TYPE)
    yield d, a, I(_k("Document"))
    yield d, I(_k("sourceFile")), L(doc.name)
    yield d, I(_k("sha256")), L(doc.sha256)
    yield d, I(_k("encoding")), L(doc.encoding)
    if doc.title:
        yield d, I(_V.TITLE), zh(doc.title)
    if doc.date:
        yield d, I(_V.DATE), L(doc.date, datatype=_V.DATE_T)
    if doc.meeting:
        yield d, I(_k("meeting")), zh(doc.meeting)
    if doc.speaker:
        yield d, I(_k("speaker")), zh(doc.speaker)
    label, alt, mentioned = I(_V.LABEL), I(_V.ALT), I(_k("mentionedIn"))
    for e in ex.entities:
        s = I(e.iri)
        yield s, a, I(_k(e.subclass or e.type))
        yield s, label, zh(e.name)
        for alias in e.aliases:
            yield s, alt, zh(alias)
        if e.code:
            yield s, I(_k("divisionCode")), L(e.code)
            parent = _parent_division(e.code)
            if parent:
                yield s, I(_k("parentDivision")), I(entity_iri("Place", "", parent))
        if e.note.startswith("likely "):
            yield s, I(_k("likelyCorrection")), zh(e.note[len("likely ") :])
        yield s, mentioned, d
        if e.subclass == "WorkReport":
            yield d, I(_k("reportEntity")), s
    for r in ex.relations:
        yield I(r.subject), I(_k(r.predicate)), I(r.object)
    body = _reporting_body(ex)
    for f in ex.figures:
        node = I(_figure_iri(doc.name, f))
        yield node, a, I(_k("StatedFigure"))
        yield node, I(_k("measure")), zh(f.what)
        if "." in f.value or f.unit == "%":
            # canonical xsd:decimal lexical form, so a round trip keeps the bytes
            value = f.value if "." in f.value else f.value + ".0"
            yield node, I(_V.VALUE), L(value, datatype=_V.DEC)
        else:
            yield node, I(_V.VALUE), L(f.value, datatype=_V.INT)
        yield node, I(_k("unit")), zh(f.unit)
        if f.year:
            yield node, I(_k("year")), L(f.year, datatype=_V.YEAR)
        yield node, I(_k("statedIn")), d
        if body:
            yield node, I(_k("about")), I(body)


def _parent_division(code: str) -> str:
    from kg.knowledge.gazetteer import gazetteer

    d = gazetteer().by_code.get(code)
    return d.parent if d and d.parent.isdigit() else ""


def _figure_iri(doc_name: str, f) -> str:
    return f"{document_iri(doc_name)}#figure={f.start},{f.end}"


def _reporting_body(ex: Extraction) -> str:
    report = next((e for e in ex.entities if e.subclass == "WorkReport"), None)
    if report is None:
        return ""
    return next((r.object for r in ex.relations if r.subject == report.iri and r.predicate == "issuedBy"), "")


class _Provenance:
    """The provenance vocabulary of one document, in the given terms: its
    IRI, the NIF and kgo properties, spans and their offsets."""

    def __init__(self, terms: Terms, doc):
        I = terms.iri  # noqa: E741
        self.iri, self.lit, self.text = terms.iri, terms.lit, doc.text
        self.doc_iri = document_iri(doc.name)
        self.doc, self.a = I(self.doc_iri), I(_V.TYPE)
        self.begin, self.end, self.anchor, self.context = (
            I(_n("beginIndex")), I(_n("endIndex")), I(_n("anchorOf")), I(_n("referenceContext")))
        self.year, self.modality, self.rule = I(_k("year")), I(_k("modality")), I(_k("rule"))

    def span(self, start: int, end: int):
        return self.iri(f"{self.doc_iri}#char={start},{end}")

    def offsets(self, node, start: int, end: int) -> Iterable[tuple]:
        L = self.lit  # noqa: E741
        yield node, self.begin, L(start, datatype=_V.NNI)
        yield node, self.end, L(end, datatype=_V.NNI)
        yield node, self.anchor, L(self.text[start:end])
        yield node, self.context, self.doc


def provenance_triples(ex: Extraction, terms: Terms | None = None) -> Iterable[tuple]:
    """NIF strings for document, sentences and mentions; reified relations."""
    terms = terms or _rdflib_names()["RDFLIB"]
    v = _Provenance(terms, ex.document)
    I, L = terms.iri, terms.lit  # noqa: E741
    doc = ex.document
    yield v.doc, v.a, I(_n("Context"))
    yield v.doc, I(_n("isString")), L(doc.text)
    yield v.doc, v.begin, L(0, datatype=_V.NNI)
    yield v.doc, v.end, L(len(doc.text), datatype=_V.NNI)
    sentence_type, phrase_type, ident = I(_n("Sentence")), I(_n("Phrase")), I(f"{ITSRDF_IRI}taIdentRef")
    for s in doc.sentences:
        node = v.span(s.start, s.end)
        yield node, v.a, sentence_type
        yield from v.offsets(node, s.start, s.end)
        if s.year:
            yield node, v.year, L(s.year, datatype=_V.YEAR)
        if s.modality:
            yield node, v.modality, L(s.modality)
    for e in ex.entities:
        entity = I(e.iri)
        for m in e.mentions:
            node = v.span(m.start, m.end)
            yield node, v.a, phrase_type
            yield from v.offsets(node, m.start, m.end)
            yield node, ident, entity
            yield node, v.rule, L(m.rule)
    yield from _evidence_triples(ex, terms)


def _evidence_triples(ex: Extraction, terms: Terms) -> Iterable[tuple]:
    """The figures' spans and the relations as statements with their evidence."""
    v = _Provenance(terms, ex.document)
    I, L = terms.iri, terms.lit  # noqa: E741
    doc = ex.document
    derived = I(_V.DERIVED)
    for f in ex.figures:
        node = I(_figure_iri(doc.name, f))
        yield from v.offsets(node, f.start, f.end)
        sentence = doc.sentences[f.sentence]
        yield node, derived, v.span(sentence.start, sentence.end)
    for r in ex.relations:
        sentence = doc.sentences[r.sentence]
        st = I(f"{BASE}statement/{_statement_id(r.subject, r.predicate, r.object, r.role)}")
        yield st, v.a, I(_V.STATEMENT)
        yield st, I(_V.SUBJECT), I(r.subject)
        yield st, I(_V.PREDICATE), I(_k(r.predicate))
        yield st, I(_V.OBJECT), I(r.object)
        yield st, derived, v.span(sentence.start, sentence.end)
        yield st, v.rule, L(r.rule)
        if r.role:
            yield st, I(_k("role")), L(r.role, lang="zh")
        if r.year:
            yield st, v.year, L(r.year, datatype=_V.YEAR)
        if r.modality:
            yield st, v.modality, L(r.modality)


def provenance_ntriples(ex: Extraction) -> str:
    """:func:`provenance_triples` as N-Triples text, written straight out:
    the same lines in the same order (a test holds them equal), made
    without a term object or a generator per triple, for these are most of
    a build's triples."""
    doc = ex.document
    d_iri = document_iri(doc.name)
    d = f"<{d_iri}>"
    a = f"<{_V.TYPE}>"
    begin, end_p = f"<{_n('beginIndex')}>", f"<{_n('endIndex')}>"
    anchor, context = f"<{_n('anchorOf')}>", f"<{_n('referenceContext')}>"
    year_p, modality_p, rule_p = f"<{_k('year')}>", f"<{_k('modality')}>", f"<{_k('rule')}>"
    nni = f"^^<{_V.NNI}>"
    lit = _nt_literal
    text = doc.text
    out: list[str] = []
    add = out.append

    def offsets(node: str, start: int, end: int) -> None:
        add(f'{node} {begin} "{start}"{nni} .\n')
        add(f'{node} {end_p} "{end}"{nni} .\n')
        add(f"{node} {anchor} {lit(text[start:end], None, None)} .\n")
        add(f"{node} {context} {d} .\n")

    add(f"{d} {a} <{_n('Context')}> .\n")
    add(f"{d} <{_n('isString')}> {lit(text, None, None)} .\n")
    add(f'{d} {begin} "0"{nni} .\n')
    add(f'{d} {end_p} "{len(text)}"{nni} .\n')
    sentence_type, phrase_type, ident = f"<{_n('Sentence')}>", f"<{_n('Phrase')}>", f"<{ITSRDF_IRI}taIdentRef>"
    year_t = f"^^<{_V.YEAR}>"
    for s in doc.sentences:
        node = f"<{d_iri}#char={s.start},{s.end}>"
        add(f"{node} {a} {sentence_type} .\n")
        offsets(node, s.start, s.end)
        if s.year:
            add(f'{node} {year_p} "{s.year}"{year_t} .\n')
        if s.modality:
            add(f"{node} {modality_p} {lit(s.modality, None, None)} .\n")
    for e in ex.entities:
        entity = f"<{e.iri}>"
        for m in e.mentions:
            node = f"<{d_iri}#char={m.start},{m.end}>"
            add(f"{node} {a} {phrase_type} .\n")
            offsets(node, m.start, m.end)
            add(f"{node} {ident} {entity} .\n")
            add(f"{node} {rule_p} {lit(m.rule, None, None)} .\n")
    # the figures' and relations' lines are about other nodes: none repeats a line above
    return "".join(dict.fromkeys(out)) + ntriples(_evidence_triples(ex, NTRIPLES))


def _statement_id(s: str, p: str, o: str, role: str) -> str:
    return hashlib.sha1(f"{s} {p} {o} {role}".encode("utf-8")).hexdigest()[:20]

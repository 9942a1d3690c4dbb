"""The pipeline's components beside the recognizers: where the report is,
its sentences made ready for the recognizers, settling, resolution,
relations and figures. Each is registered under its name (see
:mod:`kg.extract.components`); the recognizers register themselves as
``recognize.NAME``.
"""

from __future__ import annotations

from collections import defaultdict

from kg.extract.components import factory
from kg.extract.figures import find_figures
from kg.extract.locality import document_locality
from kg.extract.recognizers.base import Context
from kg.extract.relation_base import with_reporting_body
from kg.extract.relations import find_relations
from kg.extract.resolve import resolve
from kg.extract.segment import Segmentation
from kg.extract.settle import Settled, sentence_length, settle


@factory("locality", reads=("document",), writes=("locality",))
def make_locality(knowledge):
    """The division the report is about: named in its header, else the one its text is about."""

    def step(document):
        return {"locality": document_locality(document)}

    return step


@factory("segment", reads=("document", "locality"), writes=("contexts", "candidates"))
def make_segment(knowledge):
    """Each sentence with its segmentation (cut on demand), ready for the recognizers."""

    def step(document, locality):
        contexts = tuple(Context(document, locality, s, Segmentation(s.text)) for s in document.sentences)
        return {"contexts": contexts, "candidates": ()}

    return step


@factory("settle", reads=("document", "candidates"), writes=("mentions", "rejected"))
def make_settle(knowledge):
    """Of overlapping candidates the longest stands (then the earlier recognizer); the others are kept with why they lost."""

    def step(document, candidates):
        settled = settle_sentences(document, candidates)
        return {"mentions": settled.mentions, "rejected": settled.rejected}

    return step


def settle_sentences(document, candidates) -> Settled:
    """:func:`~kg.extract.settle.settle` sentence by sentence, lengths counted in each sentence's characters."""
    by_sentence = defaultdict(list)
    for c in candidates:
        by_sentence[c.mention.sentence].append(c)
    mentions, kept, rejected = [], [], []
    for sentence in document.sentences:
        found = by_sentence.get(sentence.index)
        if found:
            s = settle(found, sentence_length(sentence.offsets))
            mentions.extend(s.mentions)
            kept.extend(s.kept)
            rejected.extend(s.rejected)
    return Settled(tuple(mentions), tuple(kept), tuple(rejected))


@factory("resolve", reads=("mentions",), writes=("entities",))
def make_resolve(knowledge):
    """Mentions of one thing (same type and canonical name) grouped into an entity."""

    def step(mentions):
        return {"entities": tuple(resolve(list(mentions)))}

    return step


@factory("reporting-body", reads=("document", "locality", "entities"), writes=("entities",))
def make_reporting_body(knowledge):
    """The body that delivers the report, added where an excerpt never names it."""

    def step(document, locality, entities):
        return {"entities": tuple(with_reporting_body(document, locality, list(entities)))}

    return step


@factory("relations", reads=("document", "entities", "locality"), writes=("relations",))
def make_relations(knowledge):
    """The relations the sentences state between the entities, and the report's own."""

    def step(document, entities, locality):
        return {"relations": tuple(find_relations(document, list(entities), locality))}

    return step


@factory("figures", reads=("document",), writes=("figures",))
def make_figures(knowledge):
    """The counts of its work the report states (出台地方性法规4部)."""

    def step(document):
        return {"figures": tuple(find_figures(document))}

    return step

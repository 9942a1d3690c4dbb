"""What the relation rules share: the document's mentions by sentence with
their entities, the reporting body, the context a rule reads, and the
patterns built from the legislative word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Callable, Iterable, Optional

from kg.extract.locality import Locality
from kg.extract.resolve import entity_iri
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import alternation, table, words
from kg.model import Document, Entity, Mention, Relation, Sentence

CLAUSE_BREAK = re.compile(r"[，；。！？：]")
@per_knowledge
def _vocab() -> SimpleNamespace:
    """The patterns this module builds from the active knowledge's word lists."""
    inspect = re.compile(alternation("supervision_acts") + r"|检查.{0,6}实施")
    draft = re.compile(_steps("draft") + r"|列入.{0,6}计划|修改(?!意见|建议)|审议.{0,4}草案|制定.{0,2}计划")
    enact = re.compile(_steps("enact") + "|修订")
    planned = re.compile(alternation("plan_cues") + r"(?!出台)")
    review_verb = re.compile(alternation("review_verbs"))
    title_re = re.compile("(" + "|".join(re.escape(w) for w in sorted(words("titles") - {"代表", "委员"}, key=lambda w: (-len(w), w))) + ")$")
    road = re.compile(alternation("road_words"))
    return SimpleNamespace(INSPECT=inspect, DRAFT=draft, ENACT=enact, PLANNED=planned, REVIEW_VERB=review_verb, TITLE_RE=title_re, ROAD=road)


def _steps(kind: str) -> str:
    return "|".join(re.escape(w) for w, k in sorted(table("lawmaking_steps").items(), key=lambda x: -len(x[0])) if k == kind)


# the grammar of drafting: steps, plans, and drafts (草案) under review
PASSED_BY = re.compile(r"(?:提请|报请|经)[^，。；]{0,16}?审议通过")


class _Index:
    """Mentions of a document by sentence, with their entities.

    Rules see a sentence's mentions placed in its normalized text (what the
    recognizers read: a PDF copy's line breaks joined, ASCII punctuation
    made full-width), so a clause, a gap or an adjacency reads the same in
    a web copy and a PDF copy of a report."""

    def __init__(self, entities: list[Entity]):
        self.entity_of: dict[tuple[int, int, int, str], Entity] = {}
        self.by_sentence: dict[int, list[Mention]] = {}
        self.by_name: dict[tuple[str, str], Entity] = {}
        self._entity_of_mention: dict[int, Entity] = {}
        self.by_code: dict[str, Entity] = {}
        for e in entities:
            self.by_name[(e.type, e.name)] = e
            if e.type == "Place" and e.code:
                self.by_code.setdefault(e.code, e)
        # an Organization by every written form of three characters or more (教育部 for 中华人民共和国教育部)
        self.org_forms: dict[str, Entity] = {}
        for e in entities:
            if e.type == "Organization":
                for form in (e.name, *e.aliases):
                    if len(form) >= 3:
                        self.org_forms.setdefault(form, e)
            for m in e.mentions:
                self._entity_of_mention[id(m)] = e
                self.by_sentence.setdefault(m.sentence, []).append(m)
        for ms in self.by_sentence.values():
            ms.sort(key=lambda m: (m.start, m.end))

    def in_sentence(self, sentence: Sentence) -> list[Mention]:
        """The sentence's mentions with offsets into ``sentence.text``."""
        local = []
        for m in self.by_sentence.get(sentence.index, []):
            start, end = sentence.local(m.start, m.end)
            placed = replace(m, start=start, end=end, text=sentence.text[start:end])
            self.entity_of[(sentence.index, start, end, m.type)] = self._entity_of_mention[id(m)]
            local.append(placed)
        return local

    def entity(self, m: Mention) -> Entity:
        return self.entity_of[(m.sentence, m.start, m.end, m.type)]


def reporting_body_name(doc: Document, locality: Locality) -> tuple[str, str]:
    """(name, subclass) of the body that speaks in the report, or ('', '')."""
    if not locality.own:
        return "", ""
    return {
        "congress": (locality.own.name + "人民代表大会常务委员会", "LegislativeBody"),
        "government": (locality.own.name + "人民政府", "GovernmentBody"),
    }.get(doc.kind, ("", ""))


def reporting_body(doc: Document, locality: Locality, entities: list[Entity]) -> Optional[Entity]:
    """The body that speaks in the report (its implicit subject)."""
    wanted, _ = reporting_body_name(doc, locality)
    return next((e for e in entities if e.type == "Organization" and e.name == wanted), None) if wanted else None


def with_reporting_body(doc: Document, locality: Locality, entities: list[Entity]) -> list[Entity]:
    """The entities, with the reporting body added where the text never
    names it (an excerpt): it is still the subject of every clause that
    has none."""
    name, subclass = reporting_body_name(doc, locality)
    if not name or reporting_body(doc, locality, entities):
        return entities
    body = Entity(iri=entity_iri("Organization", name), type="Organization", subclass=subclass, name=name, aliases=(), mentions=())
    return sorted([*entities, body], key=lambda e: e.iri)


@dataclass(frozen=True)
class RelationContext:
    """What a relation rule reads: one sentence, its mentions (in text
    order, their offsets into the sentence's normalized ``text``) with
    their entities, and the report's implicit subject."""

    document: Document
    sentence: Sentence
    mentions: list[Mention]
    index: "_Index"
    body: Optional[Entity]

    @property
    def text(self) -> str:
        return self.sentence.text

    def entity(self, m: Mention) -> Entity:
        return self.index.entity(m)

    def rel(self, s: Entity, p: str, o: Entity, rule: str, role: str = "") -> Relation:
        return _rel(s, p, o, self.sentence, rule, role)


RelationRule = Callable[[RelationContext], Iterable[Relation]]
RELATION_RULES: dict[str, RelationRule] = {}


def relation_rule(name: str):
    """Register a relation rule under ``name``; rules run in the order they
    are registered, and each relation records the id of the rule that
    made it (``Relation.rule``)."""

    def wrap(fn: RelationRule) -> RelationRule:
        if name in RELATION_RULES:
            raise ValueError(f"a relation rule named {name} is already registered")
        RELATION_RULES[name] = fn
        return fn

    return wrap



def _rel(s: Entity, p: str, o: Entity, sentence, rule: str, role: str = "") -> Relation:
    return Relation(
        subject=s.iri,
        predicate=p,
        object=o.iri,
        sentence=sentence.index,
        rule=rule,
        role=role,
        year=sentence.year,
        modality=sentence.modality,
    )


def _unique(rels: list[Relation]) -> list[Relation]:
    """Each relation once; a person who holds a post in a body is not also
    its member (memberOf is for deputies and members: SCHEMA.md)."""
    posts = {(r.subject, r.object) for r in rels if r.predicate == "holdsPosition"}
    seen = set()
    out = []
    for r in rels:
        key = (r.subject, r.predicate, r.object, r.role)
        if key in seen or r.subject == r.object or (r.predicate == "memberOf" and (r.subject, r.object) in posts):
            continue
        seen.add(key)
        out.append(r)
    return out



def _post_in(post: str, body: Entity) -> bool:
    """Whether a byline's post is one in the reporting body: a standing
    committee's (人大常委会主任) or a government's (省长, 自治区主席)."""
    congress = bool(re.search("人大|人民代表大会", post))
    return congress == body.name.endswith("常务委员会")


def _sentence_of(doc: Document, e: Entity):
    return doc.sentences[e.mentions[0].sentence]



def _first_sentence_with(doc: Document, needle: str) -> int:
    return next((s.index for s in doc.sentences if needle in s.text), -1)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around [start, end) in the original text."""
    left = start
    while left > 0 and not CLAUSE_BREAK.match(text[left - 1]):
        left -= 1
        if start - left > 80:
            break
    right = end
    while right < len(text) and not CLAUSE_BREAK.match(text[right]):
        right += 1
        if right - end > 40:
            break
    return left, right



def _explicit_subject(ms, index, left: int, right: int, allow_meeting: bool = False) -> Optional[Entity]:
    """An organization (or meeting) written before the verb in the same clause."""
    for m in reversed(ms):
        if left <= m.start and m.end <= right:
            if m.type == "Meeting" and allow_meeting:
                return index.entity(m)
            if m.type == "Organization" and m.rule != "org.named-parent":
                return index.entity(m)
    return None

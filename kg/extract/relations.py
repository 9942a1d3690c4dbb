"""Relations: entities and sentences to the twelve schema predicates.

Rules read the sentence around the mentions: legislative verbs for
enacted/drafts/inspects, 听取和审议 for reviews, nested names for
locatedIn, titles for holdsPosition, the byline for the report itself. A
clause without a subject has the reporting body as its subject.

Every relation keeps the index of its evidence sentence, the id of the rule
that made it, and the year and modality of the part of the report it
stands in.

Reads: ``Document``, ``Entity``. Writes: ``Relation``.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from kg.extract.locality import Locality
from kg.extract.located import is_route  # (importing it registers located-in first, in the order relations come in)
from kg.extract.relation_base import (
    PASSED_BY,
    RELATION_RULES,
    RelationContext,
    _clause,
    _explicit_subject,
    _first_sentence_with,
    _Index,
    _post_in,
    _rel,
    _sentence_of,
    _unique,
    _vocab,
    relation_rule,
    reporting_body,
)
from kg.knowledge.rules import alternation
from kg.model import Document, Entity, Relation


def find_relations(doc: Document, entities: list[Entity], locality: Locality) -> list[Relation]:
    index = _Index(entities)
    body = reporting_body(doc, locality, entities)
    out: list[Relation] = []
    out.extend(_document_relations(doc, entities, body, locality))
    for sentence in doc.sentences:
        ms = index.in_sentence(sentence)
        if not ms:
            continue
        ctx = RelationContext(doc, sentence, ms, index, body)
        for rule in RELATION_RULES.values():
            out.extend(rule(ctx))
    return _unique(out)



def _document_relations(doc, entities, body, locality) -> Iterator[Relation]:
    report = next((e for e in entities if e.type == "Report" and e.subclass == "WorkReport"), None)
    if not report:
        return
    speaker = next((e for e in entities if e.type == "Person" and e.name == doc.speaker), None)
    meeting = next((e for e in entities if e.type == "Meeting" and e.name == doc.meeting), None)
    if speaker:
        yield _rel(report, "deliveredBy", speaker, _sentence_of(doc, speaker), "doc.byline")
    if meeting:
        yield _rel(report, "presentedAt", meeting, _sentence_of(doc, meeting), "doc.date-line")
    if body:
        yield _rel(report, "issuedBy", body, _sentence_of(doc, report), "doc.title")
    if speaker and body and doc.post:
        # the byline gives the speaker's post in the reporting body: 北京市市长 殷勇
        role = re.search(alternation("posts") + "$", doc.post)
        if role and _post_in(doc.post, body):
            yield _rel(speaker, "holdsPosition", body, _sentence_of(doc, speaker), "doc.byline-post", role=role.group())


ABBREVIATED = ("org.abbrev", "org.reporter", "org.party-abbrev", "org.party-cpc", "org.party-central")


def _organization_opening(index: _Index, written: str, e: Entity) -> Optional[Entity]:
    """The body of the report whose name opens ``written``: 重庆大学 in
    重庆大学智能汽车技术学院, 教育部 in 教育部广西高等研究院. A standing
    committee is part of its congress only where the text pairs them."""
    for k in range(len(written) - 2, 2, -1):
        whole = index.org_forms.get(written[:k])
        if whole is None or whole.iri == e.iri or whole.name == "中国共产党":
            continue
        if e.name.endswith("常务委员会") and e.name.startswith(whole.name):
            return None
        return whole
    return None


@relation_rule("part-of")
def _part_of(ctx: RelationContext) -> Iterator[Relation]:
    doc, sentence, ms, index, body = ctx.document, ctx.sentence, ctx.mentions, ctx.index, ctx.body
    cpc = index.by_name.get(("Organization", "中国共产党"))
    for m in ms:
        e = index.entity(m)
        if m.type != "Organization":
            continue
        if cpc and e.subclass == "PartyOrganization" and m.text.startswith("中共"):
            # 中共X委 names the Party it belongs to; 市委 alone does not say it
            yield _rel(e, "partOf", cpc, sentence, "part.party")
        whole = _organization_opening(index, m.text, e) if m.rule not in ABBREVIATED else None
        if whole is not None:
            yield _rel(e, "partOf", whole, sentence, "part.name-opens")
        if m.rule == "org.named-parent":
            whole = [o for o in ms if o.type == "Organization" and o.start == m.start and o.end > m.end]
            if whole:
                yield _rel(index.entity(whole[0]), "partOf", e, sentence, "part.named-unit")
    if "人大及其常委会" in sentence.text:
        orgs = [index.entity(m) for m in ms if m.type == "Organization"]
        for sc in orgs:
            if sc.name.endswith("人民代表大会常务委员会"):
                congress = index.by_name.get(("Organization", sc.name[: -len("常务委员会")]))
                if congress:
                    yield _rel(sc, "partOf", congress, sentence, "part.standing-committee")
    if body and body.name.endswith("人民代表大会常务委员会") and sentence.index < 40:
        # the standing committee of a congress is part of it (人大及其常委会 anywhere)
        if _first_sentence_with(doc, "人大及其常委会") >= 0 or _first_sentence_with(doc, "人民代表大会及其常务委员会") >= 0:
            congress = index.by_name.get(("Organization", body.name[: -len("常务委员会")]))
            if congress and sentence.index == _first_sentence_with(doc, "及其常"):
                yield _rel(body, "partOf", congress, sentence, "part.standing-committee")



@relation_rule("legislation")
def _legislation(ctx: RelationContext) -> Iterator[Relation]:
    sentence, ms, index, body, text = ctx.sentence, ctx.mentions, ctx.index, ctx.body, ctx.text
    for m in ms:
        if m.type != "Regulation" or m.note == "nested":
            continue
        reg = index.entity(m)
        author = _organization_opening(index, m.text, reg)
        if author is not None:
            # 中共新疆维吾尔自治区委员会关于制定…的建议: the body its title opens with issued it
            yield _rel(reg, "issuedBy", author, sentence, "legislation.issued-by")
        left, right = _clause(text, m.start, m.end)
        before = text[left : m.start]
        after = text[m.end : right]
        around = before + "|" + after
        passed = PASSED_BY.search(after)
        if passed:
            # 《…》等9件地方性法规提请人大审议通过: the congress named after it enacted it
            congress = _explicit_subject(ms, index, m.end + passed.start(), m.end + passed.end())
            if congress is not None and congress.subclass == "LegislativeBody":
                yield _rel(congress, "enacted", reg, sentence, "legislation.passed-by")
                continue
        subject = _explicit_subject(ms, index, left, m.start, allow_meeting=True) or body
        if subject is None:
            continue
        if _vocab().INSPECT.search(after) or _vocab().INSPECT.search(before) and not _vocab().ENACT.search(before[-6:]):
            if subject.type == "Organization":
                yield _rel(subject, "inspects", reg, sentence, "legislation.inspects")
            continue
        planned = _vocab().PLANNED.search(before) or "草案" in reg.name
        if _vocab().DRAFT.search(around) or planned or (sentence.modality == "plan" and re.search(r"制定|出台|审议", before)):
            if subject.type == "Organization":
                yield _rel(subject, "drafts", reg, sentence, "legislation.drafts")
            continue
        if _vocab().ENACT.search(before) or re.match(r"[》]?(?:出台|发布|印发|通过)", after):
            yield _rel(subject, "enacted", reg, sentence, "legislation.enacted")



@relation_rule("reviews")
def _reviews(ctx: RelationContext) -> Iterator[Relation]:
    sentence, ms, index, body, text = ctx.sentence, ctx.mentions, ctx.index, ctx.body, ctx.text
    for m in ms:
        if m.type != "Report" or m.rule != "report.reviewed":
            continue
        left, _ = _clause(text, m.start, m.end)
        if "请予审议" in text[left : m.end]:
            continue
        subject = _explicit_subject(ms, index, left, m.start) or body
        if subject is not None and subject.type == "Organization":
            yield _rel(subject, "reviews", index.entity(m), sentence, "supervision.reviews")


@relation_rule("positions")
def _positions(ctx: RelationContext) -> Iterator[Relation]:
    """市委书记、市人大常委会主任邓群策; 省代表罗芳."""
    doc, sentence, ms, index, text = ctx.document, ctx.sentence, ctx.mentions, ctx.index, ctx.text
    for m in ms:
        if m.type != "Person":
            continue
        person = index.entity(m)
        end = m.start
        while True:
            t = _vocab().TITLE_RE.search(text[max(0, end - 4) : end])
            if not t:
                break
            title_start = end - (len(text[max(0, end - 4) : end]) - t.start())
            org = next((o for o in ms if o.type == "Organization" and o.end == title_start), None)
            if not org:
                break
            yield _rel(person, "holdsPosition", index.entity(org), sentence, "people.title", role=t.group(1))
            end = org.start
            if end > 0 and text[end - 1] == "、":
                end -= 1
            else:
                break
        # 省代表罗芳, 全国人大代表: a deputy is a member of the congress
        dm = re.search(r"([省市县区]|全国)(?:人大)?代表$", text[max(0, m.start - 5) : m.start])
        if dm:
            prefix = dm.group(1)
            congress = _congress_for(prefix, index, doc)
            if congress:
                yield _rel(person, "memberOf", congress, sentence, "people.deputy")


@relation_rule("general-secretary")
def _general_secretary(ctx: RelationContext) -> Iterator[Relation]:
    """习近平总书记: the General Secretary holds his post in the Party's
    Central Committee, where the report names it."""
    centre = ctx.index.by_name.get(("Organization", "中国共产党中央委员会"))
    if centre is None:
        return
    text = ctx.text
    for m in ctx.mentions:
        if m.type == "Person" and text.startswith("总书记", m.end):
            yield ctx.rel(ctx.entity(m), "holdsPosition", centre, "people.general-secretary", role="总书记")


def _congress_for(prefix: str, index: _Index, doc: Document) -> Optional[Entity]:
    if prefix == "全国":
        return index.by_name.get(("Organization", "全国人民代表大会"))
    for (type_, name), e in index.by_name.items():
        if type_ == "Organization" and name.endswith("人民代表大会") and _prefix_level(name) == prefix:
            return e
    return None


def _prefix_level(name: str) -> str:
    place = name[: -len("人民代表大会")]
    for suffix, prefix in (("省", "省"), ("自治区", "省"), ("市", "市"), ("县", "县"), ("区", "区")):
        if place.endswith(suffix):
            return prefix
    return ""


@relation_rule("route")
def _route(ctx: RelationContext) -> Iterator[Relation]:
    """A route named by its ends connects them: 日照至五莲铁路,
    G314线喀什至塔什库尔干."""
    places = [m for m in ctx.mentions if m.type == "Place" and m.rule != "place.deictic"]
    for m in ctx.mentions:
        if m.type != "Project" or not is_route(m.text):
            continue
        if "至" not in m.text:
            # 西宁—成都—曼谷全货机联程航线, 果洛玉树第二回线路工程: every place it names is on it
            inner = [p for p in places if m.start <= p.start and p.end <= m.end]
            if len(inner) >= 2:
                for p in inner:
                    yield ctx.rel(ctx.entity(m), "connects", ctx.entity(p), "project.route")
            continue
        k = m.start + m.text.index("至")
        before = [p for p in places if m.start <= p.start and p.end <= k]
        after = [p for p in places if k + 1 <= p.start and p.end <= m.end]
        if before and after:
            project = ctx.entity(m)
            yield ctx.rel(project, "connects", ctx.entity(before[-1]), "project.route")
            yield ctx.rel(project, "connects", ctx.entity(after[0]), "project.route")


@relation_rule("connects")
def _connects(ctx: RelationContext) -> Iterator[Relation]:
    """Roads and bridges between places: 水济镇至江口镇“一路一桥”."""
    sentence, ms, index, text = ctx.sentence, ctx.mentions, ctx.index, ctx.text
    projects = [m for m in ms if m.type == "Project" and _vocab().ROAD.search(m.text)]
    if not projects:
        return
    places = [m for m in ms if m.type == "Place" and m.rule in ("place.town", "place.township", "place.village")]
    for a, b in zip(places, places[1:]):
        gap = text[a.end : b.start]
        if re.search(r"至|到|连接|与|和", gap) and len(gap) <= 8:
            for p in projects:
                if 0 <= p.start - b.end <= 30 or 0 <= a.start - p.end <= 30:
                    yield _rel(index.entity(p), "connects", index.entity(a), sentence, "project.connects")
                    yield _rel(index.entity(p), "connects", index.entity(b), sentence, "project.connects")

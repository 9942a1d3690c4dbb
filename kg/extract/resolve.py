"""Resolve: mentions to entities, one per thing in a document.

Mentions with the same type and canonical name (or, for places, the same
division code) are one entity; a slogan and its headed form (“三高四新” and
“三高四新”战略) are one policy. Every surface form other than the canonical
name becomes an alias. IRIs depend only on type and canonical name (or
division code), so the same thing gets the same IRI in every report.

Reads: ``Mention``. Writes: ``Entity``.

>>> entity_iri("Place", "衡阳市", "430400")
'https://w3id.org/govreport-kg/id/place/430400'
>>> entity_iri("Regulation", "《衡阳市扬尘污染防治条例》")
'https://w3id.org/govreport-kg/id/regulation/衡阳市扬尘污染防治条例'
>>> iri_segment("6·25 为民服务日/活动")
'6·25%20为民服务日%2F活动'
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from kg.ingest.paragraphs import INLINE_TAG, ZERO_WIDTH
from kg.model import Entity, Mention

BASE = "https://w3id.org/govreport-kg/id/"
MARKS = re.compile(r"[《》“”\"〈〉" + ZERO_WIDTH + "]")  # and a web copy's zero-width characters
SPACE_NEAR_CJK = re.compile(r"\s+(?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef])\s+")
POLICY_HEADS = ("战略", "改革", "规划", "行动", "政策", "制度", "主题教育", "建设", "普法", "模式", "新模式", "工程", "活动")


PARTIAL_REFERENCE = re.compile(r"&[#\w]*$")


def surface(text: str) -> str:
    """A mention's text as a name: title marks and quotes removed, line
    breaks and spaces next to Chinese removed, other runs of space single.

    >>> surface("《衡阳市扬尘\\n污染防治条例》"), surface("“DeepSeek  R1”模型")
    ('衡阳市扬尘污染防治条例', 'DeepSeek R1模型')
    """
    if "&" in text or "<" in text:
        # a copy of a page's source: its tags and character references (a
        # mention ending on one holds its first character only: …高&)
        text = PARTIAL_REFERENCE.sub("", html.unescape(INLINE_TAG.sub("", text)))
    return " ".join(SPACE_NEAR_CJK.sub("", MARKS.sub("", text)).split())


UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def iri_segment(text: str) -> str:
    """One IRI path segment: Chinese stays readable (an IRI allows it);
    ASCII outside the unreserved set, spaces and controls are %-encoded."""
    out = []
    for ch in text:
        if ch in UNRESERVED or (ord(ch) > 127 and unicodedata.category(ch)[0] not in "ZC"):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def entity_iri(type_: str, name: str, code: str = "", scope: str = "") -> str:
    """A thing's IRI: a place's by its division code, anything else by its
    type, its canonical name and, for things whose name another report may
    give to another thing (a standing committee's work report of another
    year, a 全市推进会 of another city), their scope.

    >>> entity_iri("Report", "株洲市人民代表大会常务委员会工作报告", scope="2022")
    'https://w3id.org/govreport-kg/id/report/2022/株洲市人民代表大会常务委员会工作报告'
    """
    if type_ == "Place" and code:
        return f"{BASE}place/{code}"
    if scope:
        return f"{BASE}{type_.lower()}/{'/'.join(iri_segment(p) for p in scope.split('/'))}/{iri_segment(surface(name))}"
    return f"{BASE}{type_.lower()}/{iri_segment(surface(name))}"


@lru_cache(maxsize=4096)
def document_iri(name: str) -> str:
    return f"{BASE}doc/{iri_segment(name)}"


def resolve(mentions: list[Mention]) -> list[Entity]:
    """Group mentions into entities; the result is sorted by IRI."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        key = (m.type, m.code) if m.type == "Place" and m.code else (m.type, surface(m.name), m.scope)
        groups[key].append(m)
    _merge_headed_policies(groups)
    entities = []
    for (type_, *_), ms in groups.items():
        name = _canonical(ms)
        code = next((m.code for m in ms if m.code), "")
        scope = next((m.scope for m in ms if m.scope), "")
        subclass = Counter(m.subclass for m in ms if m.subclass).most_common(1)
        aliases = sorted({surface(m.text) for m in ms} - {name, ""})
        note = next((m.note for m in ms if m.note and m.note != "nested"), "")
        entities.append(
            Entity(
                iri=entity_iri(type_, name, code, scope),
                type=type_,
                subclass=subclass[0][0] if subclass else type_,
                name=name,
                aliases=tuple(aliases),
                mentions=tuple(sorted(ms, key=lambda m: (m.start, m.end))),
                code=code,
                note=note,
                scope=scope,
            )
        )
    return sorted(entities, key=lambda e: e.iri)


def _canonical(ms: list[Mention]) -> str:
    names: Counter = Counter()
    first: dict[str, int] = {}
    for m in ms:
        n = surface(m.name)
        names[n] += 1
        first[n] = min(first.get(n, m.start), m.start)
    # the fullest form wins; ties go to the most frequent, then the first in text
    return max(names, key=lambda n: (len(n), names[n], -first[n]))


def _merge_headed_policies(groups: dict[tuple[str, str], list[Mention]]) -> None:
    """Fold a bare slogan into its headed form: 三高四新 into 三高四新战略."""
    names = {key for key in groups if key[0] == "Policy"}
    by_name: dict[str, list] = {}
    for key in names:
        by_name.setdefault(key[1], []).append(key)
    for key in sorted(names):
        name = key[1]
        headed = [other for head in POLICY_HEADS for other in by_name.get(name + head, ())]
        if len(headed) == 1 and key in groups:
            groups[headed[0]].extend(groups.pop(key))

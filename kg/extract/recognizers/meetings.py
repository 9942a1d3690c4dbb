"""Meetings: congress sessions, Party plenums and congresses, conferences and forums.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Iterator

from kg.extract.recognizers.base import CN_NUM, HAN, Context, Guarded, recognizer
from kg.extract.recognizers.grammar import (
    left_edge,
    place_before,
)
from kg.ingest.header import canonical_session
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import alternation, table, words
from kg.model import Mention

# --- meetings ---------------------------------------------------------

FULL_SESSION = Guarded(rf"([{HAN}]{{2,12}}?)(第?[{CN_NUM}]+届人民代表大会(?:常务委员会)?第[{CN_NUM}]*次(?:全体)?会议)", ["届人民代表大会"])
SHORT_SESSION = Guarded(rf"([省市县区]|[{HAN}]{{2,8}}?)?([{CN_NUM}]+)届人大(常委会)?([{CN_NUM}]+)次(?:全体)?会议", ["届人大"])
PARTY_PLENUM = Guarded(rf"(党的)?([{CN_NUM}]+)届([{CN_NUM}]+)中全会", ["中全会"])
BARE_PLENUM = Guarded(r"(?<![届、中])([一二三四五六七八九])中全会", ["中全会"])
LOCAL_PLENUM = Guarded(
    rf"(省委|市委|县委|区委|州委|自治区党委)([{CN_NUM}]+)届([{CN_NUM}]+)次(?:全体会议|全会)", ["全会", "全体会议"]
)
PARTY_CONGRESS = Guarded(rf"(党的)?([{CN_NUM}]{{2,3}})大(?![会学厦])", ["大"])


@per_knowledge
def _vocab() -> SimpleNamespace:
    """The patterns this module builds from the active knowledge's word lists."""
    meeting_trigger = re.compile(alternation("meeting_triggers") + "$")
    conference = Guarded(
        rf"((?:全国|全省|全市|全区|全县|全州)?[{HAN}A-Za-z0-9·“”]{{2,24}}?{alternation('conference_kinds')})",
        sorted(words("conference_kinds")),
    )
    return SimpleNamespace(MEETING_TRIGGER=meeting_trigger, CONFERENCE=conference)


def term_in_office(year) -> str:
    """The term of the Central Committee in office early in ``year``.

    >>> term_in_office(2026), term_in_office(2022), term_in_office(None)
    ('二十', '十九', '')
    """
    if not year:
        return ""
    held = [(int(y), term) for y, term in table("party_terms").items()]
    before = [term for y, term in sorted(held) if y < year]
    return before[-1] if before else ""


@recognizer("meetings", ("Meeting",))
def meetings(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    loc = ctx.locality
    for m in FULL_SESSION.finditer(text):
        place, pstart = place_before(text[: m.start(2)], ctx)
        if place:
            yield ctx.mention(pstart, m.end(), "Meeting", canonical_session(place + m.group(2)), "Session", "meeting.session")
    for m in SHORT_SESSION.finditer(text):
        prefix = m.group(1) or ""
        place = ""
        start = m.start()
        if prefix in ("省", "市", "县", "区"):
            place = loc.expand(prefix)
        elif prefix:
            p, ps = place_before(prefix, ctx)
            if p:
                place = p
                start = m.start(1) + ps
            else:
                start = m.start(2)
        if not place and loc.own:
            place = loc.own.name
        if not place:
            continue
        body = "人民代表大会常务委员会" if m.group(3) else "人民代表大会"
        name = f"{place}第{m.group(2)}届{body}第{m.group(4)}次会议"
        yield ctx.mention(start, m.end(), "Meeting", name, "Session", "meeting.session-short")
    for m in PARTY_PLENUM.finditer(text):
        name = f"党的{m.group(2)}届{m.group(3)}中全会"
        yield ctx.mention(m.start(), m.end(), "Meeting", name, "PartyPlenum", "meeting.plenum")
    term = term_in_office(ctx.document.year)
    for m in BARE_PLENUM.finditer(text):
        if term:
            name = f"党的{term}届{m.group(1)}中全会"
            yield ctx.mention(m.start(), m.end(), "Meeting", name, "PartyPlenum", "meeting.plenum-of-term")
    for m in LOCAL_PLENUM.finditer(text):
        place = loc.expand("省" if m.group(1) in ("省委", "自治区党委") else m.group(1)[0])
        if place:
            name = f"中国共产党{place}第{m.group(2)}届委员会第{m.group(3)}次全体会议"
            yield ctx.mention(m.start(), m.end(), "Meeting", name, "PartyPlenum", "meeting.local-plenum")
    for m in PARTY_CONGRESS.finditer(text):
        if m.group(2) not in ("十七", "十八", "十九", "二十", "二十一", "十六", "十五"):
            continue
        if not m.group(1) and not re.match(r"[和、及以精报]|$", text[m.end() : m.end() + 1]):
            continue
        name = f"党的{m.group(2)}大"
        yield ctx.mention(m.start(), m.end(), "Meeting", name, "PartyCongress", "meeting.party-congress")
    for m in _vocab().CONFERENCE.finditer(text):
        span = m.group(1)
        start = m.start(1)
        # name begins at 全市/全省…, or right after a trigger verb
        k = max(span.rfind("全市"), span.rfind("全省"), span.rfind("全国"), span.rfind("全区"), span.rfind("全县"))
        ordinal = re.search(rf"第[{CN_NUM}]+届", span)
        if k >= 0:
            start += k
        elif ordinal:
            start += ordinal.start()
        elif re.match(r"(?:成功|圆满|顺利|胜利)?(?:举办|召开|举行|开幕|闭幕)", text[m.end(1) :]):
            edge = left_edge(ctx, m.end(1) - 2)
            if edge is None:
                continue
            start = edge
        else:
            tm = None
            for t in re.finditer(alternation("meeting_triggers").replace("|在", ""), span):
                tm = t
            if tm:
                start += tm.end()
            elif not _vocab().MEETING_TRIGGER.search(text[: m.start(1)]):
                continue
        name = text[start : m.end(1)]
        if len(name) < 4 or re.search(r"[，。、；]", name) or name.endswith("人民代表大会"):
            continue
        if "人民代表大会" in name or name in ("大会", "全会"):
            continue
        name, scope = ctx.local_name(name.strip("“”"))
        yield ctx.mention(start, m.end(1), "Meeting", name, "Conference", "meeting.conference", scope=scope)



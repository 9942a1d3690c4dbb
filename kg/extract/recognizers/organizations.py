"""Organizations: people's congresses, governments, courts and Party committees by the grammar of their names, departments, known central bodies, named enterprises, universities and hospitals.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Iterator

from kg.extract.recognizers.base import CN_NUM, HAN, Context, Guarded, recognizer
from kg.extract.recognizers.grammar import (
    STOP_LEFT,
    generic_before,
    is_han,
    leading_place,
    left_edge,
    place_before,
    typo_sibling,
)
from kg.extract.recognizers.phrases import past_openers
from kg.extract.words import is_common_word, is_function_word, is_ordinary_word, word_tags
from kg.knowledge.base import per_knowledge
from kg.knowledge.gazetteer import gazetteer
from kg.knowledge.lexicon import organizations
from kg.knowledge.rules import alternation, table, words
from kg.model import Mention

# --- organizations ---------------------------------------------------

TERM = rf"(?:第[{CN_NUM}]+届)?"
DEPT_HEADS = "委员会|局|厅|委|办公室|办|署"


BARE_CONGRESS = Guarded(r"(?<=提请|报请|经由)人大(常委会)?|(?<=经)人大(常委会)?(?=审议)", ["人大"])
# 依法接受人大及其常委会监督: with no place before it, the report's own congress and its standing committee
BARE_PAIR = Guarded(r"(?<![省市县区州乡镇级国])人大及其常委会", ["人大及其常委会"])
CONGRESS_PAIR = Guarded(r"(?<![县市区乡镇各级])([省市县区])人大及其常委会", ["人大及其常委会"])
PARTY_COMMITTEE = Guarded(rf"中共([{HAN}]{{2,12}}?)(?:委员会|委)(?![员])", ["中共"])
PARTY_ABBREV = Guarded(r"(?<![中共])([省市县区州])委(?![员会托屈])|(自治区)党委(?![员会])", ["委"])
PARTY_CENTRE = Guarded(r"党中央|中共中央|中央(?=、省委)", ["中央"])
PARTY_CPC = Guarded(r"中国共产党(?!第|[一二三四五六七八九十]|员)|(?<![政入建民])党(?=的|中央|组织)", ["党"])
NATIONAL_BODY = Guarded(r"国务院(?!办公厅)|全国政协|全国人民代表大会常务委员会|全国人民代表大会", ["国务院", "全国"])
LOCAL_CPPCC = Guarded(r"(?<![各级县乡市区省])([省市县区])政协", ["政协"])
# 请各位政协委员提出意见: in a report, a bare 政协 is its own place's
BARE_CPPCC = Guarded(r"(?<![国级县乡市区省州盟旗])(?:人民)?政协(?=委员|的?民主监督)", ["政协"])


@per_knowledge
def _vocab() -> SimpleNamespace:
    """The patterns this module builds from the active knowledge's word lists."""
    body_heads = tuple((head, *payload.split()) for head, payload in table("state_bodies").items())
    heads_re = "|".join(h for h, _, _ in body_heads)
    head_info = {h: (cls, full) for h, cls, full in body_heads}
    departments = "|".join(sorted(words("departments"), key=lambda w: (-len(w), w)))
    body_head = Guarded(rf"({TERM})({heads_re})(?:常务委员会|常委会)?", ["人大", "人民代表大会", "政府", "法院", "检察院", "监察委员会", "监委", "纪委"])
    department = Guarded(rf"({departments})({DEPT_HEADS})(?![{HAN}]{{0,1}}(?:员|主任|干部))", ["委", "局", "厅", "办", "署"])
    return SimpleNamespace(BODY_HEADS=body_heads, HEADS_RE=heads_re, HEAD_INFO=head_info, DEPARTMENTS=departments, BODY_HEAD=body_head, DEPARTMENT=department)


def party_committee(place: str) -> str:
    """The name of a place's Party committee: 中共湖南省委, and for an
    autonomous region 中共新疆维吾尔自治区委员会 (its 自治区党委)."""
    return "中共" + place + ("委员会" if place.endswith("自治区") else "委")


def _org(ctx, i, j, name, subclass, rule, **kw) -> Mention:
    return ctx.mention(i, j, "Organization", name, subclass, rule, **kw)



@recognizer("bodies", ("Organization",))
def bodies(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    g = gazetteer()
    loc = ctx.locality
    # full place name + term + body head
    for m in _vocab().BODY_HEAD.finditer(text):
        head = m.group(2)
        if m.group(0).endswith(("常务委员会", "常委会")) and head in ("人民代表大会", "人大"):
            head_full, cls = "人民代表大会常务委员会", "LegislativeBody"
        else:
            cls, head_full = _vocab().HEAD_INFO[head]
        before = text[: m.start()]
        place, pstart = place_before(before, ctx)
        if place:
            name = place + head_full if head != "纪委" else "中共" + place + "纪律检查委员会"
            yield _org(ctx, pstart, m.end(), name, cls, "org.place-head")
            continue
        if before.endswith("全国"):
            full = {"人民代表大会常务委员会": "全国人民代表大会常务委员会", "人民代表大会": "全国人民代表大会"}.get(head_full)
            if full:
                yield _org(ctx, m.start() - 2, m.end(), full, cls, "org.national")
            continue
        typo = before[-3:]
        if len(typo) == 3 and (len(before) == 3 or not is_han(before[-4])) and typo_sibling(ctx, typo):
            # 衡东市人大常委会: the body of a misspelt county, not the city's
            yield _org(ctx, m.start() - 3, m.end(), typo + head_full, cls, "org.typo-place")
            continue
        if before and before[-1] in "省市县区州" and not generic_before(text, m.start() - 1):
            place_name = loc.expand(before[-1])
            if place_name and head != "纪委":
                yield _org(ctx, m.start() - 1, m.end(), place_name + head_full, cls, "org.abbrev")
            continue
    # 提请人大审议: a bare 人大 in a report is the congress of the report's own place
    own = loc.own
    if own:
        for m in BARE_CONGRESS.finditer(text):
            head = "人民代表大会常务委员会" if m.group().endswith("常委会") else "人民代表大会"
            yield _org(ctx, m.start(), m.end(), own.name + head, "LegislativeBody", "org.bare-congress")
        for m in BARE_PAIR.finditer(text):
            yield _org(ctx, m.start(), m.start() + 2, own.name + "人民代表大会", "LegislativeBody", "org.bare-congress")
            yield _org(ctx, m.end() - 3, m.end(), own.name + "人民代表大会常务委员会", "LegislativeBody", "org.pair")
    # 市人大及其常委会: the standing committee of that same congress
    for m in CONGRESS_PAIR.finditer(text):
        place = loc.expand(m.group(1))
        if place:
            yield _org(ctx, m.end() - 3, m.end(), place + "人民代表大会常务委员会", "LegislativeBody", "org.pair")
    # the reporting body, in its own report: 常委会, 常务委员会, 本会
    if ctx.document.kind == "congress" and loc.own:
        for m in re.finditer(r"(?<![人大代表会])(常委会|常务委员会)(?!委员|组成人员|副主任|主任|会议|第|党组|机关|办公厅)", text):
            if m.start() >= 2 and text[m.start() - 2 : m.start()] in ("人大", "大会"):
                continue
            if m.start() >= 1 and text[m.start() - 1] in "省市县区":
                continue
            yield _org(ctx, m.start(), m.end(), loc.own.name + "人民代表大会常务委员会", "LegislativeBody", "org.reporter")
    # party committees
    for m in PARTY_COMMITTEE.finditer(text):
        place = m.group(1)
        if place in g.by_name or g.lookup(place):
            full = place if place in g.by_name else g.lookup(place)[0].name
            yield _org(ctx, m.start(), m.end(), party_committee(full), "PartyOrganization", "org.party")
            # 中共 names the Party the committee belongs to
            yield _org(ctx, m.start(), m.start() + 2, "中国共产党", "PartyOrganization", "org.party-cpc", note="nested")
    for m in PARTY_ABBREV.finditer(text):
        if generic_before(text, m.start()):
            continue
        place = loc.expand(m.group(1) or m.group(2))
        if place:
            yield _org(ctx, m.start(), m.end(), party_committee(place), "PartyOrganization", "org.party-abbrev")
    for m in PARTY_CENTRE.finditer(text):
        yield _org(ctx, m.start(), m.end(), "中国共产党中央委员会", "PartyOrganization", "org.party-central")
    for m in PARTY_CPC.finditer(text):
        if m.group() == "党" and text[m.end() : m.end() + 2] == "中央":
            continue
        yield _org(ctx, m.start(), m.end(), "中国共产党", "PartyOrganization", "org.party-cpc")
    for m in NATIONAL_BODY.finditer(text):
        name = {"全国政协": "中国人民政治协商会议全国委员会"}.get(m.group(), m.group())
        if m.group().startswith("全国人民代表大会") and m.end() < len(text) and text[m.end() : m.end() + 1] == "代":
            continue
        yield _org(ctx, m.start(), m.end(), name, "GovernmentBody" if m.group() == "国务院" else "LegislativeBody", "org.national")
    for m in LOCAL_CPPCC.finditer(text):
        place = loc.expand(m.group(1))
        if place:
            yield _org(ctx, m.start(), m.end(), "中国人民政治协商会议" + place + "委员会", "PoliticalConsultativeBody", "org.cppcc")
    if own:
        for m in BARE_CPPCC.finditer(text):
            yield _org(ctx, m.start(), m.end(), "中国人民政治协商会议" + own.name + "委员会", "PoliticalConsultativeBody", "org.cppcc-bare")
    # government departments: 市财政局, 湖南省教育厅
    for m in _vocab().DEPARTMENT.finditer(text):
        before = text[: m.start()]
        place, pstart = place_before(before, ctx)
        if not place and before and before[-1] in "省市县区" and not generic_before(text, m.start() - 1):
            place = loc.expand(before[-1])
            pstart = m.start() - 1
        if not place and m.group(2) == "厅" and loc.province and not is_han(before[-1:] or "，"):
            # only a province has 厅: a bare 教育厅 (牵头单位：民政厅) is the report's province's
            place, pstart = loc.province.name, m.start()
        if place:
            head = m.group(2)
            head = {"委": "委员会", "办": "办公室"}.get(head, head) if head != "委" else "委员会"
            name = place + m.group(1) + head
            if m.group(2) == "委":
                name = place + m.group(1) + "委员会"
            yield _org(ctx, pstart, m.end(), name, "GovernmentDepartment", "org.department")



@per_knowledge
def _enterprise_list() -> Guarded:
    """A list of items ending 等 + the words of data/rules/enterprise_words.txt."""
    roles = table("enterprise_words")

    def group(role: str) -> str:
        found = sorted((w for w, r in roles.items() if r == role), key=lambda w: (-len(w), w))
        return "|".join(map(re.escape, found)) or "(?!)"

    return Guarded(
        rf"((?:[{HAN}A-Za-z0-9]{{2,16}}、)+[{HAN}A-Za-z0-9]{{2,16}})等(?:{group('count')}|\d+家)?(?:{group('standing')})?(?:{group('kind')})",
        ["等"],
    )


@recognizer("listed-enterprises", ("Organization",))
def listed_enterprises(ctx: Context) -> Iterator[Mention]:
    """金龙集团、先导稀材等一批优势企业: each listed item is an enterprise."""
    text = ctx.sentence.text
    for m in _enterprise_list().finditer(text):
        pos = m.start(1)
        items = m.group(1).split("、")
        # the first item runs back to a verb: 推动金龙集团 → 金龙集团
        first = items[0]
        edge = left_edge(ctx, pos + len(first))
        if edge is not None and edge > pos:
            items[0] = text[edge : pos + len(first)]
            pos = edge
        for item in items:
            if len(item) >= 2 and not is_common_word(item) and not is_function_word(item):
                yield _org(ctx, pos, pos + len(item), item, "Enterprise", "org.listed")
            pos += len(item) + 1


@recognizer("known-organizations", ("Organization",))
def known_organizations(ctx: Context) -> Iterator[Mention]:
    """Central bodies, the armed forces, central enterprises, banks, and
    international organizations, by their full and short names."""
    text = ctx.sentence.text
    for i, j, (full, cls) in organizations().scan(text):
        if j - i <= 3 and not ctx.at_boundary(i, j) and not _opens_compound(ctx, i, j):
            continue
        yield _org(ctx, i, j, full, cls, "org.known")


def _opens_compound(ctx: Context, i: int, j: int) -> bool:
    """Whether a short name opens a word that goes on with a noun of its own
    (武警|官兵, 央行|行长): jieba joined two words, not a longer name."""
    tok = ctx.seg.token_at(i)
    return bool(tok) and tok.end > j and word_tags().get(ctx.sentence.text[j : tok.end]) == "n"


# numbered schools and affiliated hospitals are grammar, the other heads words
NUMBERED_HEADS = (
    r"大学附属第[一二三四五六七八九十]医院|附属第[一二三四五六七八九十]医院|"
    r"第[一二三四五六七八九十]+中学|第[一二三四五六七八九十]+小学"
)
# a head that goes on into another word is no head: 集团化, 大学科技园, 大学学术排名
NOT_AFTER_HEAD = {"集团": "化", "大学": "科技园|城|生|毕业|学术排名|排名", "学院": "路"}


@per_knowledge
def _org_patterns() -> dict:
    heads = {**{form: "Enterprise" for form in words("company_forms")}, **table("org_heads")}
    guarded = "|".join(
        re.escape(h) + (f"(?!{NOT_AFTER_HEAD[h]})" if h in NOT_AFTER_HEAD else "")
        for h in sorted(heads, key=lambda h: (-len(h), h))
    )
    return {
        "suffix": re.compile(f"(?:{NUMBERED_HEADS}|{guarded})"),
        "classes": heads,
        "verb": re.compile("(?:" + alternation("org_verbs") + ")$"),
        "generic": re.compile("^(?:" + alternation("org_generic_starts") + ")"),
        "descriptor": re.compile("(?:" + alternation("org_descriptors") + ")"),  # match() at a position: no ^
        "head_end": re.compile("(?:" + alternation("org_heads") + "|" + alternation("company_forms") + ")$"),
    }


def org_name_start(ctx: Context, i: int) -> int:
    """Where a body's name ending in a head at ``i`` begins.

    Back over the words that can stand in a name (:func:`left_edge`); and
    further, over words a dictionary takes for verbs (警察, 创新), to where
    a place name begins (海南警察学院, 重庆信息与智慧医学研究院), as long as
    no punctuation, function word or a verb that takes a body as its object
    comes between; a conjunction is inside the name unless a body's name
    ends before it (清华大学与…)."""
    text = ctx.sentence.text
    p = _org_patterns()
    strict = left_edge(ctx, i)
    lo = max(0, i - 18)
    k = i
    while k > lo:
        ch = text[k - 1]
        if ch in "和与及" and not p["head_end"].search(text, max(0, k - 9), k - 1):
            k -= 1
            continue
        if ch in STOP_LEFT or not (ch.isalnum() or ch in "·（）—"):
            break
        if i - k >= 2 and p["verb"].search(text, max(0, k - 6), k):
            break
        k -= 1
    g = gazetteer()
    for pos in range(k, strict):
        if text[pos : pos + 2] in g.walk and g.names_at(text, pos, i):
            return pos
    if k < strict and text[k] in "省市" and ctx.locality.expand(text[k]):
        return k  # 组建|省交通投资集团: the report's own province or city, abbreviated
    return strict


@recognizer("named-organizations", ("Organization", "Place",))
def named_organizations(ctx: Context) -> Iterator[Mention]:
    """Enterprises, universities, schools, hospitals: name + suffix."""
    text = ctx.sentence.text
    p = _org_patterns()
    for m in p["suffix"].finditer(text):
        start = org_name_start(ctx, m.start())
        described = p["descriptor"].match(text, start, m.start())
        past = described.end() if described else past_openers(text, start, m.start(), anywhere=True)
        if m.start() - past >= 2:
            start = past  # 央企|中国长安汽车集团, 力争|昆明理工大学
        if m.end() - start < 3 or start == m.start() or not ctx.seg.is_start(start) or word_tags().get(text[start]) == "k":
            continue  # 紧密|型城市医疗集团: a name begins at a word, not at a suffix
        if not ctx.seg.is_end(m.end()) and len(m.group()) <= 2:
            continue  # 扩大|学位: a short head that runs on into the next word
        name = text[start : m.end()]
        modifier = name[: -len(m.group())]
        if name.startswith(("省", "市", "县", "区")) and len(name) > 2:
            place = ctx.locality.expand(name[0])
            if place and not generic_before(text, start):
                name = place + name[1:]
            else:
                continue
        if not modifier or modifier in words("org_kind_modifiers"):
            continue
        if p["generic"].match(name) or re.search(r"(?:中小学|大中小学|中小学校)$", name):
            continue
        if re.match(r"^[\d一二三四五六七八九十百千万两]+[个轮家所项批组]", modifier) or (len(modifier) >= 2 and is_ordinary_word(modifier)) \
                or re.search(r"\d+[个家所]", modifier):
            continue  # 9轮集中学习, 村镇银行, 通辽2个…医院: no one body
        head = m.group()
        cls = next((c for h, c in p["classes"].items() if head.endswith(h)), "Organization")
        if "医院" in head:
            cls = "Hospital"
        end = m.end()
        unit = re.match(rf"[{HAN}]{{2,4}}?(?:校区|院区|分院|分校)", text[end:])
        if unit:
            yield _org(ctx, start, end, name, cls, "org.named-parent", note="nested")
            name += unit.group()
            end += unit.end()
        yield _org(ctx, start, end, name, cls, "org.named")
        yield from leading_place(ctx, start, end)
        # 南华大学附属第一医院 also names 南华大学
        inner = re.search(r"(大学|学院)(?=附属)", name)
        if inner:
            yield _org(ctx, start, start + inner.end(), name[: inner.end()], "EducationalInstitution", "org.named-parent", note="nested")



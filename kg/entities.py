"""Entities: sentences to typed mentions of the eight schema types.

Each recognizer reads one sentence (its normalized text, its tokens and the
report's locality) and yields :class:`~kg.model.Mention` objects whose
offsets point into the original text. Recognizers carry general knowledge
only: the national gazetteer, the grammar of body names, how laws, meetings
and slogans are written.

Reads: ``Document``, ``Token``. Writes: ``Mention``.

>>> from kg.ingest import document_from_text
>>> doc = document_from_text("r.txt", "开展野生动物保护法执法检查。")
>>> [(m.type, m.name) for m in find_mentions(doc)]
[('Regulation', '中华人民共和国野生动物保护法')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

from .gazetteer import Division, gazetteer
from .lexicon import is_common_word, is_function_word, is_surname_start, laws, organizations, word_tags
from .locality import Locality, locality_of
from .model import Document, Mention, Sentence, Token
from .segment import Segmentation, cut

HAN = "\u4e00-\u9fff"
CN_NUM = "一二三四五六七八九十百零〇两"


@dataclass
class Context:
    """What a recognizer may consult besides the sentence itself."""

    document: Document
    locality: Locality
    sentence: Sentence
    seg: Segmentation

    def mention(self, i: int, j: int, type_: str, name: str, subclass: str = "", rule: str = "", **kw) -> Mention:
        start, end = self.sentence.span(i, j)
        return Mention(
            start=start,
            end=end,
            text=self.document.text[start:end],
            type=type_,
            name=name,
            subclass=subclass,
            sentence=self.sentence.index,
            rule=rule,
            **kw,
        )

    def at_boundary(self, i: int, j: int) -> bool:
        return self.seg.is_start(i) and self.seg.is_end(j)

    @property
    def tokens(self) -> list[Token]:
        return self.seg.tokens


class Guarded:
    """A pattern with literals of which every match holds one: a sentence
    holding none of them is not searched at all, which spares most
    sentences the patterns that open with a run of any Chinese characters.

    >>> Guarded(r"[\u4e00-\u9fff]{2,8}?大会", ("大会",)).finditer("召开全市大会").__next__().group()
    '召开全市大会'
    """

    __slots__ = ("pattern", "literals")

    def __init__(self, pattern: str, literals: Iterable[str]):
        self.pattern = re.compile(pattern)
        self.literals = tuple(literals)

    def finditer(self, text: str) -> Iterator[re.Match]:
        for literal in self.literals:
            if literal in text:
                return self.pattern.finditer(text)
        return iter(())


Recognizer = Callable[[Context], Iterable[Mention]]
RECOGNIZERS: list[tuple[int, Recognizer]] = []


def recognizer(priority: int):
    """Register a recognizer; lower priority wins an overlap."""

    def wrap(fn: Recognizer) -> Recognizer:
        RECOGNIZERS.append((priority, fn))
        RECOGNIZERS.sort(key=lambda r: r[0])  # run in order of priority
        return fn

    return wrap


# --- book titles and regulations ------------------------------------------

TITLE = re.compile(r"《([^《》]{2,120})》")
INNER_TITLE = re.compile(r"〈([^〈〉]{2,80})〉")
REG_CLASSES = (
    ("法", "Law"),
    ("条例", "LocalRegulation"),
    ("规定", "Rule"),
    ("办法", "Rule"),
    ("细则", "Rule"),
    ("规则", "Rule"),
    ("决议", "Resolution"),
    ("决定", "Decision"),
    ("意见", "Opinion"),
    ("方案", "Plan"),
    ("规划", "Plan"),
    ("计划", "Plan"),
    ("纲要", "Plan"),
    ("议案", "Proposal"),
    ("建议", "Proposal"),
    ("倡议书", "Proposal"),
    ("通知", "NormativeDocument"),
    ("公约", "NormativeDocument"),
    ("标准", "NormativeDocument"),
    ("清单", "NormativeDocument"),
)
DOCUMENT_TITLE = re.compile(
    r"(法|条例|规定|办法|细则|规则|决议|决定|意见|方案|规划|计划|纲要|议案|建议|倡议书|通知|公约|标准|清单|措施|制度|章程|规范|准则|"
    r"指引|目录|守则|要点|通告|公告|批复|指南|协定|协议|宣言|声明|条约)(（[^（）]*）)?$"
)
PUBLICATION_AFTER = re.compile(r"^(杂志|期刊|报|日报|周刊|月刊|丛书|栏目|节目|专栏|一书|读本|画册|文集|选编|电视剧|电影|纪录片)")


def regulation_class(name: str) -> str:
    if laws().get(name) or (name.startswith("中华人民共和国") and name.endswith("法")):
        return "Law"
    for suffix, cls in REG_CLASSES:
        if name.endswith(suffix):
            if cls == "LocalRegulation" and not _has_place_prefix(name):
                return "AdministrativeRegulation"
            return cls
    return "NormativeDocument"


def _has_place_prefix(name: str) -> bool:
    g = gazetteer()
    return any(name.startswith(n) for n in (name[:k] for k in range(2, min(len(name), g.max_name) + 1)) if n in g.by_name)


@recognizer(10)
def book_titles(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for m in TITLE.finditer(text):
        inner = m.group(1)
        if PUBLICATION_AFTER.match(text[m.end() :]):
            continue
        name = INNER_TITLE.sub(lambda x: x.group(1), inner).strip()
        if inner.endswith("报告"):
            yield ctx.mention(m.start(), m.end(), "Report", name, "Report", "title.report")
            continue
        if laws().get(name):
            yield ctx.mention(m.start(), m.end(), "Regulation", laws()[name], "Law", "title.law")
        elif not DOCUMENT_TITLE.search(name):
            continue  # a book, a play, a programme: not a regulation
        else:
            yield ctx.mention(m.start(), m.end(), "Regulation", name, regulation_class(name), "title")
        for inner_m in INNER_TITLE.finditer(inner):
            i = m.start(1) + inner_m.start()
            j = m.start(1) + inner_m.end()
            sub = inner_m.group(1)
            yield ctx.mention(i, j, "Regulation", sub, regulation_class(sub), "title.inner", note="nested")


LAW_NAME = re.compile(rf"(?:中华人民共和国)?[{HAN}]{{1,18}}法")


@recognizer(20)
def bare_laws(ctx: Context) -> Iterator[Mention]:
    """National laws written without 《》: 野生动物保护法执法检查."""
    text = ctx.sentence.text
    table = laws()
    for m in re.finditer(rf"(?:中华人民共和国)?[{HAN}]{{1,20}}?法(?![{HAN}]?[律规典院官])", text):
        # longest known law ending here (the table decides; 方法, 执法 … never match)
        end = m.end()
        best = None
        for start in range(max(0, end - 30), end - 1):
            cand = text[start:end]
            if cand in table:
                best = (start, cand)
                break
        if best:
            start, cand = best
            if start > 0 and text[start - 1] == "《":
                continue
            yield ctx.mention(start, end, "Regulation", table[cand], "Law", "law.bare")


PLAN_NAME = rf"[{HAN}0-9]{{4,22}}?(?:三年行动计划|行动计划|行动方案|实施方案|硬措施|若干措施|若干政策措施|工作方案)"
PLAN_AFTER_VERB = re.compile(rf"(?:制定|实施|完成|启动|出台|印发|编制|发布)(?:实施|出台)?({PLAN_NAME})")
PLAN_AS_SUBJECT = re.compile(rf"(?:^|(?<=[，。；]))({PLAN_NAME})(?=(?:正式|全面)?(?:启动|实施|出台|印发|发布))")


@recognizer(22)
def unquoted_plans(ctx: Context) -> Iterator[Mention]:
    """Plans and measures named without 《》: 制定实施30条防汛避险救灾硬措施."""
    text = ctx.sentence.text
    for rx in (PLAN_AFTER_VERB, PLAN_AS_SUBJECT):
        for m in rx.finditer(text):
            name = re.sub(r"^(?:高标准|高质量|全面|深入|加快|认真)", "", m.group(1))
            if len(name) < 6 or name.startswith(("各项", "相关", "有关", "一系列", "这些")) or ("的" in name and not name.startswith("关于")):
                continue
            yield ctx.mention(m.end(1) - len(name), m.end(1), "Regulation", name, "Plan", "regulation.unquoted-plan")


# --- places -----------------------------------------------------------

ZONE_SUFFIX = (
    "高新技术产业开发区|高新技术开发区|高新开发区|经济技术开发区|经济开发区|高新区|经开区|综合保税区|综保区|"
    "自由贸易试验区|自贸试验区|自贸区|自由贸易港|国家级新区|新区|工业园区|产业园区"
)
LOCAL_ALIASES = {"我市": "市", "本市": "市", "全市": "市", "我省": "省", "本省": "省", "全省": "省", "我区": "区", "全区": "区", "我县": "县", "全县": "县"}
TOWN_SUFFIX = re.compile(rf"([{HAN}]{{1,5}}?(?:镇|乡(?![镇村])|街道|苏木))")
VILLAGE_SUFFIX = re.compile(rf"([{HAN}]{{2,4}}?(?:村|社区|嘎查))")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _place_mention(ctx: Context, i: int, j: int, d: Division, rule: str) -> Mention:
    code = d.code if d.code.isdigit() else ""  # national new areas have no code
    return ctx.mention(i, j, "Place", d.name, d.subclass, rule, code=code)


def scan_divisions(ctx: Context) -> Iterator[tuple[int, int, Division, bool]]:
    """(i, j, division, by_full_name) for gazetteer names in the sentence."""
    g = gazetteer()
    text = ctx.sentence.text
    after = 0  # a name found ends here; the next may not begin before
    for first in g.first_chars.finditer(text):
        i = first.start()
        if i < after:
            continue
        hit = None
        for j, full, short in g.names_at(text, i):
            if full:
                d = g.pick(full, ctx.locality.code)
                if d:
                    hit = (i, j, d, True)
                    break
            if short and text[j : j + 1] not in SHORT_BLOCKERS and (
                ctx.at_boundary(i, j) or all(d.level == 1 for d in short)
            ):  # a province's short form (台湾 in 台湾同胞) is distinctive even inside a word
                d = g.pick(short, ctx.locality.code)
                if d and _short_ok(text[i:j], d, ctx):
                    hit = (i, j, d, False)
                    break
        if hit:
            yield hit
            after = hit[1]


SHORT_BLOCKERS = set("村镇乡街社区县市州省路道")


def _short_ok(short: str, d: Division, ctx: Context) -> bool:
    tag = word_tags().get(short)
    if tag is None or tag == "ns":
        return True
    # A short form that is also a common word (通道, 新建) counts only at home.
    home = ctx.locality.city or ctx.locality.province
    return bool(home) and gazetteer().within(d.code, home.code)


@recognizer(40)
def places(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for i, j, d, full in scan_divisions(ctx):
        yield _place_mention(ctx, i, j, d, "place.gazetteer" if full else "place.short")
        yield from _below(ctx, i, j, d.code, d.name)
    # towns and townships known to the gazetteer, anywhere
    yield from _townships(ctx)
    for word, prefix in LOCAL_ALIASES.items():
        if word not in text:
            continue
        place = ctx.locality.place_for(prefix)
        if not place:
            continue
        for m in re.finditer(word, text):
            if word.startswith("全") and text[m.end() : m.end() + 1] in ("会", "人", "国"):
                continue
            yield ctx.mention(m.start(), m.end(), "Place", place.name, place.subclass, "place.deictic", code=place.code)


def _below(ctx: Context, i: int, j: int, code: str, parent_name: str, depth: int = 0) -> Iterator[Mention]:
    """Towns after a county, villages after a town: 衡南县谭子山镇杨湖村."""
    text = ctx.sentence.text
    if depth > 2:
        return
    g = gazetteer()
    m = TOWN_SUFFIX.match(text, j)
    if m and len(code) == 6 and not code.endswith("00"):
        name = m.group(1)
        if code in g.townships.get(name, []) or (len(name) >= 3 and not is_function_word(name[:2])):
            yield ctx.mention(m.start(), m.end(), "Place", name, "Township", "place.town", parent=parent_name)
            yield from _villages(ctx, m.end(), name)
            return
    yield from _zones(ctx, i, j, parent_name)


def _villages(ctx: Context, j: int, parent_name: str) -> Iterator[Mention]:
    m = VILLAGE_SUFFIX.match(ctx.sentence.text, j)
    if m and not is_function_word(m.group(1)[:2]):
        yield ctx.mention(m.start(), m.end(), "Place", m.group(1), "Village", "place.village", parent=parent_name)


def _zones(ctx: Context, i: int, j: int, parent_name: str) -> Iterator[Mention]:
    """杭州综保区: the zone's name is the place as written plus the suffix."""
    m = re.match(ZONE_SUFFIX, ctx.sentence.text[j:])
    if m:
        name = ctx.sentence.text[i:j] + m.group()
        yield ctx.mention(i, j + m.end(), "Place", name, "DevelopmentZone", "place.zone", parent=parent_name)


TOWNSHIP = Guarded(rf"[{HAN}]{{1,6}}?(?:镇|乡|街道|苏木)", ["镇", "乡", "街道", "苏木"])


def _townships(ctx: Context) -> Iterator[Mention]:
    g = gazetteer()
    text = ctx.sentence.text
    for m in TOWNSHIP.finditer(text):
        # try every start inside the match: the name is its longest known tail
        for k in range(m.start(), m.end() - 1):
            name = text[k : m.end()]
            if name in g.townships and len(name) >= 3:
                county = g.township_county(name, ctx.locality.code)
                if county or ctx.at_boundary(k, m.end()):
                    yield ctx.mention(k, m.end(), "Place", name, "Township", "place.township")
                    yield from _villages(ctx, m.end(), name)
                break


AREA_ZONE = Guarded(rf"(?:^|(?<=[，。；、：]))([{HAN}]{{2}})(综保区|综合保税区|经开区|经济技术开发区|高新区|高新技术产业开发区|自贸片区)", ["区"])


@recognizer(41)
def zones(ctx: Context) -> Iterator[Mention]:
    """Development zones after 市/省 or a place: 市高新开发区; zones named
    after an area that is no division (亦庄综保区) also name the area."""
    text = ctx.sentence.text
    for m in AREA_ZONE.finditer(text):
        area = m.group(1)
        if ctx.seg.is_start(m.start(1)) and not is_function_word(area) and not gazetteer().lookup(area):
            yield ctx.mention(m.start(1), m.end(), "Place", m.group(), "DevelopmentZone", "place.area-zone")
            yield ctx.mention(m.start(1), m.end(1), "Place", area, "Place", "place.area", note="nested")
    for m in re.finditer(rf"([省市])({ZONE_SUFFIX})", text):
        if m.start() > 0 and _is_han(text[m.start() - 1]) and (not ctx.seg.is_start(m.start()) or _generic_before(text, m.start())):
            continue
        place = ctx.locality.expand(m.group(1))
        if place:
            yield ctx.mention(m.start(), m.end(), "Place", place + m.group(2), "DevelopmentZone", "place.zone")


def typo_sibling(ctx: Context, name: str) -> Optional[Division]:
    """The division a name not in the gazetteer most likely stands for: one
    character off a division of the report's own city (衡峰区 → 雁峰区)."""
    g = gazetteer()
    home = ctx.locality.city or ctx.locality.province
    if not home or g.by_name.get(name) or len(name) != 3 or name[-1] not in "区县市":
        return None
    for d in g.children(home.code):
        if len(d.name) == 3 and _one_off(name, d.name):
            return d
    return None


@recognizer(45)
def typo_places(ctx: Context) -> Iterator[Mention]:
    """A division name one character off a sibling: 衡峰区 next to 雁峰区."""
    text = ctx.sentence.text
    for m in re.finditer(rf"([{HAN}]{{2}})([区县市])", text):
        if m.start() > 0 and _is_han(text[m.start() - 1]) and text[m.start() - 1] not in "，、在和与及":
            continue
        if not ctx.seg.is_start(m.start()) or _holds_common_word(ctx, m.start(), m.end()):
            continue
        d = typo_sibling(ctx, m.group())
        if d:
            yield ctx.mention(m.start(), m.end(), "Place", m.group(), "County", "place.typo", note=f"likely {d.name}")


def _holds_common_word(ctx: Context, i: int, j: int) -> bool:
    """Whether [i, j) is made of ordinary words (城市, 合理, 开展), not a name."""
    g = gazetteer()
    for t in ctx.seg.tokens_from(i):
        if t.start >= j:
            break
        if t.start >= i and t.end <= j:
            if len(t.text) >= 2 and is_common_word(t.text) and not g.lookup(t.text):
                return True
            if len(t.text) == 1 and t.start == i and t.text in STOP_LEFT | set("个把每"):
                return True
        elif t.start < j and i < t.end and len(t.text) >= 2 and is_common_word(t.text) and not g.lookup(t.text):
            return True  # a word runs across the candidate's edge
    return False


def _one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1 and a[-1] in "区县市" and b[-1] in "区县市"


# --- organizations ---------------------------------------------------

BODY_HEADS = (
    ("人民代表大会常务委员会", "LegislativeBody", "人民代表大会常务委员会"),
    ("人大常委会", "LegislativeBody", "人民代表大会常务委员会"),
    ("人民代表大会", "LegislativeBody", "人民代表大会"),
    ("人大", "LegislativeBody", "人民代表大会"),
    ("人民政府", "GovernmentBody", "人民政府"),
    ("政府", "GovernmentBody", "人民政府"),
    ("中级人民法院", "JudicialBody", "中级人民法院"),
    ("高级人民法院", "JudicialBody", "高级人民法院"),
    ("人民法院", "JudicialBody", "人民法院"),
    ("人民检察院", "ProcuratorialBody", "人民检察院"),
    ("监察委员会", "SupervisoryBody", "监察委员会"),
    ("监委", "SupervisoryBody", "监察委员会"),
    ("纪委", "PartyOrganization", "纪律检查委员会"),
)
HEADS_RE = "|".join(h for h, _, _ in BODY_HEADS)
HEAD_INFO = {h: (cls, full) for h, cls, full in BODY_HEADS}
TERM = rf"(?:第[{CN_NUM}]+届)?"
DEPARTMENTS = (
    "发展和改革|发展改革|工业和信息化|教育|科学技术|科技|公安|民政|司法|财政|人力资源和社会保障|人力资源社会保障|自然资源|"
    "生态环境|住房和城乡建设|住房城乡建设|交通运输|水利|农业农村|商务|文化和旅游|文化旅游|卫生健康|卫生和健康|退役军人事务|应急管理|"
    "审计|市场监督管理|市场监管|统计|医疗保障|医保|林业|林业和草原|体育|国有资产监督管理|国资|税务|信访|机关事务管理|城市管理|"
    "城市管理和综合执法|数据|大数据|粮食和物资储备|能源|外事|民族宗教事务|民族事务|宗教事务|地方金融监督管理|金融|乡村振兴|"
    "行政审批服务|政务服务和数据管理|政务服务|供销合作|人民防空|住房保障|规划|国土资源|环境保护|文化|旅游|卫生|计划生育|"
    "卫生计生|农业|畜牧|水务|园林|商业|口岸|海洋|经济和信息化|经信|工信|侨务|台湾事务|外事侨务"
)
DEPT_HEADS = "委员会|局|厅|委|办公室|办|署"


BODY_HEAD = Guarded(rf"({TERM})({HEADS_RE})(?:常务委员会|常委会)?", ["人大", "人民代表大会", "政府", "法院", "检察院", "监察委员会", "监委", "纪委"])
BARE_CONGRESS = Guarded(r"(?<=提请|报请|经由)人大(常委会)?|(?<=经)人大(常委会)?(?=审议)", ["人大"])
CONGRESS_PAIR = Guarded(r"(?<![县市区乡镇各级])([省市县区])人大及其常委会", ["人大及其常委会"])
PARTY_COMMITTEE = Guarded(rf"中共([{HAN}]{{2,12}}?)(?:委员会|委)(?![员])", ["中共"])
PARTY_ABBREV = Guarded(r"(?<![中共])([省市县区州])委(?![员会托屈])", ["委"])
PARTY_CENTRE = Guarded(r"党中央|中共中央|中央(?=、省委)", ["中央"])
PARTY_CPC = Guarded(r"中国共产党(?!第|[一二三四五六七八九十]|员)|(?<![政入建民])党(?=的|中央|组织)", ["党"])
NATIONAL_BODY = Guarded(r"国务院(?!办公厅)|全国政协|全国人民代表大会常务委员会|全国人民代表大会", ["国务院", "全国"])
LOCAL_CPPCC = Guarded(r"(?<![各级县乡市区省])([省市县区])政协", ["政协"])
DEPARTMENT = Guarded(rf"({DEPARTMENTS})({DEPT_HEADS})(?![{HAN}]{{0,1}}(?:员|主任|干部))", ["委", "局", "厅", "办", "署"])


def _org(ctx, i, j, name, subclass, rule, **kw) -> Mention:
    return ctx.mention(i, j, "Organization", name, subclass, rule, **kw)


def _generic_before(text: str, i: int) -> bool:
    """Whether the one-character prefix at i belongs to a plural: 县市区人大."""
    before = text[max(0, i - 2) : i]
    return bool(before) and (before[-1] in "县市区乡镇省各级两") or before.endswith("各级")


@recognizer(30)
def bodies(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    g = gazetteer()
    loc = ctx.locality
    # full place name + term + body head
    for m in BODY_HEAD.finditer(text):
        head = m.group(2)
        if m.group(0).endswith(("常务委员会", "常委会")) and head in ("人民代表大会", "人大"):
            head_full, cls = "人民代表大会常务委员会", "LegislativeBody"
        else:
            cls, head_full = HEAD_INFO[head]
        before = text[: m.start()]
        place, pstart = _place_before(before, ctx)
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
        if len(typo) == 3 and (len(before) == 3 or not _is_han(before[-4])) and typo_sibling(ctx, typo):
            # 衡东市人大常委会: the body of a misspelt county, not the city's
            yield _org(ctx, m.start() - 3, m.end(), typo + head_full, cls, "org.typo-place")
            continue
        if before and before[-1] in "省市县区州" and not _generic_before(text, m.start() - 1):
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
            yield _org(ctx, m.start(), m.end(), "中共" + full + "委", "PartyOrganization", "org.party")
    for m in PARTY_ABBREV.finditer(text):
        if _generic_before(text, m.start()):
            continue
        place = loc.expand(m.group(1))
        if place:
            yield _org(ctx, m.start(), m.end(), "中共" + place + "委", "PartyOrganization", "org.party-abbrev")
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
    # government departments: 市财政局, 湖南省教育厅
    for m in DEPARTMENT.finditer(text):
        before = text[: m.start()]
        place, pstart = _place_before(before, ctx)
        if not place and before and before[-1] in "省市县区" and not _generic_before(text, m.start() - 1):
            place = loc.expand(before[-1])
            pstart = m.start() - 1
        if place:
            head = m.group(2)
            head = {"委": "委员会", "办": "办公室"}.get(head, head) if head != "委" else "委员会"
            name = place + m.group(1) + head
            if m.group(2) == "委":
                name = place + m.group(1) + "委员会"
            yield _org(ctx, pstart, m.end(), name, "GovernmentDepartment", "org.department")


def _place_before(before: str, ctx: Context) -> tuple[str, int]:
    """The full place name that ``before`` ends with, and where it starts."""
    g = gazetteer()
    for length in range(min(g.max_name, len(before)), 1, -1):
        span = before[-length:]
        cands = g.by_name.get(span)
        if cands:
            return span, len(before) - length
        cands = g.by_short.get(span)
        if cands and length >= 2:
            d = g.pick(cands, ctx.locality.code)
            if d:
                return d.name, len(before) - length
    return "", -1


ENTERPRISE_LIST = Guarded(
    rf"((?:[{HAN}A-Za-z0-9]{{2,16}}、)+[{HAN}A-Za-z0-9]{{2,16}})等(?:一批|多家|\d+家)?(?:优势|龙头|重点|骨干|知名|头部|领军|链主)?(?:企业|公司|集团)",
    ["等"],
)


@recognizer(36)
def listed_enterprises(ctx: Context) -> Iterator[Mention]:
    """金龙集团、先导稀材等一批优势企业: each listed item is an enterprise."""
    text = ctx.sentence.text
    for m in ENTERPRISE_LIST.finditer(text):
        pos = m.start(1)
        items = m.group(1).split("、")
        # the first item runs back to a verb: 推动金龙集团 → 金龙集团
        first = items[0]
        edge = _left_edge(ctx, pos + len(first))
        if edge is not None and edge > pos:
            items[0] = text[edge : pos + len(first)]
            pos = edge
        for item in items:
            if len(item) >= 2 and not is_common_word(item) and not is_function_word(item):
                yield _org(ctx, pos, pos + len(item), item, "Enterprise", "org.listed")
            pos += len(item) + 1


@recognizer(28)
def known_organizations(ctx: Context) -> Iterator[Mention]:
    """Central bodies, the armed forces, central enterprises, banks, and
    international organizations, by their full and short names."""
    text = ctx.sentence.text
    for i, j, (full, cls) in organizations().scan(text):
        if j - i <= 3 and not ctx.at_boundary(i, j):
            continue
        yield _org(ctx, i, j, full, cls, "org.known")


ORG_SUFFIX = (
    "股份有限公司|集团有限公司|有限责任公司|有限公司|集团(?!化)|大学附属第[一二三四五六七八九十]医院|附属第[一二三四五六七八九十]医院|"
    "职业技术大学|职业技术学院|大学(?!科技园|城|生|毕业)|学院(?!路)|第[一二三四五六七八九十]+中学|第[一二三四五六七八九十]+小学|中学|小学|"
    "人民医院|中心医院|儿童医院|中医院|医院|研究院|研究所|科学院|证券交易所|交易所|银行|俱乐部|协会|商会|联合会"
)
ORG_CLASS = {"公司": "Enterprise", "集团": "Enterprise", "大学": "EducationalInstitution", "学院": "EducationalInstitution", "中学": "EducationalInstitution", "小学": "EducationalInstitution", "医院": "Hospital"}
GENERIC_ORG_START = re.compile(r"^(三级|二级|一级|产业|国家|普通|行业|境内外|境内|境外|新型研发|高水平|一流|重点|优质|知名|骨干|龙头|国有|民营|新型|各类|高校|公立|三甲|综合性|研究型|应用型|世界一流|国际一流|国内一流|区域|社区|乡镇|基层|县级|市级|省级|中小|大型|小型|中型|特色|示范|合作|相关|有关|上述|部分|全部|所有|多家|一批|多所)")
STOP_LEFT = set("的了在对与和及为是由向从把将被让使等并又也都就还而但或共同各该本其这那每")


@recognizer(35)
def named_organizations(ctx: Context) -> Iterator[Mention]:
    """Enterprises, universities, schools, hospitals: name + suffix."""
    text = ctx.sentence.text
    for m in re.finditer(rf"(?:{ORG_SUFFIX})", text):
        start = _left_edge(ctx, m.start())
        if start is None or m.end() - start < 3 or start == m.start():
            continue
        name = text[start : m.end()]
        if name.startswith(("省", "市", "县", "区")) and len(name) > 2:
            place = ctx.locality.expand(name[0])
            if place and not _generic_before(text, start):
                name = place + name[1:]
            else:
                continue
        if name[: -len(m.group())] in ("", "本", "该", "各", "高等", "重点", "职业", "高校", "民营", "国有", "龙头", "骨干", "中", "大中", "中小", "普通", "各级", "大中小"):
            continue
        if GENERIC_ORG_START.match(name) or re.search(r"(?:中小学|大中小学|中小学校)$", name):
            continue
        cls = next((c for k, c in ORG_CLASS.items() if m.group().endswith(k)), "Organization")
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


def leading_place(ctx: Context, i: int, j: int) -> Iterator[Mention]:
    """The place a name starts with (浙江大学, 宁波舟山港, 嘉兴南湖机场), by
    full name or by the short form of a division in the report's province.
    Inside a name jieba's token edges do not count: 浙江大学 is one token."""
    g = gazetteer()
    text = ctx.sentence.text
    province = ctx.locality.province.code if ctx.locality.province else ""
    for k, full, short in g.names_at(text, i, j - 1):
        if full:
            d = g.pick(full, ctx.locality.code)
        else:
            d = g.pick(short, ctx.locality.code)
            if d and not (province and g.within(d.code, province)):
                d = None
        if d:
            yield _place_mention(ctx, i, k, d, "place.in-name")
            return


def _left_edge(ctx: Context, i: int) -> Optional[int]:
    """Walk tokens left from i while they can belong to a proper name.

    The token holding the suffix may straddle i (钢铁集团 before 有限公司)."""
    g = gazetteer()
    start = i
    total = 0
    for tok in ctx.seg.tokens_before(i):
        if tok.start >= start:
            continue
        if tok.end < start:
            break
        w = ctx.sentence.text[tok.start : start]
        if not re.fullmatch(rf"[{HAN}A-Za-z0-9]+", w) or (len(w) == 1 and w in STOP_LEFT):
            break
        if len(w) > 1 and is_function_word(w) and not g.by_name.get(w) and not g.by_short.get(w):
            break
        total += len(w)
        if total > 16:
            break
        start = tok.start
    return start


# --- people -----------------------------------------------------------

TITLES = (
    "总书记|副总理|总理|副委员长|委员长|副主席|主席|副书记|书记|副主任|主任|副省长|省长|副市长|市长|副县长|县长|"
    "副区长|区长|秘书长|副院长|院长|检察长|局长|厅长|部长|代表|委员|董事长|总经理"
)
NAME_END = r"(?=[，。、；：:,\s（）()]|同志|在|作|对|等|主持|出席|指出|强调|表示|讲话|来|到|向|率|为|和|与|是|$)"


def _name_at(ctx: Context, i: int) -> Optional[int]:
    """End of a personal name starting at i (2 to 4 characters), or None.

    The name must be followed by punctuation, a marker such as 同志 or 在,
    or a token that is a verb or a preposition (罗芳经营的, 邓群策就)."""
    text = ctx.sentence.text
    for length in (3, 2, 4):
        cand = text[i : i + length]
        if len(cand) != length or not re.fullmatch(rf"[{HAN}]+", cand):
            continue
        if not re.match(NAME_END, text[i + length :]) and not _verb_follows(ctx, i + length):
            continue
        if length == 4 and not cand.startswith(("欧阳", "司马", "上官", "诸葛")) and not is_surname_start(cand[:2]):
            if not any(cand.startswith(s) for s in ("白玛", "次仁", "扎西", "达娃", "格桑", "洛桑", "尼玛", "买买提", "阿不都", "热合曼")):
                continue
        if not is_surname_start(cand) or is_common_word(cand) or is_function_word(cand):
            continue
        if not _looks_like_name(cand):
            continue
        return i + length
    return None


def _verb_follows(ctx: Context, j: int) -> bool:
    tok = ctx.seg.token_at(j)
    if tok is None:
        return False
    nxt = tok.text
    return len(nxt) >= 1 and word_tags().get(nxt, "") in ("v", "p", "d", "c", "vn", "ad")


def _looks_like_name(cand: str) -> bool:
    """Reject word sequences that start with a surname character:
    全部进站 (全部 is a word), 全覆盖 (覆盖 is a verb)."""
    tokens = cut(cand)
    if len(tokens[0]) >= 2 and tokens[0] != cand and is_common_word(tokens[0]):
        return False
    return not any(len(t) >= 2 and word_tags().get(t) == "v" for t in tokens[1:])


@recognizer(25)
def people(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    doc = ctx.document
    if doc.speaker:
        for m in re.finditer(re.escape(doc.speaker), text):
            yield ctx.mention(m.start(), m.end(), "Person", doc.speaker, "Person", "person.speaker")
    # photo credits: 罗盟摄, 本报记者 戴冰摄
    for m in re.finditer(rf"(?:记者|摄影|通讯员|\s)\s*([{HAN}](?:\s?[{HAN}]){{1,2}})\s*摄(?:影)?$", text):
        name = re.sub(r"\s", "", m.group(1))
        if is_surname_start(name):
            yield ctx.mention(m.start(1), m.end(1), "Person", name, "Person", "person.photo")
    # title + name: 副委员长白玛赤林, 省代表罗芳
    for m in re.finditer(rf"(?:{TITLES})", text):
        if m.group() in ("代表", "委员") and not re.search(r"(?:[省市县区]|全国|人大|政协)$", text[: m.start()]):
            continue
        end = _name_at(ctx, m.end())
        if end:
            name = text[m.end() : end]
            yield ctx.mention(m.end(), end, "Person", name, "Person", "person.title")
    # name + title: 习近平总书记, 殷勇同志
    for m in re.finditer(rf"([{HAN}]{{2,3}})(?=总书记|同志)", text):
        name = m.group(1)
        for k in range(len(name) - 1):
            cand = name[k:]
            if is_surname_start(cand) and not is_common_word(cand) and ctx.seg.is_start(m.start() + k):
                yield ctx.mention(m.start() + k, m.end(), "Person", cand, "Person", "person.honorific")
                break


# --- meetings ---------------------------------------------------------

FULL_SESSION = Guarded(rf"([{HAN}]{{2,12}}?)(第[{CN_NUM}]+届人民代表大会(?:常务委员会)?第[{CN_NUM}]+次(?:全体)?会议)", ["届人民代表大会"])
SHORT_SESSION = Guarded(rf"([省市县区]|[{HAN}]{{2,8}}?)?([{CN_NUM}]+)届人大(常委会)?([{CN_NUM}]+)次(?:全体)?会议", ["届人大"])
PARTY_PLENUM = Guarded(rf"(党的)?([{CN_NUM}]+)届([{CN_NUM}]+)中全会", ["中全会"])
PARTY_CONGRESS = Guarded(rf"(党的)?([{CN_NUM}]{{2,3}})大(?![会学厦])", ["大"])
CONFERENCE_HEADS = "座谈会|推进会|现场会|对接会|见面会|峰会|论坛|博览会|交易会|运动会|联席会议|工作会议|大会|研讨会|发布会|洽谈会|招商会|年会"
CONFERENCE = Guarded(
    rf"((?:全国|全省|全市|全区|全县|全州)?[{HAN}A-Za-z0-9·“”]{{2,24}}?(?:{CONFERENCE_HEADS}))", CONFERENCE_HEADS.split("|")
)
MEETING_TRIGGER = re.compile(r"(召开|举办|举行|承办|出席|参加|在|主办|开好|办好|筹办|服务保障|保障|服务)$")


@recognizer(15)
def meetings(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    loc = ctx.locality
    for m in FULL_SESSION.finditer(text):
        place, pstart = _place_before(text[: m.start(2)], ctx)
        if place:
            yield ctx.mention(pstart, m.end(), "Meeting", place + m.group(2), "Session", "meeting.session")
    for m in SHORT_SESSION.finditer(text):
        prefix = m.group(1) or ""
        place = ""
        start = m.start()
        if prefix in ("省", "市", "县", "区"):
            place = loc.expand(prefix)
        elif prefix:
            p, ps = _place_before(prefix, ctx)
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
    for m in PARTY_CONGRESS.finditer(text):
        if m.group(2) not in ("十七", "十八", "十九", "二十", "二十一", "十六", "十五"):
            continue
        if not m.group(1) and not re.match(r"[和、及以精报]|$", text[m.end() : m.end() + 1]):
            continue
        name = f"党的{m.group(2)}大"
        yield ctx.mention(m.start(), m.end(), "Meeting", name, "PartyCongress", "meeting.party-congress")
    for m in CONFERENCE.finditer(text):
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
            edge = _left_edge(ctx, m.end(1) - 2)
            if edge is None:
                continue
            start = edge
        else:
            tm = None
            for t in re.finditer(r"召开|举办|举行|承办|出席|参加|主办|筹办|保障", span):
                tm = t
            if tm:
                start += tm.end()
            elif not MEETING_TRIGGER.search(text[: m.start(1)]):
                continue
        name = text[start : m.end(1)]
        if len(name) < 4 or re.search(r"[，。、；]", name) or name.endswith("人民代表大会"):
            continue
        if "人民代表大会" in name or name in ("大会", "全会"):
            continue
        yield ctx.mention(start, m.end(1), "Meeting", name.strip("“”"), "Conference", "meeting.conference")


# --- policies and projects -------------------------------------------------

QUOTED = re.compile(r"“([^“”，。；]{2,24})”")
STRONG_HEADS = "战略|改革|规划|行动计划|行动|工程|政策|制度|主题教育|攻坚战|三年行动|试点|机制|体系|模式|新模式|理念|精神|普法"
PROJECT_WORDS = re.compile(r"(路|桥|中心|园|馆|广场|平台|基地|走廊|通道|港|站|机场|铁路|高速|大道|隧道|产业链|项目|示范工程|系统|工程|院|河)$")
NUMBERED_SLOGAN = re.compile(r"^[一二三四五六七八九十两\d]+个")
MEETING_WORDS = re.compile(r"(大会|峰会|论坛|博览会|展览会|交易会|洽谈会|推介会|圆桌会|年会|音乐会|运动会|联赛|节|赛)$")


@recognizer(50)
def quoted(ctx: Context) -> Iterator[Mention]:
    """Quoted slogans with the head noun after them: “三高四新”战略."""
    text = ctx.sentence.text
    for m in QUOTED.finditer(text):
        inner = m.group(1).strip()
        if not re.search(rf"[{HAN}]", inner):
            continue
        rest = text[m.end() :]
        head = re.match(rf"(?:{STRONG_HEADS})", rest)
        # “最多跑一次”和“一件事一次办”改革: the head is shared
        if not head:
            shared = re.match(rf"[和、与及]“[^“”]{{2,24}}”({STRONG_HEADS})", rest)
            head_text = shared.group(1) if shared else ""
        else:
            head_text = head.group()
        if PROJECT_WORDS.search(inner) and not head_text and not NUMBERED_SLOGAN.match(inner) and len(inner) >= 3:
            yield ctx.mention(m.start(), m.end(), "Project", inner, "Project", "project.quoted")
            continue
        if MEETING_WORDS.search(inner) and len(inner) > 3:
            yield ctx.mention(m.start(), m.end(), "Meeting", inner, "Conference", "meeting.quoted")
            continue
        if head_text:
            end = m.end() + (len(head_text) if head else 0)
            cls = "DevelopmentPlan" if head_text == "规划" else "Policy"
            name = inner + head_text
            yield ctx.mention(m.start(), end, "Policy", name, cls, "policy.quoted-head")
        else:
            if len(inner) > 14 or inner.endswith(("的", "了")):
                continue
            if len(inner) <= 3 and not re.search(r"[一二三四五六七八九十两百千万\d]", inner) and is_common_word(inner):
                continue  # a word in quotes for emphasis (“压舱石”), not a named policy
            yield ctx.mention(m.start(), m.end(), "Policy", inner, "Policy", "policy.quoted")


POLICY_PATTERNS = (
    (re.compile(rf"[{HAN}]长制"), "policy.chief-system"),
    (re.compile(rf"[{CN_NUM}]五普法"), "policy.legal-education"),
    (re.compile(rf"(?<=实施|落实|推进|贯彻|深化|服务)[{HAN}]{{2,8}}?(?:战略|政策)(?![{HAN}]{{0,1}}(?:性|的))"), "policy.strategy"),
    (re.compile(r"(?<![“])光盘行动"), "policy.campaign"),
)


@recognizer(55)
def named_policies(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for rx, rule in POLICY_PATTERNS:
        for m in rx.finditer(text):
            name = m.group()
            if rule == "policy.strategy":
                name = re.sub(r"^(?:深入|全面|大力|加快|积极|认真|坚决|实施|落实|推进|贯彻|深化|和|与|及|并)+", "", name)
                if len(name) < 4 or name.startswith(("各项", "相关", "有关", "这一", "国家", "一系列")):
                    continue
                if is_common_word(name[:-2]):
                    continue  # 公共政策, 发展战略: a kind of policy, not a named one
                start = m.end() - len(name)
                yield ctx.mention(start, m.end(), "Policy", name, "Policy", rule)
                continue
            yield ctx.mention(m.start(), m.end(), "Policy", name, "Policy", rule)


PROJECT_RE = Guarded(
    rf"(?<=建成|建设|打造|启用|建立|搭建|培育|延伸|开通|推进)([{HAN}]{{2,14}}?(?:产业链|监督中心|监督系统|广场|示范工程|产业园|科技园|数据中心|服务中心|转化中心|创新中心|研究平台|监测网))",
    ["产业链", "中心", "系统", "广场", "工程", "园", "平台", "监测网"],
)
# what is done to a named construction: 建成通车, 启动建设, 投入运行 …
PROJECT_VERBS = (
    r"(?:全面|全线|正式|顺利|加快|基本|主体)?(?:建成|投运|投用|通车|开通|开工|启动建设|开工建设|投入运行|投入使用|投产|开业|"
    r"完成改造|竣工|获国家核准|获批|落地|开放|运营|封顶|合龙|试运行|首发|开行|贯通|实现贯通|实现闭合|亮相|启用|(?:衔接|改造|扩容|提质)?升级)"
)
ITEM = rf"[{HAN}A-Za-z0-9（）()]{{3,22}}"
PROJECT_LIST = Guarded(
    rf"((?:{ITEM}、)*{ITEM})等(?:(?:一批|标志性|重大|重点|标杆|示范)?[{HAN}]{{0,6}}?(?:工程|项目|基础设施|场馆)|"
    rf"\d+[个座条项处][{HAN}]{{0,6}}?(?:平台|中心|实验室|桥|场馆|园区))",
    ["等"],
)
PROJECT_SUBJECT = Guarded(
    rf"(?:^|(?<=[，。；：]))((?:{ITEM}、)*{ITEM}?)(?={PROJECT_VERBS})",
    "建成 投运 投用 通车 开通 开工 启动建设 投入运行 投入使用 投产 开业 完成改造 竣工 获国家核准 获批 落地 开放 运营 封顶 合龙 试运行 首发 开行 贯通 实现闭合 亮相 启用 升级".split(),
)
INFRA_SUFFIX = re.compile(
    r"(?:国际机场|机场|高铁|城际铁路|城际|快线|高速公路|高速|铁路|航道|接收站|检查站|枢纽|公园|大桥|隧道|港|站|"
    r"中心|[一二三四五六七八九]期|工程|项目|核电|母港|产业园|科技园|博物馆|体育馆|大剧院|基地|航线|班列|快线|城际|环线|环)$"
)
NOT_ITEM_START = re.compile(r"^(?:一批|一个|多个|各类|若干|一系列|首个|首批|全年|全市|全省|新增|累计|其中|我们|今年|去年|年内|已|共|全面|加快|推动|推进|持续|重点|积极|大力|力争|确保|争取|开工|建成|完成|启动|实施|建设)+")


def _project_item(item: str) -> str:
    item = NOT_ITEM_START.sub("", item)
    item = re.sub(r"等(?:一批|标志性|重大|重点|标杆|示范)?(?:工程|项目)?$", "", item)
    if len(item) < 3 or re.match(r"^[\d.]", item) or re.search(r"[，。；]", item):
        return ""
    if is_function_word(item) or is_common_word(item):
        return ""
    return item


@recognizer(60)
def projects(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for m in PROJECT_RE.finditer(text):
        name = re.sub(r"^(了|好|成|起|一批|一个|全市|全省|高标准|高质量|现代化)", "", m.group(1))
        if len(name) < 4:
            continue
        yield ctx.mention(m.end(1) - len(name), m.end(1), "Project", name, "Project", "project.built")
    # X、Y、Z等项目: every listed item is a project
    for m in PROJECT_LIST.finditer(text):
        start = _skip_leading_verbs(ctx, m.start(1), m.start(1) + len(m.group(1).split("、")[0]))
        yield from _items(ctx, start, text[start : m.end(1)], "project.listed", need_suffix=False)
    # a named construction as the subject of 建成通车, 投入运行 …
    for m in PROJECT_SUBJECT.finditer(text):
        if m.group(1):
            start = _skip_leading_verbs(ctx, m.start(1), m.start(1) + len(m.group(1).split("、")[0]))
            yield from _items(ctx, start, text[start : m.end(1)], "project.completed", need_suffix=True)
    # infrastructure by its suffix: 杭州萧山国际机场, 宁波舟山港
    for m in re.finditer(r"国际机场|机场|高铁|城际铁路|高速公路|港(?![澳口区])", text):
        start = _left_edge(ctx, m.start())
        if start is None or m.start() - start < 2:
            continue
        name = _project_item(text[start : m.end()])
        stem = name[: -len(m.group())] if name else ""
        if name and len(stem) >= 2 and not is_common_word(stem) and not is_function_word(stem):
            yield ctx.mention(m.end() - len(name), m.end(), "Project", name, "Project", "project.infrastructure")


def _skip_leading_verbs(ctx: Context, start: int, end: int) -> int:
    """完成燕莎桥 → 燕莎桥: drop verb tokens at the start of a listed item."""
    for tok in ctx.seg.tokens_from(start):
        if tok.start < start:
            continue
        if tok.start != start or tok.end >= end:
            break
        if len(tok.text) >= 2 and word_tags().get(tok.text) in ("v", "vd", "vi"):
            start = tok.end
        else:
            break
    return start


def _items(ctx: Context, start: int, span: str, rule: str, need_suffix: bool) -> Iterator[Mention]:
    pos = start
    for raw in span.split("、"):
        item = _project_item(raw)
        offset = pos + (len(raw) - len(item))
        pos += len(raw) + 1
        if not item:
            continue
        if need_suffix and not INFRA_SUFFIX.search(item):
            continue
        name = item[:-2] if item.endswith("项目") and len(item) > 5 else item
        yield ctx.mention(offset, offset + len(item), "Project", name, "Project", rule)
        yield from leading_place(ctx, offset, offset + len(item))


# --- reports ------------------------------------------------------------

REVIEW = re.compile(r"(听取和审议|听取并审议|听取审议|审议|听取)")


@recognizer(12)
def reports(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for m in REVIEW.finditer(text):
        pos = m.end()
        # a run of report names separated by 、 和 及
        while True:
            rm = re.match(
                rf"(?:了)?(?:[省市县区]?(?:人民)?(?:政府|中级人民法院|人民法院|法院|人民检察院|检察院|监察委员会|监委)(?:关于)?|关于)?"
                rf"([{HAN}、（）0-9]{{2,40}}?报告)",
                text[pos:],
            )
            if not rm:
                break
            body = rm.group(1)
            offset = pos + rm.start(1)
            if body.startswith("意见") and m.group().endswith("审议") and offset == m.end():
                # 听取审议意见办理情况报告: 审议意见 is one term
                body = "审议" + body
                offset -= 2
            parts = re.split(r"、", body)
            for part in parts:
                if part.endswith("报告") and len(part) >= 4 and not part.startswith(("的", "关于")):
                    if part in ("工作报告", "专项工作报告", "专题报告", "报告"):
                        pass
                    else:
                        yield ctx.mention(offset, offset + len(part), "Report", part, "Report", "report.reviewed")
                offset += len(part) + 1
            pos += rm.end()
            nxt = re.match(r"[和及、]", text[pos:])
            if not nxt:
                cont = re.match(rf"，(?=[{HAN}]{{2,20}}?报告(?:[，。；、]|$))", text[pos:])
                if cont and not REVIEW.search(text[pos : pos + 22]):
                    pos += 1
                    continue
                break
            pos += 1
    doc = ctx.document
    if doc.title and "报告" in doc.title:
        for m in re.finditer(re.escape(doc.title), text):
            yield ctx.mention(m.start(), m.end(), "Report", doc.title, "WorkReport", "report.document")
        for m in re.finditer(r"(?<=作)(常务委员会工作报告|政府工作报告|人大常委会工作报告)", text):
            yield ctx.mention(m.start(), m.end(), "Report", doc.title, "WorkReport", "report.document-alias")


# --- running them -------------------------------------------------------


def sentence_mentions(ctx: Context) -> list[Mention]:
    """All recognizers on one sentence, overlaps settled."""
    found: list[tuple[int, Mention]] = []
    for priority, fn in RECOGNIZERS:
        for mention in fn(ctx):
            if mention.end > mention.start:
                found.append((priority, mention))
    return settle(found)


NESTABLE = {"Place", "Organization", "Regulation", "Project"}


def settle(found: list[tuple[int, Mention]]) -> list[Mention]:
    """Keep the best of overlapping mentions.

    Longer and higher-priority mentions win; a place or body inside a kept
    mention (衡阳县 in 衡阳县第六中学) is kept too, as a nested mention.
    """
    found.sort(key=lambda pm: (-(pm[1].end - pm[1].start), pm[0], pm[1].start))
    top: list[Mention] = []
    nested: list[Mention] = []
    seen = set()
    for _, m in found:
        key = (m.start, m.end, m.type)
        if key in seen:
            continue
        overlapping = [t for t in top if t.start < m.end and m.start < t.end]
        if not overlapping:
            top.append(m)
            seen.add(key)
            continue
        inside = all(t.start <= m.start and m.end <= t.end for t in overlapping)
        if inside and m.type in NESTABLE and m.rule != "place.deictic":
            # nesting must be proper: inside every nested mention it touches
            if any(n.start < m.end and m.start < n.end and not (n.start <= m.start and m.end <= n.end) for n in nested):
                continue
            if m.type == "Regulation" and m.note != "nested":
                continue
            nested.append(m)
            seen.add(key)
    return sorted(top + nested, key=lambda m: (m.start, m.end))


def find_mentions(doc: Document, locality: Optional[Locality] = None) -> list[Mention]:
    """Every mention in the document, in text order."""
    loc = locality or locality_of(doc.title, doc.meeting)
    out: list[Mention] = []
    for sentence in doc.sentences:
        ctx = Context(doc, loc, sentence, Segmentation(sentence.text))
        out.extend(sentence_mentions(ctx))
    return out

"""Named phrases: policies, campaigns, reforms and projects named by a
head noun (…行动, …改革, …铁路, …基地) without quotes or title marks.

The grammar, in the words of ``data/rules/``:

- a name ends with a head (``heads``), the longest one there; the head
  gives its type;
- it begins right after a verb that takes such a name as its object
  (``policy_verbs``, ``project_verbs``: 实施 | 提振消费专项行动), after
  punctuation, a conjunction or a list marker, and never runs across 、
  or a clause break; a quoted part (产业提质升级“1+9”行动) is inside it;
- adverbs it opens with are no part of it (``name_openers``), and the
  rest of the name before its head must say which one it is: long enough,
  not a kind (``generic_starts``: 重大改革, 相关政策) nor one plain word;
- with no verb before it, it must be the subject of what follows
  (``name_predicates``: …工程建成通车) or an item of a list;
- lists name one thing per item (``A、B、C等项目``); a shared head goes to
  each item (``九龙川、唐家河等煤矿``), the item as written is its alias.

>>> from kg.ingest import document_from_text
>>> from kg.extract.pipeline import find_mentions
>>> doc = document_from_text("r.txt", "深入实施提振消费专项行动，加快九龙川、唐家河等煤矿建设。")
>>> [(m.type, m.name) for m in find_mentions(doc) if m.rule.startswith(("policy.", "project."))]
[('Policy', '提振消费专项行动'), ('Project', '九龙川煤矿'), ('Project', '唐家河煤矿')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from kg.extract.recognizers.base import HAN, Context
from kg.extract.recognizers.grammar import past_newly
from kg.extract.segment import cut
from kg.extract.words import PROPER_TAGS, is_common_word, is_ordinary_word, word_tags
from kg.knowledge.base import per_knowledge
from kg.knowledge.gazetteer import gazetteer
from kg.knowledge.lexicon import laws
from kg.knowledge.rules import alternation, table, words

MAX_NAME = 24
VERB_TAGS = ("v", "vd", "vi", "ad", "d")
BRACKET_AFTER = re.compile(rf"（[{HAN}]{{2,6}}）")
COUNT = re.compile(r"[\d一二三四五六七八九十两]+[个项条座处家批大]")
COUNTED = re.compile(
    r"^[\d.一二三四五六七八九十百千万两]+[万亿千百]?(?:[个项家座条处批所大]|小时|分钟|公里|大类)"
)
# what a name never runs across, on its left
BREAKS = set("，。；：、！？“《》（）()「」『』 \t") | set("的了是在和与及或并对把被将从向由为以等")
CONJUNCTIONS = "和与及"


@dataclass(frozen=True)
class Head:
    word: str
    type: str
    subclass: str
    min_modifier: int
    shared: bool = False
    """Whether the items of a list may share it (九龙川、唐家河等煤矿)."""
    proper: bool = False
    """Whether what it ends must hold a proper name or a figure (…调水项目)."""
    strong: bool = False
    """Whether it makes a name of what it ends with no verb before it."""
    industry: bool = False
    """Whether the items of a list sharing it may be ordinary words: they
    name industries (竹木、茶叶、中药材等产业链)."""
    counted: bool = False
    """Whether it names one document only when counted (稳经济30项举措)."""


@per_knowledge
def heads() -> dict[str, Head]:
    out = {}
    for word, payload in table("heads").items():
        type_, subclass, least, *flags = payload.split()
        out[word] = Head(
            word, type_, subclass, int(least), shared="shared" in flags, strong="strong" in flags, proper="proper" in flags,
            industry="industry" in flags, counted="counted" in flags,
        )
    return out


@per_knowledge
def _patterns() -> dict[str, re.Pattern]:
    return {
        "head": re.compile(alternation("heads")),
        "Policy": re.compile("(?:" + alternation("policy_verbs") + ")$"),
        "Project": re.compile("(?:" + alternation("project_verbs") + ")$"),
        "Regulation": re.compile("(?:" + alternation("regulation_verbs") + ")$"),
        "Meeting": re.compile("(?:" + alternation("meeting_verbs") + ")$"),
        "opener": re.compile("(?:" + alternation("name_openers") + ")+"),
        "generic": re.compile("^(?:" + alternation("generic_starts") + ")+"),
        "predicate": re.compile("(?:" + alternation("predicate_openers") + ")?" + alternation("name_predicates")),
        "inner_predicate": re.compile(alternation("linking_verbs")),
        "meeting_follower": re.compile(alternation("meeting_followers")),
        "first_of_kind": re.compile(alternation("first_of_kind")),
        "any_verb": re.compile("(?:" + alternation("project_verbs") + ")"),
        "any_verb_start": re.compile(
            "(?:" + "|".join(alternation(n) for n in ("project_verbs", "policy_verbs", "regulation_verbs", "meeting_verbs")) + ")+"
        ),
        "generic_end": re.compile("(?:重点|重大|优质|标志性)$"),
        "body": re.compile("(?:" + alternation("body_suffixes") + ")$"),
        "list_tail": re.compile(r"(?:等|(?=[\d一二三四五六七八九十两]+[个项条座处家批大]))(?:[一二三四五六七八九十两\d]+[个项条座处家批大])?(?P<what>[" + HAN + r"]{0,8})"),
        "list_word": re.compile(rf"^[{HAN}]{{0,6}}?" + alternation("list_words")),
    }


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    head: Head
    by_verb: bool
    """Whether a verb that takes such a name stands right before it."""


@per_knowledge
def _head_endings() -> tuple[frozenset[str], int]:
    """The characters a head can end with, and the longest head's length."""
    return frozenset(w[-1] for w in heads()), max(len(w) for w in heads())


def head_at(text: str, end: int) -> Optional[Head]:
    """The longest head ending at ``end``."""
    last, longest = _head_endings()
    if end <= 0 or text[end - 1] not in last:
        return None
    table_ = heads()
    for k in range(min(longest, end), 0, -1):
        h = table_.get(text[end - k : end])
        if h:
            return h
    return None


def name_start(text: str, head_start: int, head: Head) -> tuple[int, bool]:
    """Where a name whose head begins at ``head_start`` begins, and whether
    a verb that takes it as object stands right before it."""
    verb = _patterns().get(head.type)
    lo = max(0, head_start - MAX_NAME)
    i = head_start
    while i > lo:
        ch = text[i - 1]
        if ch == "”":  # a quoted part of the name: jump over it
            k = text.rfind("“", lo, i - 1)
            if k < 0:
                return i, False
            i = k
            continue
        if ch == "）":  # a bracketed part inside the name: 上海（长三角）
            k = text.rfind("（", lo, i - 1)
            if k <= 0 or i - k > 10 or not text[k - 1].isalnum():
                return i, False
            i = k
            continue
        if ch in CONJUNCTIONS and head.type in ("Project", "Regulation") and not head_at(text, i - 1) and text[i - 2 : i - 1] != "”" \
                and head_start - i >= 2 and not _names_own(text, i, head_start) and not _law_ends(text, i - 1):
            pass  # 有色金属及新型合金产业链: a conjunction inside a project's name (not 创新链和产业链, …综合治理和二道河水库)
        elif ch == "暨" and text.endswith("全会", 0, i - 1):
            return i, False  # 十一届十一次全会暨全区经济工作会议: two meetings held together
        elif ch == "的" and head.type == "Regulation":
            pass  # 关于…的意见, 促进民间投资发展的若干措施
        elif ch in CONJUNCTIONS and _place_ends(text, i):
            pass  # 投运共和机场: the 和 ends a place's name, no conjunction
        elif ch in CONJUNCTIONS and head_start - i >= 2 and _coordinated(text, i - 1, head):
            return i, True  # 落实乡村振兴促进法和|省乡村振兴促进条例: a name joined to one before it shares its verb
        elif ch in BREAKS or not (ch.isalnum() or ch in "+·-.（）—"):
            return i, False
        if verb is not None and head_start - i >= 2 and verb.search(text, max(0, i - 6), i):
            # 落实好|深化水价机制改革意见: the 好 that completes the verb opens no name
            return (i + 1 if text[i] == "好" and head_start - i > 3 else i), True
        i -= 1
    return i, False


def _coordinated(text: str, end: int, head: Head) -> bool:
    """Whether a name of the same type ends at ``end``, before a conjunction:
    a national law's title before a regulation, a head of the same type
    before any other name."""
    if head.type == "Regulation":
        return _law_ends(text, end)  # (a plan and its outline, 规划和…纲要, are one document's title)
    before = head_at(text, end)
    return before is not None and before.type == head.type


def clause_verb_in(modifier: str, clause_verbs: frozenset) -> bool:
    """Whether a verb of a clause stands in ``modifier`` as a word, after a
    subject word of two characters or more when it is a single character
    (人大|有|行动; not 靖会灌区 or 赋能, where jieba cut 会 and 能 off)."""
    before = ""
    for token in cut(modifier):
        if token in clause_verbs and (len(token) > 1 or len(before) >= 2):
            return True
        before = token
    return False


def _place_ends(text: str, end: int) -> bool:
    """Whether a division's name (full or short) ends at ``end`` (共和 of 共和县)."""
    g = gazetteer()
    return any(j == end for k in range(max(0, end - 4), end - 1) for j, _, _ in g.names_at(text, k, end))


def _law_ends(text: str, end: int) -> bool:
    """Whether a national law's title ends at ``end`` (民营经济促进法|和…)."""
    table = laws()
    return any(text[k:end] in table for k in range(max(0, end - 20), end - 1))


def _names_own(text: str, i: int, head_start: int) -> bool:
    """Whether what follows a conjunction opens a name of its own: a figure
    or a place (…一体化和2万吨高质碳酸锂项目, …与贵阳国际陆港)."""
    return text[i : i + 1].isdigit() or bool(gazetteer().names_at(text, i, head_start))


def after_leading_verb(ctx: Context, start: int, end: int) -> int:
    """Past a verb a phrase opens with when a place or a proper name comes
    right after it (提速|聊城机场前期工作, 做强|济南、青岛…): any verb,
    not only those the lists know, for the name after it is sure."""
    text = ctx.sentence.text
    tags = word_tags()
    if not any(tags.get(text[start : start + k]) in VERB_TAGS for k in (2, 3, 4)):
        return start  # no verb can open here: spare the segmentation
    pos = start
    # a run of verbs (持续|释放|郑州中欧班列): past them all
    for tok in ctx.seg.tokens_from(start):
        if tok.start < pos:
            continue
        if tok.start != pos or tok.end >= end - 1 or len(tok.text) < 2 or tags.get(tok.text) not in VERB_TAGS:
            break
        pos = tok.end
    if pos == start:
        return start
    nxt = ctx.seg.token_at(pos)
    if nxt is not None and (gazetteer().names_at(text, pos, end) or word_tags().get(nxt.text) in (None,) + PROPER_TAGS):
        return pos
    return start


def opens_with_verb(ctx: Context, start: int, end: int) -> int:
    """Where text[start:end] goes on after the verb or adverb of two
    characters or more it opens with (新增, 打好, 严格; 新 before one:
    新认定), or 0 when it opens with none."""
    text = ctx.sentence.text
    tags = word_tags()
    pos = start + 1 if text[start : start + 1] == "新" and not ctx.seg.token_at(start) else start
    tok = ctx.seg.token_at(pos) or ctx.seg.token_at(start)
    if tok is None or tok.end >= end:
        return 0
    w = text[tok.start : tok.end]
    return tok.end if len(w) >= 2 and (tags.get(w) in VERB_TAGS or _patterns()["any_verb_start"].fullmatch(w)) else 0


def _implementing_measures(text: str, start: int, end: int) -> int:
    """自治区实施民营经济促进法办法: a local body's measures implementing a
    national law are named from the place on, 实施 inside the name."""
    if not text.endswith("实施", 0, start) or not laws_ending(text, start, end):
        return start
    verb = start - 2
    g = gazetteer()
    for k in range(min(10, verb), 0, -1):
        place = text[verb - k : verb]
        if place in ("自治区", "省", "市", "县", "区", "州") or g.by_name.get(place):
            return verb - k
    return start


def laws_ending(text: str, start: int, end: int) -> bool:
    """Whether a national law's title ends inside text[start:end]."""
    table = laws()
    return any(text[i:j] in table for j in range(start + 2, end) for i in range(max(start, j - 20), j - 1))


def linked_start(text: str, start: int, end: int, head: Head) -> int:
    """Where a phrase begins after a verb linking it to another name inside
    it (…工程纳入南水北调西线一期, 永定河入选全国母亲河复苏行动), or ``start``."""
    for pm in _patterns()["inner_predicate"].finditer(text, start, end - len(head.word)):
        if pm.end() - start >= 2:
            start = pm.end()
    return start


def past_openers(text: str, start: int, end: int, anywhere: bool) -> int:
    """Where a name begins past the adverbs it opens with (name_openers):
    anywhere for a project's or body's name (力争|渝昆高铁); a title keeps
    them but at a sentence's start (进一步深化…方案 is one title)."""
    if start and not anywhere:
        return start
    opener = _patterns()["opener"].match(text, start, end)
    return opener.end() if opener else start


def conjunction_start(text: str, k: int) -> int:
    """Where the conjunction ending at ``k`` begins (以及 one before 及)."""
    return k - 1 if text.startswith("以及", k - 1) else k


def _clean(text: str, start: int, end: int, head: Head) -> Optional[int]:
    """The start of the name proper in text[start:end], or None when it
    names no one thing."""
    p = _patterns()
    start = past_openers(text, start, end - len(head.word), anywhere=head.type == "Project")
    if head.type == "Project":
        start = past_newly(text, start, end)
    # a description before the name ends in a strong head of its own:
    # 亚洲最大专业货运机场|花湖国际机场
    for e in range(end - len(head.word) - 2, start + 1, -1):
        inner = head_at(text, e)
        if inner is not None and inner.strong and inner.type == head.type and end - e >= len(head.word) + 2:
            start = e
            break
    name = text[start:end]
    modifier = name[: -len(head.word)]
    if re.fullmatch(r"(?:“[^“”]+”)+", modifier):
        return None  # quoted slogans with their head: the quoted recognizer's
    clause_verbs = words("clause_verbs")
    if (COUNTED.match(modifier) and head.type != "Regulation") or (
        any(v in modifier for v in clause_verbs) and clause_verb_in(modifier, clause_verbs)
    ):
        return None  # 35个代表扶贫工作基地: a count of things (but 30条…措施 is one document)
    counted_measures = head.type == "Regulation" and re.search(r"\d+[条项]", modifier)
    if head.counted and not counted_measures:
        return None  # measures are a document when they are counted: 稳经济30项举措
    if "的" in modifier and "“" not in modifier and head.type != "Regulation":
        return None
    if head.type == "Regulation" and modifier.endswith("的") and not name.startswith("关于") and "若干" not in head.word:
        return None  # 对地方性法规的意见: opinions on something, not a document's title
    generic = p["generic"].match(modifier)
    core = modifier[generic.end() :] if generic else modifier
    core_plain = core.replace("“", "").replace("”", "")
    if len(core_plain) < head.min_modifier and "“" not in core:
        return None
    if head.type == "Policy" and len(core_plain) <= 2 and is_common_word(core_plain):
        return None  # 投资政策, 国企改革: a kind of policy
    if re.fullmatch(rf"[{HAN}]{{2}}", core_plain) and is_common_word(core_plain + head.word[:1]):
        return None
    if core.count("“") != core.count("”"):
        return None
    if head.proper and not looks_proper(core):
        return None  # 环境综合治理项目: a kind of project
    if p["first_of_kind"].match(name) or re.match(r"\d{4}年", name):
        return None  # 全国首条第七航权航线: a description
    if p["generic_end"].search(modifier) and not counted_measures:
        return None  # 补链强链重点项目: the kind, after the name (but 21项重点举措 is one document)
    return start


def phrases(ctx: Context) -> Iterator[Phrase]:
    """Every named phrase in the sentence, as (start, end, head)."""
    text = ctx.sentence.text
    p = _patterns()
    for m in p["head"].finditer(text):
        end = m.end()
        head = head_at(text, end)
        if head is None or head.type == "None":
            continue
        # a longer head may go on from here (制度 → 制度改革)
        nxt = p["head"].match(text, end)
        if nxt and head_at(text, nxt.end()) and head_at(text, nxt.end()).type == head.type:
            continue
        found, by_verb = name_start(text, end - len(head.word), head)
        if head.type == "Regulation":
            found = _implementing_measures(text, found, end)
        linked = linked_start(text, found, end, head)
        start = _clean(text, linked, end, head)
        if not by_verb:
            past = after_leading_verb(ctx, found, end)
            if past > found:
                by_verb, found = True, past
                linked = linked_start(text, found, end, head)
                start = _clean(text, linked, end, head)
        known = is_ordinary_word if head.type == "Project" else is_common_word  # 京广铁路 (ns) names a project
        if start is None or known(text[start:end]) or gazetteer().lookup(text[start:end]):
            continue  # 社区卫生服务中心: a kind the dictionary knows
        if not ctx.seg.is_end(end):
            continue  # the head goes on into another word (港口, 平台经济)
        bracket = BRACKET_AFTER.match(text, end)
        if bracket and head.type == "Project":
            end = bracket.end()  # 中欧班列（成渝）: the line's route in brackets is part of its name
        yield Phrase(start, end, head, by_verb or linked != found)


def looks_proper(item: str) -> bool:
    """Whether a phrase with no head of its own names one thing: it has a
    figure or a Latin letter in it (8英寸碳化硅晶圆), or a word no
    dictionary knows, or a place or proper name (安意法, 浪潮), rather than
    ordinary words only (生物制造, 氢能装备).

    >>> looks_proper("生物制造"), looks_proper("安意法8英寸碳化硅晶圆")
    (False, True)
    """
    if re.search(r"[0-9A-Za-z]", item):
        return True
    for token in cut(item):
        tag = word_tags().get(token)
        if len(token) >= 2 and (tag is None or tag in PROPER_TAGS):
            return True
    return False

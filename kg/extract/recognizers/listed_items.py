"""Items of lists whose type their head or their 等 word gives: 燕莎桥等251座桥,
九龙川、唐家河等煤矿 (the head shared, each item its alias), 济南、青岛、济宁机器人产业基地
(the last item's words shared), X、Y等项目 (any item a project).
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from kg.extract.recognizers.base import Context
from kg.extract.recognizers.grammar import holds_verb, leading_place
from kg.extract.recognizers.phrases import (
    CONJUNCTIONS,
    COUNT,
    Head,
    _clean,
    _patterns,
    after_leading_verb,
    conjunction_start,
    head_at,
    heads,
    looks_proper,
    name_start,
    past_openers,
)
from kg.extract.segment import cut
from kg.extract.words import is_ordinary_word, is_verb, word_tags
from kg.knowledge.base import per_knowledge
from kg.knowledge.gazetteer import gazetteer
from kg.knowledge.rules import alternation
from kg.model import Mention

CONJUNCTION_WORDS = set(CONJUNCTIONS) | {"以及"}
# a count or a length an item holds (里程639公里, 100座黄浦江): a figure, no name
MEASURE = re.compile(r"[\d.]+[万亿千百]?(?:[个项家座条处批所]|公里|千米)")


# any character a list item may hold but 等 (U+7B49), which ends the list
ITEM_CHAR = r"[\u4e00-\u7b48\u7b4a-\u9fffA-Za-z0-9·（）“”+\-—]"
# items separated by 、, or one item before 等 and a count (燕莎桥等251座桥)
LIST = re.compile(rf"(?:{ITEM_CHAR}{{2,24}}、)+{ITEM_CHAR}{{2,24}}|{ITEM_CHAR}{{2,24}}(?=等[\d一二三四五六七八九十]+[个项条座处家批])")


def list_items(ctx: Context) -> Iterator[Mention]:
    """Items of a list whose type its head or its 等 word gives."""
    text = ctx.sentence.text
    if "、" not in text and "等" not in text and not COUNT.search(text):
        return
    p = _patterns()
    for m in LIST.finditer(text):
        items = _split_items(text, m.start(), m.end())
        items[-1] = (items[-1][0], _last_item_end(text, *items[-1]))
        list_end = items[-1][1]
        after = text[list_end:]
        tail = p["list_tail"].match(after)
        shared: Optional[Head] = None
        generic_tail = False
        if tail and after.startswith("等") and word_tags().get(cut(after[1:5])[0], "").startswith("u"):
            continue  # 海东、海西等地|零碳园区: the items are places, no head is shared
        if tail:
            shared = _shared_head(tail.group("what"))
            generic_tail = shared is None and _generic_list_word(tail.group("what"))
        else:
            # the last item carries the head all items share: 济南、青岛、枣庄算力枢纽
            shared = head_at(text, items[-1][1])
            if shared is None or shared.type == "None":
                continue
            if _clean(text, items[-1][0], items[-1][1], shared) is None:
                continue  # …、产业链招商: the last item names nothing to share
        # the first item begins after the verb before the list
        first_start, first_end = items[0]
        head_first = head_at(text, first_end)
        probe = head_first if head_first and head_first.type != "None" else shared
        if probe is None:
            probe = heads()["项目"]
        start, by_verb = name_start(text, first_end - (len(head_first.word) if head_first else 0), probe)
        if not by_verb:
            past = after_leading_verb(ctx, start, first_end)
            by_verb, start = past > start, past
        strong = all(h is not None and h.strong for h in (head_at(text, j) for _, j in items))
        if not (tail or by_verb or strong or p["predicate"].match(after)):
            continue
        start = past_openers(text, start, first_end, anywhere=probe.type == "Project")  # 力争|鄱阳湖水利枢纽工程、…
        word = next(ctx.seg.tokens_from(start), None)
        if word is not None and word.start < start < word.end < first_end - 1:
            # an item begins at a word: a verb cut in two (续|建成|都至自贡) leaves
            # it the word, a break inside one (紧密对|接北京重点产业) the next
            start = word.start if by_verb else word.end
        if start >= first_end - 1:
            continue
        items[0] = (start, first_end)
        items = [(i + 1, j) if text[i] in CONJUNCTIONS and j - i > 2 else (i, j) for i, j in items]
        yield from _list_mentions(ctx, items, shared, tail is not None, generic_tail, tail.group("what") if tail else "")


def _last_item_end(text: str, start: int, end: int) -> int:
    """Where a list's last item ends: before 等 or a count (…现代商贸|3个…),
    else after its last head (京唐城际铁路、承平高速|全线通车,
    …济宁机器人产业基地|建设)."""
    if text.startswith("等", end):
        return end
    count = COUNT.search(text, start + 2, end)
    if count:
        return count.start()
    last = end
    for e in range(start + 2, end + 1):
        h = head_at(text, e)
        if h is not None and h.type != "None":
            last = e
    return last


def _shared_part(ctx: Context, items: list[tuple[int, int]], shared: Head) -> Optional[str]:
    """What the items of 济南、青岛、济宁机器人产业基地 share: the last item
    without the part that answers to an item (a place like the others, or
    as many characters as each of them has); None where places are the
    subjects of a verb the last item holds; "" where the last item is a
    clause whose head no other item shares."""
    text = ctx.sentence.text
    first, last = items[:-1], items[-1]
    g = gazetteer()
    if all(g.lookup(text[i:j]) for i, j in first):
        names = g.names_at(text, last[0], last[1])
        if names:
            part = text[names[0][0] : last[1]]
            # 支持武汉、宜昌、鄂州建设国家物流枢纽: places that build, no names
            return None if holds_verb(part[: -len(shared.word)]) or _conjunction_at(part) else part
    lengths = {j - i for i, j in first}
    if len(lengths) == 1:
        k = _word_edge_near(text[last[0] : last[1]], lengths.pop())
        part = text[last[0] + k : last[1]]
        if 0 < k and len(part) >= len(shared.word) and part[0] not in CONJUNCTIONS and not holds_verb(part[: -len(shared.word)]):
            return part
    # 文昌、…、陵水打造重要节点: the last item is a clause, its head no one's
    return "" if holds_verb(text[last[0] : last[1] - len(shared.word)]) else shared.word


def _word_ends(text: str) -> list[int]:
    """Where each of jieba's words of ``text`` ends, the last at len(text)."""
    ends, pos = [], 0
    for token in cut(text):
        pos += len(token)
        ends.append(pos)
    return ends


def _word_edge_near(item: str, k: int) -> int:
    """The end of a word of ``item`` nearest to its k-th character, the
    later one of two as near (长江、大运河国家文化公园: 大运河|国家文化公园,
    not 大运|河国家文化公园); 0 when the item is one word."""
    edges = _word_ends(item)[:-1]
    return min(edges, key=lambda e: (abs(e - k), -e)) if edges else 0


def _ends_in_act(item: str) -> bool:
    """Whether an item ends with a verb or an act (…强省建设): it
    names work to do, not a thing the list's head can end."""
    tokens = cut(item)
    last = tokens[-1] if tokens else ""
    # a place jieba takes for a verb (成都至|自贡) ends no act
    return len(last) >= 2 and is_verb(last) and not gazetteer().lookup(last)


def _verb_length(item: str) -> int:
    """The length of the verb of two characters or more an item opens
    with, when two characters or more are left after it (else 0)."""
    tokens = cut(item)
    first = tokens[0] if tokens else ""
    return len(first) if len(first) >= 2 and is_verb(first) and len(item) - len(first) >= 2 else 0


def _function_word(stem: str) -> bool:
    """Whether ``stem`` is one word jieba tags a pronoun, a conjunction,
    a preposition or a particle (其中, 以及)."""
    return word_tags().get(stem, "")[:1] in ("r", "c", "p", "u")


def _holds_head(text: str, i: int, j: int) -> bool:
    """Whether a project's head stands inside [i, j) (宁洛高速公路|改扩建)."""
    return any((h := head_at(text, e)) is not None and h.type == "Project" and h.strong for e in range(i + 3, j))


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a list: between 、, and an item split at 和/与/及 where
    what comes before ends with a head (十一次全会和省委经济工作会议)."""
    out, pos = [], start
    for part in text[start:end].split("、"):
        a, b = pos, pos + len(part)
        for k in range(a + 2, b - 2):
            cut_at = conjunction_start(text, k)  # …电厂三期|以及|在建…
            h = head_at(text, cut_at) if text[k] in CONJUNCTIONS else None
            if h is not None and h.type != "None":
                out.append((a, cut_at))
                a = k + 1
                break
        out.append((a, b))
        pos += len(part) + 1
    return out


@per_knowledge
def _shared_head(word: str) -> Optional[Head]:
    """The head a 等 word gives every item (等煤矿 → 煤矿), if it names one."""
    found = _shared_words(word)
    return found[0] if found else None


@per_knowledge
def _shared_words(word: str) -> Optional[tuple[Head, str]]:
    """The head a 等 word or a count gives every item, and the words the
    items share with it: 4大机器人产业基地 → 机器人产业基地, a rank before
    them left out (千亿级产业集群 → 产业集群)."""
    rank = re.match("(?:" + alternation("rank_words") + ")+", word)
    word = word[rank.end() :] if rank else word
    generic = _patterns()["generic"].match(word)
    word = word[generic.end() :] if generic else word  # 等重点产业链: the kind, not the name
    ends = set(_word_ends(word))
    joined = _conjunction_at(word)
    for end in range(joined or len(word), 0, -1):  # 等水电站|和抽水蓄能项目: the first kind
        if end not in ends:
            continue  # 等人民团体桥梁…: no head inside a word (桥|梁)
        for start in range(0, end):
            h = heads().get(word[start:end])
            if h and h.type != "None" and not _generic_list_word(word[start:end]):
                return h, word[:end]
    return None


def _conjunction_at(words_: str) -> int:
    """Where the first conjunction jieba cuts as a word of its own
    begins in ``words_`` (水电站|和抽水蓄能), 0 if none."""
    pos = 0
    for token in cut(words_):
        if pos and token in CONJUNCTION_WORDS:
            return pos
        pos += len(token)
    return 0


def _generic_list_word(word: str) -> bool:
    """Whether a 等 word says the items are projects (等重点项目, 等建设)."""
    return bool(_patterns()["list_word"].match(word))


def _list_mentions(
    ctx: Context, items: list[tuple[int, int]], shared: Optional[Head], with_tail: bool, project_tail: bool, tail_words: str = ""
) -> Iterator[Mention]:
    text = ctx.sentence.text
    own_heads = [head_at(text, j) for _, j in items]
    short = all(j - i <= 8 for (i, j), own in zip(items, own_heads) if own is None)
    shared_text = shared.word if shared else ""
    if shared is not None and not with_tail:
        shared_text = _shared_part(ctx, items, shared)
        if shared_text is None:
            return
        if not shared_text:
            shared = None
        if any(_ends_in_act(text[i:j]) for i, j in items[:-1]):
            shared = None  # 高标准农田建设、…、大中型灌区现代化改造: works listed, no head shared
    elif shared is not None and tail_words:
        shared_text = (_shared_words(tail_words) or (shared, shared.word))[1]
    verbs = _patterns()["any_verb_start"]
    for n, ((i, j), own) in enumerate(zip(items, own_heads)):
        lead = verbs.match(text, i, j)
        kind = own or shared
        if lead and j - lead.end() >= 2 and (n or (kind is not None and kind.type == "Project")):
            i = lead.end()  # 、做大做强有色金属…产业链, 深化|落实国家医学中心: an item opening with its own verb
        elif n == 0 and shared is not None and shared.industry:
            i += _verb_length(text[i:j])  # 延伸|茶叶、中药材等产业链: an industry is no verb
        inner_verb = None
        for vm in _patterns()["any_verb"].finditer(text, i + 1, j):
            if ctx.seg.is_start(vm.start()):  # not 续|建成|都: a verb is a word
                inner_verb = vm
        if inner_verb is not None and j - inner_verb.end() >= 3:
            i = inner_verb.end()  # 、鄂州建设国家物流枢纽: the item's name is its verb's object
        item = text[i:j]
        if item.startswith("“") and item.endswith("”"):
            continue  # quoted items are the quoted-slogan recognizer's
        if _patterns()["body"].search(item):
            continue  # a body listed among projects (…医院、…校区等项目) is a body
        if own is not None:
            if _clean(text, i, j, own) is None or _function_word(text[i : j - len(own.word)]):
                continue  # 其中|高铁: a pronoun or a conjunction is no name's stem
            yield ctx.mention(i, j, own.type, item, own.subclass, own.type.lower() + ".listed")
            if own.type == "Project":
                yield from leading_place(ctx, i, j)
        elif shared is not None and shared.shared and short and len(item) >= 2 and (shared.industry or not is_ordinary_word(item)) \
                and not _ends_in_act(item) and not _holds_head(text, i, j) and not MEASURE.search(item):
            # the head is shared: 九龙川、唐家河等煤矿 → 九龙川煤矿
            rule = shared.type.lower() + ".elliptical"
            yield ctx.mention(i, j, shared.type, item + shared_text, shared.subclass, rule)
            if shared.type == "Project":
                yield from leading_place(ctx, i, j)
        elif project_tail and 3 <= len(item) <= 16 and (looks_proper(item) or _holds_head(text, i, j)) \
                and not gazetteer().lookup(item):  # 乌鲁木齐、伊宁等城市建设: places listed are places
            # X、Y等项目: an item is a project whatever its last word
            yield ctx.mention(i, j, "Project", item, "Project", "project.listed")
            yield from leading_place(ctx, i, j)

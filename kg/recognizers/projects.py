"""Projects: constructions, facilities and platforms by their heads, in lists and as subjects of completion verbs.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import is_common_word, is_function_word, word_tags
from ..model import Mention
from .base import HAN, Context, Guarded, recognizer
from .grammar import (
    leading_place,
    left_edge,
)

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


@recognizer("projects", 60, ("Project", "Place",))
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
        start = left_edge(ctx, m.start())
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



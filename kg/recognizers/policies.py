"""Policies: quoted slogans with their head noun, named systems and strategies.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import is_common_word
from ..model import Mention
from .base import CN_NUM, HAN, Context, recognizer

# --- policies and projects -------------------------------------------------

QUOTED = re.compile(r"“([^“”，。；]{2,24})”")
STRONG_HEADS = "战略|改革|规划|行动计划|行动|工程|政策|制度|主题教育|攻坚战|三年行动|试点|机制|体系|模式|新模式|理念|精神|普法"
PROJECT_WORDS = re.compile(r"(路|桥|中心|园|馆|广场|平台|基地|走廊|通道|港|站|机场|铁路|高速|大道|隧道|产业链|项目|示范工程|系统|工程|院|河)$")
NUMBERED_SLOGAN = re.compile(r"^[一二三四五六七八九十两\d]+个")
MEETING_WORDS = re.compile(r"(大会|峰会|论坛|博览会|展览会|交易会|洽谈会|推介会|圆桌会|年会|音乐会|运动会|联赛|节|赛)$")


@recognizer("quoted", 50, ("Policy", "Project", "Meeting",))
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


@recognizer("named-policies", 55, ("Policy",))
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



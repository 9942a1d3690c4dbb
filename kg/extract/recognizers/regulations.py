"""Regulations: titles in 《》, national laws named bare, plans and measures named without 《》.
"""

from __future__ import annotations

import re
from typing import Iterator

from kg.extract.recognizers.base import HAN, Context, recognizer
from kg.knowledge.gazetteer import gazetteer
from kg.knowledge.lexicon import laws, party_regulations
from kg.model import Mention

LAW_CANDIDATE = re.compile(rf"(?:中华人民共和国)?[{HAN}]{{1,20}}?法(?![律规典院官])")


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
_LONGEST_FIRST = tuple(sorted(REG_CLASSES, key=lambda sc: -len(sc[0])))  # 办法 is no 法
DOCUMENT_TITLE = re.compile(
    r"(法|条例|规定|办法|细则|规则|决议|决定|意见|方案|规划|计划|纲要|议案|建议|倡议书|通知|公约|标准|清单|措施|制度|章程|规范|准则|"
    r"指引|目录|守则|要点|通告|公告|批复|指南|协定|协议|宣言|声明|条约)(（[^（）]*）)?$"
)
PUBLICATION_AFTER = re.compile(r"^(杂志|期刊|报|日报|周刊|月刊|丛书|栏目|节目|专栏|一书|读本|画册|文集|选编|电视剧|电影|纪录片)")


def regulation_class(name: str) -> str:
    if laws().get(name) or (name.startswith("中华人民共和国") and name.endswith("法")):
        return "Law"
    for suffix, cls in _LONGEST_FIRST:
        if name.endswith(suffix):
            if cls == "LocalRegulation" and not _has_place_prefix(name):
                return "AdministrativeRegulation"
            return cls
    return "NormativeDocument"


def _has_place_prefix(name: str) -> bool:
    g = gazetteer()
    return any(name.startswith(n) for n in (name[:k] for k in range(2, min(len(name), g.max_name) + 1)) if n in g.by_name)


@recognizer("book-titles", ("Regulation", "Report",))
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
            yield ctx.mention(m.start(), m.end(), "Regulation", name, regulation_class(name), "title.document")
        for inner_m in INNER_TITLE.finditer(inner):
            i = m.start(1) + inner_m.start()
            j = m.start(1) + inner_m.end()
            sub = inner_m.group(1)
            yield ctx.mention(i, j, "Regulation", sub, regulation_class(sub), "title.inner", note="nested")


LAW_NAME = re.compile(rf"(?:中华人民共和国)?[{HAN}]{{1,18}}法")


@recognizer("bare-laws", ("Regulation",))
def bare_laws(ctx: Context) -> Iterator[Mention]:
    """National laws written without 《》: 野生动物保护法执法检查."""
    text = ctx.sentence.text
    table = laws()
    for m in LAW_CANDIDATE.finditer(text):
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
    # the Party centre's regulations by their short names (贯彻中央八项规定精神): they nest in a campaign's name
    for form, name in party_regulations().items():
        for m in re.finditer(re.escape(form), text):
            yield ctx.mention(m.start(), m.end(), "Regulation", name, "NormativeDocument", "law.party", note="nested")

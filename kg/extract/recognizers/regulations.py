"""Regulations: titles in 《》, national laws named bare, plans and measures named without 《》.
"""

from __future__ import annotations

import re
from typing import Iterator

from kg.extract.recognizers.base import HAN, Context, recognizer
from kg.knowledge.base import per_knowledge
from kg.knowledge.gazetteer import gazetteer
from kg.knowledge.lexicon import laws, party_regulations
from kg.knowledge.rules import alternation, table
from kg.model import Mention

LAW_CANDIDATE = re.compile(rf"(?:中华人民共和国)?[{HAN}]{{1,20}}?法(?![律规典院官])")


# --- book titles and regulations ------------------------------------------

TITLE = re.compile(r"《([^《》]{2,120})》")
INNER_TITLE = re.compile(r"〈([^〈〉]{2,80})〉")


@per_knowledge
def _document_kinds() -> tuple[tuple[str, str], ...]:
    """(last word, class) of documents' titles (data/rules/document_kinds.txt,
    document_titles.txt), the longest first: 办法 is no 法."""
    found = {**table("document_kinds"), **table("document_titles")}
    return tuple(sorted(found.items(), key=lambda wc: (-len(wc[0]), wc[0])))


@per_knowledge
def _document_title() -> re.Pattern:
    """A title that ends as a document's does, a note in （） aside."""
    return re.compile("(?:" + "|".join(re.escape(w) for w, _ in _document_kinds()) + r")(（[^（）]*）)?$")


@per_knowledge
def _publication_after() -> re.Pattern:
    """The kind of publication written right after a title (《求是》杂志)."""
    return re.compile(alternation("publication_kinds"))


def regulation_class(name: str) -> str:
    if laws().get(name) or (name.startswith("中华人民共和国") and name.endswith("法")):
        return "Law"
    for suffix, cls in _document_kinds():
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
        if _publication_after().match(text, m.end()):
            continue
        name = INNER_TITLE.sub(lambda x: x.group(1), inner).strip()
        if inner.endswith("报告"):
            yield ctx.mention(m.start(), m.end(), "Report", name, "Report", "title.report")
            continue
        if laws().get(name):
            yield ctx.mention(m.start(), m.end(), "Regulation", laws()[name], "Law", "title.law")
        elif not _document_title().search(name):
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

"""Reports: the reports a body heard or deliberated, and the document's own work report.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Iterator

from kg.extract.recognizers.base import HAN, Context, recognizer
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import alternation
from kg.model import Mention

DELIVERED = re.compile(r"(?<=作)(常务委员会工作报告|政府工作报告|人大常委会工作报告)")


# --- reports ------------------------------------------------------------



@per_knowledge
def _vocab() -> SimpleNamespace:
    """The patterns this module builds from the active knowledge's word lists."""
    review = re.compile(alternation("review_verbs"))
    return SimpleNamespace(REVIEW=review)


@recognizer("reports", ("Report",))
def reports(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for m in _vocab().REVIEW.finditer(text):
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
                if cont and not _vocab().REVIEW.search(text[pos : pos + 22]):
                    pos += 1
                    continue
                break
            pos += 1
    yield from work_report(ctx)


def work_report_name(doc, locality) -> tuple[str, str]:
    """(canonical name, scope) of the report the document is: a
    government's 2026年北京市政府工作报告, a standing committee's
    株洲市人民代表大会常务委员会工作报告 (whose year goes in its scope);
    ('', '') for a text with no header.
    """
    if not (doc.titles or doc.meeting):
        return "", ""
    place = locality.own.name if locality.own else ""
    year = str(doc.year) if doc.year else ""
    if place and doc.kind == "government":
        return (f"{year}年" if year else "") + place + "政府工作报告", ""
    if place and doc.kind == "congress":
        return place + "人民代表大会常务委员会工作报告", year
    # no locality: the title as written, told apart from others by the document
    return (doc.title or "工作报告"), "doc/" + doc.sha256[:16]


SESSION_DASH = re.compile("——|――")


def work_report(ctx: Context) -> Iterator[Mention]:
    """The document's own report: its title lines in the header, and the
    report where the text says it is delivered (作政府工作报告)."""
    doc = ctx.document
    name, scope = work_report_name(doc, ctx.locality)
    if not name:
        return
    text = ctx.sentence.text
    for title in doc.titles:
        k = text.find(title)
        if k >= 0:
            # a page's title runs the session line into it (…工作报告——2022年1月25日在…): the title ends at the dash
            shown = SESSION_DASH.split(title)[0].rstrip() or title
            yield ctx.mention(k, k + len(shown), "Report", name, "WorkReport", "report.document", scope=scope)
    for m in DELIVERED.finditer(text):
        yield ctx.mention(m.start(), m.end(), "Report", name, "WorkReport", "report.document-alias", scope=scope)

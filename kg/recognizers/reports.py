"""Reports: the reports a body heard or deliberated, and the document's own work report.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Mention
from .base import HAN, Context, recognizer

# --- reports ------------------------------------------------------------

REVIEW = re.compile(r"(听取和审议|听取并审议|听取审议|审议|听取)")


@recognizer("reports", 12, ("Report",))
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



"""What each part of a report is about: the year its heading names and
whether it reviews the past (achievement) or announces plans (plan).

Reads: paragraph texts. Writes: year and modality.
"""

from __future__ import annotations

import re
from typing import Optional

from kg.ingest.paragraphs import _Paragraph
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import alternation, table
from kg.model import Sentence

SECTION_YEAR = re.compile(r"(\d{4})年")


@per_knowledge
def _heading_words() -> dict[str, re.Pattern]:
    """data/rules/section_words.txt by role: plan, dated (plan words only
    a dated heading reads so), past, work, done; and the plan heading."""
    roles = table("section_words")

    def any_of(*wanted: str) -> re.Pattern:
        found = sorted((w for w, r in roles.items() if r in wanted), key=lambda w: (-len(w), w))
        return re.compile("|".join(map(re.escape, found)) or "(?!)")

    return {
        "plan": any_of("plan", "plan heading"),
        "dated": any_of("plan", "plan heading", "plan dated"),
        "past": any_of("past"),
        "work": any_of("past", "work"),
        "done": any_of("done"),
        "heading": re.compile(r"^(?:[一二三四五六七八九十]+、)?(\d{4})年(?:的)?(?:" + any_of("plan heading").pattern + ")"),
    }


def excerpt_modality(texts: list[str]) -> str:
    """The modality of an excerpt no heading dates: "plan" where hardly a
    sentence reports a result (同比, 增长5.2%) and many name work to do
    (加快, 力争), else "achievement".

    >>> excerpt_modality(["加快建设数据中心。", "力争粮食产量稳定。", "推动改革。"])
    'plan'
    """
    if not texts:
        return "achievement"
    results, targets = _modality_cues()
    reported = [bool(results.search(t)) for t in texts]
    done = sum(reported)
    todo = sum(1 for t, r in zip(texts, reported) if not r and targets.search(t))
    return "plan" if done < 0.06 * len(texts) and todo >= 0.15 * len(texts) else "achievement"


@per_knowledge
def _modality_cues() -> tuple[re.Pattern, re.Pattern]:
    """Results (a figure after a verb of figure_verbs.txt, data/rules/achievement_cues.txt) and work to do (target_cues.txt)."""
    figure = alternation("figure_verbs") + r"[\d.]+"
    return re.compile(figure + "|" + alternation("achievement_cues")), re.compile(alternation("target_cues"))


def _plan_year(paragraphs: list[_Paragraph]) -> Optional[int]:
    """The year of a report with no header: the year its plans are for,
    where a heading names it (三、2026年重点工作)."""
    for para in paragraphs:
        m = _heading_words()["heading"].match(para.text)
        if m and len(para.text) < 30:
            return int(m.group(1))
    return None


def body_kind(sentences: tuple[Sentence, ...]) -> str:
    """The kind of a report whose header does not say (an excerpt): a
    standing committee's report names its 常委会 throughout; any other
    report long enough to be one is a government's.

    >>> body_kind(())
    ''
    """
    text = "".join(s.text for s in sentences)
    if len(re.findall("常委会|常务委员会", text)) >= 3:
        return "congress"
    return "government" if len(text) >= 300 else ""


def _is_year_heading(text: str) -> bool:
    return bool(re.match(r"^\d{4}年", text)) and len(text) < 30 and "报告" not in text


def _section_time(text: str, year, modality, report_year):
    """Year and modality of the part a heading opens.

    A heading that names a year decides both (a year before the report's is
    an achievement, the report's own year a plan); one without a year
    changes them only when it plainly announces plans or a review.
    """
    words = _heading_words()
    m = SECTION_YEAR.search(text)
    if m:
        year = int(m.group(1))
        if words["dated"].search(text):
            modality = "plan"
        elif words["work"].search(text):
            modality = "achievement" if not report_year or year < report_year else "plan"
        return year, modality
    if len(text) < 24 and not words["done"].search(text):
        if words["plan"].search(text):
            return (report_year or year), "plan"
        if words["past"].search(text):
            return ((report_year - 1) if report_year else year), "achievement"
    return year, modality

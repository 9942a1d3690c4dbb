"""Paragraphs to sentences, never split inside 《》 or “”, each labelled with
its section, year and modality.

Reads: paragraphs, header. Writes: ``Sentence``.
"""

from __future__ import annotations

import re
from typing import Iterator

from kg.ingest.header import Header
from kg.ingest.paragraphs import HEADING, _Paragraph
from kg.ingest.sections import _is_year_heading, _section_time
from kg.model import Sentence

# --- sentences -----------------------------------------------------------

SENTENCE_END = "。！？"

INLINE_HEADING = re.compile(r"（[一二三四五六七八九十]+）")
SPLIT_MARKS = re.compile("[《“「『》”」』（" + SENTENCE_END + "]")


def _sentences(paragraphs: list[_Paragraph], header: Header) -> Iterator[Sentence]:
    report_year = header.year
    section = ""
    year = report_year - 1 if report_year else None
    modality = "achievement"
    index = 0
    for para in paragraphs:
        text = para.text
        is_heading = (
            len(text) < 60
            and text[-1] not in "。！？；"
            and "报告" not in text
            and (HEADING.match(text) or _is_year_heading(text))
        )
        if is_heading and not INLINE_HEADING.match(text):
            section = text
            year, modality = _section_time(text, year, modality, report_year)
        for start, end in _split(text):
            piece = text[start:end]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            start += lead
            end -= trail
            if start >= end:
                continue
            yield Sentence(
                index=index,
                start=para.offsets[start],
                end=para.offsets[end - 1] + 1,
                text=text[start:end],
                paragraph=para.index,
                section=section,
                year=year,
                modality=modality,
                offsets=tuple(para.offsets[start:end]),
            )
            index += 1


def _split(text: str) -> Iterator[tuple[int, int]]:
    """Sentence boundaries in a paragraph; never inside 《》 or “”.

    >>> list(_split("一是立法。二是监督《关于A。B的决定》。三是代表工作（四）自身建设"))
    [(0, 5), (5, 20), (20, 26), (26, 33)]
    """
    depth = 0
    start = 0
    n = len(text)
    after = 0  # characters before this were taken into the last sentence
    for m in SPLIT_MARKS.finditer(text):
        i = m.start()
        if i < after:
            continue
        ch = text[i]
        if ch in "《“「『":
            depth += 1
        elif ch in "》”」』":
            if depth:
                depth -= 1
        elif ch == "（":
            if depth == 0 and i > start and INLINE_HEADING.match(text, i):
                yield start, i
                start = i
        elif depth == 0:  # 。！？
            j = i + 1
            while j < n and text[j] in SENTENCE_END + "”’）":
                j += 1
            yield start, j
            start = after = j
    if start < n:
        yield start, n

"""Lines to paragraphs: web-page chrome and newspaper artifacts dropped,
broken lines joined, punctuation normalized, every character keeping its
offset in the decoded text.

Reads: text. Writes: paragraphs with offsets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

# --- lines, chrome and paragraphs ---------------------------------------

CHROME_LINES = {
    "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", "【", "分享", "分享到", "分享:", "分享：",
    "首页", ">", "＞", "»", "【字体：", "【字体", "字体：", "字体大小:", "字体大小：", "您的位置:", "您的位置：",
    "关闭", "关闭窗口", "打印本页", "返回顶部", "纠错", "扫一扫", "字号", "大", "中", "小",
    "【字号：", "【字号", "字号：", "微信", "微博", "QQ空间",
}
CHROME_PREFIX = re.compile(
    r"^(首页\s*[>＞»]|当前位置|您现在的位置|您的位置|来源[：:]|日期[：:]|时间[：:]|发布时间|发布日期|责任编辑|编辑[：:]|"
    r"【字号|字号[：:]|分享到|浏览次数|点击数|\[?打印\]?\s*\[?关闭\]?)"
)
ARTIFACTS = re.compile(r"[（(]\s*[上下]转第?[一二三四五六七八九十\d]+版\s*[）)]|[（(]\s*[上下]接第?[一二三四五六七八九十\d]+版\s*[）)]")
TERMINAL = "。！？；：…”’）」』"
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分|\d{4}年.{0,12}(?:工作|任务|回顾|安排))"
)

# ASCII punctuation that Chinese text writes full-width; mapped one to one so
# offsets stay aligned.
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@dataclass
class _Paragraph:
    chars: list[str]
    offsets: list[int]
    index: int = 0

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each line; a paragraph's indent of two ideographic
    spaces inside a line begins a line of its own (a copy that lost its line
    breaks but kept its indents: 　　各位代表：　　现在，…)."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start = 0
        for m in LINE_INSIDE.finditer(line):
            yield pos + start, line[start : m.start()]
            start = m.start() if m.group(1) is None else m.end()
        yield pos + start, line[start:]
        pos += len(raw)


# where a line holds the start of another: two ideographic spaces after a
# character (the next paragraph's indent), or an HTML tag that breaks a line
# (<br>, <p>, </div>: a copy of a page's source), which is left out
LINE_INSIDE = re.compile(r"(?<=\S)\u3000{2,}|(<(?:br|/?p|/?div|/?h[1-6]|/?li|/?tr)\b[^<>]{0,200}>)", re.IGNORECASE)


# chrome is a short line: a breadcrumb, a source, a button
CHROME_LONGEST = 120

# a publication stamp: 2026-02-03 09:02:33, or a date and time before 来源
STAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+来源[：:].{0,20})?$")


def is_chrome(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) > CHROME_LONGEST:
        return False  # a whole report on one line that opens with its source is no chrome
    if SPACED_OUT.match(stripped):
        stripped = stripped.replace(" ", "")
    return stripped in CHROME_LINES or bool(CHROME_PREFIX.match(stripped)) or bool(STAMP.match(stripped))


def _is_cjk(ch: str) -> bool:
    """A Chinese character, or Chinese punctuation (《》“”、。 …): ASCII
    punctuation beside one is written full-width."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3001" <= ch <= "\u303f" or ch in "“”‘’…—"


# a line without these characters (and without artifacts) is already normal
NEEDS_NORMALIZING = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a＋－．％／\u3000\t \"\u00a0\u2000-\u200d\u2060\u202f\u205f\ufeff"
    + re.escape("".join(HALF_TO_FULL)) + "]"
)
# a copy of a page's source: its inline tags (<span …>, </strong>) are left
# out and its character references (&nbsp;, &ldquo;, &#12288;) read as the
# character they stand for
INLINE_TAG = re.compile(r"</?(?:span|strong|b|i|em|font|a|u|sup|sub)\b[^<>]{0,200}>", re.IGNORECASE)
ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#[xX][0-9a-fA-F]{2,5});")
# a web copy's other spaces (no-break, thin, …) are spaces; its zero-width
# characters (U+200B, a joiner, a byte-order mark) are nothing
OTHER_SPACES = frozenset("\u3000\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f")
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _normalize_line(start: int, line: str, quotes: Optional[list] = None) -> tuple[list[str], list[int]]:
    """Normalize one line character by character, keeping original offsets.

    ``quotes`` holds whether the next ASCII double quote opens a quote; it
    is updated, so a quote broken over lines is closed on the next one."""
    quotes = quotes if quotes is not None else [True]
    markup = "<" in line or "&" in line
    if not NEEDS_NORMALIZING.search(line) and not ARTIFACTS.search(line) and not markup:
        return list(line), list(range(start, start + len(line)))
    removed = set()
    for m in ARTIFACTS.finditer(line):
        removed.update(range(m.start(), m.end()))
    entities: dict[int, str] = {}
    if markup:
        for m in INLINE_TAG.finditer(line):
            removed.update(range(m.start(), m.end()))
        for m in ENTITY.finditer(line):
            char = html.unescape(m.group())
            if len(char) == 1 and char != m.group():
                entities[m.start()] = char  # the entity stands for one character, at its first
                removed.update(range(m.start() + 1, m.end()))
    chars: list[str] = []
    offsets: list[int] = []
    n = len(line)
    for i, ch in enumerate(line):
        if i in removed:
            continue
        ch = entities.get(i, ch)
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E and (ch.isalnum() or ch in "＋－．％／"):
            ch = chr(code - 0xFEE0)
        elif ch in OTHER_SPACES:
            ch = " "
        elif ch in ZERO_WIDTH:
            continue
        if ch == " " and (not chars or chars[-1] == " "):
            continue
        elif ch in HALF_TO_FULL:
            prev = line[i - 1] if i else ""
            nxt = line[i + 1] if i + 1 < n else ""
            if _is_cjk(prev) or _is_cjk(nxt):
                ch = HALF_TO_FULL[ch]
        elif ch == '"':
            ch = "“" if quotes[0] else "”"
            quotes[0] = not quotes[0]
        chars.append(ch)
        offsets.append(start + i)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    if " " in chars:
        if SPACED_OUT.match("".join(chars)):  # 2 0 2 6 年 政 府 工 作 报 告: a title spaced out
            kept = [k for k, ch in enumerate(chars) if ch != " "]
            return [chars[k] for k in kept], [offsets[k] for k in kept]
        chars, offsets = _without_spaces_beside_chinese(chars, offsets)
    return chars, offsets


# a line whose every character stands alone between spaces
SPACED_OUT = re.compile(r"^(?:\S )+\S$")


def _without_spaces_beside_chinese(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Drop each space next to a Chinese character or mark: Chinese puts no
    space between words, and a PDF copy's justified lines (衡阳 市人民 政府,
    增长 5.2%) or a title spaced out (工 作 报 告) would break names. A
    space between two Latin words or figures stays (AI Agent, 2025 12)."""
    keep_chars, keep_offsets = [], []
    for k, ch in enumerate(chars):
        if ch == " " and 0 < k < len(chars) - 1 and (_is_cjk(chars[k - 1]) or _is_cjk(chars[k + 1])):
            continue
        keep_chars.append(ch)
        keep_offsets.append(offsets[k])
    return keep_chars, keep_offsets


# a PDF copy's page number on a line of its own: — 3 —, - 12 -, 第3页, 3/20
# (four figures are a year, no page)
PAGE_NUMBER = re.compile(r"^[\s\-－—–―_]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*/\s*\d{1,3})?[\s\-－—–―_]*$")


def _page_furniture(lines: list[tuple[int, str]]) -> set[int]:
    """The lines a PDF copy prints on every page, to be passed over: page
    numbers, the short lines beside them (a running head or foot) that
    recur beside two page numbers or more, and the blank lines around
    either. Linear in the lines."""
    numbers = {k for k, (_, line) in enumerate(lines) if PAGE_NUMBER.match(line)}
    if not numbers:
        return set()
    before, after = _text_line_neighbours(lines)
    beside: dict[str, list[int]] = {}
    for k in numbers:
        for j in (before[k], after[k]):
            if j is not None and j not in numbers and len(lines[j][1].strip()) <= 40:
                beside.setdefault(lines[j][1].strip(), []).append(j)
    furniture = numbers | {j for found in beside.values() if len(found) >= 2 for j in found}
    blank = {k for k, (_, line) in enumerate(lines) if not line.strip() and (before[k] in furniture or after[k] in furniture)}
    return furniture | blank


def _text_line_neighbours(lines: list[tuple[int, str]]) -> tuple[list[Optional[int]], list[Optional[int]]]:
    """For each line, the nearest line before and after it that holds text."""
    before: list[Optional[int]] = []
    last = None
    for k, (_, line) in enumerate(lines):
        before.append(last)
        if line.strip():
            last = k
    after: list[Optional[int]] = [None] * len(lines)
    last = None
    for k in range(len(lines) - 1, -1, -1):
        after[k] = last
        if lines[k][1].strip():
            last = k
    return before, after


def _paragraphs(text: str) -> Iterator[_Paragraph]:
    """Yield paragraphs: runs of non-chrome lines, broken lines joined."""
    lines = [(start, line) for start, line in _lines(text)]
    width = hard_wrap_width(line for _, line in lines)
    current: Optional[_Paragraph] = None
    index = 0
    quotes = [True]  # an ASCII " opens a quote; the state runs on across a broken line
    last = 0  # the length of the paragraph's last line
    furniture = _page_furniture(lines)
    for k, (start, line) in enumerate(lines):
        if k in furniture:
            continue  # a page's number and running head, and the blank lines around them: the sentence goes on over the page
        if not line.strip() or is_chrome(line):
            if current is not None and current.chars:
                current.index = index
                index += 1
                yield current
            current = None
            quotes[0] = True
            continue
        if current is not None and _continues(current.text, _decision_text(line), width, last):
            chars, offsets = _normalize_line(start, line, quotes)
            current.chars.extend(chars)
            current.offsets.extend(offsets)
            last = len(line.rstrip())  # an indented first line is as wide as the rest
            continue
        if current is not None and current.chars:
            current.index = index
            index += 1
            yield current
        quotes[0] = True
        chars, offsets = _normalize_line(start, line, quotes)
        current = _Paragraph(chars, offsets) if chars else None
        last = len(line.rstrip())
    if current is not None and current.chars:
        current.index = index
        yield current


WRAP_TERMINAL = "。！？…”’」』"
# a session line, or a short title line, always begins a paragraph
NEW_LINE_START = re.compile(r"^(?:[—―]{1,2}\s*\d{4}|[（(]\d{4}年|.{2,24}工作报告$|各位(?:代表|委员)[：:，,])")
SESSION_OPENING = re.compile(r"^[—―\-－（(\s]*(?:\d{4}\s*年|[〇○ΟO零一二三四五六七八九]{4}年|\d{5,8}日)[^。]*在[^。]*$")


def _decision_text(line: str) -> str:
    """A line as the joining rules read it: normalized as its text will be
    (no invisible characters, no space beside a Chinese character: 三 、2026年
    重点工作), with full-width punctuation (a PDF copy's "(一)" is a heading
    as "（一）" is), stripped."""
    line = line.strip()
    if not NEEDS_NORMALIZING.search(line):
        return line
    chars, _ = _normalize_line(0, line, [True])
    return "".join(HALF_TO_FULL.get(ch, ch) for ch in chars).strip()


def hard_wrap_width(lines: Iterable[str]) -> int:
    """The width a copy is hard-wrapped at (a PDF copy breaks every line
    there, inside sentences and names), or 0 for a copy whose lines are
    paragraphs.

    >>> hard_wrap_width(["各级政府要把握新发展阶段，贯彻新发展理念，构", "建新发展格局，推动高质量发展。"] * 8)
    22
    """
    broken = []
    long_lines = 0
    for line in lines:
        line = line.strip()
        if len(line) < 12:
            continue
        long_lines += 1
        if line[-1] not in WRAP_TERMINAL + "：；:;.!?":
            broken.append(len(line))
    if len(broken) < 8 or len(broken) < 0.5 * long_lines:
        return 0
    broken.sort()
    median = broken[len(broken) // 2]
    quartiles = broken[len(broken) // 4], broken[(3 * len(broken)) // 4]
    # wrapped lines are about equally long; a web copy's unfinished lines are
    # not. The shorter wrapped lines' length (the lower quartile) is the
    # width: a line well short of it ended where its text did.
    return quartiles[0] if quartiles[1] - quartiles[0] <= 0.5 * median else 0


def _continues(previous: str, line: str, width: int = 0, last: int = 0) -> bool:
    """Whether ``line`` continues a sentence broken at the end of ``previous``
    (whose last line has ``last`` characters)."""
    if not previous:
        return False
    if SESSION_OPENING.match(previous):
        # a session line broken before its meeting's name ends goes on; a whole one does not
        return not previous.endswith(("上", "上）", "上)"))
    if NEW_LINE_START.match(line):
        return False
    if width and (last or len(previous)) >= 0.75 * width and not HEADING.match(line):
        # a full line of a hard-wrapped copy goes on, even where a sentence
        # or a quote ends with it: the paragraph stays whole
        return True
    if previous[-1] in TERMINAL and not (width and previous[-1] in "：；" and len(previous) >= 0.6 * width):
        return False
    if HEADING.match(line) and not width:
        return False
    if HEADING.match(previous) and len(previous) < (0.6 * width if width else 60):
        return False
    if width:
        # in a hard-wrapped copy a short line ends a paragraph, a title, a
        # byline or a heading (a full one went on above)
        return False
    # Titles, date lines and bylines are short; a broken line is long.
    return len(previous) >= 40

"""Ingest: bytes on disk to a :class:`~kg.model.Document` with sentences.

Reads a file or a folder, detects the encoding, drops web-page chrome and
newspaper artifacts, joins broken lines, normalizes punctuation and splits
paragraphs into sentences, all without losing the way back to the
characters of the decoded original text.

Reads: paths. Writes: ``Document`` (text, metadata, sentences).

>>> doc = document_from_text("r.txt", "下载\\n打印\\n某市政府工作报告\\n我们制定《某条例》。\\n")
>>> [s.text for s in doc.sentences]
['某市政府工作报告', '我们制定《某条例》。']
>>> s = doc.sentences[1]
>>> doc.text[s.start:s.end]
'我们制定《某条例》。'
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Optional

from kg.errors import DecodeError, InputError
from kg.ingest.header import HEAD_PARAGRAPHS, Header, read_header
from kg.model import Document, Sentence

REPORT_SUFFIXES = (".txt", ".text")

# --- decoding -------------------------------------------------------------


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 (with BOM, or detected
    by their zero bytes), GB18030 (a superset of GBK and GB2312) and Big5
    are accepted. Big5 bytes mostly decode as GB18030 too, into nonsense:
    of two readings, the one whose characters are the common ones wins.

    >>> decode("衡阳".encode("gb18030"))
    ('衡阳', 'gb18030')
    >>> decode("立法工作報告".encode("big5"))
    ('立法工作報告', 'big5')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return _strict(data, "utf-32", name), "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _no_nul(_strict(data, "utf-16", name), name), "utf-16"
    utf32 = _utf32_without_bom(data)
    if utf32:
        return _strict(data, utf32, name), utf32
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _strict(data, enc, name), enc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            return found
        raise DecodeError(
            f"{name} is a binary file, not a text report",
            "give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16",
        )
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        readings = []
        for candidate in ("gb18030", "big5"):
            try:
                readings.append((_common_share(data.decode(candidate)), candidate))
            except UnicodeDecodeError:
                pass
        if not readings:
            raise DecodeError(
                f"{name} is in no supported text encoding",
                "convert it to UTF-8 (e.g. iconv -f SHIFT-JIS -t UTF-8), or GB18030 or UTF-16",
            ) from None
        share, enc = max(readings)
        if share < 0.5:
            raise DecodeError(
                f"{name} reads as nonsense in every encoding tried (UTF-8, GB18030, Big5)",
                "convert it to UTF-8 with the encoding it was saved in (e.g. iconv -f BIG5-HKSCS -t UTF-8)",
            )
        text = data.decode(enc)
    if _control_ratio(text) > 0.05:
        raise DecodeError(
            f"{name} is a binary file, not a text report",
            "give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16",
        )
    return text, enc


def _common_share(text: str) -> float:
    """The share of Chinese characters in ``text`` that are common ones
    (level 1 of GB 2312 in simplified Chinese, the frequent half of Big5
    in traditional): a text read in the wrong encoding has few."""
    sample = [c for c in text[:20000] if _is_cjk(c)]
    if not sample:
        return 1.0
    common = 0
    for c in sample:
        try:
            b = c.encode("gb2312")
            common += 0xB0 <= b[0] <= 0xD7
            continue
        except UnicodeEncodeError:
            pass
        try:
            b = c.encode("big5")
            common += 0xA4 <= b[0] <= 0xC6  # Big5's frequent characters
        except UnicodeEncodeError:
            pass
    return common / len(sample)


def _utf32_without_bom(data: bytes) -> str:
    """'utf-32-le' or 'utf-32-be' where every four bytes are one character
    with two zero bytes in it, else ''."""
    sample = data[:4000]
    if len(sample) < 8 or len(data) % 4:
        return ""
    quads = len(sample) // 4
    le = sum(1 for i in range(0, quads * 4, 4) if sample[i + 3] == 0 and sample[i + 2] in (0, 1))
    be = sum(1 for i in range(0, quads * 4, 4) if sample[i] == 0 and sample[i + 1] in (0, 1))
    if le == quads:
        return "utf-32-le"
    if be == quads:
        return "utf-32-be"
    return ""


def _no_nul(text: str, name: str) -> str:
    if text.count("\x00") > len(text) // 10:
        raise DecodeError(f"{name} decodes with NUL characters all through", "save the report as UTF-8 and try again")
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DecodeError(
            f"{name} is not valid {encoding.upper()}",
            "re-save the report as UTF-8",
        ) from None
    return text.lstrip("\ufeff")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII in UTF-16 puts a zero in every other byte; CJK rarely has any.
    return (zeros_odd > 0.3 * half and zeros_even < 0.05 * half) or (
        zeros_even > 0.3 * half and zeros_odd < 0.05 * half
    )


def _utf16_without_bom(data: bytes):
    """Mostly-Chinese UTF-16 has few zero bytes; try both byte orders."""
    if len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:2000]
        good = sum(1 for c in sample if _is_cjk(c) or c.isprintable() or c in "\r\n\t")
        cjk = sum(1 for c in sample if _is_cjk(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
        if sample and good / len(sample) > 0.95 and cjk / len(sample) > 0.2:
            if best is None or cjk > best[2]:
                best = (text, enc, cjk)
    return (best[0], best[1]) if best else None


def _control_ratio(text: str) -> float:
    sample = text[:4000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\r\n\t\f")
    return bad / len(sample)


# --- reading paths -------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A report file as found on disk: its name and its bytes."""

    name: str
    path: str
    data: bytes


def find_reports(inputs: Iterable[str | Path], problems: Optional[list[str]] = None) -> list[Path]:
    """Expand files, folders and glob patterns (relative or absolute) into
    report files, sorted.

    Raises :class:`InputError` for a missing path or a folder without
    reports. A sub-folder that cannot be read is named in ``problems``
    (when given; else it is an error too): the other reports still count.
    """
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if any(ch in str(item) for ch in "*?[") and not path.exists():
            matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(
                    f"no file matches {item}", "check the pattern, or quote it so the shell does not expand it"
                )
            found.extend(matches)
        elif not path.exists():
            raise InputError(f"{item} does not exist", "check the path, or run 'kg build' with no argument for the bundled sample")
        elif path.is_dir():
            unreadable: list[str] = []
            reports = sorted(_walk(path, unreadable))
            if unreadable and problems is None:
                raise InputError(unreadable[0], "check the folder's permissions")
            if problems is not None:
                problems.extend(unreadable)
            if not reports and not unreadable:
                raise InputError(
                    f"{item} holds no reports (no .txt files)",
                    "put plain-text reports ending in .txt in the folder",
                )
            found.extend(reports)
        else:
            found.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique


def _walk(folder: Path, unreadable: list[str]) -> Iterator[Path]:
    def note(exc: OSError) -> None:
        unreadable.append(f"cannot read folder {exc.filename}: {exc.strerror}")

    for root, dirs, files in os.walk(folder, onerror=note):
        dirs.sort()
        for name in files:
            p = Path(root) / name
            if p.suffix.lower() in REPORT_SUFFIXES and p.is_file():
                yield p


MAX_REPORT_BYTES = 10_000_000
"""A report past this size is refused: work reports run to a few hundred
kilobytes, and the graph of one past it would not be read back whole."""


def read_source(path: Path) -> Source:
    """A report's bytes, read in bounded memory (at most one byte past
    :data:`MAX_REPORT_BYTES`, so even /dev/zero ends)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_REPORT_BYTES + 1)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a report", "give report files, or the folder itself") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", "check the file's permissions") from None
    if len(data) > MAX_REPORT_BYTES:
        raise InputError(
            f"{path} is larger than {MAX_REPORT_BYTES // 1_000_000} MB, more than any report",
            "split it into its reports (one file each) and build the folder",
        )
    return Source(name=path.name, path=str(path), data=data)


def load_document(path: Path) -> Document:
    """Read, decode and segment one report file."""
    source = read_source(path)
    return document_from_bytes(source.name, source.data)


def document_from_bytes(name: str, data: bytes) -> Document:
    text, encoding = decode(data, name)
    return document_from_text(name, text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def document_from_text(name: str, text: str, encoding: str = "utf-8", sha256: str = "") -> Document:
    if not text.strip():
        raise InputError(f"{name} is empty", "give a report with text in it")
    if not sha256:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    paragraphs = list(_paragraphs(text))
    if not paragraphs:
        raise InputError(f"{name} holds no report text (only page chrome)", "check that the file is a report")
    header = read_header([p.text for p in paragraphs[:HEAD_PARAGRAPHS]])
    if header.year is None:
        header = replace(header, year=_plan_year(paragraphs))
    sentences = tuple(_sentences(paragraphs, header))
    return Document(
        name=name,
        text=text,
        sha256=sha256,
        encoding=encoding,
        title=header.title,
        date=header.date,
        meeting=header.meeting,
        speaker=header.speaker,
        post=header.post,
        titles=header.titles,
        year=header.year,
        sentences=sentences,
        kind=header.kind or body_kind(sentences),
    )


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
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line.rstrip("\r\n")
        pos += len(line)


# a publication stamp: 2026-02-03 09:02:33, or a date and time before 来源
STAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+来源[：:].{0,20})?$")


def is_chrome(line: str) -> bool:
    stripped = line.strip()
    return stripped in CHROME_LINES or bool(CHROME_PREFIX.match(stripped)) or bool(STAMP.match(stripped))


def _is_cjk(ch: str) -> bool:
    """A Chinese character, or Chinese punctuation (《》“”、。 …): ASCII
    punctuation beside one is written full-width."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3001" <= ch <= "\u303f" or ch in "“”‘’…—"


# a line without these characters (and without artifacts) is already normal
NEEDS_NORMALIZING = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a＋－．％／\u3000\t \"" + re.escape("".join(HALF_TO_FULL)) + "]"
)


def _normalize_line(start: int, line: str, quotes: Optional[list] = None) -> tuple[list[str], list[int]]:
    """Normalize one line character by character, keeping original offsets.

    ``quotes`` holds whether the next ASCII double quote opens a quote; it
    is updated, so a quote broken over lines is closed on the next one."""
    quotes = quotes if quotes is not None else [True]
    if not NEEDS_NORMALIZING.search(line) and not ARTIFACTS.search(line):
        return list(line), list(range(start, start + len(line)))
    removed = set()
    for m in ARTIFACTS.finditer(line):
        removed.update(range(m.start(), m.end()))
    chars: list[str] = []
    offsets: list[int] = []
    n = len(line)
    for i, ch in enumerate(line):
        if i in removed:
            continue
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E and (ch.isalnum() or ch in "＋－．％／"):
            ch = chr(code - 0xFEE0)
        elif ch == "\u3000" or ch == "\t":
            ch = " "
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
    return chars, offsets


def _paragraphs(text: str) -> Iterator[_Paragraph]:
    """Yield paragraphs: runs of non-chrome lines, broken lines joined."""
    lines = [(start, line) for start, line in _lines(text)]
    width = hard_wrap_width(line for _, line in lines)
    current: Optional[_Paragraph] = None
    index = 0
    quotes = [True]  # an ASCII " opens a quote; the state runs on across a broken line
    last = 0  # the length of the paragraph's last line
    for start, line in lines:
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
    """A line as the joining rules read it: full-width punctuation (a PDF
    copy's "(一)" is a heading as "（一）" is), stripped."""
    line = line.strip()
    return "".join(HALF_TO_FULL.get(ch, ch) for ch in line) if NEEDS_NORMALIZING.search(line) else line


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


# --- sentences -----------------------------------------------------------

SENTENCE_END = "。！？"
SECTION_YEAR = re.compile(r"(\d{4})年")
PLAN_WORDS = ("任务", "安排", "重点工作", "目标", "建议", "打算", "计划", "展望", "十五五", "十六五")
PAST_WORDS = ("回顾", "主要工作", "工作总结", "过去", "成绩", "成就")
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


PLAN_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(\d{4})年(?:的)?(?:重点工作|工作安排|主要任务|工作任务|目标任务|重点任务)")


def _plan_year(paragraphs: list[_Paragraph]) -> Optional[int]:
    """The year of a report with no header: the year its plans are for,
    where a heading names it (三、2026年重点工作)."""
    for para in paragraphs:
        m = PLAN_HEADING.match(para.text)
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
    m = SECTION_YEAR.search(text)
    if m:
        year = int(m.group(1))
        if any(w in text for w in PLAN_WORDS):
            modality = "plan"
        elif any(w in text for w in PAST_WORDS) or "工作" in text:
            modality = "achievement" if not report_year or year < report_year else "plan"
        return year, modality
    if len(text) < 24 and "取得" not in text:
        if any(w in text for w in PLAN_WORDS[:4] + ("十五五", "今后", "下一步")):
            return (report_year or year), "plan"
        if any(w in text for w in PAST_WORDS):
            return ((report_year - 1) if report_year else year), "achievement"
    return year, modality


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

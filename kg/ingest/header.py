"""The header of a report: its title, the session it was delivered at and
when, who delivered it and in what post, and what kind of report it is.

Headers come in many shapes: a title line, a session line in a dash or in
brackets (dates in Arabic or Chinese numerals, 十四届 for 第十四届, a
session line broken over two lines or followed by the byline on the same
line), a byline with the post and the name (spaced out, 龚 正, or with
a middle dot, 艾尔肯·吐尼亚孜). Excerpts have no header at all.

Reads: the opening paragraphs' texts. Writes: :class:`Header`.

>>> h = read_header(["2026年北京市政府工作报告", "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "北京市市长 殷 勇"])
>>> h.title, h.date, h.meeting, h.speaker, h.post, h.kind
('2026年北京市政府工作报告', '2026-01-25', '北京市第十六届人民代表大会第四次会议', '殷勇', '北京市市长', 'government')
>>> read_header(["二〇二三年一月四日在郑州市十六届人民代表大会第一次会议上"]).meeting
'郑州市第十六届人民代表大会第一次会议'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kg.knowledge.lexicon import is_surname_start
from kg.knowledge.rules import alternation

HEAD_PARAGRAPHS = 14
CN_DIGIT = {"〇": 0, "○": 0, "Ο": 0, "O": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
LEAD = r"^[\s—―\-－–~～（(•·]*"
DATE = (
    r"(?:(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<cy>[〇○ΟO零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})日"
    r"|(?P<broken>\d{5,8})日)"
)
SESSION = r"在(?P<meeting>[\u4e00-\u9fff]{2,16}?(?:人民代表大会|人大)[\u4e00-\u9fff第]{0,14}?(?:会议|大会))上?"
SESSION_LINE = re.compile(LEAD + rf"(?:{DATE})\s*{SESSION}[）)]?\s*(?P<rest>.*)$")
BARE_SESSION_LINE = re.compile(LEAD + rf"{SESSION}[）)]?$")
OPEN_SESSION = re.compile(LEAD + rf"(?:{DATE})\s*在")
NAME = r"[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}"
TITLE_TRAILER = re.compile(r"(?:全文发布|全文|（全文）|（\d{4}年）|\(\d{4}年\))$")
GOV_TITLE = re.compile(r"政\s*府\s*工\s*作\s*报\s*告")
CONGRESS_TITLE = re.compile(r"(?:人民代表大会常务委员会|人大常委会)\s*工作报告")


@dataclass(frozen=True)
class Header:
    title: str = ""
    """The report's title as written (chrome like 全文发布 removed)."""
    titles: tuple[str, ...] = ()
    """Every paragraph of the header that names the report."""
    date: str = ""
    meeting: str = ""
    """The session, canonical (第 restored before 届)."""
    meeting_as_written: str = ""
    speaker: str = ""
    post: str = ""
    """The speaker's post as the byline gives it (北京市市长)."""
    kind: str = ""
    """'government', 'congress' or '' (not known from the header)."""
    year: Optional[int] = None
    """The year of delivery: the date's, else the title's."""


def read_header(paragraphs: list[str]) -> Header:
    head = [p.strip() for p in paragraphs[:HEAD_PARAGRAPHS]]
    session_at, m = _session(head)
    date = meeting = written = speaker = post = ""
    if m:
        date = _date(m)
        written = m.group("meeting")
        meeting = canonical_session(written)
        rest = m.groupdict().get("rest") or ""
        candidates = ([rest] if rest else []) + head[session_at + 1 : session_at + 3] + head[max(0, session_at - 2) : session_at][::-1]
        for line in candidates:
            found = byline(line)
            if found:
                speaker, post = found
                break
    end = session_at if m else len(head)
    titles = tuple(p for p in head[:end] if _is_title(p))
    if not titles and m:
        titles = tuple(p for p in head[end + 1 : end + 4] if _is_title(p) and GOV_TITLE.search(p))
    title = _clean_title(titles[0]) if titles else ""
    return Header(
        title=title,
        titles=titles,
        date=date,
        meeting=meeting,
        meeting_as_written=written,
        speaker=speaker,
        post=post,
        kind=header_kind(title, post),
        year=_year(date, title, m),
    )


def _session(head: list[str]) -> tuple[int, Optional[re.Match]]:
    for i, line in enumerate(head):
        m = SESSION_LINE.match(line) or BARE_SESSION_LINE.match(line)
        if m:
            return i, m
        if OPEN_SESSION.match(line) and i + 1 < len(head):
            # a session line broken over two lines
            m = SESSION_LINE.match(line + head[i + 1])
            if m:
                return i + 1, m
    return -1, None


def _cn_number(text: str) -> int:
    if all(c in CN_DIGIT for c in text):
        return int("".join(str(CN_DIGIT[c]) for c in text))
    if text == "十":
        return 10
    tens, _, ones = text.partition("十")
    return (CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (CN_DIGIT.get(ones, 0) if ones else 0)


def _date(m: re.Match) -> str:
    g = m.groupdict()
    if g.get("y"):
        return f"{int(g['y']):04d}-{int(g['m']):02d}-{int(g['d']):02d}"
    if g.get("cy"):
        return f"{_cn_number(g['cy']):04d}-{_cn_number(g['cm']):02d}-{_cn_number(g['cd']):02d}"
    return ""  # a defective date (2021124日): the year alone is not certain either


def _year(date: str, title: str, m: Optional[re.Match]) -> Optional[int]:
    if date:
        return int(date[:4])
    found = re.search(r"((?:19|20)\d{2})年", title)
    if found:
        return int(found.group(1))
    if m and m.groupdict().get("broken"):
        return int(m.group("broken")[:4])  # 2021124日: the year survives the lost 年 and 月
    return None


def canonical_session(name: str) -> str:
    """第 restored where a session name leaves it out.

    >>> canonical_session("甘肃省十四届人民代表大会第四次会议")
    '甘肃省第十四届人民代表大会第四次会议'
    """
    name = re.sub(r"(?<=[省市县区州盟旗])(?=[一二三四五六七八九十]+届)", "第", name)
    return re.sub(r"(?<=人民代表大会)(?=[一二三四五六七八九十]+次)", "第", name)


def byline(line: str) -> Optional[tuple[str, str]]:
    """(name, post) of a byline such as 北京市市长 殷勇, 王 良 or 段志刚.

    >>> byline("山东省人大常委会副主任 王 良"), byline("自治区主席 艾尔肯·吐尼亚孜")
    (('王良', '山东省人大常委会副主任'), ('艾尔肯·吐尼亚孜', '自治区主席'))
    >>> byline("各位代表：")
    """
    line = line.strip()
    if len(line) > 40 or not line:
        return None
    m = re.fullmatch(rf"(?P<post>.*?(?:{alternation('posts')}))?\s*(?P<name>{NAME})", line)
    if not m:
        return None
    name = m.group("name").replace(" ", "")
    post = (m.group("post") or "").strip()
    if "·" not in name and (not is_surname_start(name) or len(name) > 4):
        return None
    if not post and " " in m.group("name") and len(name) > 3:
        return None
    if name in ("各位代表",) or re.search(r"报告|会议|代表", name):
        return None
    return name, post


def _is_title(p: str) -> bool:
    compact = re.sub(r"\s", "", p)
    return (
        "报告" in compact
        and len(compact) < 60
        and not compact.endswith(("摄", "。", "：", "；"))
        and not re.search(r"(?:记者|通讯员)", compact)
        and bool(GOV_TITLE.search(p) or CONGRESS_TITLE.search(compact) or compact.endswith("报告"))
    )


def _clean_title(title: str) -> str:
    title = re.split(r"——|――", title)[0].strip("•· ")
    previous = None
    while previous != title:
        previous = title
        title = TITLE_TRAILER.sub("", title).strip()
    return re.sub(r"\s", "", title) if GOV_TITLE.fullmatch(title) else title


def header_kind(title: str, post: str) -> str:
    """The kind of report a title or the speaker's post says it is.

    >>> header_kind("", "省人民政府省长"), header_kind("", "杭州市人大常委会主任"), header_kind("", "")
    ('government', 'congress', '')
    """
    compact = re.sub(r"\s", "", title)
    if CONGRESS_TITLE.search(compact):
        return "congress"
    if GOV_TITLE.search(compact):
        return "government"
    if re.search(r"人大|人民代表大会", post):
        return "congress"
    if re.search(alternation("government_posts") + "$", post):
        return "government"
    return ""

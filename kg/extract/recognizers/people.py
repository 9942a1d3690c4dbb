"""People: names after a post, before 同志 or 总书记, the speaker, photographers in captions.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from kg.extract.recognizers.base import HAN, Context, recognizer
from kg.extract.segment import cut
from kg.extract.words import is_common_word, is_function_word, word_tags
from kg.ingest.paragraphs import ZERO_WIDTH
from kg.knowledge.base import per_knowledge
from kg.knowledge.lexicon import is_surname_start, surnames
from kg.knowledge.rules import alternation, words
from kg.model import Mention

ALL_HAN = re.compile(rf"[{HAN}]+")
# the text as written may hold a web copy's zero-width characters between a name's
ZERO_WIDTH_AS_SPACE = {ord(ch): " " for ch in ZERO_WIDTH}


@per_knowledge
def _photo_credit() -> re.Pattern:
    """A photo's credit: a word of data/rules/credit_words.txt or a space, a name, 摄."""
    return re.compile("(?:" + alternation("credit_words") + rf"|\s)\s*([{HAN}](?:\s?[{HAN}]){{1,2}})\s*摄(?:影)?$")


# --- people -----------------------------------------------------------

@per_knowledge
def _name_end() -> re.Pattern:
    """What may end a name: punctuation, the text's end, or a word of
    data/rules/name_followers.txt."""
    return re.compile(r"(?=[，。、；：:,\s（）()]|$|" + alternation("name_followers") + ")")


@per_knowledge
def _before_honorific() -> re.Pattern:
    """Two or three characters before an honorific (data/rules/honorifics.txt)."""
    return re.compile(rf"([{HAN}]{{2,3}})(?=" + alternation("honorifics") + ")")


@per_knowledge
def _titles() -> re.Pattern:
    return re.compile(alternation("titles"))


def _name_at(ctx: Context, i: int) -> Optional[int]:
    """End of a personal name starting at i (2 to 4 characters), or None.

    The name must be followed by punctuation, a marker such as 同志 or 在,
    or a token that is a verb or a preposition (罗芳经营的, 邓群策就)."""
    text = ctx.sentence.text
    for length in (3, 2, 4):
        cand = text[i : i + length]
        if len(cand) != length or not ALL_HAN.fullmatch(cand):
            continue
        if not _name_end().match(text, i + length) and not _verb_follows(ctx, i + length):
            continue
        if length == 4 and cand[:2] not in surnames()[1]:
            continue  # a four-character name opens with a two-character surname (欧阳, 司马; 白玛, 扎西)
        if not is_surname_start(cand) or is_common_word(cand) or is_function_word(cand):
            continue
        if not _looks_like_name(cand) or (length == 2 and cand[0] == cand[1]):
            continue  # 殷殷嘱托: a reduplicated word, no name
        if cand[0] in words("name_blockers") and (length == 2 or is_common_word(cand[1:])):
            continue  # 委员和列席人员, 总书记来川视察
        return i + length
    return None


def _verb_follows(ctx: Context, j: int) -> bool:
    tok = ctx.seg.token_at(j)
    if tok is None:
        return False
    tags = word_tags()
    nxt = tok.text
    if tags.get(nxt, "") in FOLLOWING_TAGS:
        return True
    # jieba keeps a verb and its object as one word (出席会议, 主持会议): a word that opens with a verb
    return any(tags.get(nxt[:k]) == "v" and tags.get(nxt[k:]) in ("n", "vn") for k in range(2, len(nxt) - 1))


FOLLOWING_TAGS = ("v", "p", "d", "c", "vn", "ad")
"""jieba's tags of the words that may follow a name: verbs, prepositions,
adverbs, conjunctions."""


def _looks_like_name(cand: str) -> bool:
    """Reject word sequences that start with a surname character:
    全部进站 (全部 is a word), 全覆盖 (覆盖 is a verb)."""
    tokens = cut(cand)
    if len(tokens[0]) >= 2 and tokens[0] != cand and is_common_word(tokens[0]):
        return False
    return not any(len(t) >= 2 and word_tags().get(t) == "v" for t in tokens[1:])


@recognizer("people", ("Person",))
def people(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    doc = ctx.document
    if doc.speaker:
        # the byline may space the name out (龚 正)
        for m in re.finditer(r"\s?".join(re.escape(c) for c in doc.speaker), text):
            yield ctx.mention(m.start(), m.end(), "Person", doc.speaker, "Person", "person.speaker")
    # photo credits: 罗盟摄, 本报记者 戴冰摄; read in the text as written,
    # where a space still parts the caption from the name (…工作报告 罗盟摄)
    sentence = ctx.sentence
    written = doc.text[sentence.start : sentence.end].translate(ZERO_WIDTH_AS_SPACE) if "摄" in text else ""
    for m in _photo_credit().finditer(written):
        name = re.sub(r"\s", "", m.group(1))
        if is_surname_start(name):
            i, j = sentence.local(sentence.start + m.start(1), sentence.start + m.end(1))
            yield ctx.mention(i, j, "Person", name, "Person", "person.photo")
    # title + name: 副委员长白玛赤林, 省代表罗芳
    for m in _titles().finditer(text):
        if m.group() in ("代表", "委员") and not re.search(r"(?:[省市县区]|全国|人大|政协)$", text[: m.start()]):
            continue
        end = _name_at(ctx, m.end())
        if end:
            name = text[m.end() : end]
            yield ctx.mention(m.end(), end, "Person", name, "Person", "person.title")
    # name + title: 习近平总书记, 殷勇同志
    for m in _before_honorific().finditer(text):
        name = m.group(1)
        for k in range(len(name) - 1):
            cand = name[k:]
            if cand[0] in words("name_blockers") and (is_common_word(cand[1:]) or is_function_word(cand[1:])):
                continue  # 代表和列席同志: a conjunction before a word, no surname
            if is_surname_start(cand) and not is_common_word(cand) and ctx.seg.is_start(m.start() + k) \
                    and not any(len(t) >= 2 and is_common_word(t) for t in cut(cand)[1:]):  # 新晋|两院院士
                yield ctx.mention(m.start() + k, m.end(), "Person", cand, "Person", "person.honorific")
                break


"""Segment: sentences to tokens with a private jieba Tokenizer.

jieba keeps global state; we own a :class:`jieba.Tokenizer` loaded with our
dictionary (the gazetteer's names and the vocabulary of government bodies)
and never touch the module-level one. Book-title spans 《…》, quoted spans
“…” and names joined with ``·`` are kept as one token each, since jieba's
own pre-split would break them.

Words are found the way jieba's ``cut(HMM=False)`` finds them (the same
dictionary, the same most-probable route, the same tie-breaking), by our
own loop over a table of log-probabilities computed once, and only where a
rule asks: a :class:`Segmentation` splits a sentence into jieba's blocks at
once and cuts a block into words the first time a rule looks inside it.

Reads: ``Sentence.text``. Writes: ``Token`` with offsets into that text.

>>> [t.text for t in tokenize("制定《衡阳市文明行为促进条例》")]
['制定', '《衡阳市文明行为促进条例》']
>>> seg = Segmentation("赴衡南县花桥镇调研")
>>> seg.is_start(1), seg.is_start(2), seg.is_end(4)
(True, False, True)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Optional

from kg.extract.words import word_table
from kg.model import Token

if TYPE_CHECKING:
    pass

PROTECTED = re.compile(r"《[^《》]{1,80}》|“[^“”]{1,40}”|[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,8})+")
# jieba's own block and skip patterns (jieba.re_han_default, re_skip_default)
HAN_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")
SKIP = re.compile(r"\r\n|\s")
ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

def cut_block(block: str) -> list[int]:
    """End offsets of the words of one jieba block, as ``cut(HMM=False)``
    cuts it (runs of single ASCII letters and digits joined).

    >>> b = "赴衡南县调研"
    >>> ends = cut_block(b)
    >>> [b[i:j] for i, j in zip([0] + ends, ends)]
    ['赴', '衡南县', '调研']
    """
    table, unknown = word_table()
    n = len(block)
    score = [0.0] * (n + 1)
    step = [0] * (n + 1)
    get = table.get
    for k in range(n - 1, -1, -1):
        best = None
        best_end = k
        i = k + 1
        value = get(block[k])
        while value is not None:
            if value <= 0.0:
                p = value + score[i]
                if best is None or p >= best:  # ties go to the longer word, as in jieba
                    best, best_end = p, i
            if i >= n:
                break
            i += 1
            value = get(block[k:i])
        if best is None:
            best, best_end = unknown + score[k + 1], k + 1
        score[k] = best
        step[k] = best_end
    ends = []
    x = 0
    while x < n:
        y = step[x]
        if y - x == 1 and block[x] in ASCII_ALNUM:
            while y < n and step[y] == y + 1 and block[y] in ASCII_ALNUM:
                y += 1
        ends.append(y)
        x = y
    return ends


class Segmentation:
    """The tokens of one sentence, cut on demand.

    The sentence is split at once into pieces: kept spans (a ·-joined name,
    a 《…》 title or “…” quote unless ``open_titles``, when its marks become
    tokens of their own and its content is segmented in turn), single
    characters and whitespace jieba passes through, and blocks of Chinese
    text jieba would cut. A block is cut the first time a rule asks about a
    position inside it.
    """

    __slots__ = ("text", "_starts", "_ends", "_cut", "_cuts", "_cut_sets")

    def __init__(self, text: str, open_titles: bool = True):
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._cut: list[bool] = []  # whether jieba cuts the piece further
        self._cuts: dict[int, list[int]] = {}
        self._cut_sets: dict[int, set[int]] = {}
        self._split(text, 0, len(text), open_titles)

    def _piece(self, start: int, end: int, cut: bool) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._cut.append(cut)

    def _split(self, text: str, lo: int, hi: int, open_titles: bool) -> None:
        pos = lo
        for m in PROTECTED.finditer(text, lo, hi):
            if m.start() < pos:
                continue
            self._plain(text, pos, m.start())
            if m.group()[0] in "《“":
                end = m.end()
                if open_titles and end - m.start() > 2:
                    self._piece(m.start(), m.start() + 1, False)
                    self._split(text, m.start() + 1, end - 1, False)
                    self._piece(end - 1, end, False)
                else:
                    self._piece(m.start(), end, False)
            else:
                end = _name_end(text, m)
                self._piece(m.start(), end, False)
            pos = end
        self._plain(text, pos, hi)

    def _plain(self, text: str, lo: int, hi: int) -> None:
        """Pieces of text jieba's ``cut`` gets as it is: its blocks, and
        everything else one character (or whitespace run) at a time."""
        pos = lo
        for m in HAN_BLOCK.finditer(text, lo, hi):
            self._between(text, pos, m.start())
            self._piece(m.start(), m.end(), m.end() - m.start() > 1)
            pos = m.end()
        self._between(text, pos, hi)

    def _between(self, text: str, lo: int, hi: int) -> None:
        pos = lo
        while pos < hi:
            step = 2 if text.startswith("\r\n", pos) and pos + 2 <= hi else 1
            self._piece(pos, pos + step, False)
            pos += step

    # --- asking -----------------------------------------------------------------

    def _ends_in(self, k: int) -> list[int]:
        """End offsets of the tokens of piece ``k``, in order."""
        if not self._cut[k]:
            return [self._ends[k]]
        got = self._cuts.get(k)
        if got is None:
            s = self._starts[k]
            got = [s + e for e in cut_block(self.text[s : self._ends[k]])]
            self._cuts[k] = got
        return got

    def _is_cut_at(self, k: int, pos: int) -> bool:
        """Whether a token of piece ``k`` ends at ``pos`` (in constant time,
        however long the block: a text without punctuation is one block)."""
        found = self._cut_sets.get(k)
        if found is None:
            found = self._cut_sets[k] = set(self._ends_in(k))
        return pos in found

    def _piece_at(self, pos: int) -> int:
        return bisect_right(self._starts, pos) - 1

    def is_start(self, pos: int) -> bool:
        """Whether a token starts at ``pos``."""
        k = self._piece_at(pos)
        if k < 0 or pos >= self._ends[k]:
            return False
        if pos == self._starts[k]:
            return True
        return self._cut[k] and self._is_cut_at(k, pos)

    def is_end(self, pos: int) -> bool:
        """Whether a token ends at ``pos``."""
        k = self._piece_at(pos - 1)
        if k < 0 or pos > self._ends[k]:
            return False
        if pos == self._ends[k]:
            return True
        return self._cut[k] and self._is_cut_at(k, pos)

    def _tokens_of(self, k: int, first: int = 0, last: Optional[int] = None) -> Iterator[Token]:
        """Tokens ``first`` (up) to ``last`` of piece ``k``, made as asked."""
        ends = self._ends_in(k)
        last = len(ends) if last is None else last
        for i in range(first, last):
            start = ends[i - 1] if i else self._starts[k]
            yield Token(self.text[start : ends[i]], start, ends[i])

    def tokens_of(self, k: int) -> list[Token]:
        return list(self._tokens_of(k))

    def tokens_from(self, pos: int) -> Iterator[Token]:
        """Tokens ending after ``pos``, left to right (the first may begin
        before ``pos``)."""
        k = max(self._piece_at(pos), 0)
        if k < len(self._starts):
            yield from self._tokens_of(k, bisect_right(self._ends_in(k), pos))
        for k in range(k + 1, len(self._starts)):
            yield from self._tokens_of(k)

    def tokens_before(self, pos: int) -> Iterator[Token]:
        """Tokens beginning before ``pos``, right to left (the first may end
        after ``pos``)."""
        k = self._piece_at(pos - 1)
        if k < 0:
            return
        ends = self._ends_in(k)
        # the tokens of piece k that begin before pos: those up to the first ending at or after pos
        upto = bisect_left(ends, pos) + 1
        for i in range(min(upto, len(ends)) - 1, -1, -1):
            start = ends[i - 1] if i else self._starts[k]
            yield Token(self.text[start : ends[i]], start, ends[i])
        for k in range(k - 1, -1, -1):
            yield from reversed(self.tokens_of(k))

    def token_at(self, pos: int) -> Optional[Token]:
        """The token starting at ``pos``, if one does."""
        if not self.is_start(pos):
            return None
        return next(self.tokens_from(pos))

    @property
    def tokens(self) -> list[Token]:
        return [t for k in range(len(self._starts)) for t in self.tokens_of(k)]

    def word_ends(self) -> list[int]:
        """The end offset of every token, in order (what ``tokens`` gives
        without making a Token of each: the tagger reads every word of
        every sentence it tags).

        >>> Segmentation("赴衡南县调研").word_ends()
        [1, 4, 6]
        """
        return [e for k in range(len(self._starts)) for e in self._ends_in(k)]


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets; protected spans stay whole."""
    return Segmentation(text, open_titles=False).tokens


def cut(text: str) -> list[str]:
    """Words of ``text`` as ``cut(HMM=False)`` gives them with our dictionary."""
    return list(_cut(text))


@lru_cache(maxsize=8192)
def _cut(text: str) -> tuple[str, ...]:
    # rules ask about the same short phrases again and again
    return tuple(t.text for t in tokenize(text))


def _name_end(text: str, m: re.Match) -> int:
    """End of a ·-joined name: drop common words glued to its last part."""
    from kg.extract.words import is_common_word

    last = m.group().rsplit("·", 1)[1]
    keep = 0
    for word in cut(last):
        if keep and len(word) >= 2 and is_common_word(word):
            break
        keep += len(word)
    return m.end() - (len(last) - keep)

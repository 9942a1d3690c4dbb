"""Segment: sentences to tokens with a private jieba Tokenizer.

jieba keeps global state; we own a :class:`jieba.Tokenizer` loaded with our
dictionary (the gazetteer's names and the vocabulary of government bodies)
and never touch the module-level one. Book-title spans 《…》, quoted spans
“…” and names joined with ``·`` are kept as one token each, since jieba's
own pre-split would break them.

Reads: ``Sentence.text``. Writes: ``Token`` with offsets into that text.

>>> [t.text for t in tokenize("制定《衡阳市文明行为促进条例》")]
['制定', '《衡阳市文明行为促进条例》']
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Iterator

import jieba

from .gazetteer import gazetteer
from .model import Token
from .resources import data_text

PROTECTED = re.compile(r"《[^《》]{1,80}》|“[^“”]{1,40}”|[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,8})+")

jieba.setLogLevel(logging.WARNING)


def user_words() -> Iterator[str]:
    """Words of our dictionaries, one per line as jieba's user dict wants."""
    g = gazetteer()
    for name in g.by_name:
        yield f"{name} 2000 ns"
    for short in g.by_short:
        yield f"{short} 1000 ns"
    for name in g.townships:
        yield f"{name} 500 ns"
    for line in data_text("dictionaries/words.txt").splitlines():
        if line and not line.startswith("#"):
            yield line


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The process's private tokenizer, built once (per worker process)."""
    tok = jieba.Tokenizer()
    tok.initialize()
    for line in user_words():
        word, *rest = line.split()
        freq = int(rest[0]) if rest and rest[0].isdigit() else None
        tag = rest[-1] if rest and not rest[-1].isdigit() else None
        tok.add_word(word, freq, tag)
    return tok


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets; protected spans stay whole."""
    tok = tokenizer()
    out: list[Token] = []
    pos = 0
    for m in PROTECTED.finditer(text):
        if m.start() < pos:
            continue
        end = m.end() if m.group()[0] in "《“" else _name_end(tok, text, m)
        out.extend(_cut(tok, text[pos : m.start()], pos))
        out.append(Token(text[m.start() : end], m.start(), end))
        pos = end
    out.extend(_cut(tok, text[pos:], pos))
    return out


def _name_end(tok: jieba.Tokenizer, text: str, m: re.Match) -> int:
    """End of a ·-joined name: drop common words glued to its last part."""
    from .lexicon import is_common_word

    last = m.group().rsplit("·", 1)[1]
    keep = 0
    for word in tok.cut(last, HMM=False):
        if keep and len(word) >= 2 and is_common_word(word):
            break
        keep += len(word)
    return m.end() - (len(last) - keep)


def _cut(tok: jieba.Tokenizer, chunk: str, offset: int) -> Iterator[Token]:
    pos = offset
    for word in tok.cut(chunk, HMM=False):
        yield Token(word, pos, pos + len(word))
        pos += len(word)


def inner_tokens(tokens: list[Token]) -> list[Token]:
    """Tokens with each 《…》 or “…” token opened up into its marks and the
    tokens of its content, for rules that look inside titles and quotes."""
    out: list[Token] = []
    for t in tokens:
        if len(t.text) > 2 and t.text[0] in "《“" and t.text[-1] in "》”":
            out.append(Token(t.text[0], t.start, t.start + 1))
            out.extend(
                Token(x.text, x.start + t.start + 1, x.end + t.start + 1) for x in tokenize(t.text[1:-1])
            )
            out.append(Token(t.text[-1], t.end - 1, t.end))
        else:
            out.append(t)
    return out


def boundaries(tokens: list[Token]) -> set[int]:
    """Character positions where a token starts or ends."""
    out = set()
    for t in tokens:
        out.add(t.start)
        out.add(t.end)
    return out

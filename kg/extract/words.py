"""The segmenter's word tables: jieba's dictionary with ours added (the
gazetteer's names, our word list), as log-probabilities and part-of-speech
tags, cached in the user cache as jieba caches its own; and what the rules
ask of a word's class.

>>> is_common_word("制定"), is_function_word("制定")
(True, True)
"""

from __future__ import annotations

import logging
from functools import lru_cache
from math import log
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg.knowledge.base import default_knowledge, using
from kg.knowledge.gazetteer import gazetteer
from kg.resources import data_text

if TYPE_CHECKING:
    import jieba

PREFIX_ONLY = 1.0  # log-probabilities are below 0; this marks a mere prefix

def user_words() -> Iterator[str]:
    """Words of our dictionaries, one per line as jieba's user dict wants.

    Always the package's: the tables are cached on disk under a key made of
    the package's files, and how text is cut belongs to the segmenter, not
    to the knowledge a pipeline was given."""
    with using(default_knowledge()):
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
def tokenizer() -> "jieba.Tokenizer":
    """The process's private tokenizer, built once (per process). jieba is
    imported here, not with this module: with the word tables cached a
    build never needs it, and its import alone takes 60 ms."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for line in user_words():
        word, *rest = line.split()
        freq = int(rest[0]) if rest and rest[0].isdigit() else None
        tag = rest[-1] if rest and not rest[-1].isdigit() else None
        tok.add_word(word, freq, tag)
    return tok


@lru_cache(maxsize=1)
def word_table() -> tuple[dict[str, float], float]:
    """The tokenizer's dictionary as word → log-probability (prefixes of
    words map to PREFIX_ONLY), and the log-probability of an unknown
    character: the same arithmetic as jieba's ``calc``."""
    table, unknown, _ = _tables()
    return table, unknown


def jieba_tags() -> dict[str, str]:
    """jieba's own dictionary: word → part-of-speech tag."""
    return _tables()[2]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], float, dict[str, str]]:
    """The word tables, from the user cache when they were made there from
    the same inputs before (one read instead of loading jieba's dictionary,
    adding ours and deriving the tables: 0.3 s instead of 1.2 s)."""
    from kg.resources import user_cache_dir

    folder = user_cache_dir()
    path = folder / f"words-{_tables_key()}.marshal" if folder else None
    if path is not None:
        try:
            return _unpack(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            pass
    tok = tokenizer()
    logtotal = log(tok.total)
    table = {w: (log(f) - logtotal if f else PREFIX_ONLY) for w, f in tok.FREQ.items()}
    tables = (table, log(1) - logtotal, _read_jieba_tags())
    if path is not None:
        for old in path.parent.glob("words-*.marshal"):  # made by other versions
            try:
                old.unlink()
            except OSError:
                pass
        _write_cache(path, _pack(*tables))
    return tables


def _pack(table: dict[str, float], unknown: float, tags: dict[str, str]) -> bytes:
    """The tables as a few big objects: the words joined by line breaks,
    the log-probabilities as an array of doubles, each tag as an index.
    Loading these and zipping them into dicts is a fifth quicker than
    loading the dicts themselves (every word is one UTF-8 decode there)."""
    import array
    import marshal

    if any("\n" in w for w in table):
        raise ValueError("a word with a line break")  # never in jieba's or our dictionaries
    names = sorted(set(tags.values()))
    index = {n: i for i, n in enumerate(names)}
    return marshal.dumps((
        "\n".join(table), array.array("d", table.values()).tobytes(), unknown,
        "\n".join(tags), names, bytes(index[t] for t in tags.values()),
    ))


def _unpack(data: bytes) -> tuple[dict[str, float], float, dict[str, str]]:
    import array
    import marshal
    import sys

    words, logp, unknown, tagged, names, which = marshal.loads(data)
    values = array.array("d")
    values.frombytes(logp)
    names = [sys.intern(n) for n in names]
    return dict(zip(words.split("\n"), values)), unknown, dict(zip(tagged.split("\n"), map(names.__getitem__, which)))


def _tables_key() -> str:
    """What the word tables are made from: jieba's version and dictionary,
    our word lists and gazetteer, and the code that reads them."""
    import hashlib
    import sys
    from importlib import resources

    # marshal's format belongs to the Python version that wrote it
    from importlib.util import find_spec

    from kg.resources import data_file

    # jieba's code and dictionary as installed, found without importing it
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    spec = find_spec("jieba")
    folder = Path(next(iter(spec.submodule_search_locations)))
    for name in ("__init__.py", "dict.txt"):
        st = (folder / name).stat()
        h.update(f"{folder / name} {st.st_size} {st.st_mtime_ns}".encode())
    for package, module in (("kg.extract", "words.py"), ("kg.knowledge", "gazetteer.py")):
        h.update(resources.files(package).joinpath(module).read_bytes())
    for name in ("gazetteer/divisions.tsv", "gazetteer/townships.tsv", "gazetteer/zones.tsv", "dictionaries/words.txt"):
        h.update(data_file(name).read_bytes())
    return h.hexdigest()[:16]


def _write_cache(path, data: bytes) -> None:
    """Write whole or not at all; a cache that cannot be written is skipped."""
    from kg.outputs import write_bytes

    try:
        write_bytes(path, data)
    except OSError:
        pass


def _read_jieba_tags() -> dict[str, str]:
    import jieba

    tags: dict[str, str] = {}
    handle = jieba.get_dict_file()
    path = handle.name
    handle.close()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's own dictionary: word → part-of-speech tag."""
    return jieba_tags()


FUNCTION_TAGS = {"v", "vn", "p", "c", "d", "u", "r", "m", "q", "a", "ad", "f", "t", "y", "e", "o", "zg", "uj", "ul", "ud", "uz", "ug", "uv", "i", "l"}


def is_function_word(word: str) -> bool:
    """Whether ``word`` is a verb, preposition, conjunction, adverb ...:
    a word that cannot stand inside a proper name."""
    return word_tags().get(word, "") in FUNCTION_TAGS


def is_verb(word: str) -> bool:
    """Whether jieba tags ``word`` a verb of any kind (v, vn, vd, vi)."""
    return word_tags().get(word, "").startswith("v")


PROPER_TAGS = ("ns", "nr", "nz", "nt", "nrt", "nrfg")


def is_ordinary_word(word: str) -> bool:
    """Whether jieba knows ``word`` as anything but a proper name (a place,
    a person, an organization, another proper noun): a kind of thing
    (村镇, 中心), not a name."""
    tag = word_tags().get(word)
    return tag is not None and tag not in PROPER_TAGS


def is_common_word(word: str) -> bool:
    """Whether jieba knows ``word`` as anything but a person's name."""
    tag = word_tags().get(word)
    return tag is not None and tag not in ("nr", "nrt", "nrfg")

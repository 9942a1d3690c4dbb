"""A statistical tagger beside the rules: a linear-chain CRF over the
characters of each sentence, trained on the annotated reports.

It learns what rules cannot list: where a name without a trigger word
starts and ends, how phases and parts attach. Its features carry over to
reports it never saw: the characters and their classes, jieba's words and
part-of-speech tags, the head words of ``data/rules/heads.txt`` ending at a
character, and what the rule recognizers proposed there (their candidates,
kept or not). Its spans join the candidates as ``recognize.tagger`` does;
settling decides between them and the rules, and ``kg explain`` shows who
proposed what.

The model ships in the package (``kg/extract/models/tagger.crfsuite``);
``kg train GOLD_DIR TEXT_DIR`` makes it again, byte for byte.

Reads: ``contexts``, ``candidates``. Writes: ``candidates``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Optional

from kg.extract.components import factory
from kg.extract.recognizers.base import Context
from kg.extract.recognizers.grammar import leading_place
from kg.extract.recognizers.phrases import heads
from kg.extract.tagged_spans import holds_clause, in_title, runs_on, shape, split_pairs
from kg.extract.siblings import list_siblings
from kg.extract.settle import Candidate
from kg.extract.words import word_tags
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import words
from kg.model import Mention

MODEL = "models/tagger.crfsuite"
CLUSTERS = "models/word_clusters.tsv"
TAGGED_TYPES = ("Project",)
"""The types whose spans the tagger proposes (cross-validation decides which; see benchmarks/tagger_cv.py)."""
THRESHOLD = 0.75
"""The least marginal probability a proposed span's characters must have."""
QUOTED = 0.7
"""The least probability the CRF must give a quoted name the rules took for
a slogan (policy.quoted) of being a project's name, for it to be one
(a satellite’s name in quotes); 0.5 to 0.7 measured alike in cross-validation."""
SIBLING_FLOOR = 0.03
"""The least probability the CRF must give an item of a list, beside a
project's name and ending as it does, of being a project's name
(cross-validation: 0 admits verb phrases, 0.1 loses short lines)."""
VETO = 0.1
"""A rule's candidate of a tagged type stands only where the CRF gives each
of its characters at least this probability of being inside one such name:
the CRF, which reads the rule's proposal as a feature, learned where the
rules are wrong (0.05 to 0.3 measured alike in cross-validation, Project
precision .73 → .81)."""


_CLASSES: dict[str, str] = {}


def char_class(ch: str) -> str:
    """H (Han), D (digit), L (Latin letter), P and the mark (punctuation that
    bounds names), O (anything else)."""
    try:
        return _CLASSES[ch]
    except KeyError:
        _CLASSES[ch] = cls = _char_class(ch)
        return cls


_CHAR_FEATURES: dict[str, tuple[str, ...]] = {}
_WORD_PLACE = {p: "wp=" + p for p in "SBME"}


def _char_features(ch: str) -> tuple[str, ...]:
    """The features a character gives where it stands and beside another:
    c=, c-1=, c+1=, c-2=, c+2=, k=, k-1=, k+1= (made once per character)."""
    try:
        return _CHAR_FEATURES[ch]
    except KeyError:
        cls = char_class(ch)
        made = _CHAR_FEATURES[ch] = (
            "c=" + ch, "c-1=" + ch, "c+1=" + ch, "c-2=" + ch, "c+2=" + ch, "k=" + cls, "k-1=" + cls, "k+1=" + cls,
        )
        return made


def _char_class(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    return "P" + ch if ch in "《》“”（）、，。；：" else "O"


@per_knowledge
def _head_endings() -> dict[str, tuple[str, ...]]:
    """Last character → head words ending with it (data/rules/heads.txt)."""
    out: dict[str, list[str]] = defaultdict(list)
    for w in words("heads"):
        out[w[-1]].append(w)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, str]:
    """Word → cluster, learned from unannotated reports (scripts/word_clusters.py)."""
    text = resources.files("kg.extract").joinpath(CLUSTERS).read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


def features(ctx: Context, candidates: Iterable[Candidate]) -> list[list[str]]:
    """One feature list per character of ``ctx.sentence.text``."""
    text = ctx.sentence.text
    n = len(text)
    pad = "^^" + text + "$$"
    seg = ctx.seg
    ends_ = seg.word_ends()
    starts = [0, *ends_[:-1]]
    said = [seg.text[i:j] for i, j in zip(starts, ends_)]
    tags = word_tags()
    table_ = word_clusters()
    # each character's word features: its place in its word, with and
    # without the word's tag, and the clusters of its word and the words
    # beside it (R: a word too rare to have one)
    words_of = [("w=", "wp=")] * n
    ids = [table_.get(w, "R") for w in said]
    last = len(said) - 1
    for a, (w, start, end) in enumerate(zip(said, starts, ends_)):
        tag = tags.get(w, "x")
        clusters = ("cl=" + ids[a], "cl-=" + (ids[a - 1] if a else "^"), "cl+=" + (ids[a + 1] if a < last else "$"))
        if end - start == 1:
            if start < n:
                words_of[start] = ("w=S" + tag, "wp=S", *clusters)
            continue
        middle = ("w=M" + tag, "wp=M", *clusters)
        for k in range(start, min(end, n)):
            words_of[k] = middle
        if start < n:
            words_of[start] = ("w=B" + tag, "wp=B", *clusters)
        if end - 1 < n:
            words_of[end - 1] = ("w=E" + tag, "wp=E", *clusters)
    rule: dict[int, str] = {}
    proposed: dict[int, set] = {}
    for c in candidates:
        i, j = _local(ctx, c)
        if i is None:
            continue
        t = c.mention.type
        named = c.component in ("recognize.named-phrases", "recognize.quoted")
        for k in range(i, j):
            label = ("B-" if k == i else "I-") + t
            proposed.setdefault(k, set()).add(label)
            if named:
                rule[k] = label
    ends = _head_endings()
    # the same features as one list per character, built column by column
    cells = [_char_features(ch) for ch in pad]
    bigrams = [pad[p : p + 2] for p in range(1, n + 3)]
    rows = [
        ["b", *row]
        for row in zip(
            [c[0] for c in cells[2 : n + 2]], [c[1] for c in cells[1 : n + 1]], [c[2] for c in cells[3 : n + 3]],
            [c[3] for c in cells[0:n]], [c[4] for c in cells[4 : n + 4]],
            ["b-1=" + b for b in bigrams[:n]], ["b+1=" + b for b in bigrams[1 : n + 1]],
            [c[5] for c in cells[2 : n + 2]], [c[6] for c in cells[1 : n + 1]], [c[7] for c in cells[3 : n + 3]],
            [w[0] for w in words_of], [w[1] for w in words_of],
        )
    ]
    for k, f in enumerate(rows):
        heads = ends.get(text[k])
        if heads:
            for w in heads:
                if text.endswith(w, 0, k + 1):
                    f.append("head=" + str(min(len(w), 4)))
                    break
        if k in proposed:
            f.extend("r=" + x for x in sorted(proposed[k]))
        f.extend(words_of[k][2:])
        if k in rule:
            f.append("np=" + rule[k])
    return rows


def _local(ctx: Context, c: Candidate) -> tuple[Optional[int], int]:
    """A candidate's span in the sentence's normalized text."""
    i, j = ctx.sentence.local(c.mention.start, c.mention.end)
    return (i, j) if i < j <= len(ctx.sentence.text) else (None, 0)


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """BIO labels to (start, end, type)."""
    out, start, kind = [], None, ""
    for k, label in enumerate(labels + ["O"]):
        if start is not None and not (label.startswith("I-") and label[2:] == kind):
            out.append((start, k, kind))
            start = None
        if label.startswith("B-") or (label.startswith("I-") and start is None):
            start, kind = k, label[2:]
    return out


@per_knowledge
def _cue(types: tuple[str, ...]) -> re.Pattern:
    """Any head word (data/rules/heads.txt) of the given types."""
    found = sorted({w for w, h in heads().items() if h.type in types}, key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in found) or "(?!)")


def _confidence(tagger, labels: list[str], i: int, j: int) -> float:
    """The least marginal probability the CRF gives the span's labels."""
    return min(tagger.marginal(labels[k], k) for k in range(i, j))


def _name_confidence(tagger, kind: str, i: int, j: int) -> float:
    """The least probability the CRF gives characters i to j of being one
    name of ``kind`` (B- at i, I- after), whatever it tagged there."""
    return min(tagger.marginal(("B-" if k == i else "I-") + kind, k) for k in range(i, j))


def _by_local_end(ctx: Context, proposed) -> dict[tuple[int, str], list[tuple[int, int]]]:
    """(end, type) → (start, id) of the rules' candidates, in the sentence's text."""
    out: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for c in proposed:
        a, b = _local(ctx, c)
        if a is not None:
            out[(b, c.mention.type)].append((a, id(c)))
    return out


def _opened_by_more(ctx: Context, same_end: Iterable[tuple[int, int]], i: int) -> list[int]:
    """The rules' candidates that end where the tagged span ends but open
    up to four characters before it, at a word: the tagger, which learned
    where names begin, drops the verb they kept (做好|盛乐国际机场)."""
    return [key for a, key in same_end if 0 < i - a <= 4 and ctx.seg.is_start(i)]


SPARED = ("project.elliptical",)
"""Rules whose candidates the CRF does not veto: an item of an elliptical
list (竹木、茶叶…等产业链) is a name only with the head it shares,
which the CRF does not see beside it."""


def _ruled_out(tagger, ctx: Context, proposed, types: frozenset, least: float) -> list[int]:
    """The rules' candidates of ``types`` that the CRF (having tagged the
    sentence) gives less than ``least`` probability at some character. A
    name that opens with a place the rules found is spared: generic kinds
    (农村供水工程) name no place, and the CRF knows places less well than
    the gazetteer (济南机器人产业基地)."""
    out = []
    placed = {c.mention.start for c in proposed if c.mention.type == "Place"}
    for c in proposed:
        if c.mention.type in types and c.mention.start not in placed and c.mention.rule not in SPARED:
            i, j = _local(ctx, c)
            if i is not None and i < j and _name_confidence(tagger, c.mention.type, i, j) < least:
                out.append(id(c))
    return out


def _sibling_projects(tagger, ctx: Context, proposed, tagged, dropped) -> Iterator[Mention]:
    """Items of a 、 list beside a project's name (the rules' or the CRF's)
    that end as it does (滨江线、临平线、萧山线), where the CRF gives
    them at least SIBLING_FLOOR and the rules took them for nothing else."""
    named = [(a, b) for c in proposed if c.mention.type == "Project" and id(c) not in dropped for a, b in [_local(ctx, c)] if a is not None]
    named += [_local(ctx, c) for c in tagged if c.mention.type == "Project"]
    typed = {_local(ctx, c) for c in proposed if c.mention.type != "Project"}
    for i, j in list_siblings(ctx.sentence.text, named):
        if (i, j) in typed:
            continue  # 曹妃甸区: a place the rules know, listed among projects
        if _name_confidence(tagger, "Project", i, j) >= SIBLING_FLOOR:
            yield ctx.mention(i, j, "Project", ctx.sentence.text[i:j], "", "tagger.sibling")


def _quoted_projects(tagger, ctx: Context, proposed, least: float):
    """The quoted names the rules took for slogans (policy.quoted) that the
    CRF reads as projects (a satellite’s, an app’s, a green belt’s): each with its
    mention retyped."""
    for c in proposed:
        if c.mention.rule != "policy.quoted":
            continue
        i, j = _local(ctx, c)
        if i is not None and j - i >= 4 and _name_confidence(tagger, "Project", i + 1, j - 1) >= least:  # inside the quotes
            yield c, replace(c.mention, type="Project", subclass="Project", rule="tagger.quoted")


def load_tagger(path: Optional[str] = None):
    """A pycrfsuite Tagger on the shipped model (or ``path``); None when
    python-crfsuite is not installed or no model ships."""
    try:
        import pycrfsuite
    except ImportError:
        return None
    tagger = pycrfsuite.Tagger()
    if path is None:
        model = resources.files("kg.extract").joinpath(MODEL)
        if not model.is_file():
            return None
        with resources.as_file(model) as real:
            tagger.open(str(real))
    else:
        tagger.open(path)
    return tagger


@factory("recognize.tagger", reads=("contexts", "candidates"), writes=("candidates",))
def make_tagger(knowledge, rank: int = 0, model: Optional[str] = None, types: Iterable[str] = TAGGED_TYPES,
                threshold: float | dict = THRESHOLD, veto: float = VETO, siblings: bool = True,
                quoted: float = QUOTED):
    """The CRF's spans of the types it proposes (TAGGED_TYPES), beside the
    rules'; the rules' candidates of those types that the CRF rules out
    (below ``veto``) are dropped."""
    tagger = load_tagger(model)
    wanted = frozenset(types)
    least = threshold if isinstance(threshold, dict) else {t: threshold for t in wanted}

    def step(contexts, candidates):
        if tagger is None:
            return {"candidates": candidates}
        by_sentence = defaultdict(list)
        for c in candidates:
            by_sentence[c.mention.sentence].append(c)
        found = []
        dropped = set()
        cue = _cue(tuple(sorted(wanted)))
        for ctx in contexts:
            proposed = by_sentence.get(ctx.sentence.index, ())
            # a sentence with no head of a wanted type, and no rule's candidate of one, is not tagged
            if not cue.search(ctx.sentence.text) and not any(c.mention.type in wanted for c in proposed):
                continue
            ends = _by_local_end(ctx, proposed)
            first = len(found)  # this sentence's candidates are found[first:]
            labels = tagger.tag(features(ctx, proposed))
            dropped.update(_ruled_out(tagger, ctx, proposed, wanted, veto))
            if "Project" in wanted:
                for c, retyped in _quoted_projects(tagger, ctx, proposed, quoted):
                    dropped.add(id(c))
                    found.append(Candidate(retyped, "recognize.tagger", rank))
            for i, j, kind in split_pairs(ctx.sentence.text, spans(labels)):
                if kind not in wanted:
                    continue
                i, j = shape(ctx.sentence.text, i, j, ctx.seg.is_start)
                if j - i >= 2 and _confidence(tagger, labels, i, j) >= least.get(kind, THRESHOLD) \
                        and not holds_clause(ctx.sentence.text[i:j]) and not in_title(ctx.sentence.text, i, j) \
                        and not runs_on(ctx.sentence.text[i:j]):
                    name = ctx.sentence.text[i:j].replace("“", "").replace("”", "").strip("《》")
                    found.append(Candidate(ctx.mention(i, j, kind, name, "", "tagger.crf"), "recognize.tagger", rank))
                    # the place a tagged name opens with, as for the rules' names (丹江口水库, 三门核电三期项目)
                    found.extend(Candidate(m, "recognize.tagger", rank) for m in leading_place(ctx, i, j))
                    dropped.update(_opened_by_more(ctx, ends.get((j, kind), ()), i))
            if siblings and "Project" in wanted:
                found.extend(Candidate(m, "recognize.tagger", rank) for m in _sibling_projects(tagger, ctx, proposed, found[first:], dropped))
        kept = tuple(c for c in candidates if id(c) not in dropped)
        return {"candidates": kept + tuple(found)}

    return step

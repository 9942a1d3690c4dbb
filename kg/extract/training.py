"""Training the tagger on annotated reports, and cross-validating it.

Gold files name entities, not spans: every form of a gold entity's name
(its name and aliases, 《》 and “” aside) is found in each sentence, longest
first, and its characters labelled B-/I- with the entity's type; the rest
are O. The features are the tagger's own (:func:`kg.extract.tagger.features`),
read with the rules' candidates as the pipeline gives them.

    kg train ../shared/annotation/gold ../shared/corpus ../shared/corpus/openings
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from kg.errors import GoldError, InputError
from kg.extract.pipeline import Pipeline, default_config
from kg.extract.tagger import features
from kg.ingest import load_document

MARKS = re.compile("[《》“”\"]")
TRAINING = {"c1": 0.05, "c2": 0.01, "max_iterations": 300, "feature.possible_transitions": True}


@dataclass(frozen=True)
class Example:
    """One annotated report as sequences: a feature list and a label per character of each sentence."""

    name: str
    xseqs: tuple
    yseqs: tuple


def rules_only() -> Pipeline:
    """The pipeline up to the tagger: what the tagger reads its rule features from."""
    names = default_config()
    return Pipeline.from_config(names[: names.index("recognize.tagger")] if "recognize.tagger" in names else names)


def gold_forms(gold: dict) -> list[tuple[str, str]]:
    """(form, type) of every gold entity, longest form first."""
    forms = {}
    for e in gold["entities"]:
        for form in [e["name"], *e.get("aliases", [])]:
            form = MARKS.sub("", form).strip()
            if len(form) >= 2:
                forms.setdefault(form, e["type"])
    return sorted(forms.items(), key=lambda ft: (-len(ft[0]), ft[0]))


def labels(text: str, forms: list[tuple[str, str]]) -> list[str]:
    """B-/I-/O labels of a sentence: gold forms as written, longest first,
    never overlapping (a form may stand inside marks: 《…》, “…”)."""
    out = ["O"] * len(text)
    plain = MARKS.sub("\x00", text)  # keep offsets; marks match nothing
    for form, kind in forms:
        pattern = re.compile("\x00*".join(re.escape(ch) for ch in form))
        for m in pattern.finditer(plain):
            i, j = m.start(), m.end()
            if all(x == "O" for x in out[i:j]):
                out[i] = "B-" + kind
                for k in range(i + 1, j):
                    out[k] = "I-" + kind
    return out


def example(gold_path: Path, text_dirs: Iterable[Path], pipeline: Pipeline) -> Example:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    name = Path(gold.get("document") or gold_path.stem + ".txt").stem
    text = next((d / f"{name}.txt" for d in text_dirs if (d / f"{name}.txt").is_file()), None)
    if text is None:
        raise GoldError(f"no text for {gold_path.name}", "give the folders that hold the reports' .txt files")
    doc = load_document(text)
    slots = pipeline.run(doc)
    by_sentence: dict = {}
    for c in slots["candidates"]:
        by_sentence.setdefault(c.mention.sentence, []).append(c)
    forms = gold_forms(gold)
    xs, ys = [], []
    for ctx in slots["contexts"]:
        if ctx.sentence.text:
            xs.append(features(ctx, by_sentence.get(ctx.sentence.index, ())))
            ys.append(labels(ctx.sentence.text, forms))
    return Example(name, tuple(xs), tuple(ys))


def examples(gold_dir: Path, text_dirs: Iterable[Path], exclude: Iterable[str] = ()) -> list[Example]:
    """The annotated reports of ``gold_dir`` whose texts lie in ``text_dirs``, in name order."""
    text_dirs = [Path(d) for d in text_dirs]
    skip = set(exclude)
    paths = sorted(p for p in Path(gold_dir).glob("*.json") if p.stem not in skip)
    if not paths:
        raise InputError(f"{gold_dir} holds no gold files (*.json)", "give the folder of the annotation's gold files")
    pipeline = rules_only()
    return [example(p, text_dirs, pipeline) for p in paths]


def train(items: Iterable[Example], model_path: str | Path, params: Optional[dict] = None) -> None:
    """Train a CRF on ``items`` into ``model_path`` (same items, same bytes)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for item in items:
        for x, y in zip(item.xseqs, item.yseqs):
            trainer.append(x, y)
    trainer.set_params({**TRAINING, **(params or {})})
    trainer.train(str(model_path))

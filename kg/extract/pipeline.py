"""The extraction pipeline: one document in, one :class:`~kg.model.Extraction` out.

A :class:`Pipeline` is a list of components (see
:mod:`kg.extract.components`) built from one
:class:`~kg.knowledge.base.Knowledge`. The default lists them in
``data/pipeline.json``; a pipeline can be built with other data, other
components or some switched off:

>>> from kg.ingest import document_from_text
>>> doc = document_from_text("r.txt", "衡阳市人民代表大会常务委员会工作报告\\n开展残疾人保障法执法检查。")
>>> ex = extract(doc)
>>> sorted((e.type, e.name) for e in ex.entities)[:2]
[('Organization', '衡阳市人民代表大会常务委员会'), ('Place', '衡阳市')]
>>> no_places = Pipeline.from_config(disable=["recognize.places"])
>>> sorted({e.type for e in no_places(doc).entities})
['Organization', 'Regulation', 'Report']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

import kg.extract.recognizers  # noqa: F401  (the recognizers register their components)
import kg.extract.stages  # noqa: F401  (the other components register)
import kg.extract.tagger  # noqa: F401  (the tagger registers)
from kg.extract.components import Component, build_component
from kg.ingest import load_document
from kg.knowledge.base import Knowledge, default_knowledge, using
from kg.model import Document, Extraction, Mention
from kg.resources import data_text

CONFIG = "pipeline.json"


def default_config() -> list[str]:
    """The components of the default pipeline, in order (``data/pipeline.json``)."""
    return list(json.loads(data_text(CONFIG))["components"])


class Pipeline:
    """Components run in order over a document's slots."""

    def __init__(self, components: Iterable[Component], knowledge: Knowledge):
        self.components = tuple(components)
        self.knowledge = knowledge

    @classmethod
    def from_config(
        cls,
        components: Optional[Iterable[str]] = None,
        knowledge: Optional[Knowledge] = None,
        disable: Iterable[str] = (),
    ) -> "Pipeline":
        """Build the components named in ``components`` (default: the
        package's configuration) from ``knowledge`` (default: the package's
        data), leaving out those in ``disable``. A recognizer's rank is its
        place in the list."""
        knowledge = knowledge or default_knowledge()
        names = list(components) if components is not None else default_config()
        off = set(disable)
        unknown = off - set(names)
        if unknown:
            raise KeyError(f"cannot disable {sorted(unknown)}: not in the pipeline")
        built = []
        for rank, name in enumerate(names):
            if name in off:
                continue
            settings = {"rank": rank} if name.startswith("recognize.") else {}
            built.append(build_component(name, knowledge, **settings))
        return cls(built, knowledge)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def run(self, document: Document, until: Optional[str] = None) -> dict[str, Any]:
        """All slots after each component ran (or after ``until`` ran)."""
        slots: dict[str, Any] = {"document": document}
        with using(self.knowledge):
            for component in self.components:
                slots.update(component(slots))
                if component.name == until:
                    break
        return slots

    def __call__(self, document: Document) -> Extraction:
        slots = self.run(document)
        entities = slots.get("entities", ())
        flags = tuple(f"{e.name}: {e.note}" for e in entities if e.note.startswith("likely"))
        return Extraction(
            document=document,
            entities=tuple(entities),
            relations=tuple(slots.get("relations", ())),
            figures=tuple(slots.get("figures", ())),
            flags=flags,
        )


_DEFAULT: list[Pipeline] = []


def default_pipeline() -> Pipeline:
    """The package's pipeline on the package's data, built once per process."""
    if not _DEFAULT:
        _DEFAULT.append(Pipeline.from_config())
    return _DEFAULT[0]


def extract(doc: Document) -> Extraction:
    """The default pipeline on one document."""
    return default_pipeline()(doc)


def extract_file(path: str | Path) -> Extraction:
    return extract(load_document(Path(path)))


def find_mentions(doc: Document) -> list[Mention]:
    """Every mention that stands after settling, in text order.

    >>> from kg.ingest import document_from_text
    >>> doc = document_from_text("r.txt", "开展野生动物保护法执法检查。")
    >>> [(m.type, m.name) for m in find_mentions(doc)]
    [('Regulation', '中华人民共和国野生动物保护法')]
    """
    return list(default_pipeline().run(doc, until="settle")["mentions"])

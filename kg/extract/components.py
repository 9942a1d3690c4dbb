"""Pipeline components: named steps that declare what they read and write.

A component is made by a registered *factory* from the data it needs (the
pipeline's :class:`~kg.knowledge.base.Knowledge`, and its settings), and
called with the slots it reads; it returns the slots it writes. Slots hold
plain frozen data with character offsets into the document's text:

============  ==========================================================
slot          holds
============  ==========================================================
document      the :class:`~kg.model.Document` (the pipeline's input)
locality      the :class:`~kg.extract.locality.Locality` the report is about
contexts      one recognizer :class:`Context` per sentence (text, segmentation)
candidates    every :class:`~kg.extract.settle.Candidate` a recognizer proposed
mentions      the candidates that stood, as :class:`~kg.model.Mention` s
rejected      the others, each with why it lost (:class:`Rejection`)
entities      mentions grouped into :class:`~kg.model.Entity` s
relations     the :class:`~kg.model.Relation` s stated between them
figures       the counts the report states (:class:`~kg.model.Figure`)
============  ==========================================================

>>> sorted(FACTORIES)[:4]
['figures', 'locality', 'recognize.bare-laws', 'recognize.bodies']
>>> FACTORIES["settle"].reads, FACTORIES["settle"].writes
(('document', 'candidates'), ('mentions', 'rejected'))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from kg.knowledge.base import Knowledge

Step = Callable[..., Mapping[str, Any]]


@dataclass(frozen=True)
class Factory:
    """How to make a component: its name, the slots it reads and writes, and
    ``make(knowledge, **settings)``, which returns the step to call."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    make: Callable[..., Step]
    doc: str = ""


FACTORIES: dict[str, Factory] = {}


def factory(name: str, reads: Iterable[str], writes: Iterable[str]):
    """Register ``make(knowledge, **settings) -> step`` under ``name``."""

    def register(make: Callable[..., Step]) -> Callable[..., Step]:
        if name in FACTORIES:
            raise ValueError(f"a component named {name} is registered already")
        FACTORIES[name] = Factory(name, tuple(reads), tuple(writes), make, (make.__doc__ or "").strip())
        return make

    return register


@dataclass(frozen=True)
class Component:
    """A component as built for one pipeline."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    step: Step

    def __call__(self, slots: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(self.step(**{k: slots[k] for k in self.reads}))
        if set(out) != set(self.writes):
            raise RuntimeError(f"component {self.name} wrote {sorted(out)}, not {sorted(self.writes)}")
        return out


def build_component(name: str, knowledge: Knowledge, **settings) -> Component:
    try:
        f = FACTORIES[name]
    except KeyError:
        raise KeyError(f"no component is registered as {name}") from None
    return Component(name, f.reads, f.writes, f.make(knowledge, **settings))

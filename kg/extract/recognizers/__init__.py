"""Recognizers: sentences to typed mentions of the eight schema types.

One module per type, each recognizer registered under a name (see
:mod:`kg.extract.recognizers.base` for the registry and the overlap policy).
Recognizers carry general knowledge only: the national gazetteer, the
grammar of body names, how laws, meetings, projects and slogans are
written; the words they key on live in ``data/rules/``.

Reads: ``Document``, ``Token``. Writes: ``Mention``.

>>> from kg.ingest import document_from_text
>>> doc = document_from_text("r.txt", "开展野生动物保护法执法检查。")
>>> [(m.type, m.name) for m in find_mentions(doc)]
[('Regulation', '中华人民共和国野生动物保护法')]
"""

from kg.extract.recognizers import (  # noqa: F401  (registration)
    meetings, organizations, people, phrases, places, policies, regulations, reports,
)
from kg.extract.recognizers.base import (
    REGISTRY,
    Context,
    Guarded,
    Recognizer,
    find_mentions,
    recognizer,
    sentence_mentions,
    settle,
)

__all__ = ["REGISTRY", "Context", "Guarded", "Recognizer", "find_mentions", "recognizer", "sentence_mentions", "settle"]

"""Recognizers: sentences to candidate mentions of the eight schema types.

One module per type; each recognizer is a pipeline component named
``recognize.NAME`` (see :mod:`kg.extract.recognizers.base`). Recognizers
carry general knowledge only: the national gazetteer, the grammar of body
names, how laws, meetings, projects and slogans are written; the words they
key on live in ``data/rules/``.

Reads: ``contexts`` (a sentence, its segmentation, the report's locality).
Writes: ``candidates``.
"""

from kg.extract.recognizers import (  # noqa: F401  (each registers its components)
    meetings, named_phrases, organizations, people, phrases, places, policies, regulations, reports,
)
from kg.extract.recognizers.base import Context, Guarded, recognizer

__all__ = ["Context", "Guarded", "recognizer"]

"""Extraction: a pipeline of named components from a document to its
entities, relations and figures (see :mod:`kg.extract.pipeline`).

The package is also the library's ``kg.extract(text, name=...)``: calling
it extracts one report's text (:func:`kg.extract.report.extract`), so the stage and
the function a notebook calls share their name without one hiding the other.

>>> import kg
>>> [e.name for e in kg.extract("开展野生动物保护法执法检查。").entities]
['中华人民共和国野生动物保护法']
"""

import sys
import types


class _Callable(types.ModuleType):
    def __call__(self, text: str, name: str = "report.txt"):
        from kg.extract.report import extract

        return extract(text, name=name)


sys.modules[__name__].__class__ = _Callable

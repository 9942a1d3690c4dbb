"""The runnable examples in the modules' docstrings are true."""

import doctest
import importlib

import pytest

MODULES = [
    "kg.ingest", "kg.segment", "kg.gazetteer", "kg.locality", "kg.lexicon", "kg.recognizers", "kg.recognizers.base",
    "kg.resolve", "kg.pipeline", "kg.vocabulary", "kg.query", "kg.build", "kg.formats", "kg.graphio", "kg.export",
    "kg.render",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

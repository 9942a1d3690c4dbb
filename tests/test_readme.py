"""Every console example in the README runs, and prints what the README says.

A ```console block holds commands (``$ kg ...``) each followed by the
output it prints; a ```pycon block holds Python (``>>>``) run as a
doctest. Both run in a folder where the bundled report was built into
``output/``, as the README's quick start leaves it.
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from kg.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```(console|pycon)\n(.*?)^```$", re.M | re.S)


def blocks(kind: str) -> list[str]:
    return [body for k, body in BLOCK.findall(README.read_text(encoding="utf-8")) if k == kind]


def commands(block: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    out: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            out.append((line[2:].strip(), ""))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + line)
    return out


EXAMPLES = [pair for block in blocks("console") for pair in commands(block)]


@pytest.fixture(scope="module")
def quick_start(tmp_path_factory, built):
    """A folder holding output/ as 'kg build' leaves it."""
    import shutil

    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(built[0], folder / "output", ignore=shutil.ignore_patterns("store"))
    return folder


def test_the_readme_has_console_and_python_examples():
    assert len(EXAMPLES) >= 2
    assert blocks("pycon")


@pytest.mark.parametrize("command,expected", EXAMPLES, ids=[c[:60] for c, _ in EXAMPLES])
def test_console_example(quick_start, runner, monkeypatch, command, expected):
    argv = shlex.split(command)
    assert argv[0] == "kg", command
    monkeypatch.chdir(quick_start)
    result = runner.invoke(main, argv[1:])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_python_examples(quick_start, monkeypatch):
    """The pycon blocks in order, as one session (names carry over)."""
    monkeypatch.chdir(quick_start)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    session = "\n".join(blocks("pycon"))
    runner.run(parser.get_doctest(session, {}, "README's Python examples", str(README), 0))
    assert runner.summarize(verbose=False).failed == 0

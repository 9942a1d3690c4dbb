"""Checks a SPARQL query passes before an engine sees it.

The engines process ``\\u`` and ``\\U`` escapes, and a scanner that skips
strings, comments and IRIs can be led astray by one (an IRI holding ``'``
or ``#``, an escape, an IRI past the scanner's window). So what matters
for safety is decided without skipping anything, on the text with its
escapes expanded, erring on the side of refusing:

- how deeply brackets nest, counting every ``{ ( [`` wherever it stands:
  the engines recurse on nesting, and 5,000 nested braces crash one process
  and make another segfault, so a query past :data:`MAX_NESTING` is refused;
- how long a run of property-path operators is (``!!!…``, ``^^^…``): past
  :data:`MAX_PATH_RUN` the engine's parser recurses as deep;
- how many operators it holds: past :data:`MAX_OPERATORS` a chain of
  them (``1+1+…``, ``?a || ?b || …``) crashes the engine's parser;
- whether the word SERVICE stands anywhere: ``SERVICE`` makes the engine
  fetch a URL, which an endpoint must never do for whoever can send it a
  query (a string or comment holding the word is refused too);
- whether it is an update (INSERT, DELETE, LOAD …) and not a query: the
  first keyword after the prologue, read lexically.

>>> check("SELECT * WHERE { ?s ?p ?o }").nesting
1
>>> check('SELECT * WHERE { SERVICE <http://x/> { ?s ?p "SERVICE" } }').reaches_out
True
>>> check("SELECT * WHERE { BIND(<http://x/\\\\u0041#y> AS ?z) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }").reaches_out
True
>>> check("SELECT * WHERE { ?s ?p ?o } # SERVICE").reaches_out
True
>>> check("ASK { }").reaches_out
False
>>> check("PREFIX a: <x:> INSERT DATA { a:b a:c a:d }").is_update
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

MAX_NESTING = 64
MAX_PATH_RUN = 64
MAX_OPERATORS = 2000
"""The engine's parser recurses on a chain of operators too: 8,000 ``+`` or
12,000 ``||`` in a row crash it, 6,000 and 8,000 do not; every operator
character counts (those inside IRIs and strings too)."""
OPERATOR = re.compile(r"\|\||&&|[-+*/!^|=<>]")
KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
PROLOGUE_WORDS = {"PREFIX", "BASE"}
ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
SERVICE = re.compile(r"(?<![A-Za-z0-9_])service(?![A-Za-z0-9_])", re.IGNORECASE)
PATH_RUN = re.compile(r"(?:[!^|/*+?]\s*){%d,}" % (MAX_PATH_RUN + 1))


@dataclass(frozen=True)
class QueryShape:
    nesting: int
    reaches_out: bool
    is_update: bool
    path_run: bool = False
    operators: int = 0


def expand_escapes(text: str) -> str:
    """The query as the engine reads it: ``\\u0041`` is ``A``."""

    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return ESCAPE.sub(char, text)


def check(text: str) -> QueryShape:
    """The shape of a query (see the module's doc)."""
    expanded = expand_escapes(text)
    depth = deepest = 0
    for ch in expanded:
        if ch in "{([":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "})]":
            depth = max(0, depth - 1)
    return QueryShape(
        nesting=deepest,
        reaches_out=bool(SERVICE.search(expanded)),
        is_update=_first_word(expanded) in UPDATE_WORDS,
        path_run=bool(PATH_RUN.search(expanded)),
        operators=len(OPERATOR.findall(expanded)),
    )


def _first_word(text: str) -> str:
    """The first keyword after the prologue, read lexically (comments,
    strings and IRIs skipped: here a wrong reading only misnames an error)."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif ch == "<":
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", text[i : i + 4096])
            i += m.end() if m else 1
        elif ch.isalpha() or ch == "_":
            m = KEYWORD.match(text, i)
            word = m.group().upper()
            prefixed_name = (i > 0 and text[i - 1] in ":?$") or text.startswith(":", m.end())
            if word not in PROLOGUE_WORDS and not prefixed_name:
                return word
            i = m.end()
        else:
            i += 1
    return ""


def admit(text: str, allow_service: bool = False) -> QueryShape:
    """The query's shape, or :class:`QueryError` when it must not run:
    nested past :data:`MAX_NESTING`, a property path longer than
    :data:`MAX_PATH_RUN` operators in a row, or reaching out without leave."""
    shape = check(text)
    if shape.nesting > MAX_NESTING:
        raise QueryError(
            f"the query nests {shape.nesting} levels deep (at most {MAX_NESTING} are run)",
            "flatten the query's groups",
        )
    if shape.operators > MAX_OPERATORS:
        raise QueryError(
            f"the query has {shape.operators} operators (at most {MAX_OPERATORS} are run)",
            "split the query, or use VALUES instead of long chains of || or +",
        )
    if shape.path_run:
        raise QueryError(
            f"the query has a property path of more than {MAX_PATH_RUN} operators in a row",
            "shorten the property path",
        )
    if shape.reaches_out and not allow_service:
        raise QueryError(
            "the query calls a remote endpoint (SERVICE), or holds the word SERVICE, which is refused",
            "run it with kg query --allow-service if you mean it",
        )
    return shape

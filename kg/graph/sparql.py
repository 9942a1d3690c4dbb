"""Checks a SPARQL query passes before an engine sees it.

The text is read once, lexically (comments, strings and IRIs skipped):

- how deeply its groups nest: the engines recurse on nesting, and 5,000
  nested braces crash one process and make another segfault, so a query
  past :data:`MAX_NESTING` is refused with a message;
- whether it reaches out: ``SERVICE`` makes the engine fetch a URL, which
  an endpoint must never do for whoever can send it a query;
- whether it is an update (INSERT, DELETE, LOAD …) and not a query.

>>> check("SELECT * WHERE { ?s ?p ?o }").nesting
1
>>> check('SELECT * WHERE { SERVICE <http://x/> { ?s ?p "SERVICE" } }').reaches_out
True
>>> check("# SERVICE in a comment\\nASK { }").reaches_out
False
>>> check("PREFIX a: <x:> INSERT DATA { a:b a:c a:d }").is_update
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

MAX_NESTING = 64
KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
PROLOGUE_WORDS = {"PREFIX", "BASE"}


@dataclass(frozen=True)
class QueryShape:
    nesting: int
    reaches_out: bool
    is_update: bool


def check(text: str) -> QueryShape:
    """The shape of a query, read lexically (see the module's doc)."""
    depth = deepest = 0
    service = False
    first_word = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<":
            # an IRI runs to '>' with no space in it; otherwise it is a comparison
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", text[i : i + 4096])
            if m:
                i += m.end()
                continue
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth = max(0, depth - 1)
        elif ch.isalpha() or ch == "_":
            m = KEYWORD.match(text, i)
            word = m.group().upper()
            if word == "SERVICE" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ":?$_")):
                service = True
            prefixed_name = (i > 0 and text[i - 1] in ":?$") or text.startswith(":", m.end())
            if not first_word and word not in PROLOGUE_WORDS and not prefixed_name:
                first_word = word
            i = m.end()
            continue
        i += 1
    return QueryShape(nesting=deepest, reaches_out=service, is_update=first_word in UPDATE_WORDS)


def admit(text: str, allow_service: bool = False) -> QueryShape:
    """The query's shape, or :class:`QueryError` when it must not run:
    nested past :data:`MAX_NESTING`, or reaching out without leave."""
    shape = check(text)
    if shape.nesting > MAX_NESTING:
        raise QueryError(
            f"the query nests {shape.nesting} levels deep (at most {MAX_NESTING} are run)",
            "flatten the query's groups",
        )
    if shape.reaches_out and not allow_service:
        raise QueryError(
            "the query calls a remote endpoint (SERVICE), which is refused",
            "run it with kg query --allow-service if you mean it",
        )
    return shape

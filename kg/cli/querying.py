"""``kg query``, ``kg saved`` and ``kg serve``.
"""

from __future__ import annotations

import os
import sys

from pathlib import Path

import click

from kg.cli.group import DEFAULT_GRAPH, DEFAULT_STORE, main
from kg.graph.formats import query_answer_formats
from kg.processes import memory_ceiling

QUERY_FORMATS = sum(query_answer_formats(), ())


def _out_of_memory(mb: int) -> None:
    # called from the watching thread while the engine computes: only an exit stops it
    sys.stderr.write(f"Error: the query needed more than {mb} MB and was stopped "
                     "(hint: add a LIMIT or narrow the query, or give --max-memory)\n")
    sys.stderr.flush()
    os._exit(1)


def _default_graph() -> str:
    from kg.graph.store import needs_index

    return DEFAULT_STORE if Path(DEFAULT_STORE).is_dir() or needs_index(DEFAULT_STORE) else DEFAULT_GRAPH


def _indexed(source: str) -> str:
    """Where to query ``source`` (a build's store indexed first), saying so."""
    from kg.graph.store import up_to_date

    return up_to_date(source, note=lambda message: click.echo(message, err=True))


@main.command()
@click.argument("args", nargs=-1, metavar="[GRAPH] QUERY")
@click.option("-f", "--file", "query_file", type=click.Path(), help="Read the query from a .rq file.")
@click.option("--saved", "saved_name", metavar="NAME", help="Run a saved question (list them with 'kg saved').")
@click.option("--store", "store_ref", metavar="PATH|URL", help="Query a store folder or a SPARQL endpoint instead of a file.")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(QUERY_FORMATS, case_sensitive=False),
              help="table, json, csv, tsv, xml (SELECT/ASK); turtle, nt (CONSTRUCT/DESCRIBE).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses fetch from remote endpoints (refused unless given).")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(64), metavar="MB",
              help="Stop the query when kg query holds more than this much memory.")
def query(args: tuple[str, ...], query_file: str | None, saved_name: str | None, store_ref: str | None, fmt: str, allow_service: bool,
          max_memory: int) -> None:
    """Run SPARQL on a graph file, a store or an endpoint (default: output/store).

    \b
    Example:
      kg query "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name }"
      kg query output/graph.trig -f question.rq --format csv
      kg query --saved reports-reviewed
      kg query --store http://127.0.0.1:7878/query "ASK { ?s ?p ?o }"
    """
    from kg.graph.query import (
        format_result,
        provenance_missing,
        read_query_file,
        run_query,
        saved_query,
    )
    from kg.graph.store import open_store

    fmt = fmt.lower()
    given = [x for x in (query_file, saved_name) if x]
    if len(given) > 1:
        raise click.UsageError("give one of QUERY, -f FILE or --saved NAME")
    if given:
        if len(args) > 1 or (args and store_ref):
            raise click.UsageError("give either a query or -f FILE / --saved NAME, not both")
        graph = store_ref or (args[0] if args else _default_graph())
        if saved_name:
            text = saved_query(saved_name).text
        else:
            text = read_query_file(query_file)
    else:
        if not args:
            raise click.UsageError("missing the SPARQL query (or -f FILE, or --saved NAME)")
        limit = 1 if store_ref else 2
        if len(args) > limit:
            raise click.UsageError("too many arguments: give GRAPH and QUERY (quote the query)")
        if store_ref:
            graph, text = store_ref, args[0]
        else:
            graph, text = (args[0], args[1]) if len(args) == 2 else (_default_graph(), args[0])
    store = open_store(_indexed(graph))
    with memory_ceiling(max_memory, _out_of_memory):
        result = run_query(store, text, fmt, allow_service=allow_service)
        out = format_result(result, fmt)
    click.echo(out, nl=not out.endswith("\n"))
    if provenance_missing(store, text):
        trig = Path(graph).with_name("graph.trig")
        click.echo(f"Note: {graph} holds the facts without the sentences they came from; "
                   f"ask the build's store or {trig}, which keep them", err=True)


@main.command()
def saved() -> None:
    """List the saved questions that 'kg query --saved NAME' runs.

    \b
    Example:
      kg saved
      kg query --saved regulations-by-body
    """
    from kg.graph.query import saved_queries

    for q in saved_queries().values():
        click.echo(f"{q.name:36}{q.title}")


@main.command()
@click.argument("graph", required=False)
@click.option("--store", "store_path", metavar="PATH", help="Serve a store folder (default: output/store).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless told otherwise.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0: any free one).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0, min_open=True), help="Seconds a query may run.")
@click.option("--max-results", default=10000, show_default=True, type=click.IntRange(1), help="Most rows (or triples) an answer may hold.")
@click.option("--client-timeout", default=10.0, show_default=True, type=click.FloatRange(0, min_open=True), help="Seconds a client may take to send its request.")
@click.option("--max-memory", default=512, show_default=True, type=click.IntRange(64), metavar="MB",
              help="Most memory a query's worker may hold; past it the query is stopped (503).")
def serve(graph: str | None, store_path: str | None, host: str, port: int, timeout: float, max_results: int, client_timeout: float,
          max_memory: int) -> None:
    """Serve a read-only SPARQL 1.1 Protocol endpoint at /query, with a query page at /.

    \b
    Example:
      kg serve                                   # output/store on 127.0.0.1:7878
      kg serve output/graph.trig --port 8000
      curl 'http://127.0.0.1:7878/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'
    """
    from kg.web.endpoint import serve_forever

    source = _indexed(store_path or graph or _default_graph())
    serve_forever(source, host=host, port=port, timeout=timeout, max_results=max_results, echo=click.echo,
                  client_timeout=client_timeout, max_memory=max_memory)

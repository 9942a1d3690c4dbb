"""The ``kg`` command line: parses arguments, calls the library, formats.

Errors from the library (:class:`kg.errors.KGError`) become one line on
stderr with a hint, and a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from pathlib import Path

import click

from kg import __version__
from kg.errors import FormatError, KGError

DEFAULT_GRAPH = "output/graph.ttl"
DEFAULT_STORE = "output/store"


class KGGroup(click.Group):
    """Turns library errors into one-line messages at the CLI's edge."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            hint = f" (hint: {exc.hint})" if exc.hint else ""
            click.echo(f"Error: {exc.message}{hint}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; earlier output files are unchanged", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader went away (kg stats | head): stop quietly, as Unix tools do
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f" {exc.filename}" if exc.filename else ""
            click.echo(f"Error: cannot access{where}: {exc.strerror} (hint: check the path and its permissions)", err=True)
            ctx.exit(1)
        except ModuleNotFoundError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            # run from a source folder with a Python that lacks our dependencies
            click.echo(f"Error: the Python package {exc.name} is missing (hint: pip install . in the project, or use the Python it was installed with)", err=True)
            ctx.exit(1)
        except Exception as exc:  # a bug of ours: one line, the traceback only with --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: internal error: {type(exc).__name__}: {exc} (hint: run again with --debug and report it)", err=True)
            ctx.exit(1)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show jieba's log and full tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build knowledge graphs from Chinese government work reports.

    \b
    Example:
      kg build                      # the bundled Hengyang report into output/
      kg query "SELECT ?l WHERE { ?s rdfs:label ?l } LIMIT 5"
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if debug:
        logging.getLogger("jieba").setLevel(logging.DEBUG)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False), help="Folder for graph.ttl, graph.trig and graph.html.")
@click.option("--no-html", is_flag=True, help="Skip the network page.")
@click.option("--index", is_flag=True, help="Index output/store now (else the first query does it).")
@click.option("--no-store", is_flag=True, hidden=True)  # the default now; kept for old scripts
@click.option("--store", "remote", metavar="URL", help="Also write each document's graph to this Graph Store HTTP Protocol endpoint.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="Worker processes (default: the machine's cores).")
@click.option("--scheduler", metavar="ADDRESS", help="Extract on a Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@click.option("--by-rule", is_flag=True, help="Also count what each recognizer and relation rule found.")
def build(inputs: tuple[str, ...], out_dir: str, no_html: bool, index: bool, no_store: bool, remote: str | None, jobs: int | None,
          scheduler: str | None, quiet: bool, by_rule: bool) -> None:
    """Build the graph of report files, folders or globs (default: the bundled sample).

    Unchanged reports are taken from the previous build's cache; a report
    that cannot be read is reported and skipped, and the build exits 1.

    \b
    Example:
      kg build                                  # bundled Hengyang report
      kg build reports/ -o out/ --jobs 4        # every .txt under reports/
      kg build reports/ --store http://127.0.0.1:7878/store
      kg build reports/ --scheduler tcp://10.0.0.5:8786   # on a Dask cluster
    """
    from kg.build import build as run_build, default_jobs, sample_report_path

    if remote and not remote.startswith(("http://", "https://")):
        raise click.UsageError("--store takes an http(s) URL of a Graph Store endpoint")
    if scheduler and jobs:
        raise click.UsageError("give --jobs (this machine) or --scheduler (a Dask cluster), not both")
    if scheduler:
        from kg.build.cluster import check_address

        check_address(scheduler)
    paths = list(inputs) or [str(sample_report_path())]
    shown = not quiet and sys.stderr.isatty()
    result = run_build(
        paths, out_dir, html=not no_html, store=index and not no_store, remote=remote,
        jobs=jobs or default_jobs(), progress=progress_bar(sys.stderr) if shown else None,
        upload=count_bar(sys.stderr, "graph", "to the store") if shown else None, scheduler=scheduler,
    )
    n = len(result.documents)
    click.echo(f"Built {n} document{'s' if n != 1 else ''}: {', '.join(result.documents[:5])}{' …' if n > 5 else ''}")
    if result.reused:
        click.echo(f"Unchanged, taken from the cache: {len(result.reused)}; extracted: {len(result.extracted)}")
    if n > 1:
        click.echo("Documents:")
        for d in result.docs:
            if not d.error:
                click.echo(f"  {d.name:<32}{sum(d.entities.values()):>6} entities{d.relations:>6} relations")
    click.echo("Entities:" if n == 1 else "Entities (per document, summed):")
    for t, count in result.entities.items():
        click.echo(f"  {t:<14}{count:>6}")
    click.echo(f"  {'total':<14}{sum(result.entities.values()):>6}")
    click.echo(f"Relations: {result.relations}")
    if by_rule:
        click.echo("By rule (mentions and relations):")
        for rule, count in result.by_rule.items():
            click.echo(f"  {rule:<32}{count:>6}")
    for flag in result.flags:
        click.echo(f"Flagged: {flag}")
    click.echo("Wrote: " + ", ".join(result.files))
    if result.synced:
        s = result.synced
        click.echo(f"Store: {s.sent} graph{'s' if s.sent != 1 else ''} sent, {s.removed} removed, {s.unchanged} unchanged")
    for failure in result.failures:
        click.echo(f"Error: {failure}", err=True)
    if result.failures:
        sys.exit(1)


def progress_bar(stream):
    """A build's progress on a terminal: a tqdm bar with documents/s, and
    characters/s after it."""
    count = count_bar(stream, "doc")

    def show(done: int, total: int, chars: int, seconds: float) -> None:
        count(done, total, f"{chars / seconds:,.0f} chars/s" if seconds else "")

    return show


def count_bar(stream, unit: str, what: str = ""):
    """A terminal bar for steps counted one by one (documents built,
    graphs uploaded), with an optional note after it; silent when there
    is nothing to do."""
    from tqdm import tqdm

    bar = None

    def show(done: int, total: int, note: str = "") -> None:
        nonlocal bar
        if total == 0:
            return
        if bar is None:
            import shutil

            # a terminal that does not tell its size gets 80 columns (tqdm would draw nothing)
            width = {"dynamic_ncols": True} if shutil.get_terminal_size((0, 0)).columns else {"ncols": 80, "nrows": 20}
            bar = tqdm(total=total, unit=unit, desc=what or None, file=stream, smoothing=0, leave=True, **width)
        if note:
            bar.set_postfix_str(note, refresh=False)
        bar.update(done - bar.n)
        if done == total:
            bar.close()

    return show


@contextlib.contextmanager
def stage_display(stream):
    """The stages of a long step on a terminal, each with its seconds
    ticking (nothing when ``stream`` is not one)."""
    if not stream.isatty():
        yield None
        return
    import threading

    now = {"message": "", "since": time.monotonic()}
    stop = threading.Event()

    def show(done: bool = False) -> None:
        if now["message"]:
            stream.write(f"\r\033[K{now['message']} ... {time.monotonic() - now['since']:.0f} s" + ("\n" if done else ""))
            stream.flush()

    def stage(message: str) -> None:
        show(done=True)
        now.update(message=message, since=time.monotonic())
        show()

    def tick() -> None:
        while not stop.wait(1.0):
            show()

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield stage
    finally:
        stop.set()
        ticker.join()
        show(done=True)


def _default_graph() -> str:
    from kg.graph.store import needs_index

    return DEFAULT_STORE if Path(DEFAULT_STORE).is_dir() or needs_index(DEFAULT_STORE) else DEFAULT_GRAPH


def _indexed(source: str) -> str:
    """Where to query ``source`` (a build's store indexed first), saying so."""
    from kg.graph.store import up_to_date

    return up_to_date(source, note=lambda message: click.echo(message, err=True))


@main.command()
@click.argument("args", nargs=-1)
@click.option("-f", "--file", "query_file", type=click.Path(), help="Read the query from a .rq file.")
@click.option("--saved", "saved_name", metavar="NAME", help="Run a saved question (list them with 'kg saved').")
@click.option("--store", "store_ref", metavar="PATH|URL", help="Query a store folder or a SPARQL endpoint instead of a file.")
@click.option("--format", "fmt", default="table", show_default=True, help="table, json, csv, tsv, xml (SELECT/ASK); turtle, nt (CONSTRUCT/DESCRIBE).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses fetch from remote endpoints (refused unless given).")
def query(args: tuple[str, ...], query_file: str | None, saved_name: str | None, store_ref: str | None, fmt: str, allow_service: bool) -> None:
    """Run SPARQL on a graph file, a store or an endpoint (default: output/store).

    \b
    Example:
      kg query "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name }"
      kg query output/graph.trig -f question.rq --format csv
      kg query --saved reports-reviewed
      kg query --store http://127.0.0.1:7878/query "ASK { ?s ?p ?o }"
    """
    from kg.graph.query import ALL_FORMATS, format_result, provenance_missing, read_query_file, run_query, saved_query
    from kg.graph.store import open_store

    fmt = fmt.strip().lower()
    if fmt not in ALL_FORMATS:
        raise FormatError(f"unknown format '{fmt}'", "use table, json, csv, tsv, xml, turtle or nt")
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
def serve(graph: str | None, store_path: str | None, host: str, port: int, timeout: float, max_results: int, client_timeout: float) -> None:
    """Serve a read-only SPARQL 1.1 Protocol endpoint at /query, with a query page at /.

    \b
    Example:
      kg serve                                   # output/store on 127.0.0.1:7878
      kg serve output/graph.trig --port 8000
      curl 'http://127.0.0.1:7878/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'
    """
    from kg.web.endpoint import serve_forever

    source = _indexed(store_path or graph or _default_graph())
    serve_forever(source, host=host, port=port, timeout=timeout, max_results=max_results, echo=click.echo, client_timeout=client_timeout)


@main.command()
@click.argument("graph", type=click.Path())
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
def render(graph: str, out: str) -> None:
    """Write the interactive network page of a graph.

    \b
    Example:
      kg render output/graph.ttl -o network.html
    """
    from kg.graph.graphio import load_graph
    from kg.outputs import write_text
    from kg.web.page import render_html

    g = load_graph(graph)
    write_text(out, render_html(g, title=Path(graph).stem))
    click.echo(f"Wrote: {out}")


@main.command()
@click.argument("graph", type=click.Path(), default=DEFAULT_GRAPH)
@click.option("--top", default=10, show_default=True, help="How many entities to list.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats(graph: str, top: int, as_json: bool) -> None:
    """Counts, the most central entities and the communities of a graph.

    \b
    Example:
      kg stats output/graph.ttl --top 5
    """
    from dataclasses import asdict

    from kg.graph.graphio import load_graph
    from kg.graph.stats import graph_stats

    s = graph_stats(load_graph(graph), top=top)
    if as_json:
        click.echo(json.dumps(asdict(s), ensure_ascii=False, indent=2))
        return
    click.echo(f"Entities: {s.nodes}   Relations: {s.edges}")
    click.echo("By type: " + ", ".join(f"{k} {v}" for k, v in s.types.items()))
    click.echo("By predicate: " + ", ".join(f"{k} {v}" for k, v in s.predicates.items()))
    click.echo("Highest degree:")
    for name, t, d in s.degree:
        click.echo(f"  {d:>4}  {name} ({t})")
    click.echo("Highest PageRank:")
    for name, t, v in s.pagerank:
        click.echo(f"  {v:.4f}  {name} ({t})")
    click.echo(f"Communities: {len(s.communities)}")
    for i, c in enumerate(s.communities, 1):
        click.echo(f"  {i}. " + "、".join(c[:8]) + (" …" if len(c) > 8 else ""))


@main.command()
@click.argument("graph", type=click.Path())
@click.option("--format", "fmt", default="graphml", show_default=True, help="graphml or gexf (any case).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="File to write (default: GRAPH with the format's extension).")
def export(graph: str, fmt: str, out: str | None) -> None:
    """Export the entity network for Gephi (GraphML or GEXF).

    \b
    Example:
      kg export output/graph.ttl --format gexf -o network.gexf
    """
    from kg.graph.export import export_text
    from kg.graph.formats import named
    from kg.graph.graphio import load_graph
    from kg.outputs import write_text

    chosen = named(fmt, "network")
    text = export_text(load_graph(graph), chosen.name)
    target = out or str(Path(graph).with_suffix(chosen.suffixes[0]))
    write_text(target, text)
    click.echo(f"Wrote: {target}")


@main.command()
@click.argument("graph", type=click.Path(), default=DEFAULT_GRAPH)
@click.option("-v", "--verbose", is_flag=True, help="Print pySHACL's full report.")
def validate(graph: str, verbose: bool) -> None:
    """Check a graph against the SHACL shapes: exit 0 conforms, 1 does not, 2 could not run.

    \b
    Example:
      kg validate output/graph.ttl
    """
    from kg.graph.validate import validate_file

    with stage_display(sys.stderr) as stage:
        report = validate_file(graph, stage=stage)
    if report.conforms:
        click.echo(f"{graph}: conforms")
        return
    click.echo(f"{graph}: does not conform ({report.violations} violations)")
    if verbose:
        click.echo(report.text)
    sys.exit(1)


@main.command()
@click.argument("gold", type=click.Path())
@click.argument("graph", type=click.Path(), default=DEFAULT_GRAPH)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def evaluate(gold: str, graph: str, as_json: bool) -> None:
    """Score a graph against a gold annotation file (the schema's rules).

    \b
    Example:
      kg evaluate tests/data/gold/hengyang-2021.json output/graph.ttl
    """
    from kg.graph.evaluate import evaluate as run_eval, format_table, load_gold
    from kg.graph.graphio import load_graph

    g = load_gold(gold)
    ev = run_eval(g, load_graph(graph, g.get("document", "")))
    if as_json:
        click.echo(json.dumps(ev.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(ev))


if __name__ == "__main__":  # pragma: no cover
    main()

"""Commands on a graph: ``kg render``, ``stats``, ``export``, ``validate``, ``evaluate``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.display import stage_display
from kg.cli.group import DEFAULT_GRAPH, main
from kg.graph.formats import names


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
@click.option("--format", "fmt", default="graphml", show_default=True, type=click.Choice(names("network"), case_sensitive=False),
              help="graphml or gexf (any case).")
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
    from kg.graph.evaluate import evaluate as run_eval
    from kg.graph.evaluate import format_table, load_gold
    from kg.graph.graphio import load_graph

    g = load_gold(gold)
    ev = run_eval(g, load_graph(graph, g.get("document", "")))
    if as_json:
        click.echo(json.dumps(ev.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(ev))


if __name__ == "__main__":  # pragma: no cover
    main()

"""``kg build``.
"""

from __future__ import annotations

import sys

import click

from kg.cli.display import count_bar, printable, progress_bar
from kg.cli.group import main


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
    from kg.build import build as run_build
    from kg.build import default_jobs, sample_report_path

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
    click.echo(printable(f"Built {n} document{'s' if n != 1 else ''}: {', '.join(result.documents[:5])}{' …' if n > 5 else ''}"))
    if result.reused:
        click.echo(f"Unchanged, taken from the cache: {len(result.reused)}; extracted: {len(result.extracted)}")
    if n > 1:
        click.echo("Documents:")
        for d in result.docs:
            if not d.error:
                click.echo(printable(f"  {d.name:<32}{sum(d.entities.values()):>6} entities{d.relations:>6} relations"))
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
        click.echo(printable(f"Flagged: {flag}"))
    click.echo("Wrote: " + ", ".join(result.files))
    if result.synced:
        s = result.synced
        click.echo(f"Store: {s.sent} graph{'s' if s.sent != 1 else ''} sent, {s.removed} removed, {s.unchanged} unchanged")
    for failure in result.failures:
        click.echo(printable(f"Error: {failure}"), err=True)
    if result.failures:
        sys.exit(1)

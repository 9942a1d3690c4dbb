"""``kg explain`` and ``kg components``: the extraction pipeline laid open."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.group import main
from kg.errors import InputError


@main.command(short_help="Why a name was or was not extracted from a report.")
@click.argument("report", type=click.Path())
@click.argument("name")
def explain(report: str, name: str) -> None:
    """Every candidate span of REPORT that overlaps NAME (as the report
    writes it) or names it: the component and rule that proposed it, and
    whether it was kept or why it lost.

    Example: kg explain report.txt 国民经济和社会发展规划
    """
    from kg.extract.explain import explain as explain_name
    from kg.ingest import load_document

    doc = load_document(Path(report))
    verdicts = explain_name(doc, name)
    if not verdicts:
        where = "occurs nowhere in" if name not in doc.text else "is proposed by no component in"
        raise InputError(f"{name} {where} {doc.name}", "give the name as the report writes it, or a part of it")
    places = len({v.sentence.index for v in verdicts})
    click.echo(f"{name} in {doc.name}: {len(verdicts)} candidates in {places} sentence{'s' if places != 1 else ''}")
    last = None
    for v in verdicts:
        m = v.candidate.mention
        if v.sentence.index != last:
            last = v.sentence.index
            click.echo(f"\nsentence {v.sentence.index}: {_around(v.sentence.text, name)}")
        click.echo(f"  {v.outcome:4s}  {m.type:12s} {m.name}  [{m.start}:{m.end}]  {v.candidate.component} ({m.rule})")
        if v.reason:
            click.echo(f"        {v.reason}")


def _around(text: str, name: str, width: int = 40) -> str:
    """The sentence, cut to ``width`` characters either side of ``name``."""
    i = text.find(name)
    if i < 0 or len(text) <= 2 * width + len(name):
        return text
    start, end = max(0, i - width), min(len(text), i + len(name) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


@main.command(short_help="The extraction pipeline's components, what each reads and writes.")
def components() -> None:
    """The components of the extraction pipeline in order (data/pipeline.json),
    each with the slots it reads and writes.

    Example: kg components
    """
    from kg.extract.components import FACTORIES
    from kg.extract.pipeline import default_config

    for name in default_config():
        f = FACTORIES[name]
        click.echo(f"{name:32s} {', '.join(f.reads):28s} → {', '.join(f.writes)}")


@main.command(short_help="Train the tagger on gold files and their reports.")
@click.argument("gold_dir", type=click.Path(file_okay=False))
@click.argument("text_dirs", nargs=-1, required=True, type=click.Path(file_okay=False), metavar="TEXT_DIR...")
@click.option("-o", "--output", "out", default="tagger.crfsuite", show_default=True, type=click.Path(dir_okay=False),
              help="The model file to write.")
def train(gold_dir: str, text_dirs: tuple[str, ...], out: str) -> None:
    """Train the extraction's CRF tagger on the gold files of GOLD_DIR (the
    annotation schema's JSON) and their reports, found by name in the
    TEXT_DIRs. The same gold gives the same bytes.

    Example: kg train ../shared/annotation/gold ../shared/corpus ../shared/corpus/openings -o kg/extract/models/tagger.crfsuite
    """
    import time

    from kg.extract.training import examples
    from kg.extract.training import train as train_model
    from kg.outputs import atomic_path

    started = time.perf_counter()
    items = examples(Path(gold_dir), [Path(d) for d in text_dirs])
    with atomic_path(out) as staged:
        train_model(items, staged)
    chars = sum(len(x) for i in items for x in i.xseqs)
    click.echo(f"Trained on {len(items)} reports ({chars:,} characters) in {time.perf_counter() - started:.0f} s: {out}")

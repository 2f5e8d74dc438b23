"""``kg build``: articles in, graph files out."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.cli.common import ProblemReporter, UserError, main, model_option, paths_argument


@main.command()
@paths_argument
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output directory; an existing build there is extended.")
@model_option
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TSV file forcing or splitting actor merges.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="all cores",
              help="Parser processes (1: parse in this process); with --dask, LocalCluster workers.")
@click.option("--dask", "use_dask", is_flag=True, help="Parse on a Dask LocalCluster (needs kg[dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Parse on the existing Dask cluster at ADDRESS, e.g. tcp://host:8786 (implies --dask).")
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of skipping it.")
@click.option("--store", default="store", show_default=True,
              help="Oxigraph store directory inside --out, or 'memory' for none.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option("--screenshot", is_flag=True, help="Also save graph.png (needs chromium).")
@click.option("--wait", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS",
              help="How long to wait for another build into --out to finish before giving up.")
def build(paths, out, model, aliases, jobs, use_dask, scheduler, strict, store, no_html, screenshot, wait):
    """Build the knowledge graph of PATHS (.txt, .jsonl, directories, - for stdin).

    Example: kg build seeds/ --out output/
    """
    from kg.graph import build as build_graph
    from kg.pipeline.parallel import DaskError

    reporter = ProblemReporter()
    try:
        with _progress(paths) as progress:
            graph = build_graph(
                paths, out=out, model=model, aliases=aliases, jobs=jobs, dask=use_dask, scheduler=scheduler,
                on_problem=reporter, strict=strict, progress=progress, html=not no_html, store=store,
                wait=wait, on_wait=lambda line: click.echo(f"kg: {line}", err=True),
            )
    except DaskError as exc:
        raise UserError(str(exc)) from None
    finally:
        reporter.summarise()
    files = dict(graph.files)
    graphs, triples = graph.foreign
    if graphs or triples:
        click.echo(f"kg: note: the store holds data kg did not write ({graphs} named graph(s), {triples} triple(s) "
                   "in the default graph); it is left there and kept out of graph.ttl and graph.trig", err=True)
    if screenshot and "html" in files:
        from kg.network.viz import screenshot as take_screenshot

        png = out / "graph.png"
        try:
            take_screenshot(files["html"], png)
            files["screenshot"] = png
        except (FileNotFoundError, RuntimeError) as exc:
            click.echo(f"kg: note: no screenshot ({exc})", err=True)
    _print_summary(graph, files)


class _progress:
    """A rich progress bar (documents, documents/s, ETA when the total is cheap to know).

    Silent when stderr is not a terminal or ``CI`` is set.
    """

    def __init__(self, paths=()) -> None:
        self._paths = paths

    def __enter__(self):
        self._bar = None
        if not sys.stderr.isatty() or os.environ.get("CI"):
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        total = _count_documents(self._paths)
        columns = [TextColumn("parsing"), BarColumn(), MofNCompleteColumn() if total else TextColumn("{task.completed}"),
                   TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn()]
        if total:
            from rich.progress import TimeRemainingColumn

            columns.append(TimeRemainingColumn())
        self._bar = Progress(*columns, console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task("parsing", total=total, rate="–")
        self._bar.start()
        return self._advance

    def _advance(self, result) -> None:
        self._bar.advance(self._task)
        speed = self._bar.tasks[0].speed
        if speed:
            self._bar.update(self._task, rate=f"{speed:.1f}")

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False


def _count_documents(paths) -> "int | None":
    """How many documents PATHS hold when that is cheap: plain files only, one article each.

    A directory is not walked and a JSONL/JSON file not read (either may be huge): no total.
    """
    from kg.documents.readers import JSON_SUFFIXES, JSONL_SUFFIXES

    count = 0
    for path in map(Path, paths):
        if str(path) == "-" or not path.is_file() or path.suffix.lower() in JSONL_SUFFIXES | JSON_SUFFIXES:
            return None
        count += 1
    return count or None


def _print_summary(graph, files) -> None:
    from rich.console import Console
    from rich.table import Table

    # counted article by article: a large corpus's whole graph need not fit in memory
    console = Console()
    actors = [e for e in graph.entities if e.type != "Thing"]
    console.print(
        f"[bold]{len(graph.results)}[/] documents, [bold]{graph.results.sentences()}[/] sentences, "
        f"[bold]{graph.results.triples()}[/] triples, [bold]{len(actors)}[/] actors"
    )
    table = Table(title="Most connected actors", show_edge=False)
    table.add_column("actor")
    table.add_column("type")
    table.add_column("statements", justify="right")
    for name, type_, degree in graph.most_connected(5):
        table.add_row(name, type_, str(degree))
    console.print(table)
    for kind, path in files.items():
        console.print(f"{kind:>10}: {path}")

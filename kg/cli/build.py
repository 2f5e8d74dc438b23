"""``kg build``: articles in, graph files out."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.cli import main
from kg.cli.common import ProblemReporter, model_option, paths_argument


@main.command()
@paths_argument
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output directory; an existing build there is extended.")
@model_option
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TSV file forcing or splitting actor merges.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Parser processes.")
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of skipping it.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option("--screenshot", is_flag=True, help="Also save graph.png (needs chromium).")
def build(paths, out, model, aliases, jobs, strict, no_html, screenshot):
    """Build the knowledge graph of PATHS (.txt, .jsonl, directories, - for stdin).

    Example: kg build seeds/ --out output/
    """
    from kg.graph import build as build_graph

    reporter = ProblemReporter()
    try:
        with _progress() as progress:
            graph = build_graph(
                paths, out=out, model=model, aliases=aliases, jobs=jobs, on_problem=reporter,
                strict=strict, progress=progress, html=not no_html,
            )
    finally:
        reporter.summarise()
    files = {kind: out / name for kind, name in _written(out, no_html)}
    if screenshot and "html" in files:
        from kg.viz import screenshot as take_screenshot

        png = out / "graph.png"
        try:
            take_screenshot(files["html"], png)
            files["screenshot"] = png
        except (FileNotFoundError, RuntimeError) as exc:
            click.echo(f"kg: note: no screenshot ({exc})", err=True)
    _print_summary(graph, files)


def _written(out: Path, no_html: bool):
    from kg.graph import OUTPUT_FILES

    for kind, name in OUTPUT_FILES.items():
        if kind == "html" and no_html:
            continue
        yield kind, name


class _progress:
    """A rich progress line on a terminal; silent in pipes and CI."""

    def __enter__(self):
        self._bar = None
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task("parsing")
            self._count = 0
            return self._advance
        return None

    def _advance(self, result) -> None:
        self._count += 1
        self._bar.update(self._task, description=f"parsed {self._count} documents ({result.document.id})")

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False


def _print_summary(graph, files) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    stats = graph.stats(top=5)
    actors = [e for e in graph.entities if e.type != "Thing"]
    console.print(
        f"[bold]{stats['documents']}[/] documents, [bold]{stats['sentences']}[/] sentences, "
        f"[bold]{stats['triples']}[/] triples, [bold]{len(actors)}[/] actors"
    )
    table = Table(title="Most connected actors", show_edge=False)
    table.add_column("actor")
    table.add_column("type")
    table.add_column("statements", justify="right")
    for name, degree in _most_connected(graph, 5):
        table.add_row(name, str(graph.nx.nodes[name].get("type", "")), str(degree))
    console.print(table)
    for kind, path in files.items():
        console.print(f"{kind:>10}: {path}")


def _most_connected(graph, n: int):
    g = graph.nx
    actors = [v for v, data in g.nodes(data=True) if data.get("type", "Thing") != "Thing"]
    return sorted(((v, g.degree(v)) for v in actors), key=lambda p: (-p[1], p[0]))[:n]

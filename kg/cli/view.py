"""``kg view`` and ``kg stats``: look at a built graph."""
from __future__ import annotations

import json
import re
from pathlib import Path

import click

from kg.cli.common import ProblemReporter, UserError, graph_option, main, note


def load_network(graph_dir: Path):
    """The NetworkX graph of a build directory: from its records, else (or while a build writes) its GraphML."""
    from kg.graph import load_network as load
    from kg.lock import READ_WAIT, InUseError

    try:
        return load(graph_dir, wait=READ_WAIT, on_note=note, on_problem=ProblemReporter())
    except (FileNotFoundError, InUseError, ValueError) as exc:
        raise UserError(str(exc)) from None


def _slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name).strip("-_")[:60] or "actor"


@main.command()
@graph_option
@click.option("--output", "-o", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write [default: GRAPH/graph.html, GRAPH/view-NAME.html with --around].")
@click.option("--around", metavar="NAME", help="Only the actor NAME and its neighbourhood.")
@click.option("--hops", type=click.IntRange(0), default=2, show_default=True,
              help="How far from --around to go.")
@click.option("--min-mentions", type=click.IntRange(0), default=0, show_default=True,
              help="Drop actors mentioned fewer times.")
@click.option("--max-nodes", type=click.IntRange(0), default=None,
              help="Keep the N most connected actors [default: 250; 0 keeps all].")
@click.option("--title", help="Page title.")
@click.option("--screenshot", "png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also save a PNG of the page (needs chromium).")
def view(graph_dir, out, around, hops, min_mentions, max_nodes, title, png):
    """Write the interactive HTML view of a built graph; it opens offline.

    Example: kg view --around "Vladimir Putin" --hops 2 -o putin.html
    """
    from kg.network.viz import ScreenshotError, ViewError, screenshot, write_html

    network = load_network(graph_dir)
    if out is None:
        out = graph_dir / (f"view-{_slug(around)}.html" if around else "graph.html")
    try:
        path = write_html(network, out, around=around, hops=hops, min_mentions=min_mentions,
                          max_nodes=max_nodes, title=title or (f"kg: around {around}" if around else "kg"))
    except ViewError as exc:
        raise UserError(str(exc)) from None
    click.echo(str(path))
    if png:
        try:
            click.echo(str(screenshot(path, png)))
        except ScreenshotError as exc:
            raise UserError(str(exc)) from None


@main.command()
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Rows per ranking.")
def stats(graph_dir, fmt, top):
    """Counts, the most central actors, communities and the strongest dyads.

    Example: kg stats --graph output --format json
    """
    from kg.network.analysis import stats as summarise

    summary = summarise(load_network(graph_dir), top=top)
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    for line in format_stats(summary):
        click.echo(line)


def format_stats(summary: dict) -> list[str]:
    """The plain-text report of ``kg stats``."""
    lines = ["Counts"]
    lines += [f"  {name:<26}{value}" for name, value in summary["counts"].items()]
    for measure, ranked in summary["central"].items():
        lines += ["", f"Most central actors by {measure}"]
        lines += [f"  {score!s:>10}  {name}" for name, score in ranked]
    lines += ["", "Communities (Louvain)"]
    lines += [f"  {i:>2}. " + ", ".join(group) for i, group in enumerate(summary["communities"], 1)]
    lines += ["", "Strongest dyads"]
    for dyad in summary["dyads"]["overall"]:
        relations = ", ".join(f"{r} {n}" for r, n in dyad["relations"].items())
        lines.append(f"  {dyad['statements']:>4}  {' <-> '.join(dyad['actors'])}  ({relations})")
    for kind, ranked in summary["dyads"]["by_class"].items():
        lines += ["", f"Strongest dyads: {kind} (who to whom)"]
        lines += [f"  {d['statements']:>4}  {' -> '.join(d['actors'])}" for d in ranked]
    return lines

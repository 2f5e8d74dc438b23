"""``kg build``: articles in, graph files out."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from kg.cli.common import ProblemReporter, UserError, main, min_confidence_option, model_option, paths_argument


@main.command()
@paths_argument
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output directory; an existing build there is extended (and says so).")
@model_option
@min_confidence_option
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
@click.option("--timings", is_flag=True, help="Print the wall and CPU seconds of each phase (parse, actors, store, exports, GraphML, view).")
@click.option("--wait", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS",
              help="How long to wait for another build into --out to finish before giving up.")
@click.option("--base-iri", metavar="IRI",
              help="Mint every IRI under IRI (default https://kg.example.org/); --out keeps it for later commands.")
def build(paths, out, model, min_confidence, aliases, jobs, use_dask, scheduler, strict, store, no_html, screenshot,
          timings, wait, base_iri):
    """Build the knowledge graph of PATHS (.txt, .jsonl, directories, - for stdin).

    Example: kg build seeds/ --out output/
    """
    from kg.graph import build as build_graph
    from kg.pipeline.parallel import DaskError
    from kg.rdf.base import build_base

    try:
        build_base(out, base_iri)  # a bad or changed base: said before any parsing
    except ValueError as exc:
        raise UserError(str(exc)) from None
    _say_if_extending(out, paths)
    reporter = ProblemReporter()
    try:
        with _progress(paths) as progress:
            graph = build_graph(
                paths, out=out, model=model, aliases=aliases, jobs=jobs, dask=use_dask, scheduler=scheduler,
                on_problem=reporter, strict=strict, progress=progress, html=not no_html, store=store,
                wait=wait, on_wait=lambda line: click.echo(f"kg: {line}", err=True),
                on_stage=progress.stage, base_iri=base_iri, min_confidence=min_confidence,
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
    if timings:
        click.echo(f"kg: {phase_line(graph.timings)}; peak RSS of this process {_peak_rss_mb():.0f} MB", err=True)
        click.echo(f"kg: cpu {phase_line(graph.cpu_timings)}", err=True)


def phase_line(timings: dict) -> str:
    """``timings`` (see :attr:`kg.graph.KnowledgeGraph.timings`) on one line, as ``--timings`` prints it.

    Phases a child runs beside others (:data:`kg.graph.BESIDE`) are marked ``*`` and not
    added to the total.

    >>> phase_line({"parse+extract": 30.04, "store": 2.5, "graphml": 1.0})
    'phases: parse+extract 30.0 s, store 2.5 s, graphml* 1.0 s (total 32.5 s; * beside the store and exports)'
    """
    from kg.graph import BESIDE

    parts = ", ".join(f"{phase}{'*' * (phase in BESIDE)} {seconds:.1f} s" for phase, seconds in timings.items())
    total = sum(seconds for phase, seconds in timings.items() if phase not in BESIDE)
    note = "; * beside the store and exports" if any(phase in BESIDE for phase in timings) else ""
    return f"phases: {parts} (total {total:.1f} s{note})"


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _say_if_extending(out: Path, paths) -> None:
    """One line when ``out`` already holds a build: the new articles join it (the same command resumes)."""
    from kg.graph import RECORDS_DIR

    records = out / RECORDS_DIR
    if not records.is_dir():
        return
    with os.scandir(records) as entries:
        count = sum(1 for entry in entries if entry.name.endswith(".json"))
    if count:
        inputs = ", ".join(map(str, paths[:3])) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        click.echo(f"kg: extending the build in {out}/ ({count} article{'s' * (count != 1)}) with {inputs}; "
                   "articles already there are not parsed again (--out DIR for a separate build)", err=True)


class _progress:
    """What a build is doing, stage by stage, on stderr.

    On a terminal: a bar per stage; parsing shows articles done (of the total when it is
    cheap to know, with an ETA) and the rate once it means something.  Elsewhere (a log, a
    pipe, ``CI``): one line as each stage starts, flushed at once.  Used as a context
    manager that gives the build's ``progress`` (per parsed article) and ``on_stage`` hooks.
    """

    def __init__(self, paths=()) -> None:
        self._paths = paths

    def __enter__(self):
        self._bar, self._task, self._parsed = None, None, 0
        self._started = time.monotonic()
        self._total = _count_documents(self._paths)
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            columns = [TextColumn("{task.description:<32}"), BarColumn(),
                       MofNCompleteColumn() if self._total else TextColumn("{task.completed}"),
                       TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
            if self._total:
                from rich.progress import TimeRemainingColumn

                columns.append(TimeRemainingColumn())
            self._bar = Progress(*columns, console=Console(stderr=True))
            self._bar.start()
        self._begin("parsing articles", self._total)
        return self

    def _say(self, line: str) -> None:
        click.echo(f"kg: {line}", err=True)
        sys.stderr.flush()

    def _begin(self, name: str, total=None) -> None:
        if self._bar is None:
            of = f" ({total} to read)" if total else ""
            self._say(f"{name}{of} [{time.monotonic() - self._started:.0f} s]")
            return
        if self._task is not None:  # the stage before is done
            task = self._bar.tasks[-1]
            self._bar.update(self._task, total=task.total or task.completed or 1,
                             completed=task.total or task.completed or 1)
        self._task = self._bar.add_task(name, total=total, rate="")

    def __call__(self, result) -> None:
        """One article parsed."""
        self._parsed += 1
        if self._bar is not None:
            self._bar.advance(self._task)
            speed = self._bar.tasks[-1].speed
            if speed and self._parsed >= 5:  # the first few arrive in one batch: no rate yet
                self._bar.update(self._task, rate=f"{speed:.1f} articles/s")

    def stage(self, name: str) -> None:
        """A later stage (merging actors, the store, the exports, the view) starts."""
        if self._bar is None and self._task is None:
            self._task = "parsed"
            self._say(f"parsed {self._parsed} article{'s' * (self._parsed != 1)} "
                      f"[{time.monotonic() - self._started:.0f} s]")
        self._begin(name)

    def __exit__(self, kind, value, traceback):
        if self._bar is not None:
            if kind is None:
                self._begin("done")
            self._bar.stop()
        elif kind is None:
            self._say(f"done [{time.monotonic() - self._started:.0f} s]")
        return False


def _count_documents(paths) -> "int | None":
    """How many documents PATHS hold when that is cheap: one per plain file, one per line of JSONL.

    A directory is not walked and standard input not read: then there is no total.
    """
    from kg.documents.readers import JSON_SUFFIXES, JSONL_SUFFIXES

    count = 0
    for path in map(Path, paths):
        if str(path) == "-" or not path.is_file() or path.suffix.lower() in JSON_SUFFIXES:
            return None
        if path.suffix.lower() in JSONL_SUFFIXES:
            count += _count_lines(path)
        else:
            count += 1
    return count or None


def _count_lines(path: Path) -> int:
    """Non-blank lines of a JSONL file, read in 1 MB blocks (a gigabyte takes about a second)."""
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n") - block.count(b"\n\n")
            last = block[-1:]
    return lines + (last != b"\n")


def _print_summary(graph, files) -> None:
    from rich.console import Console
    from rich.table import Table

    # counted article by article (a large corpus's whole graph need not fit in memory), and
    # counted as kg stats, the page and the queries count: distinct statements, actors in one
    console = Console()
    counts = graph.counts()
    console.print(
        f"[bold]{counts['documents']}[/] documents, [bold]{counts['sentences']}[/] sentences, "
        f"[bold]{counts['statements']}[/] statements, [bold]{counts['actors']}[/] actors"
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

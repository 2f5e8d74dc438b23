"""``kg query``, ``kg export``, ``kg serve``, ``kg push``: the RDF side of the CLI."""
from __future__ import annotations

import csv
import datetime as _dt
import decimal
import json
import sys
from pathlib import Path

import click
from pyparsing import ParseBaseException

from kg.cli.common import UserError, graph_option, main, note

endpoint_option = click.option("--endpoint", metavar="URL",
                               help="Query a SPARQL endpoint instead of a local build (e.g. http://127.0.0.1:7878).")


def _use_build_base(path: Path) -> None:
    """Mint under the base IRI the build at ``path`` was made with (``DIR/build.json``): one build per command."""
    from kg.rdf.base import folder_base
    from kg.rdf.namespaces import set_base

    try:
        set_base(folder_base(path))
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _load(graph_dir: Path):
    from kg.lock import READ_WAIT
    from kg.rdf.store import StoreLockedError, load_graph

    _use_build_base(graph_dir)
    try:
        return load_graph(graph_dir, wait=READ_WAIT, on_note=note)
    except (ValueError, StoreLockedError) as exc:
        raise UserError(str(exc)) from None


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--param {pair!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _print_rows(rows: list[dict], fmt: str, title: str = "") -> None:
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        click.echo(json.dumps([{k: _json_value(v) for k, v in row.items()} for row in rows],
                              ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    else:
        _print_table(rows, columns, title)


#: Columns of running text: wrapped in a table, never cut.
_TEXT_COLUMNS = frozenset({"sentence", "title", "answers", "parameters"})


def _is_iri(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "urn:"))


def _print_table(rows: list[dict], columns: list[str], title: str = "") -> None:
    """Rows for people: IRI columns left to CSV/JSON, running text wrapped, other cells cut with '…';
    a table too wide for the terminal becomes one block of ``column  value`` lines per row."""
    from rich.console import Console
    from rich.table import Table

    hidden = [c for c in columns if len(columns) > 1 and any(_is_iri(r[c]) for r in rows)
              and all(_is_iri(r[c]) or r[c] is None for r in rows)]
    shown = [c for c in columns if c not in hidden]
    console = Console(markup=False)  # markup=False keeps article text such as "[bold]" literal
    widths = {c: max([len(c)] + [len(_cell(r[c])) for r in rows]) for c in shown}
    wanted = sum(min(w, 20 if c in _TEXT_COLUMNS else 28) + 3 for c, w in widths.items())
    if wanted <= console.width or len(shown) <= 3:
        table = Table(title=title or None, show_edge=False)
        for column in shown:
            if column in _TEXT_COLUMNS:
                table.add_column(column, overflow="fold", min_width=20, ratio=3)
            else:
                table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=28)
        for row in rows:
            table.add_row(*(_cell(row[c]) for c in shown))
        console.print(table)
    else:
        if title:
            console.print(title)
        for number, row in enumerate(rows, 1):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(overflow="fold")
            for column in shown:
                grid.add_row(column, _cell(row[column]))
            console.rule(f"{number}", style="dim")
            console.print(grid)
    note = f"; IRIs ({', '.join(hidden)}) with --format csv or json" if hidden else ""
    console.print(f"{len(rows)} row(s){note}")


def _describe_param(param) -> str:
    if param.default is not None:
        return f"{param.name} (default {param.default})"
    return f"{param.name} (e.g. {param.example})" if param.example else param.name


@main.command()
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@graph_option
@endpoint_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the query library with its parameters.")
def query(query, params, graph_dir, endpoint, fmt, list_queries):
    """Run QUERY (a .rq file, a library query name, or SPARQL text) on a build or an endpoint.

    Example: kg query actor_timeline --param actor="Vladimir Putin" --graph output/

    Long answers come a page at a time: --param limit=N --param offset=M.
    """
    from kg.rdf.queries import library, resolve_query, run_query

    if list_queries or not query:
        rows = [{"name": q.name, "answers": q.title,
                 "parameters": ", ".join(_describe_param(p) for p in q.params)}
                for q in library().values()]
        _print_rows(rows, fmt, "kg query library")
        return
    target = None
    try:
        resolved = resolve_query(query)
        target = endpoint if endpoint else _load(graph_dir)
        rows = run_query(target, resolved, **_params(params))
    except SyntaxError as exc:  # Oxigraph's SPARQL parser
        raise UserError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    except (ValueError, TypeError) as exc:
        raise UserError(str(exc).splitlines()[0]) from None
    except ParseBaseException as exc:  # rdflib's SPARQL parser
        raise UserError(f"SPARQL syntax error: {exc}") from None
    finally:
        if target is not None and not isinstance(target, str):
            target.close()  # the store, and the build folder, are free for a build again
    _print_rows(rows, fmt, resolved.title)


@main.command()
# the names of kg.rdf.terms.FORMATS, spelled out so that `kg --help` does not load the RDF libraries
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "json-ld"]),
              default="trig", show_default=True)
@graph_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (atomically); standard output by default.")
def export(fmt, graph_dir, output):
    """Export the graph of a build as Turtle, TriG, N-Quads, N-Triples or JSON-LD (sorted, stable).

    Example: kg export --format nquads --graph output/ -o graph.nq
    """
    from kg.rdf import export as export_file
    from kg.rdf import serialize

    dataset = _load(graph_dir)
    try:
        if output is None:
            click.echo(serialize(dataset, fmt), nl=False)
        else:
            export_file(dataset, output, fmt)
            click.echo(f"wrote {output}", err=True)
    finally:
        dataset.close()


@main.command()
@graph_option
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The Oxigraph store directory itself (the old way; --graph DIR serves DIR/store).")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (anything but 127.0.0.1/localhost exposes the endpoint to the network).")
@click.option("--writable", is_flag=True,
              help="Accept updates and Graph Store writes (a `kg push` target). Any program or web page on "
                   "this machine can then change or wipe the store.")
def serve(graph_dir, store_dir, port, host, writable):
    """Serve a build's store as a read-only SPARQL 1.1 endpoint (queries at /query, graphs at /store).

    Example: kg serve --graph output/ --port 7878
    """
    if store_dir is None:  # --graph is a build's output directory, as everywhere else
        store_dir = graph_dir / "store"
    _use_build_base(store_dir)
    from kg.rdf.server import is_loopback
    from kg.rdf.server import serve as run_server
    from kg.rdf.store import StoreLockedError

    def started(server) -> None:
        mode = "read-write" if writable else "read-only"
        click.echo(f"SPARQL endpoint ({mode}): {server.url}/query  (Ctrl-C to stop)", err=True)
        if writable:
            click.echo(f"kg: warning: --writable: any program or web page on this machine can change or delete "
                       f"the store through {server.url}/update and {server.url}/store; stop the server when done",
                       err=True)
        if not is_loopback(host):
            click.echo(f"kg: warning: --host {host}: the endpoint is open to other machines, with no "
                       "authentication", err=True)

    try:
        code = run_server(store_dir, port=port, host=host, writable=writable, started=started)
    except (ValueError, FileNotFoundError, RuntimeError, StoreLockedError) as exc:
        raise UserError(str(exc)) from None
    sys.exit(code)


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store endpoint: a bare Oxigraph URL or e.g. http://host:3030/ds/data for Fuseki.")
@graph_option
def push(endpoint, graph_dir):
    """Merge the graph of a build into a SPARQL 1.1 Graph Store (e.g. `kg serve --writable`).

    Articles replace the endpoint's versions of them, the others stay; actor descriptions
    and summary counts are merged. Example: kg push --endpoint http://127.0.0.1:7878 --graph output/
    """
    from kg.rdf.server import push as push_graphs

    dataset = _load(graph_dir)
    try:
        count = push_graphs(dataset, endpoint)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    finally:
        dataset.close()
    click.echo(f"pushed {count} graph(s) to {endpoint}", err=True)

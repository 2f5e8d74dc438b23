"""``kg remove``: take articles out of a build."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import UserError, main


@main.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The build to remove them from.")
@click.option("--store", default="store", show_default=True, help="Its Oxigraph store directory, as built.")
@click.option("--wait", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS",
              help="How long to wait for a build into --out to finish before giving up.")
def remove(ids, out, store, wait):
    """Remove the articles IDS from a build: records, store and files become a build without them.

    An id is the article's file name without suffix (its path under the folder given to
    `kg build`) or its JSON "id"; the parts of a long article (ID#2, ...) go with it.

    Example: kg remove 2019-03-brexit-vote --out output/
    """
    from kg.graph import remove as remove_articles

    try:
        gone = remove_articles(out, ids, store=store, wait=wait,
                               on_wait=lambda line: click.echo(f"kg: {line}", err=True))
    except KeyError as exc:
        raise UserError(exc.args[0]) from None
    click.echo(f"removed {len(gone)} article(s) from {out}: {', '.join(gone)}")

